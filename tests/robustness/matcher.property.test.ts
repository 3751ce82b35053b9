/**
 * The matcher's word scanner (a loop over code units with a table per code
 * unit) finds exactly the words that the RegExp `[\p{L}\p{M}\p{N}]+` with the
 * `u` flag finds: on random text of any Unicode, including astral letters,
 * emoji, marks, lone surrogates and CRLF. The oracle below is the scan as it
 * was written with that RegExp.
 *
 * Seeded and reproducible: `FUZZ_SEED=<seed>`, `FUZZ_RUNS=<n>` (see fuzz.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJoiningGap, labelWords, TermMatcher } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';
import { FUZZ_SCALE, FUZZ_SEED } from './fuzz';

/** Leftmost-longest hits as the RegExp-based scan found them (labels registered as the matcher does). */
function oracle(labels: string[], text: string, from: number, to: number): [number, number][] {
  const folder = wordFolder('en');
  const keys = new Set<string>();
  for (const l of labels) {
    const w = labelWords(l, folder);
    if (!w.length) continue;
    for (const form of folder.lastWordForms(w[w.length - 1])) keys.add([...w.slice(0, -1), form].join(' '));
  }
  const prefixes = new Set<string>();
  for (const k of keys) {
    const parts = k.split(' ');
    for (let i = 1; i <= parts.length; i++) prefixes.add(parts.slice(0, i).join(' '));
  }
  const WORD = /[\p{L}\p{M}\p{N}]+/gu;
  WORD.lastIndex = from;
  const words: { s: number; e: number; k: string }[] = [];
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    const e = Math.min(m.index + m[0].length, to);
    words.push({ s: m.index, e, k: folder.fold(text.slice(m.index, e)) });
  }
  const hits: [number, number][] = [];
  for (let i = 0; i < words.length; ) {
    let best = -1;
    let key = words[i].k;
    for (let j = i; j < words.length && prefixes.has(key); ) {
      if (keys.has(key)) best = j;
      if (j + 1 >= words.length || !isJoiningGap(text, words[j].e, words[j + 1].s)) break;
      j++;
      key += ' ' + words[j].k;
    }
    if (best >= 0) {
      hits.push([words[i].s, words[best].e]);
      i = best + 1;
    } else i++;
  }
  return hits;
}

const PIECES = ['single window', 'digital customs', 'e-customs', 'windows', 'Customs', 'таможня', 'éa', 'e\u0301', '𝐀𝐁', '😀', '\uD835', '\uDC00', '\u00A0', '\r\n', '\n\n', ' ', '-', '\u2011', '.', '/', '٣', 'x'];

describe('word scanning', () => {
  it('finds the same hits as the RegExp-based scan on any text', () => {
    const labels = ['single window', 'digital customs', 'e-customs', 'customs', 'таможня', '𝐀𝐁', 'éa', 'e\u0301'];
    const matcher = new TermMatcher<string>(wordFolder('en'));
    for (const l of labels) matcher.add(l, l);
    const text = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        let from = t.length ? a % (t.length + 1) : 0;
        // Regions never start inside a surrogate pair (a /u RegExp would step back to the pair's start there).
        if (from > 0 && /[\uD800-\uDBFF]/.test(t[from - 1] ?? '') && /[\uDC00-\uDFFF]/.test(t[from] ?? '')) from++;
        const to = from + (t.length - from ? b % (t.length - from + 1) : 0);
        const got = matcher.scan(t, from, to).map((h) => [h.start, h.end]);
        expect(got).toEqual(oracle(labels, t, from, to));
      }),
      { seed: FUZZ_SEED, numRuns: 2000 * FUZZ_SCALE },
    );
  });
});

/** Every label's keys (its words, the last in each of its forms), with the values registered for each key, once each, in the order they were added. */
function valuesByKey(added: [string, number][]): Map<string, number[]> {
  const folder = wordFolder('en');
  const out = new Map<string, number[]>();
  for (const [label, value] of added) {
    const w = labelWords(label, folder);
    if (!w.length) continue;
    for (const form of folder.lastWordForms(w[w.length - 1])) {
      const k = [...w.slice(0, -1), form].join(' ');
      const list = out.get(k) ?? [];
      if (!list.includes(value)) list.push(value);
      out.set(k, list);
    }
  }
  return out;
}

describe('labels added between scans', () => {
  // A label of two words or more waits below its first word until a scan or a lookup reaches that word
  // (`TrieNode.pending`): adding labels after scans must give what adding them all first gives.
  it('a scan or a lookup sees every label added before it, with its values in the order they were added', () => {
    // Few words, so that labels repeat and share keys (their values must keep the order they were added in).
    const WORDS = ['single', 'window', 'customs', 'e-customs'];
    const label = fc.array(fc.constantFrom(...WORDS, 'windows'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.record({ add: label, value: fc.nat(5) }) },
      { weight: 1, arbitrary: fc.record({ scan: fc.array(fc.constantFrom(...WORDS, 'windows', 'border', 'and', '.'), { maxLength: 12 }).map((w) => w.join(' ')) }) },
      { weight: 1, arbitrary: fc.record({ lookup: label }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const matcher = new TermMatcher<number>(wordFolder('en'));
        const added: [string, number][] = [];
        for (const o of ops) {
          if ('add' in o) {
            matcher.add(o.add, o.value);
            added.push([o.add, o.value]);
            continue;
          }
          const byKey = valuesByKey(added);
          if ('lookup' in o) {
            expect(matcher.lookup(o.lookup)).toEqual(byKey.get(labelWords(o.lookup).join(' ')));
            continue;
          }
          const text = o.scan;
          const expected = oracle(added.map(([l]) => l), text, 0, text.length).map(([s, e]) => ({ start: s, end: e, values: byKey.get(labelWords(text.slice(s, e)).join(' ')) }));
          expect(matcher.scan(text).map((h) => ({ start: h.start, end: h.end, values: [...h.values] }))).toEqual(expected);
        }
        expect(matcher.labelCount).toBe(added.length);
      }),
      { seed: FUZZ_SEED, numRuns: 1000 * FUZZ_SCALE },
    );
  });
});
