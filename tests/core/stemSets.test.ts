/**
 * `similarity` and `isSubset` compare the stem lists of headings and section labels by merging them (they are sorted
 * and unique, as `headingStems` gives them) instead of building a set per call: the answers must be those of sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStemmers, headingStems, isSubset, similarity } from '../../server/src/core/model/headingMatch';

const bySets = {
  similarity(a: string[], b: string[]): number {
    if (!a.length || !b.length) return 0;
    const common = a.filter((x) => new Set(b).has(x)).length;
    return common / new Set([...a, ...b]).size;
  },
  isSubset: (a: string[], b: string[]) => a.length > 0 && a.length < b.length && a.every((x) => b.includes(x)),
};

// Stems as `headingStems` returns them: sorted, unique; Latin, accented and Cyrillic, some shared between the lists.
const stems = fc.uniqueArray(fc.constantFrom('compet', 'indic', 'kpi', 'méthod', 'évalu', 'компетенц', 'показател', 'zz', 'a', 'ä', 'я', 'defin', 'term'), { maxLength: 8 }).map((l) => [...l].sort());

describe('stem list comparison', () => {
  it('gives the Jaccard index and the strict-subset answer that sets give', () => {
    fc.assert(
      fc.property(stems, stems, (a, b) => {
        expect(similarity(a, b)).toBe(bySets.similarity(a, b));
        expect(isSubset(a, b)).toBe(bySets.isSubset(a, b));
        expect(isSubset(a, [...new Set([...a, ...b])].sort())).toBe(bySets.isSubset(a, [...new Set([...a, ...b])]));
      }),
      { numRuns: 500 },
    );
  });

  it('compares the stems of real headings in three languages', () => {
    const st = createStemmers();
    const of = (text: string) => headingStems(text, st, 'en');
    expect(similarity(of('Indicators and KPI evaluation methods'), of('KPI and indicators'))).toBe(2 / 4);
    expect(isSubset(of('Indicators'), of('Indicators and KPI evaluation methods'))).toBe(true);
    expect(isSubset(of('Indicators and KPI evaluation methods'), of('Indicators'))).toBe(false);
    expect(similarity(of('Компетенции таможенных органов'), of('Компетенции органов'))).toBe(1);
    expect(similarity(headingStems('Méthodes d’évaluation', st, 'fr'), headingStems('Évaluation', st, 'fr'))).toBe(1 / 2);
  });
});
