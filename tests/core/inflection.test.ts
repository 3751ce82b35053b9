/**
 * Inflection-aware matching, driven by the forms list that lives beside the
 * built-in term base (server/data/wco.terms.forms.yaml).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCode, parseMarkers, workspace } from './helpers';
import { hoverText } from '../hoverText';

const FORMS = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'server', 'data', 'wco.terms.forms.yaml'), 'utf8')) as Record<string, Record<string, { forms: string[]; not: string[] }>>;

/** The terms each form in a sentence resolves to, with the exact text it covers. */
function usesIn(language: string, sentence: string) {
  const text = `---\nlanguage: ${language}\n---\n${sentence}\n`;
  const ws = workspace({ 'doc.concept.md': text });
  const a = ws.service.analyse(ws.doc('doc.concept.md'));
  return a.uses.map((u) => ({ text: text.slice(u.start, u.end), terms: u.refs.map((r) => r.entry.term) }));
}

for (const [language, terms] of Object.entries(FORMS)) {
  describe(`${language}: inflected forms of the built-in terms`, () => {
    for (const [term, { forms, not }] of Object.entries(terms)) {
      it(`${term}: ${forms.length} forms match, ${not.length} look-alikes do not`, () => {
        for (const form of forms) {
          const uses = usesIn(language, `Мы и nous: ${form}.`);
          const hit = uses.find((u) => u.terms.includes(term));
          expect(hit, `${language} «${form}» should be a use of ${term}; got ${JSON.stringify(uses)}`).toBeDefined();
          // The use covers the words of the form exactly (a leading preposition is not part of it).
          expect(form.endsWith(hit!.text)).toBe(true);
        }
        for (const form of not) {
          const uses = usesIn(language, `Мы и nous: ${form}.`);
          expect(uses.some((u) => u.terms.includes(term)), `${language} «${form}» must not be a use of ${term}`).toBe(false);
        }
      });
    }
  });
}

describe('document language', () => {
  it('matches a Russian document to the same concept as an English one', () => {
    const en = usesIn('en', 'The digital customs of tomorrow.');
    const ru = usesIn('ru', 'Цифровой таможней завтрашнего дня.');
    expect(en.map((u) => u.terms[0])).toEqual(['digital customs']);
    expect(ru.map((u) => u.terms[0])).toEqual(['digital customs']);
  });

  it('does not match Russian labels in an English document', () => {
    expect(usesIn('en', 'цифровой таможней')).toEqual([]);
  });

  it('keeps exact UTF-16 ranges on mixed-script lines', () => {
    checkCode('undefined-term', '---\nlanguage: ru\n---\nПроект 🚀 «<|цифровой таможни|>» и the <|single window|> — <|единого окна|> 😀 <|e‑Customs|>.\n', {}, { implicitUseReport: 'all' });
  });

  it('folds ё and е in Russian', () => {
    expect(usesIn('ru', 'Её цифровая тамoжня и ЦИФРОВАЯ ТАМОЖНЯ.').length).toBe(1);
  });

  it('takes the language from settings when the front matter does not say', () => {
    const text = 'Цифровой таможней.\n';
    const ws = workspace({ 'doc.concept.md': text }, { language: 'ru' });
    expect(ws.service.analyse(ws.doc('doc.concept.md')).uses.map((u) => u.refs[0].entry.term)).toEqual(['digital customs']);
  });

  it('honours match: exact and exclude in a term base', () => {
    const base = `terms:
  - term: single window
    definition: One entry point.
    translations: {fr: guichet unique}
    exclude: [guichets uniquement]
  - term: ZEO
    definition: A zone of economic operations.
    match: exact
`;
    const text = '---\nlanguage: fr\nglossaries: [g.terms.yaml]\n---\nLes guichets uniques, les guichets uniquement, ZEO et ZEOs.\n';
    const ws = workspace({ 'g.terms.yaml': base, 'doc.concept.md': text });
    const uses = ws.service.analyse(ws.doc('doc.concept.md')).uses.map((u) => text.slice(u.start, u.end));
    expect(uses).toEqual(['guichets uniques', 'ZEO']);
  });

  it('shows the definition in the document language, or marks the language it is in', () => {
    const base = `terms:
  - term: data lake
    definition: {en: A store of raw data., ru: Хранилище необработанных данных.}
    translations: {ru: озеро данных}
  - term: cargo
    definition: Goods carried.
    translations: {ru: груз}
`;
    const fx = parseMarkers('---\nlanguage: ru\nglossaries: [g.terms.yaml]\n---\nОзеро дан<|>ных и груз.\n');
    const ws = workspace({ 'g.terms.yaml': base, 'doc.concept.md': fx.text });
    const doc = ws.doc('doc.concept.md');
    expect(hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)))).toMatchInlineSnapshot(`
      "range 4:0-4:12 «Озеро данных»

      **озеро данных** (data lake) — *определён в g.terms.yaml*

      Хранилище необработанных данных.

      *Переводы:* ru: озеро данных"
    `);
    expect(hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.text.indexOf('груз') + 1)))).toMatchInlineSnapshot(`
      "range 4:15-4:19 «груз»

      **груз** (cargo) — *определён в g.terms.yaml*

      *(en)* Goods carried.

      *Переводы:* ru: груз"
    `);
  });
});
