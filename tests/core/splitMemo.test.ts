/**
 * The words of a text's ranges are split once per folder and text, and given again to every scan of the same range
 * (`splitWords` in `terms/matcher.ts`). A chunk with many prose regions (a table of thousands of rows) asks for them
 * in order, then again in order; other callers ask in any order. Whatever the order, each range must get its own
 * split: here every answer is compared with the split made for that range alone.
 */
import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';

const folder = wordFolder('en');
const m = new TermMatcher<number>(folder);
['single window', 'digital customs', 'risk management', 'customs', 'window'].forEach((l, i) => m.add(l, i));

const rows = Array.from({ length: 60 }, (_, i) => `| single window ${i} | digital customs | risk ${i % 7 ? 'management' : 'customs'} |`);
const text = rows.join('\n');
/** One range per cell, as a table's regions. */
const ranges: [number, number][] = [];
for (let at = 0; at < text.length; ) {
  const bar = text.indexOf('|', at + 1);
  if (bar < 0) break;
  if (bar - at > 2) ranges.push([at + 1, bar]);
  at = bar;
}

/** The words of one range, split with nothing kept from before (another text was split just before it). */
function alone(from: number, to: number) {
  m.words('another text', 0, 5);
  return m.words(text, from, to);
}

describe('word splits kept per text and range', () => {
  it('gives each range its own split, asked in order twice, backwards, or at random with repeats', () => {
    expect(ranges.length).toBeGreaterThan(100);
    const expected = ranges.map(([a, b]) => alone(a, b));
    let seed = 7;
    // A fixed sequence (xorshift): the same orders on every run.
    const random = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 2 ** 32);
    const orders = [
      [...ranges.keys(), ...ranges.keys()],
      [...ranges.keys()].reverse(),
      Array.from({ length: 400 }, () => Math.floor(random() * ranges.length)),
    ];
    for (const order of orders) {
      m.words('reset', 0, 5);
      for (const k of order) {
        const [a, b] = ranges[k];
        const got = m.words(text, a, b);
        expect({ starts: got.starts, ends: got.ends, ids: got.ids }, `range ${k}`).toEqual({ starts: expected[k].starts, ends: expected[k].ends, ids: expected[k].ids });
      }
    }
  });

  it('splits again a range asked with another end, and after a label adds words to the vocabulary', () => {
    const [a, b] = ranges.find(([x, y]) => text.slice(x, y).includes('digital customs'))!;
    const whole = m.words(text, a, b);
    // Cut inside "customs": the part before the end is its key, a word of no label.
    const shorter = m.words(text, a, text.indexOf('customs', a) + 3);
    expect(whole.ids.length).toBe(2);
    expect(shorter.ids).toEqual(whole.ids.slice(0, 1));
    // The range after the last one given starts where the next one asked does, but ends elsewhere.
    const k = ranges.findIndex(([x, y]) => text.slice(x, y).includes('digital customs'));
    const [c, d] = ranges[k + 1];
    m.words('reset', 0, 5);
    m.words(text, a, b);
    const next = m.words(text, c, d);
    m.words(text, a, b);
    const cut = m.words(text, c, c + 1);
    expect(next.ids.length).toBeGreaterThan(0);
    expect(cut.ids).toEqual([]);
    const n = new TermMatcher<number>(folder);
    n.add('management risk', 1);
    const again = m.words(text, a, b);
    expect(again.ids).toEqual(alone(a, b).ids);
  });
});
