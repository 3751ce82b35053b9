import { describe, expect, it } from 'vitest';
import { parseMarkers, workspace } from './helpers';
import { hoverText } from '../hoverText';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    deprecated: [one-stop window]
    source: "@uncefact-rec-33"
    translations: {ru: единое окно, fr: guichet unique}
`;

/** The hover at `<|>`: its range and its whole text, for an inline snapshot. */
function hover(marked: string, others: Record<string, string> = { 'glossary.terms.yaml': GLOSSARY }): string {
  const fx = parseMarkers(marked);
  const ws = workspace({ ...others, 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  return hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)));
}

const FM = `---
glossaries: [glossary.terms.yaml]
terms:
  digital customs:
    definition: Customs run on data, end to end.
    source: "@wco-dcc"
    variants: [digital customs administration]
    translations: {ru: цифровая таможня, fr: douane numérique}
---
`;

describe('hover on terms', () => {
  it('shows a document definition with its source, variants and translations', () => {
    expect(hover(FM + 'The «digi<|>tal customs» model.\n')).toMatchInlineSnapshot(`
      "range 9:5-9:20 «digital customs»

      **digital customs** — *defined in this document*

      Customs run on data, end to end.

      *Source:* @wco-dcc — WCO Digital Customs concept  
      *Variants:* digital customs administration  
      *Translations:* ru: цифровая таможня · fr: douane numérique

      ---

      **digital customs** — *WCO reference meaning — not defined by this document*

      A customs administration that runs all of its functions on digital systems and data: collecting and protecting revenue, controlling the movement of goods, people, means of transport and money, and shielding society and trade from crime and terrorism. Paper formalities give way to electronic ones, and enabling technologies such as data analytics and cloud services are put to use. The WCO treats it as a means of modernisation, not an end in itself, and asks that the processes concerned be re-examined first rather than copied onto computers as they are.

      *Source:* @wco-dcc — WCO Digital Customs concept  
      *Variants:* digital customs administration  
      *Translations:* ru: цифровая таможня · fr: douane numérique  
      *Related:* electronic customs, single window, digital customs maturity model, information and communication technology, smart customs  
      *Note:* Paraphrase of the WCO Secretary General's description for the 2016 theme of the year. No WCO convention gives a normative definition."
    `);
  });

  it('shows where a term-base definition comes from, for a variant use', () => {
    expect(hover(FM + 'Each S<|>W is national.\n')).toMatchInlineSnapshot(`
      "range 9:5-9:7 «SW»

      **single window** — *defined in glossary.terms.yaml*

      «SW» is a variant of this term.

      One entry point for all border formalities.

      *Source:* @uncefact-rec-33 — UN/CEFACT Recommendation 33  
      *Variants:* SW  
      *Deprecated:* one-stop window  
      *Translations:* ru: единое окно · fr: guichet unique"
    `);
  });

  it('marks the WCO reference meaning of a known term as not defined by the document', () => {
    expect(hover(FM + 'Then risk man<|>agement applies.\n')).toMatchInlineSnapshot(`
      "range 9:5-9:20 «risk management»

      **risk management** — *WCO reference meaning — not defined by this document*

      Methodical application of management practices and data to identify which movements, consignments or operators are risky, so that controls concentrate on the highest risks and compliant trade faces fewer interventions.

      *Source:* @rkc-general-annex, Chapter 6 — RKC General Annex  
      *Variants:* customs risk management  
      *Translations:* ru: управление рисками · fr: gestion des risques  
      *Related:* customs control, advance cargo information, post-clearance audit, data analytics  
      *Note:* Also required by Article 7.4 of the WTO Trade Facilitation Agreement. In EAEU law the practice is organised as a risk management system (система управления рисками)."
    `);
  });

  it('says when an explicit use has no definition', () => {
    expect(hover(FM + 'A «smart bor<|>der».\n')).toMatchInlineSnapshot(`
      "range 9:3-9:15 «smart border»

      «smart border» — *no definition in scope.* Add it to the front matter's \`terms:\` or to an imported term base."
    `);
  });

  it('shows a definition when hovering the defined term in front matter', () => {
    expect(hover(FM.replace('  digital customs:', '  digital cus<|>toms:') + 'digital customs twice: digital customs.\n')).toMatchInlineSnapshot(`
      "range 3:2-3:17 «digital customs»

      **digital customs** — *defined in this document*

      Customs run on data, end to end.

      *Source:* @wco-dcc — WCO Digital Customs concept  
      *Variants:* digital customs administration  
      *Translations:* ru: цифровая таможня · fr: douane numérique

      *Uses in this document:* 2"
    `);
  });

  it('returns nothing on plain prose', () => {
    expect(hover(FM + 'Noth<|>ing here.\n')).toBe('no hover');
  });
});

describe('hover on instruments', () => {
  it('shows the official title, kind, years, owner and summary', () => {
    expect(hover(FM + 'See [@r<|>kc, General Annex, Chapter 7].\n')).toMatchInlineSnapshot(`
      "range 9:5-9:9 «@rkc»

      **General Annex, Chapter 7: Application of information technology** — *Part cited*

      Use of information technology where cost-effective, international standards for electronic exchange, legislation that allows electronic methods and electronic authentication, and consultation with the trade.

      *Confidence:* medium — Chapter and annex titles as the structure of the Convention is commonly reproduced (General Annex of ten chapters, Specific Annexes A to K without I); summaries are our own words and were not re-checked against the WCO text.

      ---

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      Kind: convention · Owner: WCO · Body: Council; RKC Management Committee; Permanent Technical Committee · Adopted: 1973-05-18 · In force: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Also cited as:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Note:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
  });

  it('shows the title in the document language, when known', () => {
    expect(hover('---\nlanguage: ru\n---\nСм. @r<|>kc.\n')).toMatchInlineSnapshot(`
      "range 3:4-3:8 «@rkc»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      ru: *Международная конвенция об упрощении и гармонизации таможенных процедур* (Пересмотренная Киотская конвенция)

      Вид: конвенция · Организация: WCO · Орган: Council; RKC Management Committee; Permanent Technical Committee · Принят: 1973-05-18 · Вступил в силу: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Также цитируется как:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Примечание:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Источник](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
    expect(hover('---\nlanguage: fr\n---\nVoir @r<|>kc.\n')).toMatchInlineSnapshot(`
      "range 3:5-3:9 «@rkc»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      fr: *Convention internationale pour la simplification et l'harmonisation des régimes douaniers* (Convention de Kyoto révisée (CKR))

      Nature: convention · Organisation: WCO · Organe: Council; RKC Management Committee; Permanent Technical Committee · Adopté: 1973-05-18 · En vigueur: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Aussi cité comme:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Remarque:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
  });

  it('shows the cited edition and whether it is superseded', () => {
    expect(hover(FM + 'See @safe-fos-20<|>12.\n')).toMatchInlineSnapshot(`
      "range 9:4-9:18 «@safe-fos-2012»

      **SAFE Framework of Standards** (\`@safe-fos\`)

      *SAFE Framework of Standards to Secure and Facilitate Global Trade*

      Kind: framework · Owner: WCO · Body: SAFE Working Group; Permanent Technical Committee; Council · Adopted: 2005-06

      Baseline standards for securing the international supply chain while speeding up legitimate trade: advance electronic cargo data, risk-based targeting, non-intrusive inspection and partnership with Authorized Economic Operators, organised in three pillars (customs-to-customs, customs-to-business, customs-to-other government agencies).

      *Edition cited:* 2012 — superseded  
      *Also cited as:* SAFE, SAFE FoS, SAFE Framework  
      *Note:* The WCO's SAFE Package pages confirm the adoption in June 2005, the 2007 addition of the conditions and requirements for Authorized Economic Operators, the 2012, 2015, 2018 and 2021 editions and the 2025 edition, whose exact adoption date was not checked. The third pillar (customs to other government agencies) was added in 2015.  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/frameworks-of-standards/safe_package.aspx)"
    `);
  });

  it('suggests the closest ids for an unknown one', () => {
    expect(hover(FM + 'See @wco-data<|>model.\n')).toMatchInlineSnapshot(`
      "range 9:4-9:18 «@wco-datamodel»

      \`@wco-datamodel\` is not in the instrument catalog. Closest: \`@wco-dm\`, \`@it-guide\`"
    `);
  });
});
