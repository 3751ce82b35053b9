/**
 * The lookups a chunk's instrument names make among its spans (analysis.ts): whether an explicit use lies in a mention
 * (`mentionHolding`), whether a name has a citation beside it (`citedNextTo`), whether a span overlaps or holds another
 * (`overlaps`, `holds`). They halve lists that are in order and apart instead of looking at each span (quadratic in a
 * paragraph of thousands); on any list, in order or not, they must answer as looking at each span does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citedNextTo, holds, mentionHolding, overlaps } from '../../server/src/core/analysis';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

type Span = [number, number];

const span = fc.tuple(fc.nat(80), fc.nat(10)).map(([s, n]): Span => [s, s + n]);
/** Spans apart and in order (as a chunk's are), or any. */
const apartSpans = fc.array(fc.tuple(fc.nat(6), fc.nat(8)), { maxLength: 12 }).map((gaps) => {
  const out: Span[] = [];
  let at = 0;
  for (const [gap, n] of gaps) {
    out.push([at + gap, at + gap + n]);
    at += gap + n;
  }
  return out;
});
const spans = fc.oneof(apartSpans, apartSpans, fc.array(span, { maxLength: 12 }), fc.array(span, { maxLength: 12 }).map((l) => l.sort((a, b) => a[0] - b[0])));
const query = fc.tuple(fc.nat(90), fc.nat(12)).map(([s, n]): Span => [s, s + n]);
const params = { seed: FUZZ_SEED, numRuns: 400 * FUZZ_SCALE };
const isApart = (l: Span[]) => l.every((x, k) => k === 0 || x[0] >= l[k - 1][1]);

describe('lookups among a chunk’s spans', () => {
  it('mentionHolding: a use in a mention, give or take one unit, as checking every mention says', () => {
    fc.assert(
      fc.property(spans, fc.array(query, { maxLength: 8 }), (list, queries) => {
        const inMention = mentionHolding(list);
        for (const [s, e] of queries) expect(inMention(s, e)).toBe(list.some(([ms, me]) => s >= ms - 1 && e <= me + 1));
      }),
      params,
    );
  });

  it('overlaps and holds: as checking every span says, on spans apart and in order', () => {
    fc.assert(
      fc.property(apartSpans, fc.array(query, { maxLength: 8 }), (list, queries) => {
        for (const [s, e] of queries) {
          expect(overlaps(list, s, e)).toBe(list.some(([a, b]) => a < e && s < b));
          if (e > s) expect(holds(list, s, e)).toBe(list.some(([a, b]) => s >= a && e <= b));
        }
      }),
      params,
    );
  });

  it('citedNextTo: a citation beside a name, as checking every citation says, whatever the gap holds', () => {
    const gapText = fc.array(fc.constantFrom(' ', '(', ')', ',', '[', ']', 'x', '«', '»', '\u00a0', '-'), { minLength: 0, maxLength: 14 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(gapText, fc.integer({ min: 2, max: 6 })), { maxLength: 10 }), fc.array(query, { maxLength: 8 }), (parts, queries) => {
        // A text of gaps and citations (`@aaa`), the citations where they are.
        let text = '';
        const citations: { id: string; start: number; end: number }[] = [];
        for (const [gap, n] of parts) {
          text += gap;
          citations.push({ id: 'a'.repeat(n - 1), start: text.length, end: text.length + n });
          text += '@' + 'a'.repeat(n - 1);
        }
        text += ' tail of the text';
        const shuffled = [...citations].reverse();
        for (const [s, raw] of queries) {
          const e = Math.min(raw, text.length);
          const start = Math.min(s, e);
          const every = (list: typeof citations) =>
            list.some(
              (c) =>
                (c.start >= e && c.start - e <= 12 && /^[»"”’]?[\s\u00a0]*[([,;:\u2013\u2014-]?[\s\u00a0]*\[?[\s\u00a0]*$/.test(text.slice(e, c.start))) ||
                (c.end <= start && start - c.end <= 12 && /^[\s\u00a0]*[\])]?[\s\u00a0]*[(,\u2013\u2014-]?[\s\u00a0]*[«"“]?$/.test(text.slice(c.end, start))),
            );
          expect(citedNextTo(text, start, e, citations)).toBe(every(citations));
          // Out of order: each citation is looked at.
          expect(citedNextTo(text, start, e, shuffled)).toBe(every(shuffled));
        }
      }),
      params,
    );
  });

  it('the generated lists hold both kinds', () => {
    const sample = fc.sample(spans, { seed: FUZZ_SEED, numRuns: 200 });
    expect(sample.some((l) => l.length > 3 && isApart(l))).toBe(true);
    expect(sample.some((l) => !isApart(l))).toBe(true);
  });
});
