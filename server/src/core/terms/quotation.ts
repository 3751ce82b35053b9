/**
 * Guillemets mark terms, and they also quote names: journals, laws, programmes,
 * specialities, slogans, departments. This module tells the two apart for a
 * `«…»` whose text resolves to no known label, and finds the label that an
 * elliptical or prepositional quotation stands for.
 *
 * The rule (documented in the README, "Term uses and quotations"):
 * 1. A quotation whose text is a known label (in any language), or becomes one
 *    once a leading preposition or article is dropped (`«в одно окно»`), or once
 *    the words that follow it are added (`«электронной» или «цифровой» таможни`),
 *    is a use of that term.
 * 2. A quotation right after a word that introduces a name (журнал, программа,
 *    закон, девиз, programme, loi, journal, project…) and starting with a capital
 *    letter is a name, even when its text is a known label.
 * 3. An unknown quotation that reads like a name, a title or a phrase is a
 *    quotation, not a term use, and is never reported: in Russian and French it
 *    starts with a capitalised word (not an acronym) or holds a digit; in English
 *    it is in Title Case («Taza Koom»); in any language it holds sentence
 *    punctuation or a spaced dash, is a phrase of function words («как есть»,
 *    "as is"), a set phrase that starts with a preposition («на лету», «под
 *    ключ»), a lone adjective (a scare quote: «умная» граница, «digital»
 *    services), or has more than five words. English writes its quotations in
 *    “…”, so there a capitalised «…» in sentence case stays a term use.
 * 4. Any other unknown quotation (lower case, a few words) is a term use that
 *    nothing defines: `undefined-term`.
 */
import type { Language, WordFolder } from './language';
import { hasLower, startsUpper } from '../letterCase';

/** How `«…»` is read: `auto` (the rule above), `all` (every quotation is a term use), `known` (only quotations of known labels are uses). */
export type ExplicitTermsMode = 'auto' | 'all' | 'known';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Leading words dropped before looking a quotation up again: prepositions and articles. */
const LEADING: ReadonlySet<string> = new Set([
  // ru
  'в', 'во', 'на', 'по', 'о', 'об', 'обо', 'с', 'со', 'к', 'ко', 'для', 'от', 'до', 'из', 'при', 'через', 'про', 'без', 'за', 'под', 'над',
  // en
  'the', 'a', 'an', 'in', 'on', 'at', 'of', 'for', 'to', 'by', 'with', 'into', 'via',
  // fr
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'en', 'à', 'au', 'aux', 'par', 'pour', 'sur', 'dans', 'avec',
]);

/** Words joining the two halves of an elliptical pair (`«X» или «Y Z»`). */
const JOINERS: ReadonlySet<string> = new Set(['или', 'и', 'либо', 'а', 'к', 'до', 'от', 'против', 'or', 'and', 'to', 'versus', 'vs', 'nor', 'ou', 'et', 'à', 'vers', 'ni', 'ни']);

/** Stems of words after which a capitalised quotation is the name of something. */
const NAME_INTRODUCERS: Record<Language | 'any', string[]> = {
  ru: [
    'журнал', 'газет', 'вестник', 'программ', 'подпрограмм', 'проект', 'закон', 'кодекс', 'девиз', 'лозунг', 'слоган', 'конференц', 'форум',
    'специальност', 'направлен', 'профил', 'кафедр', 'факультет', 'институт', 'университет', 'академ', 'издательств', 'компан', 'обществ',
    'портал', 'сервис', 'платформ', 'конкурс', 'рубрик', 'книг', 'стат', 'доклад', 'сборник', 'монограф', 'учебник', 'постановлен', 'приказ',
    'распоряжен', 'указ', 'стратег', 'дисциплин', 'курс', 'семинар', 'тем', 'акц', 'операц', 'управлен', 'отдел', 'департамент', 'центр',
    'комплекс', 'информационн', 'ассоциац', 'союз', 'фонд', 'премия', 'номинац', 'выставк', 'мероприят', 'договор', 'соглашен', 'пакет', 'раздел', 'глав',
  ],
  en: [
    'journal', 'newspaper', 'magazine', 'review', 'programme', 'program', 'project', 'law', 'act', 'code', 'slogan', 'motto', 'theme', 'conference',
    'forum', 'speciality', 'specialty', 'degree', 'course', 'department', 'directorate', 'faculty', 'institute', 'university', 'strategy', 'initiative',
    'platform', 'portal', 'report', 'book', 'article', 'chapter', 'section', 'series', 'agreement', 'package', 'decree', 'decision', 'resolution', 'campaign',
  ],
  fr: [
    'revue', 'journal', 'magazine', 'programme', 'projet', 'loi', 'code', 'slogan', 'devise', 'thème', 'theme', 'conférence', 'conference', 'forum',
    'spécialité', 'specialite', 'filière', 'filiere', 'département', 'departement', 'direction', 'faculté', 'faculte', 'institut', 'université',
    'universite', 'stratégie', 'strategie', 'initiative', 'plateforme', 'portail', 'rapport', 'livre', 'article', 'chapitre', 'section', 'série',
    'accord', 'décret', 'decret', 'décision', 'decision', 'résolution', 'campagne', 'plan', 'intitulé', 'intitule',
  ],
  any: [],
};

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The quotation without leading prepositions and articles, or undefined when there is none to drop. */
export function withoutLeadingWords(label: string): string | undefined {
  let rest = label.trimStart();
  let dropped = false;
  for (;;) {
    const m = /^([\p{L}]+)(?:['’]|[\s\u00a0]+)/u.exec(rest);
    if (!m || !LEADING.has(m[1].toLowerCase())) break;
    const after = rest.slice(m[0].length);
    if (!/[\p{L}\p{N}]/u.test(after)) break;
    rest = after;
    dropped = true;
  }
  return dropped ? rest : undefined;
}

/** Up to `max` words right after `from` (separated by spaces only), for an elliptical quotation. */
function wordsAfter(text: string, from: number, max: number): string[] {
  const out: string[] = [];
  let i = from;
  while (out.length < max) {
    const m = /^[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?([\p{L}\p{M}\p{N}]+(?:[-\u2011][\p{L}\p{M}\p{N}]+)*)/u.exec(text.slice(i, i + 200));
    if (!m) break;
    out.push(m[1]);
    i += m[0].length;
  }
  return out;
}

/**
 * Labels an elliptical quotation may stand for, longest first: `«цифровой» таможни`
 * → `цифровой таможни`; in `«электронной» или «цифровой» таможни` and
 * `«electronic» or «digital customs»` the first quotation borrows the words that
 * complete the second. `start`/`end`: offsets of the text between the guillemets.
 */
export function ellipticalCandidates(text: string, start: number, end: number, label: string): string[] {
  const out: string[] = [];
  const close = end + 1; // after `»`
  const after = wordsAfter(text, close, 3);
  for (let k = after.length; k >= 1; k--) out.push(label + ' ' + after.slice(0, k).join(' '));
  // `«X» или «Y …» …`: X takes Y's words after Y's first one, then the words after Y.
  const m = /^[ \t\u00a0]*,?[ \t\u00a0]*([\p{L}]+)?[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?«([^«»\n]{1,120})»/u.exec(text.slice(close, close + 200));
  if (m && (!m[1] || JOINERS.has(m[1].toLowerCase()))) {
    const y = words(m[2]);
    const yEnd = close + m[0].length;
    const tail = y.slice(1);
    const afterY = wordsAfter(text, yEnd, 3);
    for (let k = afterY.length; k >= 1; k--) out.push([label, ...tail, ...afterY.slice(0, k)].join(' '));
    for (let k = tail.length; k >= 1; k--) out.push([label, ...tail.slice(tail.length - k)].join(' '));
  }
  // French and Russian may put the noun first: `la douane «électronique» ou «numérique»`.
  let open = start - 1;
  const pair = /«([^«»\n]{1,120})»[ \t\u00a0]*,?[ \t\u00a0]*([\p{L}]+)[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?$/u.exec(text.slice(Math.max(0, open - 200), open));
  if (pair && JOINERS.has(pair[2].toLowerCase())) open -= pair[0].length;
  const before = /((?:[\p{L}\p{M}\p{N}]+[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?){1,2})$/u.exec(text.slice(Math.max(0, open - 80), open));
  if (before) {
    const ws = words(before[1]);
    for (let k = ws.length; k >= 1; k--) out.push([...ws.slice(ws.length - k), label].join(' '));
  }
  return out.filter((c, i) => out.indexOf(c) === i);
}

/** Small words that stay lower case inside an English title. */
const SMALL_TITLE_WORDS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'de', 'la', 'du']);

/** Adjective endings: Russian (full forms), French and English suffixes. */
const ADJECTIVE_ENDINGS: Readonly<Record<Language, RegExp>> = {
  // Not -ий, -ие, -ое, -им, -их: nouns end so too (критерий, управление).
  ru: /(?:ый|ой|ая|яя|ого|его|ому|ему|ым|ых|ую|юю|ою|ыми|ими)$/u,
  fr: /(?:ique|iques|elle|elles|al|ale|aux|ales|if|ive|ifs|ives|eux|euse|euses|able|ables|ible|ibles)$/u,
  en: /(?:al|ic|ical|ive|ous|ful|less|able|ible|ary|ish)$/u,
};

function looksLikeAdjective(word: string, language: Language): boolean {
  // A Cyrillic word is read with Russian endings in any document; others with the document's language.
  const lang: Language = /[\u0400-\u04ff]/.test(word) ? 'ru' : language === 'ru' ? 'en' : language;
  return word.length > 3 && ADJECTIVE_ENDINGS[lang].test(word);
}

/** Words that do not start a term: pronouns, conjunctions, auxiliaries and modal verbs. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'как', 'что', 'это', 'так', 'если', 'когда', 'где', 'кто', 'не', 'ни', 'бы', 'же', 'ли', 'есть', 'быть', 'было', 'будет', 'должно', 'должен', 'может', 'можно', 'нужно', 'надо', 'вот', 'все', 'всё', 'мы', 'вы', 'они', 'он', 'она', 'оно', 'я',
  'as', 'is', 'be', 'to', 'it', 'what', 'how', 'should', 'must', 'can', 'may', 'will', 'we', 'you', 'they', 'not', 'no', 'yes', 'if', 'when',
  'tel', 'quel', 'telle', 'comme', 'est', 'être', 'doit', 'peut', 'il', 'elle', 'nous', 'vous', 'ils', 'ne', 'pas', 'si', 'quand', 'ce', 'qui', 'que', 'quoi',
]);

/** Whether the word before the opening guillemet at `open` introduces a name (журнал «…», the programme «…»). */
export function afterNameIntroducer(text: string, open: number, language: Language, folder: WordFolder): boolean {
  const before = /([\p{L}]+)[\s\u00a0]*$/u.exec(text.slice(Math.max(0, open - 40), open));
  if (!before) return false;
  const w = before[1].toLowerCase().replace(/ё/g, 'е');
  const lists = language === 'en' ? [NAME_INTRODUCERS.en] : language === 'fr' ? [NAME_INTRODUCERS.fr, NAME_INTRODUCERS.en] : [NAME_INTRODUCERS.ru, NAME_INTRODUCERS.en];
  const stem = folder.fold(w);
  for (const list of lists) {
    // The Russian list holds stems, matched as prefixes; the English and French lists hold words, matched whole or
    // with a plural ending: "act" introduces a name, "activities" does not.
    const byPrefix = list === NAME_INTRODUCERS.ru;
    for (const x of list) if (w === x || stem === x || (byPrefix ? w.startsWith(x) : PLURAL_ENDINGS.some((e) => w === x + e))) return true;
  }
  return false;
}
const PLURAL_ENDINGS: readonly string[] = ['s', 'es', 'x', 'e'];

/** Whether an unknown quotation reads like a name or a title rather than a term (rule 3). */
export function readsLikeName(label: string, language: Language): boolean {
  const trimmed = label.trim();
  if (!trimmed) return false;
  // English writes quotations in “…”: there, «…» is the term mark, capitalised or not, unless it quotes another script.
  if (language !== 'en' && startsWithCapital(trimmed)) return true;
  if (language === 'en' && /[\u0400-\u04ff]/.test(trimmed) && startsWithCapital(trimmed)) return true;
  // A version number ("4.0", "2.1") is not sentence punctuation.
  if (/[.!?:;,…"“”„()]/.test(trimmed.replace(/\d+(?:\.\d+)+/g, '0')) || /\s[\u2013\u2014-]\s/.test(trimmed)) return true;
  if (language !== 'en' && /\d/.test(trimmed)) return true;
  const ws = words(trimmed.toLowerCase());
  // English Title Case of two words or more names something: «Taza Koom», «Customs Connect».
  if (language === 'en' && ws.length >= 2 && words(trimmed).every((w) => startsUpper(w) || SMALL_TITLE_WORDS.has(w))) return true;
  // A set phrase that starts with a preposition («на лету», «под ключ», "on the fly") names nothing.
  if (ws.length >= 2 && LEADING.has(ws[0])) return true;
  // A lone adjective in quotation marks is a scare quote or an ellipsis that resolved to no term:
  // «умная» граница, «зелёного» канала, «digital» services. Terms are nouns or noun phrases.
  if (ws.length === 1 && looksLikeAdjective(ws[0], language)) return true;
  // A phrase of function words («как есть», «как должно быть», "as is", « tel quel ») is a quotation, not a term.
  if (FUNCTION_WORDS.has(ws[0]) || ws.filter((w) => FUNCTION_WORDS.has(w)).length * 2 > ws.length) return true;
  return ws.length > 5;
}

/** Whether a quotation starts with a capitalised word (`Таможенное`, `Customs`); an acronym (`AEO`, `ИТ`) is not one. */
export function startsWithCapital(label: string): boolean {
  const first = /[\p{L}\p{M}]+/u.exec(label);
  if (!first || !startsUpper(first[0])) return false;
  return first[0].length === 1 || hasLower(first[0].slice(1));
}
