import { stringify } from 'yaml';

/**
 * A term base of `n` entries in English, French and Russian: variants, deprecated
 * labels, definitions per language with XML, Turtle and CSV special characters,
 * relations inside and outside the base, every field the format has.
 */
export function generatedTermBase(n: number, language = 'en'): string {
  const terms = [];
  for (let i = 0; i < n; i++) {
    const entry: Record<string, unknown> = { term: language === 'ru' ? `таможенный термин ${i}` : `customs term ${i}` };
    if (i % 3 === 0) entry.definition = `Definition ${i}: «quoted», "double", 'single', <angle> & ampersand, comma, semicolon; line\nbreak and a \\ backslash.`;
    else if (i % 3 === 1) entry.definition = { [language]: `Definition ${i} in the base's language.`, fr: `Définition ${i} : l'œuvre « guillemets ».`, ...(language === 'ru' ? { en: `English ${i}` } : { ru: `Определение ${i} — «ёлочки».` }) };
    if (i % 2 === 0) entry.variants = [`variant ${i}`, `CT${i}`];
    if (i % 5 === 0) entry.deprecated = [`old term ${i}`];
    if (i % 4 !== 3) entry.source = i % 8 === 0 ? `@rkc, General Annex, Chapter ${i % 10}` : '@safe-fos';
    if (i > 0) entry.related = [terms[i - 1].term, ...(i % 7 === 0 ? ['single window'] : [])];
    if (i % 11 === 0 && i > 0) entry.broader = [terms[0].term];
    if (i % 13 === 0) entry.narrower = ['electronic declaration'];
    const other = language === 'ru' ? 'en' : 'ru';
    entry.translations = { fr: i % 6 === 0 ? [`terme douanier ${i}`, `variante ${i}`] : `terme douanier ${i}`, [other]: other === 'ru' ? `таможенный термин ${i}` : `customs term ${i}` };
    if (i % 9 === 0) entry.confidence = ['high', 'medium', 'low'][i % 3];
    if (i % 10 === 0) entry.note = `Note ${i}: a plain remark.`;
    if (i % 17 === 0) entry.match = 'exact';
    if (i % 19 === 0) entry.exclude = [`customs terms ${i}s`];
    terms.push(entry as { term: string });
  }
  return stringify({ language, terms });
}
