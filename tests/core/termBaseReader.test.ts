/**
 * What the term-base reader takes from each field of an entry, in every form
 * the format allows (scalar or list, per-language maps, SKOS labels, anchors),
 * and what it reports for each malformed one, with the offsets of labels,
 * definitions and sources.
 */
import { describe, expect, it } from 'vitest';
import { conceptLabels, entryLabels, parseTermBase, preferredLabel, type TermEntry } from '../../server/src/core/terms/termBase';

const TEXT = `language: ru
terms:
  - term: единое окно
    definition: Один вход для всех формальностей.
    variants: [одно окно, &w окно]
    deprecated: [одно окошко]
    source: "@rkc"
    related: [*w, цифровая таможня]
    broader: [таможня]
    narrower: [окно ЕАЭС]
    translations: {en: single window, fr: [guichet unique, guichet]}
    translation_confidence: {fr: {confidence: medium, note: Usage varies.}, en: {note: no confidence}}
    match: inflected
    role: key
    exclude: [окно в мир]
    confidence: high
    note: Common.
  - prefLabel: {en: data lake, ru: озеро данных}
    altLabel: {en: [lake], ru: [озеро]}
    definition: {ru: Хранилище сырых данных., en: A store of raw data.}
  - term: shorthand
  - term: empty
    definition:
    translations:
  - term: bad
    definition: [x]
    source: {a: b}
    match: fuzzy
    role: main
    variants: ok
    deprecated: {a: b}
    related: [x, "", 5]
    translations: text
    flavour: sour
  - just text
  - term: "  "
  - term: entry as list
    definition: x
  - {term: flow entry, definition: Flow.}
`;

/** An entry with its offsets shown as the text they cover. */
function shown(e: TermEntry) {
  const show = (r?: [number, number]) => (r ? TEXT.slice(r[0], r[1]) : r);
  const { uri: _uri, origin: _origin, ...rest } = e;
  return { ...rest, labelRange: show(e.labelRange), definitionRange: show(e.definitionRange), sourceRange: show(e.sourceRange), labelRanges: [...e.labelRanges].map(([k, r]) => k + '=' + show(r)) };
}

describe('term base reader', () => {
  const base = parseTermBase('file:///ws/g.terms.yaml', TEXT);

  it('reads every field of an entry', () => {
    expect(base.language).toBe('ru');
    expect(base.entries.every((e) => e.uri === 'file:///ws/g.terms.yaml' && e.origin === 'termBase')).toBe(true);
    expect(base.entries.map(shown)).toEqual([
      {
        term: 'единое окно',
        variants: [ 'одно окно', 'окно' ],
        deprecated: [ 'одно окошко' ],
        related: [ 'окно', 'цифровая таможня' ],
        broader: [ 'таможня' ],
        narrower: [ 'окно ЕАЭС' ],
        translations: { en: 'single window', fr: 'guichet unique' },
        translationLabels: { en: [ 'single window' ], fr: [ 'guichet unique', 'guichet' ] },
        definitions: {},
        exclude: [ 'окно в мир' ],
        labelRange: 'единое окно',
        labelRanges: [ 'единое окно=единое окно', 'одно окно=одно окно', 'окно=окно', 'одно окошко=одно окошко' ],
        language: 'ru',
        definition: 'Один вход для всех формальностей.',
        definitionRange: 'Один вход для всех формальностей.',
        source: '@rkc',
        sourceRange: '"@rkc"',
        translationConfidence: { fr: { confidence: 'medium', note: 'Usage varies.' } },
        match: 'inflected',
        role: 'key',
        confidence: 'high',
        note: 'Common.'
      },
      {
        term: 'data lake',
        variants: [ 'озеро' ],
        deprecated: [],
        related: [],
        broader: [],
        narrower: [],
        translations: { en: 'data lake', ru: 'озеро данных' },
        translationLabels: { en: [ 'data lake', 'lake' ], ru: [ 'озеро данных' ] },
        definitions: { ru: 'Хранилище сырых данных.', en: 'A store of raw data.' },
        exclude: [],
        labelRange: 'data lake',
        labelRanges: [ 'data lake=data lake' ],
        language: 'ru',
        definition: 'A store of raw data.',
        definitionRange: 'A store of raw data.'
      },
      {
        term: 'shorthand',
        variants: [],
        deprecated: [],
        related: [],
        broader: [],
        narrower: [],
        translations: {},
        translationLabels: {},
        definitions: {},
        exclude: [],
        labelRange: 'shorthand',
        labelRanges: [ 'shorthand=shorthand' ],
        language: 'ru'
      },
      {
        term: 'empty',
        variants: [],
        deprecated: [],
        related: [],
        broader: [],
        narrower: [],
        translations: {},
        translationLabels: {},
        definitions: {},
        exclude: [],
        labelRange: 'empty',
        labelRanges: [ 'empty=empty' ],
        language: 'ru'
      },
      {
        term: 'bad',
        variants: [ 'ok' ],
        deprecated: [],
        related: [ 'x', '5' ],
        broader: [],
        narrower: [],
        translations: {},
        translationLabels: {},
        definitions: {},
        exclude: [],
        labelRange: 'bad',
        labelRanges: [ 'bad=bad', 'ok=ok' ],
        language: 'ru'
      },
      {
        term: 'entry as list',
        variants: [],
        deprecated: [],
        related: [],
        broader: [],
        narrower: [],
        translations: {},
        translationLabels: {},
        definitions: {},
        exclude: [],
        labelRange: 'entry as list',
        labelRanges: [ 'entry as list=entry as list' ],
        language: 'ru',
        definition: 'x',
        definitionRange: 'x'
      },
      {
        term: 'flow entry',
        variants: [],
        deprecated: [],
        related: [],
        broader: [],
        narrower: [],
        translations: {},
        translationLabels: {},
        definitions: {},
        exclude: [],
        labelRange: 'flow entry',
        labelRanges: [ 'flow entry=flow entry' ],
        language: 'ru',
        definition: 'Flow.',
        definitionRange: 'Flow.'
      },
    ]);
  });

  it('reports each malformed field, entry and label, on its value', () => {
    expect(base.problems.map((p) => `${p.code} ${p.severity} ${JSON.stringify(TEXT.slice(p.start, p.end))} ${p.message}`)).toEqual([
      'invalid-value error "[x]" `definition` must be a text.',
      'invalid-value error "{a: b}" `source` must be a text.',
      'invalid-value error "fuzzy" `match` must be `exact` or `inflected`.',
      'invalid-value error "main" `role` must be `key` (a concept documents are expected to define) or `general` (general vocabulary).',
      'invalid-value error "{a: b}" `deprecated` must be a list of labels.',
      'invalid-value error "\\"\\"" Each entry of `related` must be a non-empty text.',
      'invalid-value error "text" `translations` must map a language code (en, fr, ru) to a label.',
      'unknown-key warning "flavour" Unknown term field `flavour`; expected one of: term, definition, variants, deprecated, source, related, broader, narrower, translations, confidence, note, match, exclude, prefLabel, altLabel, scopeNote, example, role, translation_confidence.',
      'invalid-value error "just text" Each entry of `terms:` must be a map with a `term:` label.',
      'invalid-value error "\\"  \\"" This entry has no `term:` label (a text with at least one letter or digit).',
    ]);
  });

  it('a file that is no map, has no `terms:` or an empty one', () => {
    const problems = (text: string) => parseTermBase('u', text).problems.map((p) => `${p.start}-${p.end} ${p.message}`);
    expect(problems('- a\n- b\n')).toEqual(['0-8 A term base is a map with a `terms:` list.']);
    expect(problems('language: en\nx: 1\n')).toEqual(['0-12 A term base needs a `terms:` list.']);
    expect(problems('language: en')).toEqual(['0-12 A term base needs a `terms:` list.']);
    expect(problems('terms: 5\n')).toEqual(['7-8 `terms:` must be a list of entries, each with a `term:` label.']);
    expect(problems('terms:\n')).toEqual([]);
    expect(problems('')).toEqual([]);
    expect(parseTermBase('u', 'terms:\n').entries).toEqual([]);
  });
});

describe('labels of an entry', () => {
  const [window, lake] = parseTermBase('u', TEXT).entries;

  it('its own labels in order, then those of a language that it does not already have', () => {
    expect(entryLabels(window)).toEqual([
      { label: 'единое окно', kind: 'preferred' },
      { label: 'одно окно', kind: 'variant' },
      { label: 'окно', kind: 'variant' },
      { label: 'одно окошко', kind: 'deprecated' },
    ]);
    expect(entryLabels(window, 'fr').slice(4)).toEqual([{ label: 'guichet unique', kind: 'translation' }, { label: 'guichet', kind: 'translation' }]);
    expect(entryLabels(lake, 'en')).toEqual([{ label: 'data lake', kind: 'preferred' }, { label: 'озеро', kind: 'variant' }, { label: 'lake', kind: 'translation' }]);
    expect(entryLabels(lake, 'de')).toHaveLength(2);
  });

  it('every label that names the concept, deprecated ones aside', () => {
    expect(conceptLabels(window)).toEqual(['единое окно', 'одно окно', 'окно', 'single window', 'guichet unique', 'guichet']);
  });

  it('the preferred label in a language: the term in its own language, else the translation, else the term', () => {
    expect(preferredLabel(window)).toBe('единое окно');
    expect(preferredLabel(window, 'ru')).toBe('единое окно');
    expect(preferredLabel(window, 'fr')).toBe('guichet unique');
    expect(preferredLabel(window, 'de')).toBe('единое окно');
    const english = parseTermBase('u', 'terms:\n  - term: single window\n    translations: {ru: единое окно}\n').entries[0];
    expect(preferredLabel(english, 'en')).toBe('single window');
    expect(preferredLabel(english, 'ru')).toBe('единое окно');
  });
});
