import { labelWords } from './matcher';
import { conceptLabels, entryLabels, type LabelKind, type TermEntry } from './termBase';

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
      const words = labelWords(label);
      w = { key: words.join(' '), words };
      this.memo.set(label, w);
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
      this.acronyms.set(label, (a = isAcronym(label)));
    }
    return a;
  }
}

/** A label written in capitals only (`ICT`, `PLACI`, `ИКТ`). */
export function isAcronym(label: string): boolean {
  const letters = label.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\p{Ll}/u.test(letters);
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

export function entryKeys(entry: TermEntry, memo: LabelMemo): EntryKeys {
  const keyed = (label: string, kind: LabelKind): KeyedLabel => {
    const w = memo.get(label);
    return { label, kind, key: w.key, words: w.words };
  };
  const own = entryLabels(entry).map((l) => keyed(l.label, l.kind));
  const all = own.slice();
  for (const list of Object.values(entry.translationLabels)) for (const label of list) if (!all.some((l) => l.label === label)) all.push(keyed(label, 'translation'));
  const conceptKeys = [...new Set(conceptLabels(entry).map((l) => memo.key(l)))].filter((k) => k !== '');
  const ownerKeys = [...new Set(own.filter((l) => l.kind !== 'deprecated').map((l) => l.key))];
  return { concept: memo.key(entry.term), own, all, conceptKeys, ownerKeys };
}

/** `entryLabels(entry, language)` with keys: `own`, then the translations into `language` not already listed. */
export function keyedLabelsIn(keys: EntryKeys, entry: TermEntry, language: string): readonly KeyedLabel[] {
  const translated = entry.translationLabels[language];
  if (!translated) return keys.own;
  const out = keys.own.slice();
  for (const label of translated) if (!out.some((l) => l.label === label)) out.push(keys.all.find((l) => l.label === label)!);
  return out;
}
