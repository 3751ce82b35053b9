/**
 * How words are folded for matching, per document language.
 *
 * - English: lower case; plurals of a label's last word are registered with it.
 * - Russian: Cyrillic words are reduced to their Snowball stem (case, number and
 *   gender endings go), `ё` is read as `е`; Latin words follow the English rules.
 * - French: words are reduced to their Snowball stem (plural and feminine
 *   endings go); apostrophes split words (`l'administration` → `l`, `administration`).
 *
 * Stems are memoised: a document's vocabulary is small next to its length.
 */
import * as snowball from 'snowball-stemmers';

export type Language = 'en' | 'fr' | 'ru';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'ru'];

export interface WordFolder {
  readonly language: Language;
  /** The matching key of one word (already a maximal run of letters and digits). */
  fold(word: string): string;
  /** The keys a label's last word also matches as (e.g. English plurals); the key itself first. */
  lastWordForms(key: string): string[];
  /**
   * Hands a folder that memoises (Russian, French) the keys `fold` gives for some words, computed
   * earlier by a folder of the same language (`foldTable`): they are remembered as if folded here,
   * which changes no answer, only the time of the first fold of each word.
   */
  seed?(table: ReadonlyMap<string, string>): void;
}

function lower(word: string): string {
  const l = word.toLowerCase();
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; replacing ё in a word without one changes nothing.
  return l.includes('ё') ? l.replace(/ё/g, 'е') : l;
}

/** English plural forms of a folded word, the word itself first. */
export function englishForms(word: string): string[] {
  const forms = [word];
  const n = word.length;
  if (n < 2) return forms;
  // Lower-case ASCII letters only (a loop, not a RegExp: a large term base asks this of thousands of words at start-up).
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return forms;
  }
  const last = word[n - 1];
  const before = word[n - 2];
  if (last === 's' || last === 'x' || last === 'z' || (last === 'h' && (before === 'c' || before === 's'))) forms.push(word + 'es');
  else if (last === 'y' && !'aeiou'.includes(before)) forms.push(word.slice(0, -1) + 'ies');
  else forms.push(word + 's');
  return forms;
}

const CYRILLIC = /[\u0400-\u04ff]/;
const MEMO_LIMIT = 200_000;

function memoised(fn: (w: string) => string): { fold: (w: string) => string; seed: (table: ReadonlyMap<string, string>) => void } {
  let memo = new Map<string, string>();
  const fold = (w: string) => {
    let v = memo.get(w);
    // Stryker disable next-line ConditionalExpression: the memo only saves time; computing again gives the same stem.
    if (v === undefined) {
      v = fn(w);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: when the memo is emptied changes no stem, only time and memory.
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      memo.set(w, v);
    }
    return v;
  };
  const seed = (table: ReadonlyMap<string, string>) => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a seed only saves time; a word left out is folded when asked.
    for (const [w, v] of table) if (memo.size < MEMO_LIMIT && !memo.has(w)) memo.set(w, v);
  };
  return { fold, seed };
}

const RU_CONSONANT = /[бвгджзйклмнпрстфхцчшщ]/;

/**
 * Russian nouns whose stem ends in two consonants insert a vowel in the genitive
 * plural (таможня → таможен, окно → окон), which the Snowball stem does not
 * undo. The last word of a label also matches as those forms' stems.
 */
function fleetingVowelForms(stem: string, fold: (w: string) => string): string[] {
  const n = stem.length;
  if (n < 3 || !RU_CONSONANT.test(stem[n - 1]) || !RU_CONSONANT.test(stem[n - 2]) || stem[n - 2] === 'й') return [];
  const out: string[] = [];
  for (const v of ['е', 'о']) {
    const form = fold(stem.slice(0, n - 1) + v + stem[n - 1]);
    if (form !== stem && !out.includes(form)) out.push(form);
  }
  return out;
}

const english: WordFolder = { language: 'en', fold: lower, lastWordForms: englishForms };

/** A new word folder for a language (Russian and French ones memoise their stems; English keeps nothing). */
export function wordFolder(language: string | undefined): WordFolder {
  if (language === 'ru') {
    const stemmer = snowball.newStemmer('russian');
    const { fold, seed } = memoised((w) => {
      const l = lower(w);
      return CYRILLIC.test(l) ? stemmer.stem(l) : l;
    });
    return { language: 'ru', fold, seed, lastWordForms: (k) => (CYRILLIC.test(k) ? [k, ...fleetingVowelForms(k, fold)] : englishForms(k)) };
  }
  if (language === 'fr') {
    const stemmer = snowball.newStemmer('french');
    const { fold, seed } = memoised((w) => stemmer.stem(lower(w)));
    return { language: 'fr', fold, seed, lastWordForms: (k) => [k] };
  }
  return english;
}

/** One word folder per language, made on first use: a language service keeps its own (and its own stem memo). */
export function createWordFolders(): (language: string | undefined) => WordFolder {
  const folders = new Map<string, WordFolder>();
  return (language) => {
    // Stryker disable next-line ConditionalExpression,StringLiteral: every other key also gets `wordFolder`'s one English folder, so only the map's size changes.
    const key = language === 'ru' || language === 'fr' ? language : 'en';
    let folder = folders.get(key);
    if (!folder) folders.set(key, (folder = wordFolder(key)));
    return folder;
  };
}
