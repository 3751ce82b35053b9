/**
 * The default model's reference indicator system (the WCO Performance Measurement Mechanism): completion,
 * hover and checks of `pmm:` in `indicators:`; section guidance and headings in the document's language;
 * element citations that name the provision they implement.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { isMissingSectionData, missingSectionEdit } from '../../server/src/core/model/sections';
import { offsets, parseMarkers } from './helpers';
import { checkModelCode, diagnosticsOf, modelWorkspace } from './modelHelpers';

function hoverAt(marked: string): { value: string; text: string; range: [number, number] } | undefined {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  const h = ws.service.getHover(doc, doc.positionAt(fx.cursor!));
  return h ? { value: (h.contents as MarkupContent).value, text: fx.text, range: offsets(fx.text, h.range!) } : undefined;
}

function complete(marked: string) {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  return ws.service.getCompletions(doc, doc.positionAt(fx.cursor!)).items;
}

const INDICATOR = (pmm: string) => `---\nindicators:\n  - id: e-decl\n    name: Electronic declarations\n    unit: "%"\n    method: count of declarations\n    pmm: ${pmm}\n---\n`;

describe('PMM indicators in `indicators:`', () => {
  it('completes the PMM indicators and dimensions after `pmm:`', () => {
    const items = complete(INDICATOR('<|>'));
    const ids = items.map((i) => i.label);
    expect(ids.slice(0, 2)).toEqual(['pmm-electronic-declarations', 'pmm-aeo-variation']);
    expect(ids).toContain('pmm-revenue-collection');
    const first = items[0];
    expect(first.detail).toBe('Rate of electronic declarations');
    expect((first.documentation as MarkupContent).value).toContain('*Expected outcome:* Paperless trade');
  });

  it('offers `pmm` among the keys of an indicator', () => {
    const items = complete(`---\nindicators:\n  - id: a\n    <|>\n---\n`);
    expect(items.map((i) => i.label)).toContain('pmm');
  });

  it('hovers a PMM indicator with its dimension, outcome and provenance', () => {
    const h = hoverAt(INDICATOR('pmm-electronic-decl<|>arations'))!;
    expect(h.text.slice(...h.range)).toBe('pmm-electronic-declarations');
    expect(h.value).toMatchInlineSnapshot(`
      "**Rate of electronic declarations** (\`pmm-electronic-declarations\`) — *indicator of WCO Performance Measurement Mechanism*

      Share of customs declarations lodged and processed electronically.

      *Dimension:* Trade Facilitation and Economic Competitiveness  
      *Expected outcome:* Paperless trade  
      *Source:* @pmm

      Dimensions from the WCO PMM pages (pmm.wcoomd.org, "About"). KPI names from the PMM FAQ and from WCO News No. 106 (March 2025), which reported the first cycle (51 KPIs, 23 expected outcomes, 62 administrations). The list is partial: PMM v.1 has more KPIs than public sources name."
    `);
  });

  it('hovers a PMM dimension with the indicators listed under it, in the document language', () => {
    const h = hoverAt(`---\nlanguage: ru\n` + INDICATOR('pmm-enforce<|>ment').slice(4))!;
    expect(h.value.split('\n')[0]).toBe('**Enforcement, Security and Protection of Society** (`pmm-enforcement`) — *измерение системы «WCO Performance Measurement Mechanism»*');
    expect(h.value).toContain('*Показатели:* Effectiveness of controls on drugs; Variation in the number of alcohol seizures');
  });

  it('shows the confidence of a KPI whose dimension the sources do not give', () => {
    expect(hoverAt(INDICATOR('pmm-data-standard<|>ization'))!.value).toContain('*confidence:* medium — The KPI name is in the PMM FAQ');
  });

  it('reports an unknown PMM id with the closest ones, and accepts known ones', () => {
    const [d] = checkModelCode('unknown-element', INDICATOR('<|pmm-electronic-declaration|>'));
    expect(d.message).toContain('Did you mean `pmm-electronic-declarations`');
    expect(diagnosticsOf(INDICATOR('pmm-aeo-involvement')).filter((x) => x.code === 'unknown-element')).toEqual([]);
  });
});

describe('sections in the document language', () => {
  it('hovers a section with its guidance in the document language', () => {
    const ru = hoverAt(`---\nlanguage: ru\n---\n# Сфера при<|>менения\n`)!;
    expect(ru.value).toContain('Какие процедуры, товары, территории');
    const fr = hoverAt(`---\nlanguage: fr\n---\n# Champ d'appli<|>cation\n`)!;
    expect(fr.value).toContain('Les procédures, marchandises, territoires');
    const en = hoverAt(`---\nlanguage: en\n---\n# Sc<|>ope\n`)!;
    expect(en.value).toContain('Which procedures, goods, territories');
  });

  it('matches the natural headings authors write, in three languages', () => {
    for (const [language, heading, id] of [
      ['ru', 'Область применения', 'scope'],
      ['ru', 'Палитра цифровой таможни', 'instruments'],
      ['ru', 'Список литературы', 'references'],
      ['fr', 'Portée', 'scope'],
      ['fr', 'Bibliographie', 'references'],
      ['en', 'Bibliography', 'references'],
      ['en', 'Digital customs palette', 'instruments'],
      ['ru', 'Правовая основа', 'legal-basis'],
      ['en', 'Legal framework', 'legal-basis'],
    ]) {
      // The cursor on a word that is not a term: «цифровой таможни» in a heading is also a term use, which hovers first.
      const at = /palette/i.test(heading) ? heading.length - 1 : 2;
      const h = hoverAt(`---\nlanguage: ${language}\n---\n# ${heading.slice(0, at)}<|>${heading.slice(at)}\n`);
      expect(h?.value, heading).toContain(`\`{#${id}}\``);
    }
  });

  it('inserts a missing section with its guidance in the document language', () => {
    const text = `---\nlanguage: fr\n---\n# Termes et définitions\n\nTexte.\n`;
    const ws = modelWorkspace({ 'doc.concept.md': text });
    const doc = ws.doc('doc.concept.md');
    const d = ws.service.computeDiagnostics(doc).find((x) => x.code === 'missing-section' && (x.data as { sectionId: string }).sectionId === 'competencies')!;
    expect(isMissingSectionData(d.data)).toBe(true);
    const fixed = TextDocument.applyEdits(doc, [missingSectionEdit(doc, d.data as never)]);
    expect(fixed).toContain('# Compétences\n\n<!-- Les fonctions et pouvoirs qu\'exerce la douane numérique');
  });

  it('does not require the optional sections the model adds', () => {
    const codes = diagnosticsOf(`---\ntitle: T\n---\n# Scope\n`).filter((d) => d.code === 'missing-section').map((d) => (d.data as { sectionId: string }).sectionId);
    expect(codes).not.toContain('legal-basis');
    expect(codes).not.toContain('related-institutions');
  });
});

describe('element citations', () => {
  it('an element names the provisions it implements, with the part title where the catalog knows it', () => {
    const h = hoverAt(`---\ncomponents:\n  - element: risk-management-sys<|>tem\n    status: planned\n---\n`)!;
    expect(h.value).toContain('`[@rkc, General Annex, Chapter 6]` (Customs control)');
    expect(h.value).toContain('`[@tfa, Art. 7.4]`');
    const pay = hoverAt(`---\ncomponents:\n  - element: electronic-payment-sys<|>tem\n    status: planned\n---\n`)!;
    expect(pay.value).toContain('`[@tfa, Art. 7.2]`');
  });
});

describe('model hovers in the document language', () => {
  const element = (language: string) => hoverAt(`---\nlanguage: ${language}\ncomponents:\n  - element: electronic-payment-sys<|>tem\n    status: planned\n---\n`)!.value;

  it('en', () => {
    expect(element('en')).toMatchInlineSnapshot(`
      "**Electronic payment system** (\`electronic-payment-system\`) — *component of \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *part of:* \`application-layer\`  
      *realises:* \`online-payment\`  
      *Instruments:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('fr', () => {
    expect(element('fr')).toMatchInlineSnapshot(`
      "**Electronic payment system** (\`electronic-payment-system\`) — *component de \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *part of:* \`application-layer\`  
      *realises:* \`online-payment\`  
      *Instruments:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('ru', () => {
    expect(element('ru')).toMatchInlineSnapshot(`
      "**Electronic payment system** (\`electronic-payment-system\`) — *component модели \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *part of:* \`application-layer\`  
      *realises:* \`online-payment\`  
      *Документы:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('an indicator field and the model, in Russian', () => {
    expect(hoverAt(`---\nlanguage: ru\n` + INDICATOR('x').slice(4).replace('    pmm: x', '    p<|>mm: x'))!.value.split('\n')[0]).toBe('**pmm** — *поле показателя* (string, reference id)');
    expect(hoverAt(`---\nlanguage: ru\nmodel: wco-digital<|>-customs\n---\n`)!.value).toContain('*Разделы:* 17 (обязательных: 12)');
  });
});
