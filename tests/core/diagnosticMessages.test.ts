/**
 * What an author reads: every diagnostic of a concept document and of a term
 * base with its code, severity, covered text, message and related places, in
 * English and in Russian, and how the settings change the set.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './diagnosticLines';
import { workspace } from './helpers';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    deprecated: [one-stop window]
  - term: authorized economic operator
    definition: A trader certified as secure and compliant.
    variants: [AEO]
  - term: data lake
    definition: A data lake of raw data.
    source: "@wco-datamodel and @rkc"
  - term: risk engine
    definition: Scores consignments.
  - term: Risk Engine
    definition: Scores consignments again.
  - term: customs law
    definition: The law of customs.
    role: general
`;
const OTHER = 'terms:\n  - term: single window\n    definition: Another single entry point.\n  - term: smart border\n    definition: A border that reads data.\n';
const DOC = `---
concept: test
language: en
glossaries: [glossary.terms.yaml, other.terms.yaml]
terms:
  digital customs:
    definition: Customs run on data.
  unused thing:
    definition: Never used here.
  loop:
    definition: A loop is a loop.
  AEO:
    definition: Local definition of a trader.
---
# Scope of digital customs

A one-stop window and «one-stop window». We use «mystery term» and «data swamp».
The electronic customs and electronic customs again, Electronic  Customs.
Then customs law and «coordinated border management».
Cites @nonexistent-thing, @safe-fos-2012, @cu-cc and @rkc.
The Revised Kyoto Convention and again the Revised Kyoto Convention.
Uses digital customs and «digital customs».
`;
const FILES = {
  'glossary.terms.yaml': GLOSSARY,
  'other.terms.yaml': OTHER,
  'doc.concept.md': DOC,
  'swamp.terms.yaml': 'terms:\n  - term: data swamp\n    definition: A swamp.\n',
};

describe('diagnostics as an author reads them', () => {
  it('of a concept document, with the default settings', () => {
    expect(diagnosticsOf('doc.concept.md', FILES)).toEqual([
      'duplicate-definition warning «other.terms.yaml» «single window» is defined in more than one imported term base.',
      '  glossary.terms.yaml «single window» «single window» is defined here',
      '  other.terms.yaml «single window» «single window» is defined here',
      'unused-definition hint «unused thing» «unused thing» is defined but never used in this document.',
      'unused-definition hint «loop» «loop» is defined but never used in this document.',
      'circular-definition warning «loop» The definition of «loop» uses the term itself: define it with other words.',
      'circular-definition warning «loop» The definition of «loop» uses the term itself: define it with other words.',
      "duplicate-definition warning «AEO» «aeo» is defined 2 times in this document's scope.",
      '  doc.concept.md «AEO» «AEO» is defined here',
      '  glossary.terms.yaml «authorized economic operator» «authorized economic operator» is defined here',
      'unused-definition hint «AEO» «AEO» is defined but never used in this document.',
      'deprecated-term warning «one-stop window» «one-stop window» is deprecated: use «single window».',
      'deprecated-term warning «one-stop window» «one-stop window» is deprecated: use «single window».',
      'undefined-term error «mystery term» «mystery term» is used as a term but no definition covers it: add it to `terms:` or to an imported term base.',
      'undefined-term error «data swamp» «data swamp» is used as a term but this document does not define it (known from swamp.terms.yaml): import that term base or define it.',
      'undefined-term warning «electronic customs» «electronic customs» is a known term (WCO starter term base) that this document does not define.',
      '  doc.concept.md «electronic customs» also used here: «electronic customs»',
      '  doc.concept.md «Electronic  Customs» also used here: «Electronic Customs»',
      'undefined-term error «coordinated border management» «coordinated border management» is used as a term but this document does not define it (the WCO starter term base knows it): define it or adopt a definition.',
      'unknown-instrument error «@nonexistent-thing» Unknown instrument `@nonexistent-thing`.',
      'superseded-instrument warning «@safe-fos-2012» `@safe-fos-2012` cites the 2012 edition of SAFE Framework of Standards; the current one is `@safe-fos-2025`.',
      'superseded-instrument warning «@cu-cc» `@cu-cc` (Customs Union Customs Code) is superseded by `@eaeu-cc` (EAEU Customs Code).',
      'instrument-mention information «Revised Kyoto Convention» «Revised Kyoto Convention» names the instrument `@rkc`; cite it as `[@rkc]` so readers and the checker can follow it.',
    ]);
  });

  it('of a term base', () => {
    expect(diagnosticsOf('glossary.terms.yaml', FILES)).toEqual([
      'circular-definition warning «data lake» The definition of «data lake» uses the term itself: define it with other words.',
      'unknown-instrument error «"@wco-datamodel and @rkc"» Unknown instrument `@wco-datamodel`. Did you mean `@wco-dm`, `@it-guide`?',
      'duplicate-definition warning «Risk Engine» «risk engine» is already defined in this term base.',
      '  glossary.terms.yaml «risk engine» «risk engine» is defined here',
      '  glossary.terms.yaml «Risk Engine» «risk engine» is defined here',
    ]);
  });

  it('in Russian, every implicit use reported, at its own severity, without unused definitions or instrument mentions', () => {
    const settings = { implicitUseReport: 'all', implicitUseSeverity: 'information', unusedDefinitionSeverity: 'off', instrumentMentionSeverity: 'off', locale: 'ru' } as const;
    expect(diagnosticsOf('doc.concept.md', FILES, settings)).toEqual([
      'duplicate-definition warning «other.terms.yaml» «single window» определён в нескольких подключённых глоссариях.',
      '  glossary.terms.yaml «single window» «single window» определён здесь',
      '  other.terms.yaml «single window» «single window» определён здесь',
      'circular-definition warning «loop» Определение «loop» использует сам термин: определите его другими словами.',
      'circular-definition warning «loop» Определение «loop» использует сам термин: определите его другими словами.',
      'duplicate-definition warning «AEO» «aeo» определён 2 раза в области действия этого документа.',
      '  doc.concept.md «AEO» «AEO» определён здесь',
      '  glossary.terms.yaml «authorized economic operator» «authorized economic operator» определён здесь',
      'deprecated-term warning «one-stop window» «one-stop window» — нерекомендуемый вариант: используйте «single window».',
      'deprecated-term warning «one-stop window» «one-stop window» — нерекомендуемый вариант: используйте «single window».',
      'undefined-term error «mystery term» «mystery term» употреблён как термин, но ни одно определение его не охватывает: добавьте его в `terms:` или в подключённый глоссарий.',
      'undefined-term error «data swamp» «data swamp» употреблён как термин, но этот документ его не определяет (известен из swamp.terms.yaml): подключите этот глоссарий или дайте определение.',
      'undefined-term information «electronic customs» «electronic customs» — известный термин (базовый глоссарий ВТамО), который этот документ не определяет.',
      'undefined-term information «electronic customs» «electronic customs» — известный термин (базовый глоссарий ВТамО), который этот документ не определяет.',
      'undefined-term information «Electronic  Customs» «Electronic Customs» — известный термин (базовый глоссарий ВТамО), который этот документ не определяет.',
      'undefined-term error «coordinated border management» «coordinated border management» употреблён как термин, но этот документ его не определяет (он есть в базовом глоссарии ВТамО): дайте определение или примите готовое.',
      'unknown-instrument error «@nonexistent-thing» Неизвестный документ `@nonexistent-thing`.',
      'superseded-instrument warning «@safe-fos-2012» `@safe-fos-2012` ссылается на редакцию 2012 документа «SAFE Framework of Standards»; действующая — `@safe-fos-2025`.',
      'superseded-instrument warning «@cu-cc» `@cu-cc` (Customs Union Customs Code) заменён документом `@eaeu-cc` (EAEU Customs Code).',
    ]);
  });
});

describe('imports and implicit uses', () => {
  const files = {
    'doc.concept.md': '---\nglossaries: [missing.terms.yaml, broken.terms.yaml, ok.terms.yaml]\n---\n## Electronic customs\n\nText.\n' + 'The electronic customs. '.repeat(53) + '\nAnd «electronic customs».\n',
    'broken.terms.yaml': 'terms:\n  - term: a\n    definition: x\n  - definition: y\n  - term: b\n    definition: z\n    role: main\n',
    'ok.terms.yaml': 'terms:\n  - term: z\n    definition: zz\n',
  };
  const imports = [
    'glossary-not-found error «missing.terms.yaml» Term base `missing.terms.yaml` cannot be read: no such file.',
    'glossary-problems warning «broken.terms.yaml» Term base `broken.terms.yaml` has 2 error(s); open it to see them.',
  ];
  const explicit = 'undefined-term error «electronic customs» «electronic customs» is used as a term but this document does not define it (the WCO starter term base knows it): define it or adopt a definition.';

  it('the first implicit use in prose (not in a heading) is reported, with at most 50 later ones as related places', () => {
    const lines = diagnosticsOf('doc.concept.md', files);
    const also = '  doc.concept.md «electronic customs» also used here: «electronic customs»';
    expect(lines).toEqual([...imports, 'undefined-term warning «electronic customs» «electronic customs» is a known term (WCO starter term base) that this document does not define.', ...Array(50).fill(also), explicit]);
  });

  it('implicit uses are not reported when the report or the severity is off; explicit ones still are', () => {
    expect(diagnosticsOf('doc.concept.md', files, { implicitUseReport: 'off' })).toEqual([...imports, explicit]);
    expect(diagnosticsOf('doc.concept.md', files, { implicitUseSeverity: 'off' })).toEqual([...imports, explicit]);
  });
});

describe('settings changed between two checks of the same text', () => {
  it('the messages follow the language and the severity of the moment', () => {
    const settings: { locale?: 'en' | 'ru'; implicitUseSeverity?: 'warning' | 'error' } = {};
    const ws = workspace({ 'doc.concept.md': '# Scope\n\nThe electronic customs and «mystery term».\n' }, settings);
    const check = () => ws.service.computeDiagnostics(ws.doc('doc.concept.md')).map((d) => `${d.severity} ${d.message}`);
    expect(check()).toEqual([
      '2 «electronic customs» is a known term (WCO starter term base) that this document does not define.',
      '1 «mystery term» is used as a term but no definition covers it: add it to `terms:` or to an imported term base.',
    ]);
    settings.locale = 'ru';
    expect(check()).toEqual([
      '2 «electronic customs» — известный термин (базовый глоссарий ВТамО), который этот документ не определяет.',
      '1 «mystery term» употреблён как термин, но ни одно определение его не охватывает: добавьте его в `terms:` или в подключённый глоссарий.',
    ]);
    settings.implicitUseSeverity = 'error';
    expect(check()[0]).toBe('1 «electronic customs» — известный термин (базовый глоссарий ВТамО), который этот документ не определяет.');
  });
});

describe('definitions met twice', () => {
  const glossary = 'terms:\n  - term: single window\n    definition: One entry point.\n  - term: SW\n    definition: An abbreviation on its own.\n';

  it('a document entry clashing with two imported entries, by its label and its variant, is reported once', () => {
    const doc = '---\nglossaries: [g.terms.yaml]\nterms:\n  single window:\n    definition: Ours.\n    variants: [SW]\n---\nThe single window, the SW.\n';
    const lines = diagnosticsOf('doc.concept.md', { 'g.terms.yaml': glossary, 'doc.concept.md': doc });
    expect(lines.filter((l) => l.startsWith('duplicate-definition'))).toEqual([
      "duplicate-definition warning «single window» «single window» is defined 2 times in this document's scope.",
    ]);
  });

  it('a term base defining a label twice is reported in the term base, not in the documents that import it', () => {
    const twice = 'terms:\n  - term: data lake\n    definition: A store.\n  - term: Data Lake\n    definition: A store again.\n';
    const doc = '---\nglossaries: [g.terms.yaml]\n---\nThe data lake.\n';
    expect(diagnosticsOf('doc.concept.md', { 'g.terms.yaml': twice, 'doc.concept.md': doc })).toEqual([]);
  });
});

describe('headings', () => {
  it('an implicit use in a Setext heading is not the first use', () => {
    const doc = '---\ntitle: x\n---\nElectronic customs\n==================\n\nText on electronic customs.\n';
    expect(diagnosticsOf('doc.concept.md', { 'doc.concept.md': doc })).toEqual([
      'undefined-term warning «electronic customs» «electronic customs» is a known term (WCO starter term base) that this document does not define.',
    ]);
  });
});
