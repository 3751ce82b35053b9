import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, toLocale, type Locale } from '../../server/src/core/index';
import { builtin } from './helpers';
import { hoverText } from '../hoverText';

const TEXT = `---
terms:
  data lake:
    definition: A data lake holds data.
  unused thing: Never used.
---
The «data lake», «smart border», smart customs, @wco-datamodel and @safe-fos-2012.
`;

/** A service with the built-in data alone, showing messages in `locale`. */
const serviceIn = (locale: Locale) =>
  createLanguageService({
    builtin,
    workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] },
    settings: () => ({ ...DEFAULT_SETTINGS, locale }),
  });

function check(locale: Locale) {
  const service = serviceIn(locale);
  const doc = TextDocument.create('file:///ws/doc.concept.md', 'markdown', 1, TEXT);
  const diagnostics = service.computeDiagnostics(doc);
  const hover = service.getHover(doc, doc.positionAt(TEXT.indexOf('smart customs') + 2))!;
  return { diagnostics, hover: (hover.contents as MarkupContent).value };
}

describe('localised messages', () => {
  const en = check('en');
  for (const locale of ['fr', 'ru'] as const) {
    it(`${locale}: every diagnostic and hover label differs from English, codes and ranges do not`, () => {
      const other = check(locale);
      expect(other.diagnostics.map((d) => [d.code, d.range])).toEqual(en.diagnostics.map((d) => [d.code, d.range]));
      expect(other.diagnostics.length).toBeGreaterThanOrEqual(6);
      other.diagnostics.forEach((d, i) => expect(d.message, String(d.code)).not.toBe(en.diagnostics[i].message));
      expect(other.hover).not.toBe(en.hover);
    });
  }

  it('the hover of a WCO term in a document that does not say its language follows the display locale', () => {
    const doc = TextDocument.create('file:///ws/doc.concept.md', 'markdown', 1, TEXT);
    const hover = (locale: Locale) => hoverText(doc, serviceIn(locale).getHover(doc, doc.positionAt(TEXT.indexOf('smart customs') + 2)));
    expect(hover('en')).toMatchInlineSnapshot(`
      "range 6:33-6:46 «smart customs»

      **smart customs** — *WCO reference meaning — not defined by this document*

      Operating model of a customs administration that combines automation, data analytics, artificial intelligence and connected sensors to direct controls at risky movements and let compliant goods through with minimal intervention.

      *Source:* @smart-borders — SMART Borders  
      *Translations:* ru: умная таможня  
      *Related:* digital customs, data analytics, risk management  
      *Confidence:* medium — Also used as a national programme label (for example in China and the Republic of Korea). The WCO's 2019 theme speaks of SMART borders."
    `);
    expect(hover('fr')).toMatchInlineSnapshot(`
      "range 6:33-6:46 «smart customs»

      **smart customs** — *sens de référence OMD — non défini par ce document*

      Operating model of a customs administration that combines automation, data analytics, artificial intelligence and connected sensors to direct controls at risky movements and let compliant goods through with minimal intervention.

      *Source:* @smart-borders — SMART Borders  
      *Traductions:* ru: умная таможня  
      *Termes associés:* digital customs, data analytics, risk management  
      *Fiabilité:* moyenne — Also used as a national programme label (for example in China and the Republic of Korea). The WCO's 2019 theme speaks of SMART borders."
    `);
    expect(hover('ru')).toMatchInlineSnapshot(`
      "range 6:33-6:46 «smart customs»

      **smart customs** — *справочное значение ВТамО — документ его не определяет*

      Operating model of a customs administration that combines automation, data analytics, artificial intelligence and connected sensors to direct controls at risky movements and let compliant goods through with minimal intervention.

      *Источник:* @smart-borders — SMART Borders  
      *Переводы:* ru: умная таможня  
      *Связанные:* digital customs, data analytics, risk management  
      *Достоверность:* средняя — Also used as a national programme label (for example in China and the Republic of Korea). The WCO's 2019 theme speaks of SMART borders."
    `);
  });

  it('writes Russian messages in Cyrillic', () => {
    for (const d of check('ru').diagnostics) expect(d.message).toMatch(/[а-яё]/i);
  });

  it('maps BCP 47 tags to the supported locales', () => {
    expect(toLocale('fr-CA')).toBe('fr');
    expect(toLocale('ru')).toBe('ru');
    expect(toLocale('de-DE')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });
});
