/**
 * How a heading is compared with the titles and aliases of a model's section
 * kinds, beyond the exact comparison of `sectionKey`:
 *
 * - numbering goes (`5.`, `5.1)`, `IV.`, `А.`, `Раздел 5.`, `Глава 2 —`, `Chapter 3:`, `Section 4 –`);
 * - emphasis, quotes and a trailing colon go;
 * - words are compared by their Snowball stem (Cyrillic words in Russian, Latin
 *   words in English and in French), in any order;
 * - small words (of, the, and, и, в, de, la…) and the words that name the concept's
 *   own subject (digital, customs, electronic, цифровая, таможня, douane,
 *   numérique…) go, so "Competencies of digital customs", «Компетенции цифровой
 *   таможни» and « Compétences de la douane numérique » all read as "competencies".
 *
 * `similarity` scores an unknown heading against a section kind, for the
 * `misnamed-section` diagnostic: the share of stems the two have in common.
 */
import * as snowball from 'snowball-stemmers';

type Stem = (word: string) => string;

/** Stems by word, per language of the stemmer that gave them. */
export type StemTable = Record<'en' | 'fr' | 'ru', Record<string, string>>;

/**
 * The stems of the built-in models' section labels, taken at build time
 * (esbuild.mjs, with `modelStemTable`): Snowball stemmers are slow to start, and
 * with these the built-in model's section lookup is built without running one.
 * A word the table does not hold is stemmed as usual, so the table changes no answer.
 */
declare const __BUILTIN_STEMS__: Readonly<StemTable> | undefined;

function bundledStems(): Readonly<StemTable> | undefined {
  return typeof __BUILTIN_STEMS__ === 'object' ? __BUILTIN_STEMS__ : undefined;
}

/** Stemmers, created on first use and kept by the caller (the model lookup that needs them). */
export interface Stemmers {
  en: Stem;
  fr: Stem;
  ru: Stem;
}

export function createStemmers(seed: Readonly<StemTable> | undefined = bundledStems()): Stemmers {
  const make = (language: string, known: Readonly<Record<string, string>> | undefined): Stem => {
    let s: { stem(word: string): string } | undefined;
    const memo = new Map<string, string>(known ? Object.entries(known) : undefined);
    return (w) => {
      let v = memo.get(w);
      if (v === undefined) {
        s ??= snowball.newStemmer(language);
        v = s.stem(w);
        if (memo.size > 10_000) memo.clear();
        memo.set(w, v);
      }
      return v;
    };
  };
  return { en: make('english', seed?.en), fr: make('french', seed?.fr), ru: make('russian', seed?.ru) };
}

/** The stems `headingStems` asks for when it reads `labels` in English and in French (the table bundles are built with). */
export function stemTable(labels: readonly string[]): StemTable {
  const table: StemTable = { en: {}, fr: {}, ru: {} };
  const real = createStemmers(undefined);
  const record =
    (language: keyof StemTable): Stem =>
    (w) =>
      (table[language][w] = real[language](w));
  const recording: Stemmers = { en: record('en'), fr: record('fr'), ru: record('ru') };
  for (const label of labels) for (const latin of ['en', 'fr'] as const) headingStems(label, recording, latin);
  return table;
}

const SMALL: ReadonlySet<string> = new Set([
  'of', 'the', 'and', 'for', 'in', 'to', 'a', 'an', 'on', 'its', 'with', 'by', 'at', 'as', 'from', 'into', 'or',
  'de', 'la', 'le', 'les', 'du', 'des', 'et', 'en', 'à', 'au', 'aux', 'l', 'd', 'pour', 'par', 'sur', 'dans', 'avec', 'ou', 'un', 'une',
  'и', 'в', 'во', 'для', 'о', 'об', 'по', 'на', 'с', 'со', 'к', 'ко', 'его', 'ее', 'её', 'их', 'а', 'также', 'или', 'при', 'как',
  // Qualifiers that do not change which section a heading is: "Main characteristics", «Основные характеристики».
  'main', 'key', 'basic', 'general', 'principal', 'overall', 'основные', 'основной', 'основная', 'основное', 'общие', 'общая', 'общий', 'ключевые', 'главные',
  'principales', 'principaux', 'principale', 'générales', 'généraux', 'generales', 'generaux',
]);

/** Words naming the subject of every concept document: a heading qualified by them names the same section. */
const SUBJECT: ReadonlySet<string> = new Set([
  'digital', 'customs', 'electronic', 'smart', 'e', 'eaeu', 'eeu', 'wco',
  'douane', 'douanes', 'douanier', 'douaniere', 'douanière', 'numérique', 'numerique', 'électronique', 'electronique', 'intelligente', 'omd', 'uee',
  'цифровой', 'цифровая', 'цифровую', 'цифровые', 'цифровых', 'цифровом', 'цифровыми', 'таможни', 'таможня', 'таможню', 'таможней', 'таможне', 'таможенный',
  'таможенной', 'таможенных', 'таможенные', 'таможенная', 'таможенного', 'таможенным', 'таможенными', 'электронной', 'электронная', 'электронную', 'еаэс', 'вто', 'тамож',
]);

const NUMBERING: readonly RegExp[] = [
  /^\s*(?:§\s*)?(?:раздел|глава|часть|пункт|приложение|chapter|section|part|annex|appendix|chapitre|partie|titre|annexe)\s+(?:\d+(?:\.\d+)*|[IVXLCDM]+|[A-ZА-Я])\s*[.):\u2013\u2014-]*\s*/iu,
  /^\s*(?:приложение|annex|appendix|annexe)\s*[.):\u2013\u2014-]+\s*/iu,
  /^\s*(?:§\s*)?(?:\d+(?:\.\d+)*\.?\)?|[IVXLCDM]+[.)]|[A-Za-zА-Яа-я][.)])\s*[\u2013\u2014-]?\s*/u,
];

/** The heading text without numbering, emphasis, quotes, a trailing colon and a `{#id}`. */
export function stripHeading(text: string): string {
  // Blanks collapsed first: the patterns below then never meet a long run of them.
  let t = text.replace(/[\s\u00a0]+/g, ' ').replace(/\{#[^}]*\}\s*$/, '').replace(/[*_`«»"“”„'’‹›]/g, ' ').replace(/ {2,}/g, ' ');
  for (const re of NUMBERING) t = t.replace(re, '');
  let end = t.length;
  while (end > 0 && /[\s:.;]/.test(t[end - 1])) end--;
  return t.slice(0, end).trim();
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * The stems of a heading or label's meaningful words, sorted and unique, with
 * Latin words stemmed as `latin` (English or French). Subject words are kept
 * when nothing else is left.
 */
export function headingStems(text: string, stemmers: Stemmers, latin: 'en' | 'fr'): string[] {
  return wordStems(headingWords(text), stemmers, latin);
}

/**
 * The stems of `headingWords` with Latin words stemmed in French, or undefined when they hold no Latin word (the
 * stems are then those in English): made only for a heading whose English stems matched no label.
 */
export function frenchStems(words: readonly string[], stemmers: Stemmers): string[] | undefined {
  return words.some((w) => !CYRILLIC.test(w)) ? wordStems(words, stemmers, 'fr') : undefined;
}

/** The meaningful words of a heading or label (see `headingStems`), lower-cased. */
export function headingWords(text: string): string[] {
  const words = (stripHeading(text).toLowerCase().replace(/ё/g, 'е').match(WORD) ?? []).filter((w) => !SMALL.has(w));
  const meaningful = words.filter((w) => !SUBJECT.has(w) && !w.startsWith('таможен') && !w.startsWith('цифров'));
  return meaningful.length ? meaningful : words;
}

/** The stems of `headingWords`, sorted and unique, with Latin words stemmed as `latin`. */
export function wordStems(kept: readonly string[], stemmers: Stemmers, latin: 'en' | 'fr'): string[] {
  // Latin words lose their accents after stemming, so «Définitions» and "Definitions" meet.
  const stems = kept.map((w) => (CYRILLIC.test(w) ? stemmers.ru(w) : stripAccents(stemmers[latin](w))));
  return [...new Set(stems)].sort();
}

/** How many stems two lists have in common; both sorted and unique, as `headingStems` gives them (a merge, no set built). */
function common(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** The share of stems two labels have in common (Jaccard index); both sorted and unique, as `headingStems` gives them. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const n = common(a, b);
  return n / (a.length + b.length - n);
}

function stripAccents(w: string): string {
  return /[\u00c0-\u024f]/.test(w) ? w.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : w;
}

/**
 * Whether every stem of `a` is one of `b`, `b` having more (a shortened title: "Indicators" of "Indicators and KPI
 * evaluation methods"); both sorted and unique, as `headingStems` gives them.
 */
export function isSubset(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && a.length < b.length && common(a, b) === a.length;
}
