import { wordFolder, type WordFolder } from './language';
import { labelWords } from './matcher';
import { ownString } from '../textParts';
import type { LabelKind, TermBase, TermEntry } from './termBase';
import { hasLower } from '../letterCase';

/** A label's words as `labelKey` splits them (English folding) and the key they make. */
export interface LabelWords {
  readonly key: string;
  readonly words: readonly string[];
}

/**
 * `labelKey` of the labels of term bases, computed once per label: building a scope
 * asks for the key of each label several times (concept keys, the matcher, owners,
 * the index in every language). Owned by a language service's analysis cache; it is
 * emptied when it grows past `limit` labels, so edits to term bases cannot make it grow without end.
 */
export class LabelMemo {
  private readonly memo = new Map<string, LabelWords>();

  constructor(private readonly limit = 200_000) {}

  get(label: string): LabelWords {
    let w = this.memo.get(label);
    if (w === undefined) {
      if (this.memo.size >= this.limit) this.memo.clear();
      // The words are cut from the label: from a copy of its own, so that a label read from a document does not keep it.
      const own = ownString(label);
      const words = labelWords(own);
      w = { key: words.join(' '), words };
      this.memo.set(own, w);
    }
    return w;
  }

  key(label: string): string {
    return this.get(label).key;
  }

  private readonly acronyms = new Map<string, boolean>();

  /** `isAcronym` of a term-base label, asked once per label (classifying asks it for every label of every hit). */
  acronym(label: string): boolean {
    let a = this.acronyms.get(label);
    if (a === undefined) {
      if (this.acronyms.size >= this.limit) this.acronyms.clear();
      this.acronyms.set(ownString(label), (a = isAcronym(label)));
    }
    return a;
  }
}

/** A label written in capitals only (`ICT`, `PLACI`, `ИКТ`). */
export function isAcronym(label: string): boolean {
  const letters = label.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !hasLower(letters);
}

/** A label of an entry with its key and words. */
export interface KeyedLabel extends LabelWords {
  readonly label: string;
  readonly kind: LabelKind;
}

/** What a scope needs of an entry's labels, computed once per entry (entries do not change once read). */
export interface EntryKeys {
  /** `labelKey` of the preferred label: the concept. */
  readonly concept: string;
  /** `entryLabels(entry)`: the preferred label, variants and deprecated labels, in that order. */
  readonly own: readonly KeyedLabel[];
  /** `own`, then every translation in every language not already listed. */
  readonly all: readonly KeyedLabel[];
  /** The distinct non-empty keys of every non-deprecated label in every language (`conceptLabels`). */
  readonly conceptKeys: readonly string[];
  /** The distinct keys of the non-deprecated labels of `own`. */
  readonly ownerKeys: readonly string[];
}

/**
 * Plain loops, no intermediate lists: a scope asks this of every entry of its term bases when it
 * is built (5,000 entries for a large base, at start-up).
 */
export function entryKeys(entry: TermEntry, memo: LabelMemo): EntryKeys {
  const own: KeyedLabel[] = [keyed(entry.term, 'preferred', memo)];
  for (const label of entry.variants) own.push(keyed(label, 'variant', memo));
  for (const label of entry.deprecated) own.push(keyed(label, 'deprecated', memo));
  // `conceptLabels(entry)`: the preferred label, the variants, then every translation.
  const conceptKeys: string[] = [];
  const ownerKeys: string[] = [];
  for (const l of own) {
    if (l.kind === 'deprecated') continue;
    if (!ownerKeys.includes(l.key)) ownerKeys.push(l.key);
    if (l.key !== '' && !conceptKeys.includes(l.key)) conceptKeys.push(l.key);
  }
  let all: KeyedLabel[] = own;
  for (const language in entry.translationLabels) {
    for (const label of entry.translationLabels[language]) {
      let known: KeyedLabel | undefined;
      for (const l of all) if (l.label === label) known = l;
      const k = known ? known.key : memo.key(label);
      if (k !== '' && !conceptKeys.includes(k)) conceptKeys.push(k);
      if (known) continue;
      if (all === own) all = own.slice();
      all.push(keyed(label, 'translation', memo));
    }
  }
  return { concept: own[0].key, own, all, conceptKeys, ownerKeys };
}

function keyed(label: string, kind: LabelKind, memo: LabelMemo): KeyedLabel {
  const w = memo.get(label);
  return { label, kind, key: w.key, words: w.words };
}

/**
 * The keys of every entry of a term base, computed with the term base outside the service (the CLI's
 * compiled term-base cache keeps them beside it): a scope takes them instead of computing them again.
 * A side table keyed by the term base, which its host owns once it is handed over.
 */
const givenKeys = new WeakMap<TermBase, readonly EntryKeys[]>();

/** `entryKeys` of every entry of a term base, in order: what `attachEntryKeys` takes back. */
export function termBaseKeys(base: TermBase): EntryKeys[] {
  const memo = new LabelMemo();
  return base.entries.map((entry) => entryKeys(entry, memo));
}

/** Every string of the keys given to a term base, in a list: a key not in it is the key of no label of the base. */
const givenStrings = new WeakMap<TermBase, readonly string[]>();

/**
 * Gives a term base the keys `termBaseKeys` made of it (kept outside the service); anything but one per entry is ignored.
 * `strings`: a list holding every key of them (`EncodedEntryKeys.strings`), to tell at once that a key is in no label.
 */
export function attachEntryKeys(base: TermBase, keys: unknown, strings?: unknown): void {
  if (!(Array.isArray(keys) && keys.length === base.entries.length)) return;
  givenKeys.set(base, keys as EntryKeys[]);
  // (Not checked for strings: an element that is not one is never equal to a key.)
  if (Array.isArray(strings)) givenStrings.set(base, strings as string[]);
}

/** Whether the keys given to a term base may hold `key` (false: no label of the base has it; true also when unknown). */
export function mayHoldKey(base: TermBase, key: string): boolean {
  const strings = givenStrings.get(base);
  return strings === undefined || strings.includes(key);
}

/** The keys attached to a term base by `attachEntryKeys`, if any. */
export function attachedEntryKeys(base: TermBase): readonly EntryKeys[] | undefined {
  return givenKeys.get(base);
}

/** `EntryKeys` of a term base in columns: every string once (`strings`), and the entries as numbers (`data`). */
export interface EncodedEntryKeys {
  strings: string[];
  data: Int32Array;
}

const KINDS: readonly LabelKind[] = ['preferred', 'variant', 'deprecated', 'translation'];

/**
 * `termBaseKeys` in columns, for a compiled cache: V8 reads a list of strings and an `Int32Array` several times
 * faster than the same keys as objects. Per entry: the counts of `own`, of the labels `all` adds to it, of
 * `conceptKeys` and of `ownerKeys`; then each label (its string, kind, key and words, by index into `strings`),
 * then the keys. `decodeEntryKeys` gives back what `termBaseKeys` gave.
 */
export function encodeEntryKeys(keys: readonly EntryKeys[]): EncodedEntryKeys {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const data: number[] = [];
  const label = (l: KeyedLabel) => {
    data.push(id(l.label), KINDS.indexOf(l.kind), id(l.key), l.words.length);
    for (const w of l.words) data.push(id(w));
  };
  for (const k of keys) {
    const extra = k.all.length - k.own.length;
    data.push(k.own.length, extra, k.conceptKeys.length, k.ownerKeys.length);
    for (const l of k.own) label(l);
    for (let i = k.own.length; i < k.all.length; i++) label(k.all[i]);
    for (const c of k.conceptKeys) data.push(id(c));
    for (const c of k.ownerKeys) data.push(id(c));
  }
  return { strings, data: Int32Array.from(data) };
}

/**
 * The keys `encodeEntryKeys` encoded, `count` entries of them, or undefined when the columns do not hold that
 * (an index out of range, a count that runs past the end, numbers left over). Labels with the same text share one
 * list of words, as `LabelMemo` gives them.
 */
export function decodeEntryKeys(encoded: unknown, count: number): EntryKeys[] | undefined {
  if (typeof encoded !== 'object' || encoded === null) return undefined;
  const { strings, data } = encoded as Partial<EncodedEntryKeys>;
  if (!Array.isArray(strings) || !(data instanceof Int32Array)) return undefined;
  const n = data.length;
  const words = new Map<number, string[]>();
  let p = 0;
  const str = (i: number): string => {
    const s = strings[i];
    if (typeof s !== 'string') throw new RangeError('string index');
    return s;
  };
  const label = (): KeyedLabel => {
    if (p + 4 > n) throw new RangeError('label');
    const text = data[p];
    const kind = KINDS[data[p + 1]];
    const key = str(data[p + 2]);
    const length = data[p + 3];
    p += 4;
    if (kind === undefined || length < 0 || p + length > n) throw new RangeError('label');
    let list = words.get(text);
    if (list === undefined) {
      list = [];
      for (let i = 0; i < length; i++) list.push(str(data[p + i]));
      words.set(text, list);
    }
    p += length;
    return { label: str(text), kind, key, words: list };
  };
  const out: EntryKeys[] = [];
  try {
    for (let e = 0; e < count; e++) {
      if (p + 4 > n) return undefined;
      const [ownCount, extra, conceptCount, ownerCount] = [data[p], data[p + 1], data[p + 2], data[p + 3]];
      p += 4;
      if (ownCount < 1 || extra < 0 || conceptCount < 0 || ownerCount < 0) return undefined;
      const own: KeyedLabel[] = [];
      for (let i = 0; i < ownCount; i++) own.push(label());
      let all = own;
      if (extra > 0) {
        all = own.slice();
        for (let i = 0; i < extra; i++) all.push(label());
      }
      if (p + conceptCount + ownerCount > n) return undefined;
      const conceptKeys: string[] = [];
      for (let i = 0; i < conceptCount; i++) conceptKeys.push(str(data[p++]));
      const ownerKeys: string[] = [];
      for (let i = 0; i < ownerCount; i++) ownerKeys.push(str(data[p++]));
      out.push({ concept: own[0].key, own, all, conceptKeys, ownerKeys });
    }
  } catch {
    return undefined;
  }
  return p === n ? out : undefined;
}

/** The languages whose folders stem words (slowly, the first time each word is asked): their folds are worth keeping. */
const STEMMED: readonly string[] = ['fr', 'ru'];

/** A folder that folds nothing: `labelWords` with it gives a label's words as written, the words a folder is asked to fold. */
const AS_WRITTEN: WordFolder = { language: 'en', fold: (w) => w, lastWordForms: (k) => [k] };

/**
 * For each stemmed language, what its folder gives for every word of every label of a term base (the words the
 * matcher of a document in that language folds when it is built): kept with the term base by a compiled cache,
 * handed back with `attachLabelFolds`, and given to the document's folder (`WordFolder.seed`) before the labels are added.
 */
export function labelFolds(base: TermBase): Record<string, Map<string, string>> {
  const words = new Set<string>();
  for (const entry of base.entries) {
    for (const label of [entry.term, ...entry.variants, ...entry.deprecated]) for (const w of labelWords(label, AS_WRITTEN)) words.add(w);
    for (const language in entry.translationLabels) for (const label of entry.translationLabels[language]) for (const w of labelWords(label, AS_WRITTEN)) words.add(w);
  }
  const out: Record<string, Map<string, string>> = {};
  for (const language of STEMMED) {
    const folder = wordFolder(language);
    out[language] = new Map([...words].map((w) => [w, folder.fold(w)]));
  }
  return out;
}

const givenFolds = new WeakMap<TermBase, Record<string, Map<string, string>>>();

/** Gives a term base the folds `labelFolds` made of it (kept outside the service); anything but a table per stemmed language is ignored. */
export function attachLabelFolds(base: TermBase, folds: unknown): void {
  if (typeof folds !== 'object' || folds === null) return;
  const tables = folds as Record<string, unknown>;
  if (STEMMED.every((l) => tables[l] instanceof Map)) givenFolds.set(base, tables as Record<string, Map<string, string>>);
}

/** The folds of a term base's words in a language, attached by `attachLabelFolds`, if any. */
export function attachedLabelFolds(base: TermBase, language: string): ReadonlyMap<string, string> | undefined {
  return givenFolds.get(base)?.[language];
}

/** `entryLabels(entry, language)` with keys: `own`, then the translations into `language` not already listed. */
export function keyedLabelsIn(keys: EntryKeys, entry: TermEntry, language: string): readonly KeyedLabel[] {
  const translated = entry.translationLabels[language];
  if (!translated) return keys.own;
  const out = keys.own.slice();
  for (const label of translated) if (!out.some((l) => l.label === label)) out.push(keys.all.find((l) => l.label === label)!);
  return out;
}
