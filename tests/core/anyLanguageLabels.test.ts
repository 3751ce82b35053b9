/**
 * A `«…»` not found in the document's language is looked up in every language of the scope
 * (`AnalysisCache.anyLanguageLabels`): the first few lookups read the entries' keys, later ones an
 * index built once. Both must resolve a use to the same entries, labels and kinds, in the same order.
 */
import { describe, expect, it } from 'vitest';
import { workspace } from './helpers';

const LABELS = [
  ['guichet unique', 'единое окно'],
  ['opérateur économique agréé', 'уполномоченный экономический оператор'],
  ['déclaration en douane', 'таможенная декларация'],
  ['contrôle a posteriori', 'последующий контроль'],
  ['gestion des risques', 'управление рисками'],
  ['mainlevée', 'выпуск товаров'],
  ['transit douanier', 'таможенный транзит'],
];

const TERM_BASE = [
  'language: en',
  'terms:',
  ...LABELS.flatMap(([fr, ru], i) => [`  - term: concept number ${i}`, `    definition: Concept ${i}.`, `    translations: {fr: ${fr}, ru: ${ru}}`]),
  // A label shared by two entries, in two languages: both resolve.
  '  - term: shared concept',
  '    definition: Shares a French label.',
  '    translations: {fr: guichet unique}',
  '',
].join('\n');

const quoted = LABELS.flatMap(([fr, ru]) => [fr, ru]);

function doc(labels: string[]): string {
  return ['---', 'concept: any-language', 'language: en', 'glossaries: [g.terms.yaml]', '---', '', ...labels.map((l, i) => `Paragraph ${i} quotes «${l}» once.`), ''].join('\n');
}

function resolved(labels: string[]) {
  const ws = workspace({ 'g.terms.yaml': TERM_BASE, 'doc.concept.md': doc(labels) });
  const a = ws.service.analyse(ws.doc('doc.concept.md'));
  return a.uses.filter((u) => u.explicit).map((u) => u.refs.map((r) => `${r.entry.term}|${r.label}|${r.kind}|${r.defining}`));
}

describe('labels in every language', () => {
  it('resolve the same way before and after the index of them is built', () => {
    expect(quoted.length).toBeGreaterThan(8);
    const together = resolved(quoted);
    const alone = quoted.map((l) => resolved([l])[0]);
    expect(together).toEqual(alone);
    expect(alone.every((refs) => refs.length > 0)).toBe(true);
    // Defining entries first, in term-base order, then the built-in term base's «single window».
    expect(alone[0]).toEqual(['concept number 0|guichet unique|translation|true', 'shared concept|guichet unique|translation|true', 'single window|guichet unique|translation|false']);
  });
});
