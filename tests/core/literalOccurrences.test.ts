/**
 * `literalOccurrences` (terms/matcher.ts) finds, in one pass, what a loop of
 * `indexOf(literal, previous + literal.length)` finds for each literal: the
 * instrument names with punctuation are looked for this way in every chunk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalOccurrences } from '../../server/src/core/terms/matcher';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

function byIndexOf(text: string, label: string): number[] {
  const out: number[] = [];
  if (!label) return out;
  for (let i = text.indexOf(label); i >= 0; i = text.indexOf(label, i + label.length)) out.push(i);
  return out;
}

const piece = fc.constantFrom('a', 'b', 'ab', 'aba', 'abab', 'aaaa', 'A', 'AB', ' ', '(', ')', ':', 'é', '😀', '\ud800', 'wco e-customs strategy (2007)', 'digital customs: progressive engagement', 'Digital Customs: Progressive Engagement');
/** A fold that keeps the length (as the caller's lower-casing does). */
const lowerAscii = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());

describe('literalOccurrences', () => {
  it('finds what an indexOf loop finds, for every literal', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.uniqueArray(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { maxLength: 6 }), (parts, labels) => {
        const text = parts.join('');
        const literals = labels.map((label) => ({ label }));
        expect(literalOccurrences(text, literals)).toEqual(labels.map((l) => byIndexOf(text, l)));
        // The same list again (its first-characters table is kept): the same answer.
        expect(literalOccurrences(text, literals)).toEqual(labels.map((l) => byIndexOf(text, l)));
        // Found in the folded text; a text without a literal's punctuation is not folded at all.
        expect(literalOccurrences(text, literals, lowerAscii)).toEqual(labels.map((l) => byIndexOf(lowerAscii(text), l)));
      }),
      { seed: FUZZ_SEED, numRuns: 2000 * FUZZ_SCALE },
    );
  });

  it('does not fold a text that lacks the punctuation of every literal', () => {
    let folded = 0;
    const fold = (t: string) => (folded++, t.toLowerCase());
    const literals = [{ label: 'wco e-customs strategy (2007)' }, { label: 'digital customs: progressive engagement' }];
    expect(literalOccurrences('The WCO E-Customs Strategy of 2007, and Digital Customs - Progressive Engagement.', literals, fold)).toEqual([[], []]);
    expect(folded).toBe(0);
    expect(literalOccurrences('See the WCO E-Customs Strategy (2007): Digital Customs: Progressive Engagement', literals, fold)).toEqual([[8], [39]]);
    expect(folded).toBe(1);
  });

  it('gives every text without a literal one shared, frozen answer, and a text with one an answer of its own', () => {
    const literals = [{ label: 'wco e-customs strategy (2007)' }, { label: 'digital customs: progressive engagement' }];
    const none = literalOccurrences('Plain prose, with commas: and colons (and brackets).', literals);
    expect(none).toEqual([[], []]);
    expect(literalOccurrences('Other prose (no names).', literals)).toBe(none);
    expect(Object.isFrozen(none)).toBe(true);
    const found = literalOccurrences('See Digital Customs: Progressive Engagement', literals, (t) => t.toLowerCase());
    expect(found).toEqual([[], [4]]);
    expect(found).not.toBe(none);
    expect(none).toEqual([[], []]);
  });

  it('finds overlapping occurrences of one literal left to right without overlap', () => {
    expect(literalOccurrences('aaaaa', [{ label: 'aa' }, { label: 'aaa' }])).toEqual([[0, 2], [0]]);
    expect(literalOccurrences('aaaaaaaaa', [{ label: 'aaaa' }, { label: 'aaaaa' }])).toEqual([[0, 4], [0]]);
  });
});
