/**
 * Hovers in the document's language, doubt made visible (every note, every confidence that is not high,
 * the confidence of translations) and citable parts of instruments.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkers, workspace } from './helpers';
import { hoverText } from '../hoverText';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    source: "@uncefact-rec-33"
    translations: {ru: единое окно, fr: guichet unique}
    confidence: high
    note: Some administrations call it a national trade portal.
`;

/** The hover at `<|>` in a document, with other files of the workspace: its range and its whole text, for an inline snapshot. */
function check(marked: string, others: Record<string, string> = {}, settings = {}): string {
  const fx = parseMarkers(marked);
  const ws = workspace({ 'glossary.terms.yaml': GLOSSARY, ...others, 'doc.concept.md': fx.text }, settings);
  const doc = ws.doc('doc.concept.md');
  return hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)));
}

const fm = (language: string) => `---\nlanguage: ${language}\nglossaries: [glossary.terms.yaml]\n---\n`;

describe('instrument hover in the document language', () => {
  const text = (language: string) => fm(language) + 'See [@u<|>cr] for the reference number.\n';

  it('en', () => {
    expect(check(text('en'))).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@ucr»

      **UCR Recommendation** (\`@ucr\`)

      *Recommendation of the Customs Co-operation Council concerning the Unique Consignment Reference (UCR) for Customs purposes*

      Kind: recommendation · Owner: WCO · Body: Council · Adopted: 2004-06-26

      Recommends one reference number per consignment, issued early and unique both nationally and internationally, used as the key that ties data together for tracing, auditing and reconciling; accompanied by guidelines that build on ISO 15459.

      *Also cited as:* UCR Recommendation, UCR  
      *Note:* The adoption date follows the WCO's own page, which dates the text of the Recommendation 26 June 2004. EU guidance on the Single Administrative Document cites a Council Recommendation on the UCR of 30 June 2001, probably an earlier text that the 2004 one replaced; this was not confirmed.  
      [Source](https://www.wcoomd.org/en/about-us/legal-instruments/recommendations/pf_recommendations/pf_tools_ucr_recomm.aspx)"
    `);
  });

  it('fr', () => {
    const value = check(text('fr'));
    expect(value).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@ucr»

      **UCR Recommendation** (\`@ucr\`)

      *Recommendation of the Customs Co-operation Council concerning the Unique Consignment Reference (UCR) for Customs purposes*

      fr: *Référence unique de l'envoi (RUE)* — moyenne: Title of the WCO's French publication of June 2004 that carries the Recommendation and its guidelines; the French title of the Council Recommendation itself was not seen.

      Nature: recommandation · Organisation: WCO · Organe: Council · Adopté: 2004-06-26

      Recommends one reference number per consignment, issued early and unique both nationally and internationally, used as the key that ties data together for tracing, auditing and reconciling; accompanied by guidelines that build on ISO 15459.

      *Aussi cité comme:* UCR Recommendation, UCR  
      *Remarque:* The adoption date follows the WCO's own page, which dates the text of the Recommendation 26 June 2004. EU guidance on the Single Administrative Document cites a Council Recommendation on the UCR of 30 June 2001, probably an earlier text that the 2004 one replaced; this was not confirmed.  
      [Source](https://www.wcoomd.org/en/about-us/legal-instruments/recommendations/pf_recommendations/pf_tools_ucr_recomm.aspx)"
    `);
  });

  it('ru', () => {
    expect(check(text('ru'))).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@ucr»

      **UCR Recommendation** (\`@ucr\`)

      *Recommendation of the Customs Co-operation Council concerning the Unique Consignment Reference (UCR) for Customs purposes*

      Вид: рекомендация · Организация: WCO · Орган: Council · Принят: 2004-06-26

      Recommends one reference number per consignment, issued early and unique both nationally and internationally, used as the key that ties data together for tracing, auditing and reconciling; accompanied by guidelines that build on ISO 15459.

      *Также цитируется как:* UCR Recommendation, UCR  
      *Примечание:* The adoption date follows the WCO's own page, which dates the text of the Recommendation 26 June 2004. EU guidance on the Single Administrative Document cites a Council Recommendation on the UCR of 30 June 2001, probably an earlier text that the 2004 one replaced; this was not confirmed.  
      [Источник](https://www.wcoomd.org/en/about-us/legal-instruments/recommendations/pf_recommendations/pf_tools_ucr_recomm.aspx)"
    `);
  });

  it('follows the document, not the display locale, when the document declares its language', () => {
    // The answers of the 'ru' and 'en' tests above (snapshots), whatever the display locale.
    for (const locale of ['en', 'fr', 'ru'] as const) {
      expect(check(text('ru'), {}, { locale })).toBe(check(text('ru')));
      expect(check(text('en'), {}, { locale })).toBe(check(text('en')));
    }
  });

  it('follows the display locale when the document does not say', () => {
    const marked = '---\nglossaries: [glossary.terms.yaml]\n---\nSee @u<|>cr.\n';
    expect(check(marked, {}, { locale: 'fr' })).toMatchInlineSnapshot(`
      "range 3:4-3:8 «@ucr»

      **UCR Recommendation** (\`@ucr\`)

      *Recommendation of the Customs Co-operation Council concerning the Unique Consignment Reference (UCR) for Customs purposes*

      Nature: recommandation · Organisation: WCO · Organe: Council · Adopté: 2004-06-26

      Recommends one reference number per consignment, issued early and unique both nationally and internationally, used as the key that ties data together for tracing, auditing and reconciling; accompanied by guidelines that build on ISO 15459.

      *Aussi cité comme:* UCR Recommendation, UCR  
      *Remarque:* The adoption date follows the WCO's own page, which dates the text of the Recommendation 26 June 2004. EU guidance on the Single Administrative Document cites a Council Recommendation on the UCR of 30 June 2001, probably an earlier text that the 2004 one replaced; this was not confirmed.  
      [Source](https://www.wcoomd.org/en/about-us/legal-instruments/recommendations/pf_recommendations/pf_tools_ucr_recomm.aspx)"
    `);
  });
});

describe('term hover in the document language', () => {
  it('en: a variant use', () => {
    expect(check(fm('en') + 'Each S<|>W is national.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:7 «SW»

      **single window** — *defined in glossary.terms.yaml*

      «SW» is a variant of this term.

      One entry point for all border formalities.

      *Source:* @uncefact-rec-33 — UN/CEFACT Recommendation 33  
      *Variants:* SW  
      *Translations:* ru: единое окно · fr: guichet unique  
      *Note:* Some administrations call it a national trade portal."
    `);
  });

  it('fr: a variant use', () => {
    expect(check(fm('fr') + 'Chaque S<|>W est national.\n')).toMatchInlineSnapshot(`
      "range 4:7-4:9 «SW»

      **guichet unique** (single window) — *défini dans glossary.terms.yaml*

      «SW» est une variante de ce terme.

      *(en)* One entry point for all border formalities.

      *Source:* @uncefact-rec-33 — UN/CEFACT Recommendation 33  
      *Variantes:* SW  
      *Traductions:* ru: единое окно · fr: guichet unique  
      *Remarque:* Some administrations call it a national trade portal."
    `);
  });

  it('ru: a variant use', () => {
    expect(check(fm('ru') + 'Каждое S<|>W национально.\n')).toMatchInlineSnapshot(`
      "range 4:7-4:9 «SW»

      **единое окно** (single window) — *определён в glossary.terms.yaml*

      «SW» — вариант этого термина.

      *(en)* One entry point for all border formalities.

      *Источник:* @uncefact-rec-33 — UN/CEFACT Recommendation 33  
      *Варианты:* SW  
      *Переводы:* ru: единое окно · fr: guichet unique  
      *Примечание:* Some administrations call it a national trade portal."
    `);
  });

  it('does not label a Russian definition "(en)" in a Russian document', () => {
    const ru = `terms:\n  - term: цифровая таможня\n    definition: Таможня, работающая на данных от начала до конца.\n`;
    // The document's own meaning comes first; the WCO reference meaning after the rule is English and says so.
    expect(check(fm('ru') + 'Здесь «цифровая та<|>можня».\n', { 'glossary.terms.yaml': ru })).toMatchInlineSnapshot(`
      "range 4:7-4:23 «цифровая таможня»

      **цифровая таможня** — *определён в glossary.terms.yaml*

      Таможня, работающая на данных от начала до конца.

      ---

      **цифровая таможня** (digital customs) — *справочное значение ВТамО — документ его не определяет*

      *(en)* A customs administration that runs all of its functions on digital systems and data: collecting and protecting revenue, controlling the movement of goods, people, means of transport and money, and shielding society and trade from crime and terrorism. Paper formalities give way to electronic ones, and enabling technologies such as data analytics and cloud services are put to use. The WCO treats it as a means of modernisation, not an end in itself, and asks that the processes concerned be re-examined first rather than copied onto computers as they are.

      *Источник:* @wco-dcc — WCO Digital Customs concept  
      *Варианты:* digital customs administration  
      *Переводы:* ru: цифровая таможня · fr: douane numérique  
      *Связанные:* electronic customs, single window, digital customs maturity model, information and communication technology, smart customs  
      *Примечание:* Paraphrase of the WCO Secretary General's description for the 2016 theme of the year. No WCO convention gives a normative definition."
    `);
  });

  it('shows the confidence of a translation that is not official', () => {
    expect(check(fm('en') + 'Then coordinated border man<|>agement applies.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:34 «coordinated border management»

      **coordinated border management** — *WCO reference meaning — not defined by this document*

      Approach in which the agencies that regulate the border, within one country and across borders, work together to handle flows of goods and travellers more efficiently while keeping their respective requirements in balance.

      *Source:* @cbm-compendium — CBM Compendium  
      *Variants:* CBM  
      *Translations:* ru: скоординированное управление границами / согласованное управление границей (confidence: medium) · fr: gestion coordonnée des frontières  
      *ru:* No official Russian text of the WCO Compendium was found; «скоординированное управление границами» is the more usual rendering in Russian customs literature, «согласованное управление границей» also occurs.  
      *Related:* single window, trade facilitation, customs control  
      *Note:* 'Integrated border management' (an EU term) is close but not an exact synonym, so it is not listed as a variant."
    `);
  });
});

describe('doubt is visible at every confidence', () => {
  it('shows the note of a high-confidence entry', () => {
    expect(check(fm('en') + 'Read @i<|>rg.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@irg»

      **Immediate Release Guidelines** (\`@irg\`)

      *Guidelines for the Immediate Release of Consignments by Customs*

      Kind: guidelines · Owner: WCO · Body: Permanent Technical Committee

      Procedures under which express and low-value consignments are released as they arrive, using data lodged in advance, with consignments sorted into categories that each have their own data set, and with memoranda of understanding between customs and operators. Version III (June 2018) extends them to e-commerce parcels.

      *Also cited as:* IRG, Immediate Release Guidelines  
      *Note:* First developed in the early 1990s and revised in 2014; the exact year of the first version is not recorded.  
      [Source](https://www.wcoomd.org/en/Topics/Facilitation/Instrument%20and%20Tools/Tools/Immediate%20Release%20Guidelines)"
    `);
  });

  it('shows the confidence and the note of a medium one', () => {
    expect(check(fm('en') + 'Read @it-<|>guide.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:14 «@it-guide»

      **IT Guide for Executives** (\`@it-guide\`)

      *WCO IT Guide for Executives*

      Kind: guide · Owner: WCO · Body: Information Management Sub-Committee

      Guide for senior customs managers on steering ICT: strategic planning and ICT, the strategic dimensions of ICT, ICT project management and ICT governance. It presents the WCO's view of digital customs, with the Digital Customs Maturity Model as part of it, and an annex showing what ICT contributes to each article of Section I of the WTO Trade Facilitation Agreement.

      *Also cited as:* IT Guide for Executives, WCO IT Guide  
      *Confidence:* medium — Content confirmed by the WCO page; the year of the edition that contains the maturity model is not known (probably 2017 or 2018). A guide with the same four chapters reported as 'ICT Guide for Senior Managers' may be a later issue of it; not verified.  
      [Source](https://www.wcoomd.org/en/Topics/Facilitation/Instrument%20and%20Tools/Tools/IT%20Guide%20for%20Executives)"
    `);
  });

  it('shows a low confidence in the document language', () => {
    expect(check(fm('ru') + 'См. @baku-decl<|>aration.\n')).toMatchInlineSnapshot(`
      "range 4:4-4:21 «@baku-declaration»

      **Baku Declaration** (\`@baku-declaration\`)

      Вид: декларация · Организация: WCO · Орган: Council (or Policy Commission; not verified) · Принят: 2001-06

      WCO declaration urging Members to accept and apply the Revised Kyoto Convention so as to put in place electronic customs that is modern, simple, efficient and open, and looking ahead to a WCO policy on e-commerce.

      *Также цитируется как:* Baku Declaration  
      *Достоверность:* низкая — Not verified. No primary text was found: neither the exact title nor the content could be confirmed. One account places its adoption by the Council in June 2001; the only confirmed fact is that the Policy Commission met in Baku on 5 December 2000, so it may date from that session instead. Not to be confused with other declarations signed in Baku (such as the 2009 Silk Road forum) or with the 2018 Beijing Declaration on e-commerce.  
      *Источник:* Secondary account only: S. Mozer's monograph on WCO digital customs; no primary text found"
    `);
    expect(check(fm('fr') + 'Voir @baku-decl<|>aration.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:22 «@baku-declaration»

      **Baku Declaration** (\`@baku-declaration\`)

      Nature: déclaration · Organisation: WCO · Organe: Council (or Policy Commission; not verified) · Adopté: 2001-06

      WCO declaration urging Members to accept and apply the Revised Kyoto Convention so as to put in place electronic customs that is modern, simple, efficient and open, and looking ahead to a WCO policy on e-commerce.

      *Aussi cité comme:* Baku Declaration  
      *Fiabilité:* faible — Not verified. No primary text was found: neither the exact title nor the content could be confirmed. One account places its adoption by the Council in June 2001; the only confirmed fact is that the Policy Commission met in Baku on 5 December 2000, so it may date from that session instead. Not to be confused with other declarations signed in Baku (such as the 2009 Silk Road forum) or with the 2018 Beijing Declaration on e-commerce.  
      *Source:* Secondary account only: S. Mozer's monograph on WCO digital customs; no primary text found"
    `);
  });

  it('shows a source given as a title and an address', () => {
    expect(check(fm('en') + 'Read @ecustoms-str<|>ategy-2007.\n')).toMatchInlineSnapshot(`
      "range 4:5-4:28 «@ecustoms-strategy-2007»

      **WCO E-Customs Strategy** (\`@ecustoms-strategy-2007\`)

      *WCO E-Customs Strategy (2007)*

      Kind: strategy · Owner: WCO · Body: Information Management Sub-Committee; Permanent Technical Committee

      Information Management Sub-Committee paper that treats electronic commerce as the link between trade, transport and logistics and the core work of border agencies, and sorts the components of e-customs into blocks: organisational, legal, technical, business processes, Single Window, enforcement, cooperation and institutions.

      *Also cited as:* E-Customs Strategy, Strategy Paper on Customs and E-Commerce, WCO E-Customs Strategy / Strategy Paper on Customs and E-Commerce (2007)  
      *Confidence:* low — Known only from a secondary account; the exact WCO title and document number are not verified. That account says the Permanent Technical Committee discussed the strategy in November 2007 and concluded in March 2008 that a strategy was still lacking, so this may never have been adopted as such.  
      *Source:* [S. Mozer, article series on e-customs at the WCO (customs-academy.net)](http://customs-academy.net/?p=12711)"
    `);
  });
});

describe('citable parts', () => {
  it('[@rkc, General Annex, Chapter 7] hovers the chapter, then the convention', () => {
    expect(check(fm('en') + 'It builds on [@r<|>kc, General Annex, Chapter 7].\n')).toMatchInlineSnapshot(`
      "range 4:14-4:18 «@rkc»

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

  it('matches abbreviated locators and the annex cited on its own', () => {
    expect(check(fm('en') + 'See [@r<|>kc, GA, Ch. 6].\n')).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@rkc»

      **General Annex, Chapter 6: Customs control** — *Part cited*

      Customs control kept to the minimum necessary, based on risk management and audit-based control, with cooperation between customs administrations and with the trade.

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
    expect(check(fm('en') + 'See [@rkc-general-an<|>nex, Chapter 5].\n')).toMatchInlineSnapshot(`
      "range 4:5-4:23 «@rkc-general-annex»

      **General Annex, Chapter 5: Security** — *Part cited*

      Security in the financial sense: the guarantees customs may require to cover duties, taxes and other obligations, their forms and their release.

      *Confidence:* medium — Chapter and annex titles as the structure of the Convention is commonly reproduced (General Annex of ten chapters, Specific Annexes A to K without I); summaries are our own words and were not re-checked against the WCO text.

      ---

      **RKC General Annex** (\`@rkc-general-annex\`)

      *General Annex to the International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      Kind: convention · Owner: WCO · Body: RKC Management Committee · Adopted: 1999-06-26 · In force: 2006-02-03

      The compulsory part of the RKC, accepted by every Contracting Party without reservation: ten chapters of standards and transitional standards that apply to all procedures, from general principles and definitions through clearance, duties and taxes, security in the sense of guarantees for duties (Chapter 5), customs control (risk management and audit-based control, Chapter 6) and information technology (Chapter 7) to relations with third parties, information and rulings, and appeals.

      *Part of:* \`@rkc\` — Revised Kyoto Convention  
      *Also cited as:* RKC GA, General Annex  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
    expect(check(fm('en') + 'See [@r<|>kc, Specific Annex E].\n')).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@rkc»

      **Specific Annex E: Transit** — *Part cited*

      Customs transit, transhipment and the carriage of goods coastwise.

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

  it('says when the part is not catalogued, in the document language', () => {
    expect(check(fm('en') + 'See [@r<|>kc, Article 99].\n')).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@rkc»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      *The catalog does not list the part «Article 99»; the hover shows the whole instrument.*

      Kind: convention · Owner: WCO · Body: Council; RKC Management Committee; Permanent Technical Committee · Adopted: 1973-05-18 · In force: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Also cited as:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Note:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
    expect(check(fm('ru') + 'См. [@r<|>kc, Article 99].\n')).toMatchInlineSnapshot(`
      "range 4:5-4:9 «@rkc»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      ru: *Международная конвенция об упрощении и гармонизации таможенных процедур* (Пересмотренная Киотская конвенция)

      *Часть «Article 99» в каталоге не описана; показан документ целиком.*

      Вид: конвенция · Организация: WCO · Орган: Council; RKC Management Committee; Permanent Technical Committee · Принят: 1973-05-18 · Вступил в силу: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Также цитируется как:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Примечание:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Источник](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
  });

  it('reads no locator outside brackets or across lines', () => {
    expect(check(fm('en') + 'See @r<|>kc, General Annex, Chapter 7.\n')).toMatchInlineSnapshot(`
      "range 4:4-4:8 «@rkc»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      Kind: convention · Owner: WCO · Body: Council; RKC Management Committee; Permanent Technical Committee · Adopted: 1973-05-18 · In force: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Also cited as:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Note:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Source](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
  });
});
