/**
 * The term matcher (terms/matcher.ts) on its own: what may stand between the
 * words of one term, what a label registers, whole-label lookup, and scanning
 * with skipped ranges. The scanner's word splitting is compared with a RegExp
 * on random text in tests/robustness/matcher.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isJoiningGap, labelKey, labelWords, TermMatcher, wordKeys } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';

const gap = (between: string) => isJoiningGap(`a${between}b`, 1, 1 + between.length);

describe('what joins two words of a term', () => {
  it('one slash, dot or apostrophe with no space around it', () => {
    for (const c of ['/', '.', "'", '’']) expect(gap(c), c).toBe(true);
    for (const c of [',', ':', ';', '"', '+', '_', '(']) expect(gap(c), c).toBe(false);
    for (const c of ['//', '..', ' /', '/ ', ". ", " '", '’’']) expect(gap(c), JSON.stringify(c)).toBe(false);
  });

  it('any run of spaces and hyphens, with at most one line break', () => {
    for (const c of [' ', '\t', '\n', '\r\n', '\u00a0', '\u202f', '\u2007', '\u2009', '\u200a', '\u3000', '  \t ', ' \n ']) expect(gap(c), JSON.stringify(c)).toBe(true);
    for (const c of ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\u00ad', ' - ', '--', '\u2011\n']) expect(gap(c), JSON.stringify(c)).toBe(true);
  });

  it('not a blank line, nor another space-like or dash-like character', () => {
    for (const c of ['\n\n', '\r\n\r\n', ' \n \n', '-\n\n']) expect(gap(c), JSON.stringify(c)).toBe(false);
    for (const c of ['\u200b', '\u2008', '\u2006', '\u200f', '\u2015', '\u2213', '\u00ac', '\u000b', '\u001f', '!']) expect(gap(c), JSON.stringify(c)).toBe(false);
  });

  it('nothing at all does not join (two words are never adjacent)', () => {
    expect(isJoiningGap('ab', 1, 1)).toBe(false);
  });
});

describe('labels', () => {
  it('a label is its words, folded; its key joins them with single spaces', () => {
    expect(labelWords('Single  Window')).toEqual(['single', 'window']);
    expect(labelWords('e‑Customs / API')).toEqual(['e', 'customs', 'api']);
    expect(labelWords('Таможни', wordFolder('ru'))).toEqual(['таможн']);
    expect(labelKey('  Объём\nТаможенных-платежей ')).toBe('объем таможенных платежей');
    expect(labelKey('«»')).toBe('');
  });

  it('a label without a word registers nothing', () => {
    const m = new TermMatcher<string>();
    m.add('', 'x');
    m.add(' — ', 'y');
    expect(m.labelCount).toBe(0);
    expect(m.scan('— x y')).toEqual([]);
    expect(m.lookup('')).toBeUndefined();
  });

  it('counts the labels added, and keeps each value once per label', () => {
    const m = new TermMatcher<string>();
    m.add('single window', 'a');
    m.add('Single Window', 'a');
    m.add('single windows', 'b');
    expect(m.labelCount).toBe(3);
    expect(m.lookup('single window')).toEqual(['a']);
    expect(m.lookup('single windows')).toEqual(['a', 'b']);
  });

  it('keeps each value once even when a label is registered for many values', () => {
    const m = new TermMatcher<number>();
    for (let round = 0; round < 3; round++) for (let v = 0; v < 40; v++) m.add('data lake', v);
    expect(m.lookup('data lake')).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(m.labelCount).toBe(120);
  });

  it('looks up whole labels only', () => {
    const m = new TermMatcher<string>();
    m.add('single window', 'sw');
    expect(m.lookup('Single Windows')).toEqual(['sw']);
    expect(m.lookup('single')).toBeUndefined();
    expect(m.lookup('single window environment')).toBeUndefined();
    expect(m.lookup('window')).toBeUndefined();
    expect(m.lookup('«»')).toBeUndefined();
  });

  it('answers a label asked again the same way, and again after labels are added (`lookupKept`)', () => {
    const m = new TermMatcher<string>();
    m.add('single window', 'sw');
    const kept = (label: string) => m.lookupKept(label).values;
    expect(kept('single window')).toEqual(['sw']);
    expect(kept('single window')).toEqual(['sw']);
    expect(m.lookupKept('Single Windows').words).toEqual(['single', 'windows']);
    expect(kept('single')).toBeUndefined();
    expect(kept('single')).toBeUndefined();
    // A label added after the answers: the answers change with it.
    m.add('single', 's');
    m.add('single window', 'sw2');
    expect(kept('single')).toEqual(['s']);
    expect(kept('single window')).toEqual(['sw', 'sw2']);
    // More labels asked than the answers kept: every answer is still right.
    for (let i = 0; i < 5000; i++) expect(kept(`single window ${i}`)).toBeUndefined();
    expect(kept('Single Window')).toEqual(['sw', 'sw2']);
    expect(m.lookupWords(['single', 'window'])).toEqual(['sw', 'sw2']);
  });
});

describe('scanning', () => {
  const matcher = () => {
    const m = new TermMatcher<string>();
    for (const l of ['customs', 'digital customs', 'single window', 'single window environment']) m.add(l, l);
    return m;
  };
  const hits = (m: TermMatcher<string>, text: string, from?: number, to?: number, skip?: [number, number][]) =>
    m.scan(text, from, to, skip).map((h) => `${text.slice(h.start, h.end)}=${h.values.join('|')}`);

  it('an empty matcher finds nothing', () => {
    expect(new TermMatcher<string>().scan('customs')).toEqual([]);
  });

  it('takes the longest label at each place, then goes on after it', () => {
    expect(hits(matcher(), 'Digital customs and customs; the single window environment, a single window.')).toEqual([
      'Digital customs=digital customs',
      'customs=customs',
      'single window environment=single window environment',
      'single window=single window',
    ]);
  });

  it('falls back to the shorter label when the longer one breaks off', () => {
    expect(hits(matcher(), 'single window env')).toEqual(['single window=single window']);
    expect(hits(matcher(), 'digital. Customs')).toEqual(['Customs=customs']);
  });

  it('upper-case and accented words are folded like labels', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    m.add('café', 'c');
    expect(hits(m, 'CAFÉ café Café')).toEqual(['CAFÉ=c', 'café=c', 'Café=c']);
    expect(hits(matcher(), 'SINGLE WINDOWS')).toEqual(['SINGLE WINDOWS=single window']);
  });

  it('a lower-case ASCII word is its own key in English only: French and Russian fold it too', () => {
    const fr = new TermMatcher<string>(wordFolder('fr'));
    fr.add('administration', 'a');
    expect(hits(fr, 'les administrations et l’administration')).toEqual(['administrations=a', 'administration=a']);
    const ru = new TermMatcher<string>(wordFolder('ru'));
    ru.add('single window', 'sw');
    expect(hits(ru, 'the single windows')).toEqual(['single windows=sw']);
  });

  it('only inside the range asked for; a word cut by its end is cut there', () => {
    const text = 'customs single windows customs';
    expect(hits(matcher(), text, 8, 22)).toEqual(['single windows=single window']);
    expect(hits(matcher(), text, 8, 21)).toEqual(['single window=single window']);
    expect(hits(matcher(), text, 9)).toEqual(['customs=customs']);
  });

  it('a skipped range hides its words and breaks a label across it', () => {
    const text = 'customs `x` single window customs digital customs';
    const skip: [number, number][] = [[0, 7], [8, 11], [15, 19], [41, 41]];
    // «customs» at 0 is skipped; «single» touches the range 15-19 and is not a word any more.
    expect(hits(matcher(), text, 0, text.length, skip)).toEqual(['customs=customs', 'digital customs=digital customs']);
    // Ranges that end before `from` are passed over.
    expect(hits(matcher(), text, 26, text.length, skip)).toEqual(['customs=customs', 'digital customs=digital customs']);
    expect(hits(matcher(), text, 34, text.length, [[0, 7], [8, 11], [34, 41]])).toEqual(['customs=customs']);
  });

  it('a word left out of the words, as in no label, still parts the words around it', () => {
    const m = new TermMatcher<string>();
    m.add('single window', 'sw');
    m.add('window', 'w');
    const text = 'single qqq window, single-qqq-window, single/qqq/window, single window';
    expect(wordKeys(m.words(text))).toEqual(['single', 'window', 'single', 'window', 'single', 'window', 'single', 'window']);
    expect(m.scan(text).map((h) => text.slice(h.start, h.end) + '=' + h.values.join())).toEqual(['window=w', 'window=w', 'window=w', 'single window=sw']);
  });

  it('the words of a scan can serve another matcher with the same folder', () => {
    const a = matcher();
    const b = new TermMatcher<string>(a.folder);
    b.add('window', 'w');
    const text = 'The single window.';
    const words = a.words(text);
    expect(words.folder).toBe(a.folder);
    // A word in no label of the folder is left out: it can be part of no match.
    expect(wordKeys(words)).toEqual(['single', 'window']);
    expect(words.starts).toEqual([4, 11]);
    expect(b.scanWords(text, words).map((h) => [h.start, h.end])).toEqual([[11, 17]]);
    expect(new TermMatcher<string>().scanWords(text, words)).toEqual([]);
  });
});
