/**
 * `circularProblems` asks `mayHoldLabel` before it builds a matcher of an entry's labels: a definition holding none
 * of their first words (any form of a one-word label) gets no matcher and no scan. The filter must never hide a use
 * the matcher would find: here every entry is also scanned by a matcher built as before, on definitions that hold a
 * label as written, in another letter case, as a plural, with other hyphens or spacing, cut short, or not at all.
 */
import { describe, expect, it } from 'vitest';
import { circularProblems } from '../../server/src/core/features/diagnostics';
import { mayHoldLabel, TermMatcher } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';
import type { TermEntry } from '../../server/src/core/terms/termBase';
import { entryLabels } from '../../server/src/core/terms/termBase';

function entry(term: string, variants: string[], deprecated: string[], definition: string): { e: TermEntry; text: string } {
  const text = `- term: ${term}\n  definition: ${definition}\n`;
  const s = text.indexOf(definition);
  const e = { term, definition, variants, deprecated, related: [], broader: [], narrower: [], translations: {}, translationLabels: {}, definitionRange: [s, s + definition.length] } as unknown as TermEntry;
  return { e, text };
}

/** The spans a matcher of the entry's labels finds in its definition, built every time (what `circularProblems` did). */
function matcherSpans(e: TermEntry, text: string): [number, number][] {
  const m = new TermMatcher<true>();
  for (const l of entryLabels(e)) if (l.kind !== 'deprecated') m.add(l.label, true);
  const [s, en] = e.definitionRange!;
  return m.scan(text, s, en).map((h) => [h.start, h.end]);
}

const LABELS: [string, string[], string[]][] = [
  ['customs procedure', ['procedure of customs'], ['customs regime']],
  ['declaration', ['goods declaration'], []],
  ['e-customs', ['electronic customs', 'e‑Customs'], ['paperless customs']],
  ['single window', ['SW'], []],
  ['analysis', [], []],
  ['policy', ['customs policy'], []],
  ['таможенная процедура', ['процедура'], []],
  ['AEO', ['authorised economic operator'], []],
];

const PHRASES = (label: string): string[] => {
  const words = label.split(' ');
  return [
    label,
    label.toUpperCase(),
    label[0].toUpperCase() + label.slice(1),
    `${label}s`,
    label.replace(/y$/, 'ies').replace(/is$/, 'es'),
    label.replace(/-/g, ' '),
    label.replace(/ /g, '-'),
    label.replace(/ /g, '\u00a0'),
    words[0],
    words.slice(1).join(' ') || 'nothing',
    `${words[0]}x`,
    'none of it',
  ];
};

describe('circular definitions found without a matcher for most entries', () => {
  it('finds what a matcher built for every entry finds, and nothing else', () => {
    let found = 0;
    let filtered = 0;
    for (const [term, variants, deprecated] of LABELS) {
      for (const label of [term, ...variants, ...deprecated]) {
        for (const phrase of PHRASES(label)) {
          for (const definition of [`A ${phrase} of the trade.`, `${phrase}`, `The rules (${phrase}), and more.`]) {
            const { e, text } = entry(term, variants, deprecated, definition);
            const expected = matcherSpans(e, text);
            const got = circularProblems(e, text).map((p) => [p.start, p.end]);
            expect(got, `${term} / ${definition}`).toEqual(expected);
            found += expected.length;
            const labels = entryLabels(e).filter((l) => l.kind !== 'deprecated').map((l) => l.label);
            if (!mayHoldLabel(labels, text, e.definitionRange![0], e.definitionRange![1])) filtered++;
          }
        }
      }
    }
    // Both kinds are there: definitions that use their term, and definitions the filter answers alone.
    expect(found).toBeGreaterThan(100);
    expect(filtered).toBeGreaterThan(50);
  });

  it('answers no only when no first word of a label, nor a form of a one-word label, is in the range', () => {
    const text = 'Goods declarations lodged by the declarant; customs rules.';
    expect(mayHoldLabel(['declaration'], text, 0, text.length)).toBe(true);
    expect(mayHoldLabel(['declaration'], text, 19, text.length)).toBe(false);
    expect(mayHoldLabel(['customs procedure'], text, 0, text.length)).toBe(true);
    expect(mayHoldLabel(['procedure of customs'], text, 0, text.length)).toBe(false);
    expect(mayHoldLabel([], text, 0, text.length)).toBe(false);
    expect(mayHoldLabel(['…'], text, 0, text.length)).toBe(false);
    // A word the vocabulary did not have before the call (the text's split must be made after it gets an id).
    const rare = 'zyxwvutsrq';
    expect(mayHoldLabel([rare], `a ${rare} here`, 0, 14)).toBe(true);
    expect(mayHoldLabel(['таможня'], 'Таможня и тарифы', 0, 16, wordFolder('ru'))).toBe(true);
  });
});
