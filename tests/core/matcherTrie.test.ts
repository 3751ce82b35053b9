/**
 * The trie of a matcher keeps the children of its root by word and every other edge in one table keyed by
 * (node, word), grown as labels are hung below their first word (terms/matcher.ts). These tests fill that table
 * past several growths, in a matcher with few first words (the root's children looked up one by one) and in one
 * with many (looked up in an array), and expand labels after a scan has already made part of the trie (labels wait
 * one word at a time, at the deepest node a scan has reached).
 */
import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';

const found = (m: TermMatcher<string>, text: string) => m.scan(text).map((h) => `${text.slice(h.start, h.end)}=${h.values.join('+')}`);

describe('the table of edges of a matcher', () => {
  it('finds each of 2,000 labels of three words below one first word, and no path that is not a label', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    for (let k = 0; k < 2000; k++) m.add(`customs m${k % 50} r${k}`, `L${k}`);
    // Hung below `customs` at the first scan: 50 middle nodes, 2,000 last words (and their plurals).
    expect(found(m, 'customs m7 r7 and customs m7 r1957')).toEqual(['customs m7 r7=L7', 'customs m7 r1957=L1957']);
    // `r8` is below `m8`, not below `m7`; `m49 r1999` is a label, `m49 r1998` is not.
    expect(found(m, 'customs m7 r8, customs m49 r1999, customs m49 r1998.')).toEqual(['customs m49 r1999=L1999']);
    expect(m.lookup('Customs M12 R62')).toEqual(['L62']);
    expect(m.lookup('customs m12 r63')).toBeUndefined();
  });

  it('hangs labels added after a scan below a first word already expanded, beside those made before', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    m.add('single window', 'sw');
    expect(found(m, 'a single window')).toEqual(['single window=sw']);
    for (let k = 0; k < 500; k++) m.add(`single window p${k}`, `P${k}`);
    m.add('single window', 'sw2');
    expect(found(m, 'the single window p499 and the single window p0 and the single window.')).toEqual([
      'single window p499=P499',
      'single window p0=P0',
      'single window=sw+sw2',
    ]);
  });

  it('keeps the order labels were added in when they wait at different depths', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    m.add('advance cargo data', 'A');
    m.add('advance cargo', 'B');
    expect(found(m, 'advance cargo')).toEqual(['advance cargo=B']);
    // Added after a scan hung `A` below `cargo`: `C` and `D` wait at `advance`, then at `cargo`, then at `data`.
    m.add('advance cargo data', 'C');
    m.add('advance cargo data exchange', 'D');
    expect(found(m, 'advance cargo data exchange; advance cargo data')).toEqual(['advance cargo data exchange=D', 'advance cargo data=A+C']);
    expect(m.lookup('advance cargo data')).toEqual(['A', 'C']);
  });

  it('gives a node its values once, whichever path made it first', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    for (let k = 0; k < 100; k++) m.add(`f${k} data lake`, `D${k}`);
    m.add('f3 data lake', 'D3');
    m.add('f3 data lakes', 'D3b');
    expect(found(m, 'f3 data lakes, f99 Data-Lake')).toEqual(['f3 data lakes=D3+D3b', 'f99 Data-Lake=D99']);
  });
});
