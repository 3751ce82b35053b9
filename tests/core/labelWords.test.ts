/**
 * `labelWords` (terms/matcher.ts) splits labels with a loop over code units and a table of the
 * letter/mark/number class instead of a RegExp: the words must be those `[\p{L}\p{M}\p{N}]+`
 * (with the `u` flag) finds, folded, on every kind of text a label or a quotation may hold.
 */
import { describe, expect, it } from 'vitest';
import { labelKey, labelWords } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';

const byRegExp = (text: string, fold: (w: string) => string) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(fold);

const SAMPLES = [
  '',
  '   ',
  'Single Window',
  'single-window',
  'e‑Customs (U+2011)',
  'Ёлка и ёж: «подача сведений»',
  'douane électronique, l’OMC et d\'autres',
  'ICT/PLACI 2.0 — AEO-MRA',
  'cafe\u0301 au lait', // a combining mark inside a word
  '𝐀𝐁 mathematical bold and 𝟙𝟚 digits', // astral letters and numbers
  'emoji 🚢 between words',
  'lone \ud800 high and \udc00 low surrogates',
  'tail surrogate \ud83d',
  '١٢٣ Arabic-Indic digits and ⅷ roman numeral',
  'CJK 税関 and Hangul 세관',
  'x',
  'a\u00a0b\u202fc', // no-break spaces
];

describe('labelWords', () => {
  it('gives the words the letter/mark/number RegExp finds, folded, in every language', () => {
    for (const language of ['en', 'fr', 'ru'] as const) {
      const folder = wordFolder(language);
      for (const text of SAMPLES) expect(labelWords(text, folder), `${language}: ${JSON.stringify(text)}`).toEqual(byRegExp(text, folder.fold));
    }
  });

  it('gives the keys labelKey has always given', () => {
    expect(labelKey('Ёлка-Палка  2.0')).toBe('елка палка 2 0');
    expect(labelKey('«Single Window»')).toBe('single window');
    expect(labelKey('—')).toBe('');
  });
});
