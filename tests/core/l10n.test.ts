import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, toLocale, type Locale } from '../../server/src/core/index';
import { builtin } from './helpers';

const TEXT = `---
terms:
  data lake:
    definition: A data lake holds data.
  unused thing: Never used.
---
The «data lake», «smart border», smart customs, @wco-datamodel and @safe-fos-2012.
`;

function check(locale: Locale) {
  const service = createLanguageService({
    builtin,
    workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] },
    settings: () => ({ ...DEFAULT_SETTINGS, locale }),
  });
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
