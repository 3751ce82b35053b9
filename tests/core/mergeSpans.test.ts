/**
 * `mergeSpans` (analysis.ts) makes the skip list of a chunk's scans from its exclusions, citations, explicit uses
 * and instrument mentions: sorted spans that neither overlap nor touch, as concatenating, sorting and merging them gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSpans } from '../../server/src/core/analysis';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

type Span = [number, number];

function byConcatAndSort(lists: Span[][]): Span[] {
  const all = lists.flat().sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

const span = fc.tuple(fc.nat(60), fc.nat(8)).map(([s, n]): Span => [s, s + n]);
/** Sorted lists mostly (as the chunk's lists are), now and then one out of order. */
const list = fc.oneof(fc.array(span, { maxLength: 8 }).map((l) => l.sort((a, b) => a[0] - b[0])), fc.array(span, { maxLength: 8 }));

describe('mergeSpans', () => {
  it('gives what concatenating, sorting and merging gives, and changes none of its lists', () => {
    fc.assert(
      fc.property(fc.array(list, { maxLength: 4 }), (lists) => {
        const before = JSON.stringify(lists);
        expect(mergeSpans(...lists)).toEqual(byConcatAndSort(lists));
        expect(JSON.stringify(lists)).toBe(before);
      }),
      { seed: FUZZ_SEED, numRuns: 3000 * FUZZ_SCALE },
    );
  });

  it('hands back a lone list that is already merged, and makes a new one otherwise', () => {
    const merged: Span[] = [[0, 2], [4, 6]];
    expect(mergeSpans(merged, [], [])).toBe(merged);
    const touching: Span[] = [[0, 2], [2, 6]];
    expect(mergeSpans(touching)).toEqual([[0, 6]]);
    expect(touching).toEqual([[0, 2], [2, 6]]);
    expect(mergeSpans([], [])).toEqual([]);
  });
});
