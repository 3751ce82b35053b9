/**
 * A scope reads each entry's labels and their keys from `entryKeys` (terms/labelMemo.ts),
 * computed once per entry: they must be what `entryLabels`, `conceptLabels` and `labelKey`
 * give, duplicates, Cyrillic (`ё`), hyphens and labels shared between languages included.
 */
import { describe, expect, it } from 'vitest';
import { decodeEntryKeys, encodeEntryKeys, entryKeys, isAcronym, keyedLabelsIn, LabelMemo } from '../../server/src/core/terms/labelMemo';
import { labelKey, labelWords } from '../../server/src/core/terms/matcher';
import { conceptLabels, entryLabels, type TermEntry } from '../../server/src/core/terms/termBase';

function entry(part: Partial<TermEntry>): TermEntry {
  return { term: '', variants: [], deprecated: [], related: [], broader: [], narrower: [], translations: {}, translationLabels: {}, definitions: {}, exclude: [], uri: 'file:///t.terms.yaml', origin: 'termBase', ...part } as TermEntry;
}

const entries = [
  entry({ term: 'Single Window', variants: ['single-window', 'SW', 'Single Window'], deprecated: ['one-stop shop'] }),
  entry({
    term: 'e-Customs',
    variants: ['electronic customs'],
    translations: { fr: 'douane électronique', ru: 'электронная таможня' },
    translationLabels: { fr: ['douane électronique', 'e-Customs', 'e‑douane'], ru: ['электронная таможня', 'е-Таможня', 'e‑douane'] },
  }),
  entry({ term: 'Подача сведений', language: 'ru', variants: ['подача «сведений»', 'ёмкость'], deprecated: [''] }),
];

describe('the keys of an entry, computed once', () => {
  it('are the keys of entryLabels, in every language, and of conceptLabels', () => {
    const memo = new LabelMemo();
    for (const e of entries) {
      const k = entryKeys(e, memo);
      expect(k.concept).toBe(labelKey(e.term));
      for (const language of ['en', 'fr', 'ru', undefined]) {
        const keyed = language ? keyedLabelsIn(k, e, language) : k.own;
        expect(keyed.map((l) => ({ label: l.label, kind: l.kind }))).toEqual(entryLabels(e, language));
        expect(keyed.map((l) => l.key)).toEqual(keyed.map((l) => labelKey(l.label)));
        expect(keyed.map((l) => [...l.words])).toEqual(keyed.map((l) => labelWords(l.label)));
      }
      expect(k.conceptKeys).toEqual([...new Set(conceptLabels(e).map(labelKey))].filter((x) => x !== ''));
      expect(k.ownerKeys).toEqual([...new Set(entryLabels(e).filter((l) => l.kind !== 'deprecated').map((l) => labelKey(l.label)))]);
      // Every label in every language once, the entry's own (with their repetitions) first.
      const all = [...entryLabels(e)];
      for (const list of Object.values(e.translationLabels)) for (const label of list) if (!all.some((l) => l.label === label)) all.push({ label, kind: 'translation' });
      expect(k.all.map((l) => ({ label: l.label, kind: l.kind }))).toEqual(all);
    }
  });

  it('gives the same key after the memo has been emptied at its limit', () => {
    const memo = new LabelMemo(2);
    const labels = ['Data Model', 'Ёлка', 'data-model', 'Data Model'];
    expect(labels.map((l) => memo.key(l))).toEqual(labels.map(labelKey));
  });

  it('answers whether a label is an acronym as isAcronym does, before and after the memo is emptied', () => {
    const memo = new LabelMemo(2);
    const labels = ['ICT', 'ИКТ', 'PLACI', 'e-CMR', 'I', 'Single Window', 'ICT', 'AEO-MRA', 'ИКТ'];
    expect(labels.map((l) => memo.acronym(l))).toEqual(labels.map(isAcronym));
    expect(labels.map(isAcronym)).toEqual([true, true, true, false, false, false, true, true, true]);
  });
});

describe('the keys of a term base in columns (the compiled cache keeps them so)', () => {
  const memo = new LabelMemo();
  const keys = entries.map((e) => entryKeys(e, memo));

  it('give back the keys, words shared between labels of the same text, `all` the same list as `own` without translations', () => {
    const encoded = encodeEntryKeys(keys);
    const back = decodeEntryKeys(encoded, keys.length)!;
    expect(back).toStrictEqual(keys);
    expect(back[0].all).toBe(back[0].own);
    expect(back[1].all).not.toBe(back[1].own);
    // 'Single Window' is the term and one of its variants: one list of words, as the memo gives.
    const twice = back[0].own.filter((l) => l.label === 'Single Window');
    expect(twice).toHaveLength(2);
    expect(twice[0].words).toBe(twice[1].words);
    // Every string once.
    expect(new Set(encoded.strings).size).toBe(encoded.strings.length);
  });

  it('are refused when the columns do not hold the entries asked for', () => {
    const { strings, data } = encodeEntryKeys(keys);
    const bad: unknown[] = [
      undefined,
      null,
      { strings, data: Array.from(data) },
      { strings: 'no list', data },
      { strings, data: data.subarray(0, data.length - 1) },
      { strings, data: Int32Array.from([...data, 0]) },
      { strings: strings.slice(0, -1), data },
      { strings, data: data.map((x, i) => (i === 5 ? 99 : x)) }, // the second number of the first label: its kind
      { strings, data: data.map((x, i) => (i === 0 ? 0 : x)) }, // an entry without a preferred label
    ];
    for (const b of bad) expect(decodeEntryKeys(b, keys.length)).toBeUndefined();
    expect(decodeEntryKeys({ strings, data }, keys.length + 1)).toBeUndefined();
    expect(decodeEntryKeys({ strings, data }, keys.length - 1)).toBeUndefined();
  });
});
