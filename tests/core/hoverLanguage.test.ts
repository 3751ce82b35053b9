/**
 * Hovers in the document's language, doubt made visible (every note, every confidence that is not high,
 * the confidence of translations) and citable parts of instruments.
 */
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { parseMarkers, workspace } from './helpers';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    source: "@uncefact-rec-33"
    translations: {ru: единое окно, fr: guichet unique}
    confidence: high
    note: Some administrations call it a national trade portal.
`;

/** The hover text at `<|>` in a document, with other files of the workspace. */
function check(marked: string, others: Record<string, string> = {}, settings = {}): string {
  const fx = parseMarkers(marked);
  const ws = workspace({ 'glossary.terms.yaml': GLOSSARY, ...others, 'doc.concept.md': fx.text }, settings);
  const doc = ws.doc('doc.concept.md');
  const h = ws.service.getHover(doc, doc.positionAt(fx.cursor!));
  return h ? (h.contents as MarkupContent).value : '';
}

const fm = (language: string) => `---\nlanguage: ${language}\nglossaries: [glossary.terms.yaml]\n---\n`;

describe('instrument hover in the document language', () => {
  const text = (language: string) => fm(language) + 'See [@u<|>cr] for the reference number.\n';

  it('en', () => {
    expect(check(text('en'))).toMatchInlineSnapshot(`
      "**UCR Recommendation** (\`@ucr\`)

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
      "**UCR Recommendation** (\`@ucr\`)

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
      "**UCR Recommendation** (\`@ucr\`)

      *Recommendation of the Customs Co-operation Council concerning the Unique Consignment Reference (UCR) for Customs purposes*

      Вид: рекомендация · Организация: WCO · Орган: Council · Принят: 2004-06-26

      Recommends one reference number per consignment, issued early and unique both nationally and internationally, used as the key that ties data together for tracing, auditing and reconciling; accompanied by guidelines that build on ISO 15459.

      *Также цитируется как:* UCR Recommendation, UCR  
      *Примечание:* The adoption date follows the WCO's own page, which dates the text of the Recommendation 26 June 2004. EU guidance on the Single Administrative Document cites a Council Recommendation on the UCR of 30 June 2001, probably an earlier text that the 2004 one replaced; this was not confirmed.  
      [Источник](https://www.wcoomd.org/en/about-us/legal-instruments/recommendations/pf_recommendations/pf_tools_ucr_recomm.aspx)"
    `);
  });

  it('follows the document, not the display locale, when the document declares its language', () => {
    expect(check(text('ru'), {}, { locale: 'en' })).toContain('Вид: рекомендация');
    expect(check(text('en'), {}, { locale: 'ru' })).toContain('Kind: recommendation');
  });

  it('follows the display locale when the document does not say', () => {
    const marked = '---\nglossaries: [glossary.terms.yaml]\n---\nSee @u<|>cr.\n';
    expect(check(marked, {}, { locale: 'fr' })).toContain('Nature: recommandation');
  });
});

describe('term hover in the document language', () => {
  it('en: a variant use', () => {
    expect(check(fm('en') + 'Each S<|>W is national.\n')).toMatchInlineSnapshot(`
      "**single window** — *defined in glossary.terms.yaml*

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
      "**guichet unique** (single window) — *défini dans glossary.terms.yaml*

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
      "**единое окно** (single window) — *определён в glossary.terms.yaml*

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
    const [own, wco] = check(fm('ru') + 'Здесь «цифровая та<|>можня».\n', { 'glossary.terms.yaml': ru }).split('\n---\n');
    expect(own).toContain('\nТаможня, работающая на данных');
    expect(own).not.toContain('(en)');
    expect(wco).toContain('*(en)* A customs administration');
  });

  it('shows the confidence of a translation that is not official', () => {
    const value = check(fm('en') + 'Then coordinated border man<|>agement applies.\n');
    expect(value).toContain('ru: скоординированное управление границами / согласованное управление границей (confidence: medium)');
    expect(value).toMatch(/\*ru:\* No official Russian text/);
  });
});

describe('doubt is visible at every confidence', () => {
  it('shows the note of a high-confidence entry', () => {
    const value = check(fm('en') + 'Read @i<|>rg.\n');
    expect(value).toContain('*Note:* First developed in the early 1990s');
    expect(value).not.toContain('*Confidence:*');
  });

  it('shows the confidence and the note of a medium one', () => {
    const value = check(fm('en') + 'Read @it-<|>guide.\n');
    expect(value).toContain('*Confidence:* medium — Content confirmed by the WCO page');
  });

  it('shows a low confidence in the document language', () => {
    expect(check(fm('ru') + 'См. @baku-decl<|>aration.\n')).toContain('*Достоверность:* низкая — Not verified.');
    expect(check(fm('fr') + 'Voir @baku-decl<|>aration.\n')).toContain('*Fiabilité:* faible — Not verified.');
  });

  it('shows a source given as a title and an address', () => {
    const value = check(fm('en') + 'Read @ecustoms-str<|>ategy-2007.\n');
    expect(value).toContain('*Source:* [S. Mozer, article series on e-customs at the WCO (customs-academy.net)](http://customs-academy.net/?p=12711)');
  });
});

describe('citable parts', () => {
  it('[@rkc, General Annex, Chapter 7] hovers the chapter, then the convention', () => {
    const value = check(fm('en') + 'It builds on [@r<|>kc, General Annex, Chapter 7].\n');
    expect(value.split('\n')[0]).toBe('**General Annex, Chapter 7: Application of information technology** — *Part cited*');
    expect(value).toContain('**Revised Kyoto Convention** (`@rkc`)');
    expect(value).toContain('*Confidence:* medium — Chapter and annex titles');
  });

  it('matches abbreviated locators and the annex cited on its own', () => {
    expect(check(fm('en') + 'See [@r<|>kc, GA, Ch. 6].\n').split('\n')[0]).toBe('**General Annex, Chapter 6: Customs control** — *Part cited*');
    expect(check(fm('en') + 'See [@rkc-general-an<|>nex, Chapter 5].\n').split('\n')[0]).toBe('**General Annex, Chapter 5: Security** — *Part cited*');
    expect(check(fm('en') + 'See [@r<|>kc, Specific Annex E].\n').split('\n')[0]).toBe('**Specific Annex E: Transit** — *Part cited*');
  });

  it('says when the part is not catalogued, in the document language', () => {
    expect(check(fm('en') + 'See [@r<|>kc, Article 99].\n')).toContain('does not list the part «Article 99»');
    expect(check(fm('ru') + 'См. [@r<|>kc, Article 99].\n')).toContain('Часть «Article 99» в каталоге не описана');
  });

  it('reads no locator outside brackets or across lines', () => {
    const value = check(fm('en') + 'See @r<|>kc, General Annex, Chapter 7.\n');
    expect(value.split('\n')[0]).toBe('**Revised Kyoto Convention** (`@rkc`)');
  });
});
