/**
 * Issue 11: the checker on real documents. Each block is one class of wrong or
 * missed diagnostics found by a trial on realistic concept documents; each is
 * tested in English, French and Russian where the class exists in that language.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkCode, offsets, parseMarkers, workspace } from './helpers';
import { hoverText } from '../hoverText';
import { modelWorkspace } from './modelHelpers';

const doc = (language: string, body: string, extra = '') => `---\nconcept: t\nlanguage: ${language}\n${extra}---\n${body}`;

/** Codes and texts of every diagnostic of a document, checked against the built-in model. */
function diagnosticsOf(text: string, others: Record<string, string> = {}, settings = {}) {
  const ws = modelWorkspace({ ...others, 'doc.concept.md': text }, settings);
  return ws.service.computeDiagnostics(ws.doc('doc.concept.md')).map((d) => {
    const [s, e] = offsets(text, d.range);
    return { code: String(d.code), text: text.slice(s, e), diagnostic: d };
  });
}

describe('issue 11, class 1: one concept in every language', () => {
  const RU_GLOSSARY = `language: ru
terms:
  - term: единое окно
    definition: Механизм, через который участники торговли один раз подают документы для всех органов.
    translations: {en: single window, fr: guichet unique}
  - term: цифровая таможня
    definition: Таможенное администрирование, построенное на данных и автоматических решениях.
    translations: {en: digital customs}
`;

  it('a Russian term base defines the English labels of its concepts for an English document', () => {
    checkCode('undefined-term', doc('en', 'The «single window» and the single window; «digital customs»; «<|smart border|>».\n', 'glossaries: [ru.terms.yaml]\n'), { 'ru.terms.yaml': RU_GLOSSARY });
  });

  it('a Russian term base defines the French labels of its concepts for a French document', () => {
    checkCode('undefined-term', doc('fr', 'Le «guichet unique» et les guichets uniques.\n', 'glossaries: [ru.terms.yaml]\n'), { 'ru.terms.yaml': RU_GLOSSARY });
  });

  it('an English term base defines the Russian labels of a concept through the built-in base', () => {
    // The workspace entry has no Russian label; the built-in base knows «единое окно» is the same concept.
    const en = `terms:\n  - term: single window\n    definition: One entry point for all formalities.\n`;
    checkCode('undefined-term', doc('ru', 'Механизм «единого окна» и единое окно.\n', 'glossaries: [en.terms.yaml]\n'), { 'en.terms.yaml': en });
  });

  it('terms defined under Russian keys satisfy the model for «digital customs» and «electronic customs»', () => {
    const text = doc(
      'ru',
      '# Термины и определения\n\n«Цифровая таможня» и «электронная таможня».\n',
      'terms:\n  цифровая таможня: Таможня, работающая на данных.\n  электронная таможня: Таможня электронных документов.\n',
    );
    expect(diagnosticsOf(text).filter((d) => d.code === 'missing-term-definition')).toEqual([]);
    const missing = diagnosticsOf(doc('ru', '# Термины и определения\n\nТекст.\n', 'terms:\n  цифровая таможня: Таможня, работающая на данных.\n'));
    expect(missing.filter((d) => d.code === 'missing-term-definition').map((d) => d.diagnostic.data)).toEqual([{ term: 'electronic customs' }]);
  });
});

describe('issue 11, class 2: guillemets also quote names', () => {
  it('does not report names of specialities, slogans, journals and laws in Russian', () => {
    checkCode(
      'undefined-term',
      doc(
        'ru',
        'Выпускники по специальностям «Таможенное дело» и «Юриспруденция» под девизом «Цифровая таможня: прогрессивное вовлечение». ' +
          'Статья в журнале «Таможенная политика России на Дальнем Востоке», закон «О таможенном регулировании». «<|умная граница|>» не определена.\n',
      ),
    );
  });

  it('does not report names in French, keeps an undefined term an error', () => {
    checkCode('undefined-term', doc('fr', 'La revue « Douanes et commerce » et le programme « Mercator 2030 ». La «<|frontière intelligente|>».\n'));
  });

  it('keeps «digital customs» used without a definition an error in all three languages', () => {
    for (const [language, text] of [['en', 'The «<|digital customs|>».'], ['fr', 'La «<|douane numérique|>».'], ['ru', '«<|Цифровая таможня|>» — это…']]) {
      const diags = checkCode('undefined-term', doc(language, text + '\n'));
      expect(diags[0].severity).toBe(1);
    }
  });

  it('a capitalised name after «программа», «проект», "programme" is a name even when it is a known label', () => {
    checkCode('undefined-term', doc('ru', 'Национальный проект «Цифровая таможня» и «<|цифровая таможня|>».\n'));
  });

  it('in English, a capitalised «…» is still a term (English quotes with “…”)', () => {
    checkCode('undefined-term', doc('en', 'The «<|Smart border|>».\n'));
  });

  it('offers no quick fix on a quotation (there is no diagnostic to fix)', () => {
    const text = doc('ru', 'Под девизом «Цифровая таможня: прогрессивное вовлечение».\n');
    expect(diagnosticsOf(text).filter((d) => d.code === 'undefined-term')).toEqual([]);
  });

  it('the mode `all` reads every quotation as a term, `known` only known labels', () => {
    checkCode('undefined-term', doc('ru', 'Специальность «<|Таможенное дело|>».\n'), {}, { explicitTerms: 'all' });
    checkCode('undefined-term', doc('ru', '«умная граница» и «<|цифровая таможня|>».\n'), {}, { explicitTerms: 'known' });
  });
});

describe('issue 11, class 3: instrument names in prose', () => {
  it('finds catalog names in prose in English, Russian (inflected) and French, first mention of each', () => {
    checkCode('instrument-mention', doc('en', 'The <|Revised Kyoto Convention|> and the <|SAFE Framework of Standards|>. The Revised Kyoto Convention again.\n'));
    checkCode('instrument-mention', doc('ru', 'Положения <|Пересмотренной Киотской конвенции|> и «<|Рамочные стандарты безопасности и облегчения мировой торговли|>».\n'));
    checkCode('instrument-mention', doc('fr', "La <|Convention de Kyoto révisée|> s'applique.\n"));
    // A name with punctuation after letters whose lower case is longer (İ → i̇): the range stays on the name.
    checkCode('instrument-mention', doc('en', 'İstanbul and İzmir cite the theme <|Digital Customs: Progressive Engagement|> often.\n'));
  });

  it('a name cited in its paragraph, or cited before, is not reported', () => {
    checkCode('instrument-mention', doc('en', 'The Digital Customs Maturity Model (@dcmm) and the Revised Kyoto Convention [@rkc, General Annex].\n\nLater, the Revised Kyoto Convention.\n'));
  });

  it('a name in capitals only is emphasis, not the Title Case of the name: a known term written so is still a term', () => {
    checkCode('undefined-term', doc('en', 'Be annual «<|GLOBALLY NETWORKED CUSTOMS|>» phase union.\n'));
    expect(diagnosticsOf(doc('en', 'The Globally Networked Customs vision.\n')).map((d) => d.code)).toContain('instrument-mention');
    expect(diagnosticsOf(doc('en', 'The GLOBALLY NETWORKED CUSTOMS vision.\n')).map((d) => d.code)).not.toContain('instrument-mention');
  });

  it('abbreviations match only as written', () => {
    checkCode('instrument-mention', doc('en', 'A safe framework is not the <|SAFE framework|>; rkc is not <|RKC|>.\n'));
  });

  it('never matches a term inside an instrument name', () => {
    const text = doc('en', 'The Digital Customs Maturity Model (@dcmm) measures progress.\n');
    expect(diagnosticsOf(text).filter((d) => d.code === 'undefined-term')).toEqual([]);
    // The slogan-title of the WCO concept in guillemets is the instrument, not an undefined term.
    const ru = doc('ru', 'Документ «Рамочные стандарты безопасности и облегчения мировой торговли» [@safe-fos].\n');
    expect(diagnosticsOf(ru).filter((d) => d.code === 'undefined-term' || d.code === 'instrument-mention')).toEqual([]);
  });

  it('the quick fix cites the instrument after its name', () => {
    const text = doc('en', 'The Revised Kyoto Convention applies.\n');
    const ws = workspace({ 'doc.concept.md': text });
    const d = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).find((x) => x.code === 'instrument-mention')!;
    const [action] = ws.service.getCodeActions(ws.doc('doc.concept.md'), d.range, { diagnostics: [d] });
    const edit = action.edit!.documentChanges![0] as { edits: { range: { start: unknown }; newText: string }[] };
    expect(edit.edits[0].newText).toBe(' [@rkc]');
  });

  it('hover on a name in prose shows the instrument, in the document language, as its citation does', () => {
    const fx = parseMarkers(doc('ru', 'Положения Пересмотренной Киот<|>ской конвенции.\n'));
    const ws = workspace({ 'doc.concept.md': fx.text });
    const d = ws.doc('doc.concept.md');
    expect(hoverText(d, ws.service.getHover(d, d.positionAt(fx.cursor!)))).toMatchInlineSnapshot(`
      "range 4:10-4:43 «Пересмотренной Киотской конвенции»

      **Revised Kyoto Convention** (\`@rkc\`)

      *International Convention on the Simplification and Harmonization of Customs Procedures (as amended)*

      ru: *Международная конвенция об упрощении и гармонизации таможенных процедур* (Пересмотренная Киотская конвенция)

      Вид: конвенция · Организация: WCO · Орган: Council; RKC Management Committee; Permanent Technical Committee · Принят: 1973-05-18 · Вступил в силу: 2006-02-03

      Central WCO convention for customs procedures, in its 1999 revised form: binding standards that make procedures simple, predictable and transparent, rely on information technology and risk management, involve the trade as a partner and guarantee a right of appeal.

      *Также цитируется как:* RKC, Revised Kyoto Convention, Kyoto Convention  
      *Примечание:* The adoption date is that of the convention signed at Kyoto; the Protocol of Amendment was done at Brussels on 26 June 1999 and the revised text entered into force on 3 February 2006. Counts of Contracting Parties go stale: the WCO reported 126 on 11 February 2021 (accessions of Liberia and Turkmenistan); later counts were not confirmed from a WCO page. A comprehensive review of the convention has been under way at the WCO; its outcome is not reflected here.  
      [Источник](https://www.wcoomd.org/en/topics/facilitation/instrument-and-tools/conventions/pf_revised_kyoto_conv/kyoto_new/protocol-of-amendment.aspx)"
    `);
    const cited = workspace({ 'doc.concept.md': doc('ru', 'См. @rkc.\n') }).service;
    const citedDoc = TextDocument.create(d.uri, 'markdown', 1, doc('ru', 'См. @rkc.\n'));
    const markdown = (text: string) => text.slice(text.indexOf('\n\n') + 2);
    expect(markdown(hoverText(d, ws.service.getHover(d, d.positionAt(fx.cursor!))))).toBe(markdown(hoverText(citedDoc, cited.getHover(citedDoc, citedDoc.positionAt(citedDoc.getText().indexOf('@rkc') + 1)))));
  });
});

describe('issue 11, class 4: natural headings', () => {
  const codes = (text: string) => diagnosticsOf(text).filter((d) => ['unknown-section', 'misnamed-section'].includes(d.code)).map((d) => `${d.code} ${d.text}`);

  it('ignores numbering, emphasis and a trailing "of digital customs" qualifier, on stemmed words', () => {
    expect(codes(doc('en', '# 2. Competencies of digital customs\n\n# **3. Characteristics**\n\n# IV. Scope\n'))).toEqual([]);
    expect(codes(doc('ru', '# 2. Компетенции цифровой таможни\n\n# Раздел 3. Характеристики\n'))).toEqual([]);
    expect(codes(doc('fr', '# 2. Compétences de la douane numérique\n\n# 3) Caractéristiques\n'))).toEqual([]);
  });

  it('one diagnostic for a heading close to a missing section, with a rename and an id fix', () => {
    const text = doc('en', '# Terms and definitions\n\n# Competence areas\n');
    const all = diagnosticsOf(text);
    const misnamed = all.filter((d) => d.code === 'misnamed-section');
    expect(misnamed.map((d) => d.text)).toEqual(['Competence areas']);
    expect(all.some((d) => d.code === 'missing-section' && (d.diagnostic.data as { sectionId: string }).sectionId === 'competencies')).toBe(false);
    expect(all.some((d) => d.code === 'unknown-section')).toBe(false);
    const ws = modelWorkspace({ 'doc.concept.md': text });
    const actions = ws.service.getCodeActions(ws.doc('doc.concept.md'), misnamed[0].diagnostic.range, { diagnostics: [misnamed[0].diagnostic] });
    const edits = actions.filter((a) => !a.title.startsWith('Suppress')).map((a) => (a.edit!.documentChanges![0] as { edits: { newText: string }[] }).edits[0].newText);
    expect(edits).toEqual(['Competencies', ' {#competencies}']);
  });

  it('the missing-section fix numbers the new heading like its neighbours', () => {
    const text = doc('en', '# 1. Terms and definitions\n\nText.\n\n# 2. Competencies\n\nText.\n');
    const ws = modelWorkspace({ 'doc.concept.md': text });
    const d = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).find((x) => x.code === 'missing-section' && (x.data as { sectionId: string }).sectionId === 'characteristics')!;
    const action = ws.service.getCodeActions(ws.doc('doc.concept.md'), d.range, { diagnostics: [d] }).find((a) => a.isPreferred)!;
    const newText = (action.edit!.documentChanges![0] as { edits: { newText: string }[] }).edits[0].newText;
    expect(newText.split('\n').find((l) => l.startsWith('#'))).toBe('# 3. Characteristics');
  });
});

describe('issue 11, class 5: noise', () => {
  it('reports an implicit use once per term, the later mentions as related information', () => {
    const diags = checkCode('undefined-term', doc('en', 'The <|smart customs|> here, smart customs there, and smart customs again.\n'));
    expect(diags[0].relatedInformation).toHaveLength(2);
    checkCode('undefined-term', doc('en', 'The smart customs here and smart customs there.\n'), {}, { implicitUseReport: 'off' });
  });

  it('does not report general vocabulary of customs law, in any language', () => {
    checkCode('undefined-term', doc('en', 'Customs control, goods declarations and customs clearance.\n'));
    checkCode('undefined-term', doc('ru', 'Таможенный контроль и таможенная процедура, декларация на товары.\n'));
    checkCode('undefined-term', doc('fr', 'Le contrôle douanier et le dédouanement.\n'));
  });

  it('a term base may mark a term as general vocabulary or as a key concept', () => {
    const g = `terms:\n  - term: data lake\n    role: general\n    definition: A store of raw data.\n  - term: customs control\n    role: key\n    definition: Measures to ensure compliance.\n`;
    const ws = { 'k.terms.yaml': g };
    checkCode('undefined-term', doc('en', 'A data lake and «data lake»; <|customs control|>.\n'), ws);
  });
});

describe('issue 11, class 6: elliptical and prepositional uses', () => {
  it('«электронной» или «цифровой» таможни: each adjective is the term that follows', () => {
    const diags = checkCode('undefined-term', doc('ru', 'Понятия «<|электронной|>» или «<|цифровой|>» таможни.\n'));
    expect(diags.map((d) => (d.data as { term: string }).term)).toHaveLength(2);
    checkCode('undefined-term', doc('ru', 'Понятия «электронной» или «цифровой» таможни.\n', 'terms:\n  цифровая таможня: Определение.\n  электронная таможня: Определение.\n'));
  });

  it('«electronic» or «digital customs» in English and French', () => {
    checkCode('undefined-term', doc('en', 'Either «electronic» or «digital customs».\n', 'terms:\n  digital customs: A definition.\n  electronic customs: A definition.\n'));
    checkCode('undefined-term', doc('fr', 'La douane «électronique» ou «numérique».\n', 'terms:\n  douane numérique: Une définition.\n  douane électronique: Une définition.\n'));
  });

  it('«в одно окно» resolves to the deprecated «одно окно»', () => {
    const g = `language: ru\nterms:\n  - term: единое окно\n    definition: Один вход для всех формальностей.\n    deprecated: [одно окно]\n`;
    checkCode('deprecated-term', doc('ru', 'Принцип «<|в одно окно|>».\n', 'glossaries: [g.terms.yaml]\n'), { 'g.terms.yaml': g });
    checkCode('undefined-term', doc('ru', 'Принцип «в одно окно».\n', 'glossaries: [g.terms.yaml]\n'), { 'g.terms.yaml': g });
  });
});

describe('issue 11, class 7: language all the way through', () => {
  const complete = (marked: string) => {
    const fx = parseMarkers(marked);
    const ws = workspace({ 'doc.concept.md': fx.text });
    const d = ws.doc('doc.concept.md');
    return ws.service.getCompletions(d, d.positionAt(fx.cursor!));
  };

  it('completion after « offers Russian labels first in a Russian document', () => {
    const list = complete(doc('ru', 'Это «<|>'));
    const sorted = [...list.items].sort((x, y) => (x.sortText! < y.sortText! ? -1 : 1));
    expect(sorted[0].label).toMatch(/[а-я]/);
    const single = complete(doc('ru', 'Это «един<|>'));
    expect(single.items.map((i) => i.label)).toContain('единое окно');
    expect(single.items.find((i) => i.label === 'единое окно')!.textEdit).toMatchObject({ newText: 'единое окно»' });
  });

  it('@ finds instruments by their Russian and French titles, and ranks what the document cites first', () => {
    expect(complete(doc('ru', 'См. @Киот<|>')).items[0].label).toBe('rkc');
    expect(complete(doc('ru', 'См. @Киот<|>')).items.map((i) => i.label)).toContain('kyoto-1973');
    expect(complete(doc('ru', 'См. @Рамоч<|>')).items[0].label).toBe('safe-fos');
    expect(complete(doc('fr', 'Voir @cadre<|>')).items.map((i) => i.label)).toContain('safe-fos');
    const cited = complete(doc('en', 'As [@tfa] says, see @<|>'));
    expect(cited.items[0].label).toBe('tfa');
  });

  it('adopting the WCO definition in a Russian document writes the Russian label with the English one as a translation, and leaves no unused definition', () => {
    const text = doc('ru', '«Единое окно» работает.\n');
    const ws = workspace({ 'doc.concept.md': text });
    const d = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).find((x) => x.code === 'undefined-term')!;
    const action = ws.service.getCodeActions(ws.doc('doc.concept.md'), d.range, { diagnostics: [d] }).find((x) => x.isPreferred)!;
    const edits = (action.edit!.documentChanges![0] as { edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] }).edits;
    const td = ws.doc('doc.concept.md');
    let after = text;
    for (const e of [...edits].reverse()) after = after.slice(0, td.offsetAt(e.range.start)) + e.newText + after.slice(td.offsetAt(e.range.end));
    expect(after).toContain('единое окно:');
    expect(after).toContain('translations: {en: single window}');
    const again = workspace({ 'doc.concept.md': after });
    const codes = again.service.computeDiagnostics(again.doc('doc.concept.md')).map((x) => x.code);
    expect(codes).not.toContain('undefined-term');
    expect(codes).not.toContain('unused-definition');
  });
});

describe('issue 11, class 2 (continued): scare quotes, set phrases and names found on the held-out corpus', () => {
  it('a lone adjective in quotation marks is a scare quote, not a term, unless it completes a known term', () => {
    checkCode('undefined-term', doc('ru', '«Умная» граница и «зелёного» канала; «<|экосистема|>» платформы.\n'));
    checkCode('undefined-term', doc('en', 'They associated «digital» with automation and spoke of «digital» services.\n'));
    checkCode('undefined-term', doc('fr', 'Une approche «\u00a0numérique\u00a0» des services.\n'));
  });

  it('the contrast «от «электронной» к «цифровой» таможне» is two elliptical uses of known terms', () => {
    checkCode('undefined-term', doc('ru', 'Переход от «<|электронной|>» к «<|цифровой|>» таможне.\n'));
    checkCode('undefined-term', doc('ru', 'Переход от «электронной» к «цифровой» таможне.\n', 'terms:\n  цифровая таможня: Определение.\n  электронная таможня: Определение.\n'));
  });

  it('a set phrase that starts with a preposition names nothing', () => {
    checkCode('undefined-term', doc('ru', 'Решения «на лету» и проекты «под ключ».\n'));
  });

  it('English Title Case in guillemets is a name', () => {
    checkCode('undefined-term', doc('en', 'The «Taza Koom» programme and the «<|smart border|>».\n'));
  });

  it('an instrument name the catalog writes in Title Case wins over a term inside it', () => {
    checkCode('instrument-mention', doc('en', 'Several mentioned the <|WCO Data Model|>, though none could say which version.\n'));
  });
});

describe('issue 11, class 7 (continued): the effective language reaches the model features', () => {
  it('a document without `language:` in a Russian workspace gets Russian section titles in completion and in the missing-section fix', () => {
    const text = '---\nconcept: t\n---\n# Термины и определения\n\nТекст.\n\n# <|>\n';
    const fx = parseMarkers(text);
    const ws = modelWorkspace({ 'doc.concept.md': fx.text }, { language: 'ru' });
    const d = ws.doc('doc.concept.md');
    const labels = ws.service.getCompletions(d, d.positionAt(fx.cursor!)).items.map((i) => i.label);
    expect(labels).toContain('Компетенции');
    const missing = ws.service.computeDiagnostics(d).find((x) => x.code === 'missing-section' && (x.data as { sectionId: string }).sectionId === 'competencies')!;
    expect((missing.data as { title: string }).title).toBe('Компетенции');
  });
});

describe('an acronym is not an everyday word that stems like it', () => {
  const ACRONYM = 'terms:\n  - term: PLACI\n    definition: Pre-loading advance cargo information, sent before goods are loaded.\n';

  it('in French, «place» and «places» are not uses of PLACI, however often they occur; PLACI is', () => {
    const text = doc('fr', 'La place du marché et les places voisines ; une autre place. Le PLACI s’applique, et le PLACI encore.\n');
    const found = diagnosticsOf(text, { 'w.terms.yaml': ACRONYM }).filter((d) => d.code === 'undefined-term');
    expect(found.map((d) => d.text)).toEqual(['PLACI']);
  });
});
