/**
 * The default model's reference indicator system (the WCO Performance Measurement Mechanism): completion,
 * hover and checks of `pmm:` in `indicators:`; section guidance and headings in the document's language;
 * element citations that name the provision they implement.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { isMissingSectionData, missingSectionEdit } from '../../server/src/core/model/sections';
import { mt, type ModelMessageId } from '../../server/src/core/model/messages';
import { COMPONENT_KEYS, MATURITY_ENTRY_KEYS } from '../../server/src/core/model/structuredParts';
import { parseMarkers } from './helpers';
import { hoverText } from '../hoverText';
import { checkModelCode, diagnosticsOf, modelWorkspace } from './modelHelpers';

/** The hover at `<|>`: its range and its whole text, for an inline snapshot. */
function hoverAt(marked: string): string {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  return hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)));
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
    expect(hoverAt(INDICATOR('pmm-electronic-decl<|>arations'))).toMatchInlineSnapshot(`
      "range 6:9-6:36 «pmm-electronic-declarations»

      **Rate of electronic declarations** (\`pmm-electronic-declarations\`) — *indicator of WCO Performance Measurement Mechanism*

      Share of customs declarations lodged and processed electronically.

      *Dimension:* Trade Facilitation and Economic Competitiveness  
      *Expected outcome:* Paperless trade  
      *Source:* @pmm

      Dimensions from the WCO PMM pages (pmm.wcoomd.org, "About"). KPI names from the PMM FAQ and from WCO News No. 106 (March 2025), which reported the first cycle (51 KPIs, 23 expected outcomes, 62 administrations). The list is partial: PMM v.1 has more KPIs than public sources name."
    `);
  });

  it('hovers a PMM dimension with the indicators listed under it, in the document language', () => {
    expect(hoverAt(`---\nlanguage: ru\n` + INDICATOR('pmm-enforce<|>ment').slice(4))).toMatchInlineSnapshot(`
      "range 7:9-7:24 «pmm-enforcement»

      **Enforcement, Security and Protection of Society** (\`pmm-enforcement\`) — *измерение системы «WCO Performance Measurement Mechanism»*

      How effectively customs detects fraud, smuggling and threats to safety and security.

      *Показатели:* Effectiveness of controls on drugs; Variation in the number of alcohol seizures  
      *Источник:* @pmm

      Dimensions from the WCO PMM pages (pmm.wcoomd.org, "About"). KPI names from the PMM FAQ and from WCO News No. 106 (March 2025), which reported the first cycle (51 KPIs, 23 expected outcomes, 62 administrations). The list is partial: PMM v.1 has more KPIs than public sources name."
    `);
  });

  it('shows the confidence of a KPI whose dimension the sources do not give', () => {
    expect(hoverAt(INDICATOR('pmm-data-standard<|>ization'))).toMatchInlineSnapshot(`
      "range 6:9-6:33 «pmm-data-standardization»

      **Data standardization** (\`pmm-data-standardization\`) — *indicator of WCO Performance Measurement Mechanism*

      How far customs data follows international standards such as the WCO Data Model.

      *confidence:* medium — The KPI name is in the PMM FAQ; its dimension and outcome are not given there.  
      *Source:* @pmm

      Dimensions from the WCO PMM pages (pmm.wcoomd.org, "About"). KPI names from the PMM FAQ and from WCO News No. 106 (March 2025), which reported the first cycle (51 KPIs, 23 expected outcomes, 62 administrations). The list is partial: PMM v.1 has more KPIs than public sources name."
    `);
  });

  it('reports an unknown PMM id with the closest ones, and accepts known ones', () => {
    const [d] = checkModelCode('unknown-element', INDICATOR('<|pmm-electronic-declaration|>'));
    expect(d.message).toContain('Did you mean `pmm-electronic-declarations`');
    expect(diagnosticsOf(INDICATOR('pmm-aeo-involvement')).filter((x) => x.code === 'unknown-element')).toEqual([]);
  });
});

describe('sections in the document language', () => {
  it('hovers a section with its guidance in the document language', () => {
    expect(hoverAt(`---\nlanguage: ru\n---\n# Сфера при<|>менения\n`)).toMatchInlineSnapshot(`
      "range 3:2-3:18 «Сфера применения»

      **Сфера применения** — *обязательный раздел эталонной модели \`wco-digital-customs\`*

      Какие процедуры, товары, территории, участников и горизонт времени охватывает концепция и что она сознательно оставляет за рамками.

      *Также распознаётся:* Scope, Scope of application, Field of application, Coverage, Application, Champ d'application, Portée, Domaine d'application, Область применения, Сфера действия, Предмет регулирования, \`{#scope}\`  
      *Позиция:* 5 из 17"
    `);
    expect(hoverAt(`---\nlanguage: fr\n---\n# Champ d'appli<|>cation\n`)).toMatchInlineSnapshot(`
      "range 3:2-3:21 «Champ d'application»

      **Champ d'application** — *section obligatoire du modèle de référence \`wco-digital-customs\`*

      Les procédures, marchandises, territoires, acteurs et l'horizon de temps que couvre le concept, et ce qu'il laisse de côté à dessein.

      *Reconnue aussi:* Scope, Scope of application, Field of application, Coverage, Application, Portée, Domaine d'application, Сфера применения, Область применения, Сфера действия, Предмет регулирования, \`{#scope}\`  
      *Position:* 5 sur 17"
    `);
    expect(hoverAt(`---\nlanguage: en\n---\n# Sc<|>ope\n`)).toMatchInlineSnapshot(`
      "range 3:2-3:7 «Scope»

      **Scope** — *required section of the reference model \`wco-digital-customs\`*

      Which procedures, goods, territories, participants and time horizon the concept covers, and what it deliberately leaves out.

      *Also matched:* Scope of application, Field of application, Coverage, Application, Champ d'application, Portée, Domaine d'application, Сфера применения, Область применения, Сфера действия, Предмет регулирования, \`{#scope}\`  
      *Position:* 5 of 17"
    `);
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
      // What matters here is which section the heading is taken for; the whole hover of a section is snapshotted above.
      expect(h, heading).toContain(`\`{#${id}}\``);
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
    expect(hoverAt(`---\ncomponents:\n  - element: risk-management-sys<|>tem\n    status: planned\n---\n`)).toMatchInlineSnapshot(`
      "range 2:13-2:35 «risk-management-system»

      **Risk management system** (\`risk-management-system\`) — *component of \`wco-digital-customs\`*

      Applies risk profiles and models to declarations and advance information to select controls.

      *part of:* \`application-layer\`  
      *realises:* \`automated-risk-assessment\`  
      *depends on:* \`electronic-declaration-system\`  
      *Instruments:* \`@rm-compendium\`, \`@safe-fos\`, \`[@rkc, General Annex, Chapter 6]\` (Customs control), \`[@tfa, Art. 7.4]\`"
    `);
    // The hover of electronic-payment-system, with `[@tfa, Art. 7.2]`, is snapshotted in 'model hovers in the document language'.
  });
});

describe('model hovers in the document language', () => {
  const element = (language: string) => hoverAt(`---\nlanguage: ${language}\ncomponents:\n  - element: electronic-payment-sys<|>tem\n    status: planned\n---\n`);

  it('en', () => {
    expect(element('en')).toMatchInlineSnapshot(`
      "range 3:13-3:38 «electronic-payment-system»

      **Electronic payment system** (\`electronic-payment-system\`) — *component of \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *part of:* \`application-layer\`  
      *realises:* \`online-payment\`  
      *Instruments:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('fr', () => {
    expect(element('fr')).toMatchInlineSnapshot(`
      "range 3:13-3:38 «electronic-payment-system»

      **Electronic payment system** (\`electronic-payment-system\`) — *composant de \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *fait partie de:* \`application-layer\`  
      *réalise:* \`online-payment\`  
      *Instruments:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('ru', () => {
    expect(element('ru')).toMatchInlineSnapshot(`
      "range 3:13-3:38 «electronic-payment-system»

      **Electronic payment system** (\`electronic-payment-system\`) — *компонент модели \`wco-digital-customs\`*

      Collects duties, taxes and fees electronically and reconciles them with declarations.

      *входит в:* \`application-layer\`  
      *реализует:* \`online-payment\`  
      *Документы:* \`[@rkc, General Annex, Chapter 4]\` (Duties and taxes), \`[@tfa, Art. 7.2]\`"
    `);
  });

  it('a relation type, a key of an adopted component and of a maturity assessment, in the document language', () => {
    expect(hoverAt(`---\nlanguage: fr\ncomponents:\n  - element: electronic-payment-system\n    status: planned\n    relations:\n      depends<|>On: [electronic-declaration-system]\n---\n`)).toMatchInlineSnapshot(`
      "range 6:6-6:15 «dependsOn»

      **dépend de** (\`dependsOn\`) — *type de relation*

      A component needs another one to work; a dependency cycle is an error.

      *De :* component · *vers :* component · sans cycle"
    `);
    expect(hoverAt(`---\nlanguage: ru\ncomponents:\n  - element: electronic-payment-system\n    status: planned\n    relations:\n      depends<|>On: [electronic-declaration-system]\n---\n`)).toMatchInlineSnapshot(`
      "range 6:6-6:15 «dependsOn»

      **зависит от** (\`dependsOn\`) — *тип связи*

      A component needs another one to work; a dependency cycle is an error.

      *Из:* component · *в:* component · без циклов"
    `);
    expect(hoverAt(`---\nlanguage: fr\ncomponents:\n  - elem<|>ent: electronic-payment-system\n    status: planned\n---\n`)).toMatchInlineSnapshot(`
      "range 3:4-3:11 «element»

      **element** — *composant adopté*

      Identifiant de l'élément du modèle adopté (obligatoire)."
    `);
    expect(hoverAt(`---\nlanguage: ru\nmaturity:\n  data-management:\n    lev<|>el: 3\n---\n`)).toMatchInlineSnapshot(`
      "range 4:4-4:9 «level»

      **level** — *оценка зрелости*

      Уровень по оценке на сегодня (обязательно)."
    `);
  });

  it('explains each key of a component and of an assessment in every language, in English as completion does', () => {
    for (const [k, english] of Object.entries({ ...COMPONENT_KEYS, ...MATURITY_ENTRY_KEYS })) {
      const id = `hover.key.${k}` as ModelMessageId;
      expect(mt('en', id), k).toBe(english);
      expect(mt('fr', id), k).not.toBe(english);
      expect(mt('ru', id), k).toMatch(/[а-яё]/i);
    }
  });

  it('an indicator field and the model, in Russian', () => {
    expect(hoverAt(`---\nlanguage: ru\n` + INDICATOR('x').slice(4).replace('    pmm: x', '    p<|>mm: x'))).toMatchInlineSnapshot(`
      "range 7:4-7:7 «pmm»

      **pmm** — *поле показателя* (string, reference id)

      The indicator or dimension of the WCO Performance Measurement Mechanism this one corresponds to, so results can be compared."
    `);
    expect(hoverAt(`---\nlanguage: ru\nmodel: wco-digital<|>-customs\n---\n`)).toMatchInlineSnapshot(`
      "range 2:7-2:26 «wco-digital-customs»

      **Digital customs reference model (WCO-based)** (\`wco-digital-customs\`) — *встроенная эталонная модель*

      Default reference model for digital customs concept documents. It asks a concept to define its key terms, to say what digital customs may do and how it is recognised, what it covers, how it is built, steered and measured, which instruments it applies, how it relates to ICT, to economic operators' systems and to the single window, which customs operations it changes, and where the administration stands today.

      *Разделы:* 17 (обязательных: 12)  
      *Элементы:* 36  
      *Зрелость:* измерений 8, уровней 5 (предварительные)  
      *Версия:* 0.1.0  
      *Источник:* @wco-dcc"
    `);
  });
});
