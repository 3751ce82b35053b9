/**
 * The term matcher: a word-level trie built once per set of labels, scanned in
 * one pass over the text (leftmost-longest, non-overlapping).
 *
 * Words are maximal runs of letters, marks and digits. Between two words of one
 * match the text may hold only whitespace (not a blank line) and hyphen variants,
 * or a single `/`, `.` or apostrophe with no space around it (`l'OMC`). So `e‑Customs` (U+2011),
 * `e-customs`, `e customs` and `digital\ncustoms` all match, but
 * `digital. Customs` does not.
 *
 * Folding depends on the document language (`language.ts`): lower case and
 * English plurals of the last word added at build time (window → windows), or
 * Snowball stems for Russian and French. Scanning is a plain lookup per word
 * and never compiles user text into a RegExp.
 */
import { wordFolder, type WordFolder } from './language';
import { ownString } from '../textParts';

export interface LabelHit<T> {
  /** Offset of the first character of the first word. */
  start: number;
  /** Offset just after the last word. */
  end: number;
  /** Everything registered for the matched label. */
  values: readonly T[];
}

interface TrieNode<T> {
  /** Its number in its matcher (the root's is 0): its children are found by it in the table of edges (the root's in `rootKids`). */
  readonly id: number;
  /** Its values (`TermMatcher.valuesById`) as a set, once there are many: a term base repeating one label 100,000 times must not make `add` quadratic. */
  seen?: Set<T>;
  /**
   * Labels that go on below this node, in the order they were added, not yet hung below it: a scan expands the node
   * the first time it reaches it (`expand`), one word deeper, so a large term base costs one step per label until a
   * text holds its first word, and one more per word the text holds of it.
   */
  pending?: PendingLabel<T>[];
}

interface PendingLabel<T> {
  /** Its folded words (each with an id in the vocabulary already). */
  words: readonly string[];
  /** The index of its word that comes below the node it waits at (1 below its first word). */
  at: number;
  /** The ids of the forms of the last word (`WordFolder.lastWordForms`). */
  forms: readonly number[];
  value: T;
}

/**
 * Words are maximal runs of code points that are letters, marks or numbers (`[\p{L}\p{M}\p{N}]+`
 * with the `u` flag), found with a loop over code units instead of that RegExp: several times
 * faster, on long texts (`scan`) as on the labels of a large term base or catalog (`labelWords`).
 * The answer for each BMP unit is kept in a table once asked, astral code points in a map.
 */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const bmpWord = new Uint8Array(0x10000); // 0: not yet known, 1: word, 2: not a word
const astralWord = new Map<number, boolean>();

/** The end of the word character at `i`, or -1 when there is none there. */
function wordCharEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = bmpWord[c];
    // Stryker disable next-line ConditionalExpression: the table only saves time; asking the RegExp again gives the same answer.
    if (k === 0) bmpWord[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1 ? i + 1 : -1;
  }
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      let w = astralWord.get(cp);
      // Stryker disable next-line ConditionalExpression: the map only saves time; asking the RegExp again gives the same answer.
      if (w === undefined) astralWord.set(cp, (w = WORD_CHAR.test(String.fromCodePoint(cp))));
      return w ? i + 2 : -1;
    }
  }
  return -1; // a lone surrogate
}

const ENGLISH = wordFolder('en');

/** Splits a label or a piece of text into folded words. */
export function labelWords(label: string, folder: WordFolder = ENGLISH): string[] {
  const words: string[] = [];
  const n = label.length;
  for (let i = 0; i < n; ) {
    let end = wordCharEnd(label, i);
    if (end < 0) {
      i++;
      continue;
    }
    const start = i;
    // Past the end, `wordCharEnd` finds no word character (the code unit is NaN).
    for (let next = wordCharEnd(label, end); next >= 0; next = wordCharEnd(label, end)) end = next;
    words.push(folder.fold(label.slice(start, end)));
    i = end;
  }
  return words;
}

/**
 * A stable key for a label, independent of the document language: its words in
 * lower case (`ё` as `е`) joined by single spaces. Used to compare labels, not to match text.
 */
export function labelKey(label: string): string {
  return labelWords(label).join(' ');
}

function isHyphen(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2014) || code === 0x2212 || code === 0xad;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xa0 || code === 0x202f || code === 0x2007 || code === 0x2009 || code === 0x200a || code === 0x3000;
}

/** Whether the text between two words may join them into one term. */
export function isJoiningGap(text: string, from: number, to: number): boolean {
  if (to - from === 1) {
    const c = text.charCodeAt(from);
    if (c === 0x2f || c === 0x2e) return true; // `/` or `.` inside a token such as `e.customs`
    if (c === 0x27 || c === 0x2019) return true; // an elided article: `l'OMC`, `d’échanges`
  }
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (++newlines > 1) return false;
    } else if (!isSpace(c) && !isHyphen(c)) {
      return false;
    }
  }
  return to > from;
}

/** Words of a range of text that may be part of a label: offsets and the ids of their folded keys, in order, and which of them break any match (`breaks`). */
export interface ScannedWords {
  starts: number[];
  ends: number[];
  /** Ids in the folder's vocabulary (see `wordKeys`). */
  ids: number[];
  /** The indices, in order, of the words touching a skipped range: no match starts at them or goes through them. */
  breaks: readonly number[];
  folder: WordFolder;
}

/**
 * The words of every label registered with a folder (by any matcher), each with a number, its id: the trie is
 * keyed by ids, and a scan turns the words of the text into ids. A word of the text that has no id is in no label:
 * it is left out of the words (no match can use it). Words of lower-case ASCII letters and digits are also kept in
 * a hash table of their own (`table`), so that an English word of ASCII letters and digits is found there as it
 * stands in the text, in any letter case, without being cut out of the text and folded. The vocabulary only grows;
 * `generation` counts its changes so word splits made before are not reused.
 */
interface Vocabulary {
  /** Ids by word. */
  ids: Map<string, number>;
  /** Words by id. */
  words: string[];
  /**
   * Open addressing over the hashes of the lower-case ASCII words, four numbers per slot: id + 1 (0 when empty), the
   * word's hash, where its letters start in `letters`, and its length. A probe reads one slot, and the letters it
   * compares lie side by side (the words themselves are strings scattered over the heap).
   */
  table: Int32Array;
  /** The letters of the lower-case ASCII words, one after the other. */
  letters: Uint8Array;
  /** How much of `letters` is used. */
  lettersUsed: number;
  /** How many slots are taken. */
  taken: number;
  generation: number;
}

const vocabularies = new WeakMap<WordFolder, Vocabulary>();

function vocabularyOf(folder: WordFolder): Vocabulary {
  let v = vocabularies.get(folder);
  if (!v) vocabularies.set(folder, (v = { ids: new Map(), words: [], table: new Int32Array(4 * 1024), letters: new Uint8Array(4096), lettersUsed: 0, taken: 0, generation: 0 }));
  return v;
}

/** FNV-1a over code units, one step. */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}
// As a signed 32-bit number (the offset basis 2166136261): `h` stays a small integer for V8 from the first step.
const HASH_START = 2166136261 | 0;

/** The hash of a key of lower-case ASCII letters and digits, or undefined for any other key. */
function asciiKeyHash(key: string): number | undefined {
  let h = HASH_START;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return undefined;
    h = hashStep(h, c);
  }
  return h;
}

/** The id of a folded word, or -1 when no label has it. */
function knownId(v: Vocabulary, key: string): number {
  return v.ids.get(key) ?? -1;
}

/** The id of a folded word, given one when it has none (every word of a label, as the label is added). */
function idOf(v: Vocabulary, key: string): number {
  let id = v.ids.get(key);
  if (id !== undefined) return id;
  id = v.words.length;
  v.words.push(key);
  v.ids.set(key, id);
  v.generation++;
  const h = asciiKeyHash(key);
  // Other words are found through `ids` alone.
  if (h === undefined) return id;
  // At most half the slots taken: a miss (most words of a text) ends at an empty slot soon.
  const old = v.table;
  if (2 * (v.taken + 1) > old.length >> 2) {
    v.table = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 4) if (old[at] !== 0) place(v.table, old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
  if (v.lettersUsed + key.length > v.letters.length) {
    const grown = new Uint8Array(Math.max(v.letters.length * 2, v.lettersUsed + key.length));
    grown.set(v.letters);
    v.letters = grown;
  }
  const start = v.lettersUsed;
  for (let k = 0; k < key.length; k++) v.letters[start + k] = key.charCodeAt(k);
  v.lettersUsed += key.length;
  place(v.table, id + 1, h, start, key.length);
  v.taken++;
  return id;
}

/** Puts a word (its slot's four numbers, see `Vocabulary.table`) in a free slot. */
function place(table: Int32Array, slot: number, h: number, start: number, length: number): void {
  const mask = (table.length >> 2) - 1;
  let s = h & mask;
  while (table[s << 2] !== 0) s = (s + 1) & mask;
  const at = s << 2;
  table[at] = slot;
  table[at + 1] = h;
  table[at + 2] = start;
  table[at + 3] = length;
}

/**
 * The id of the word `text[from, to)`, made of ASCII letters and digits whose lower case hashes to `h`, or -1 when
 * no label has it (compared in place, upper-case ASCII letters as lower case).
 */
function asciiId(v: Vocabulary, h: number, text: string, from: number, to: number): number {
  const { table, letters } = v;
  const mask = (table.length >> 2) - 1;
  const n = to - from;
  for (let s = h & mask; ; s = (s + 1) & mask) {
    const at = s << 2;
    const slot = table[at];
    if (slot === 0) return -1;
    if (table[at + 1] !== h || table[at + 3] !== n) continue;
    const start = table[at + 2] - from;
    let k = from;
    for (; k < to; k++) {
      const c = text.charCodeAt(k);
      if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== letters[start + k]) break;
    }
    if (k === to) return slot - 1;
  }
}

/** Words of a range before any skip list is applied. */
interface RawWords {
  from: number;
  to: number;
  starts: number[];
  ends: number[];
  ids: number[];
}

/**
 * The last text split per folder, with its splits by range. Keyed by the folder (an object its host owns): two hosts
 * never share an entry, and the entry goes with the folder. A chunk is asked about its prose regions twice, in order
 * (instrument names, then terms): the range after the last one found is tried first. A chunk with many regions (a
 * table of thousands of rows) finds the others by their start (`byFrom`, made past `SPLITS_BY_MAP`): looked for in
 * the list, each new region went through every one before it, twice (20,000 rows: most of a check's time).
 */
interface SplitMemo {
  text: string;
  generation: number;
  splits: RawWords[];
  /** The index of the split after the last one given. */
  next: number;
  /** The indices of the splits by their start, once there are `SPLITS_BY_MAP` of them. */
  byFrom: Map<number, number[]> | undefined;
}

const lastSplits = new WeakMap<WordFolder, SplitMemo>();

/** How many splits of one text are looked for in their list before they are indexed by start. */
const SPLITS_BY_MAP = 16;

function splitWords(text: string, from: number, to: number, folder: WordFolder): RawWords {
  let memo = lastSplits.get(folder);
  const generation = vocabularyOf(folder).generation;
  if (!memo || memo.text !== text || memo.generation !== generation) lastSplits.set(folder, (memo = { text, generation, splits: [], next: 0, byFrom: undefined }));
  const splits = memo.splits;
  let at = memo.next;
  if (at >= splits.length || splits[at].from !== from || splits[at].to !== to) {
    at = -1;
    if (memo.byFrom) {
      const list = memo.byFrom.get(from);
      if (list) for (const k of list) if (splits[k].to === to) at = k;
    } else {
      for (let k = 0; k < splits.length && at < 0; k++) if (splits[k].from === from && splits[k].to === to) at = k;
    }
  }
  if (at >= 0) {
    memo.next = at + 1;
    return splits[at];
  }
  const raw = foldWords(text, from, to, folder);
  splits.push(raw);
  memo.next = splits.length;
  if (memo.byFrom) indexSplit(memo.byFrom, from, splits.length - 1);
  else if (splits.length >= SPLITS_BY_MAP) {
    const byFrom = (memo.byFrom = new Map());
    for (let k = 0; k < splits.length; k++) indexSplit(byFrom, splits[k].from, k);
  }
  return raw;
}

function indexSplit(byFrom: Map<number, number[]>, from: number, k: number): void {
  const list = byFrom.get(from);
  if (list) list.push(k);
  else byFrom.set(from, [k]);
}

/**
 * Splits `text[from, to)` into words and finds the id of each one's folded key. A word in no label of the folder (it
 * has no id) is left out: matches need adjacent words, and the gap across a word left out holds letters.
 */
function foldWords(text: string, from: number, to: number, folder: WordFolder): RawWords {
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  const fold = folder.fold;
  // English folds ASCII letters to lower case only: a word of ASCII letters and digits is looked up in the
  // vocabulary as it stands in the text, never cut out and folded.
  const english = folder.language === 'en';
  const vocabulary = vocabularyOf(folder);
  for (let i = from; i < to; ) {
    let c = text.charCodeAt(i);
    let next: number;
    let ascii = true;
    let h = HASH_START;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      next = i + 1;
      h = hashStep(h, c);
    } else if (c >= 0x41 && c <= 0x5a) {
      next = i + 1;
      h = hashStep(h, c + 0x20);
    } else if (c < 0x80) {
      // Below 0x80, the word characters are ASCII letters and digits: spaces and punctuation are passed over here.
      i++;
      continue;
    } else {
      next = wordCharEnd(text, i);
      if (next < 0) {
        i += 1;
        continue;
      }
      ascii = false;
    }
    // A word: the longest run of word characters. The hash covers the part before `to`, which is the word's key.
    const s = i;
    while (next < to) {
      c = text.charCodeAt(next);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        h = hashStep(h, c);
        next++;
      } else if (c >= 0x41 && c <= 0x5a) {
        h = hashStep(h, c + 0x20);
        next++;
      } else if (c < 0x80) {
        break;
      } else {
        const after = wordCharEnd(text, next);
        if (after < 0) break;
        ascii = false;
        next = after;
      }
    }
    // It may run past `to`, as a RegExp match would.
    if (next >= to) next = wordEnd(text, next);
    i = next;
    const e = Math.min(next, to);
    const id = english && ascii ? asciiId(vocabulary, h, text, s, e) : knownId(vocabulary, fold(text.slice(s, e)));
    // In no label: left out. No match goes through it, since the gap around it then holds letters.
    if (id < 0) continue;
    starts.push(s);
    ends.push(e);
    ids.push(id);
  }
  return { from, to, starts, ends, ids };
}

/**
 * Whether a matcher of `labels` (in `folder`) could find anything in `text[from, to)`: a scan finds a label only
 * where a word of the text is the label's first word, or one of the forms of a one-word label (`add` makes those
 * the children of the root). Answers without building the matcher: a term base's check asks this of each entry's
 * definition (`circularProblems`), and a definition seldom holds its own term. Like `add`, it gives every such
 * word an id in the folder's vocabulary first, so the split of the text knows them.
 */
export function mayHoldLabel(labels: readonly string[], text: string, from: number, to: number, folder: WordFolder = ENGLISH): boolean {
  const vocabulary = vocabularyOf(folder);
  const firsts: number[] = [];
  for (const label of labels) {
    const words = labelWords(label, folder);
    if (words.length === 1) for (const form of folder.lastWordForms(words[0])) firsts.push(idOf(vocabulary, form));
    else if (words.length > 1) firsts.push(idOf(vocabulary, words[0]));
  }
  if (!firsts.length) return false;
  // Not through the split kept per text (`splitWords`): each definition is asked once, and thousands of ranges of one
  // text would be kept there, each looked for in a list of the others.
  const { ids } = foldWords(text, from, to, folder);
  for (let i = 0; i < ids.length; i++) if (firsts.includes(ids[i])) return true;
  return false;
}

/** The folded keys of words found by `TermMatcher.words`, in order. */
export function wordKeys(words: ScannedWords): string[] {
  const byId = vocabularyOf(words.folder).words;
  return words.ids.map((id) => byId[id]);
}

/** How many children the root of a matcher has before a scan finds them in an array (`TermMatcher.rootById`). */
const ROOT_ARRAY = 64;

const NO_BREAKS: readonly number[] = Object.freeze([]);

/** How many answers a matcher keeps of `lookup` (see `TermMatcher.lookups`). */
const LOOKUP_MEMO = 4096;

/** The indices of the words of `raw` touching a range of `skip`, in order (a short list: no copy of the words). */
function breaksIn(raw: RawWords, from: number, skip: readonly (readonly [number, number])[]): readonly number[] {
  // The skip list covers the whole document: start at the first range that ends after `from`.
  let skipIndex = firstEndingAfter(skip, from);
  const { starts, ends } = raw;
  let out: number[] | undefined;
  for (let w = 0; w < starts.length && skipIndex < skip.length; w++) {
    const s = starts[w];
    while (skipIndex < skip.length && skip[skipIndex][1] <= s) skipIndex++;
    // A word touching a skipped range breaks any match in progress.
    if (skipIndex < skip.length && skip[skipIndex][0] < ends[w]) (out ??= []).push(w);
  }
  return out ?? NO_BREAKS;
}

/** The index of the first of `spans` (apart and in order: their ends in order too) that ends after `s`, by halving. */
export function firstEndingAfter(spans: readonly (readonly [number, number])[], s: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end of the word characters from `i` on. */
function wordEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)) i++;
    else if (c < 0x80) break;
    else {
      const after = wordCharEnd(text, i);
      if (after < 0) break;
      i = after;
    }
  }
  return i;
}

/** Bits of `TermMatcher.flags`: the node has children; it has values; labels wait below it (`TrieNode.pending`). */
const HAS_KIDS = 1;
const HAS_VALUES = 2;
const PENDING = 4;

/**
 * The edges of a trie below the children of its root, in one table: open addressing over (parent, word) with four
 * numbers per slot (the parent's id + 1, 0 for an empty slot; the word's id; the child's id; unused), at most half the
 * slots taken. A map of children per node made the scans wait on memory: each step to the next word read a node, its
 * map and the map's table, scattered over the heap; here it reads one slot, mostly in the cache line of the first one
 * it hashes to.
 */
function edgeSlot(parent: number, word: number, mask: number): number {
  let h = Math.imul(parent ^ Math.imul(word, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}

/** The id of the child of node `parent` for the word of id `word`, or -1. */
function edgeTo(edges: Int32Array, parent: number, word: number): number {
  const mask = (edges.length >> 2) - 1;
  const key = parent + 1;
  for (let s = edgeSlot(parent, word, mask); ; s = (s + 1) & mask) {
    const at = s << 2;
    const k = edges[at];
    if (k === 0) return -1;
    if (k === key && edges[at + 1] === word) return edges[at + 2];
  }
}

/**
 * The id of the child of node `parent` for the word of id `word`; when there is none, `childId` is put there as that
 * child (the table has a free slot) and -1 is returned. One probe for a lookup and an insertion.
 */
function edgeOrPut(edges: Int32Array, parent: number, word: number, childId: number): number {
  const mask = (edges.length >> 2) - 1;
  const key = parent + 1;
  for (let s = edgeSlot(parent, word, mask); ; s = (s + 1) & mask) {
    const at = s << 2;
    const k = edges[at];
    if (k === 0) {
      edges[at] = key;
      edges[at + 1] = word;
      edges[at + 2] = childId;
      return -1;
    }
    if (k === key && edges[at + 1] === word) return edges[at + 2];
  }
}

export class TermMatcher<T> {
  private readonly root: TrieNode<T> = { id: 0 };
  /** The nodes by id. */
  private readonly nodes: TrieNode<T>[] = [this.root];
  /** What a scan asks of each node, by id, without reading the node (`HAS_KIDS`, `HAS_VALUES`, `PENDING`). */
  private flags = new Uint8Array(16);
  /**
   * The ids of the children of the root by word id. Every label adds one when it is added (a term base's matcher is
   * built at start-up, in code not yet compiled, where a map's own lookup is cheaper than hashing into the table);
   * the other edges are made as scans reach them (`expand`).
   */
  private readonly rootKids = new Map<number, number>();
  /** The values of the nodes, by id (a scan that found a label reads no node). */
  private readonly valuesById: (T[] | undefined)[] = [undefined];
  /** The edges of the trie below the root's children (see `edgeTo`), grown with them from a small table. */
  private edges = new Int32Array(4 * 16);
  /** How many edges `edges` holds. */
  private edgeCount = 0;
  private size = 0;
  /** The ids of `folder.lastWordForms` of the last words of the labels added. */
  private readonly forms = new Map<string, readonly number[]>();

  constructor(readonly folder: WordFolder = ENGLISH) {}

  /**
   * Registers a label; the other forms of its last word (plurals) are registered with it.
   * `englishWords`: the label's words as `labelWords(label)` gives them, used when this matcher folds English.
   */
  add(label: string, value: T, englishWords?: readonly string[]): void {
    this.lookups = undefined;
    this.byId = undefined;
    const folder = this.folder;
    const words = englishWords && folder === ENGLISH ? englishWords : labelWords(label, folder);
    const n = words.length;
    if (n === 0) return;
    // Every word goes into the vocabulary now: a scan leaves out a word outside it.
    const vocabulary = vocabularyOf(folder);
    // Many labels end in the same word: its forms are asked for once per matcher.
    const last = words[n - 1];
    let forms = this.forms.get(last);
    if (forms === undefined) this.forms.set(last, (forms = folder.lastWordForms(last).map((form) => idOf(vocabulary, form))));
    if (n === 1) {
      for (const form of forms) this.addValue(this.rootChild(form), value);
    } else {
      const first = this.rootChild(idOf(vocabulary, words[0]));
      for (let i = 1; i < n - 1; i++) idOf(vocabulary, words[i]);
      // Hung below its first word when a scan first reaches that word.
      (first.pending ??= []).push({ words, at: 1, forms, value });
      this.flags[first.id] |= PENDING;
    }
    this.size++;
  }

  /** The child of the root for the word of id `w`, made when missing. */
  private rootChild(w: number): TrieNode<T> {
    const known = this.rootKids.get(w);
    if (known !== undefined) return this.nodes[known];
    this.rootKids.set(w, this.nodes.length);
    return this.made();
  }

  /** The child of `node` (not the root) for the word of id `w`, made when missing. */
  private child(node: TrieNode<T>, w: number): TrieNode<T> {
    let edges = this.edges;
    if (2 * (this.edgeCount + 1) > edges.length >> 2) {
      // Grown before it is half full, every edge placed again.
      const grown = new Int32Array(edges.length * 2);
      for (let at = 0; at < edges.length; at += 4) if (edges[at] !== 0) edgeOrPut(grown, edges[at] - 1, edges[at + 1], edges[at + 2]);
      this.edges = edges = grown;
    }
    const known = edgeOrPut(edges, node.id, w, this.nodes.length);
    if (known >= 0) return this.nodes[known];
    this.edgeCount++;
    this.flags[node.id] |= HAS_KIDS;
    return this.made();
  }

  /** A new node, with the next id. */
  private made(): TrieNode<T> {
    const made: TrieNode<T> = { id: this.nodes.length };
    this.nodes.push(made);
    this.valuesById.push(undefined);
    if (made.id === this.flags.length) {
      const grown = new Uint8Array(made.id * 2);
      grown.set(this.flags);
      this.flags = grown;
    }
    return made;
  }

  /** Adds `value` to the values of `node`, once. */
  private addValue(node: TrieNode<T>, value: T): void {
    const values = this.valuesById[node.id];
    if (values === undefined) {
      this.valuesById[node.id] = [value];
      this.flags[node.id] |= HAS_VALUES;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: where the list gives way to a set changes only the cost of `add`, not the values kept.
    } else if (values.length < 16) {
      if (!values.includes(value)) values.push(value);
    } else {
      node.seen ??= new Set(values);
      if (!node.seen.has(value)) {
        node.seen.add(value);
        values.push(value);
      }
    }
  }

  /**
   * Hangs the pending labels of a node one word below it, in the order they were added (see `TrieNode.pending`):
   * a label's last word gets its values there, any other word waits at its own node for a scan to reach it.
   */
  private expand(node: TrieNode<T>): void {
    const pending = node.pending!;
    node.pending = undefined;
    this.flags[node.id] &= ~PENDING;
    const vocabulary = vocabularyOf(this.folder);
    for (const label of pending) {
      const { words, at } = label;
      if (at === words.length - 1) {
        for (const form of label.forms) this.addValue(this.child(node, form), label.value);
        continue;
      }
      const next = this.child(node, idOf(vocabulary, words[at]));
      label.at = at + 1;
      (next.pending ??= []).push(label);
      this.flags[next.id] |= PENDING;
    }
  }

  /** The ids of the children of the root by word id (-1: none), for a matcher with many (see `rootById`). */
  private byId: Int32Array | undefined;

  /**
   * The children of the root in an array indexed by word id, when there are at least `ROOT_ARRAY` of them (a term
   * base's matcher): a scan asks the root about every word of the text. A small matcher (a document's own
   * definitions) finds them in `rootKids`, and has no array as long as the folder's vocabulary.
   */
  private rootById(): Int32Array | undefined {
    if (this.byId) return this.byId;
    if (this.rootKids.size < ROOT_ARRAY) return undefined;
    const byId = new Int32Array(vocabularyOf(this.folder).words.length).fill(-1);
    for (const [w, id] of this.rootKids) byId[w] = id;
    return (this.byId = byId);
  }

  get labelCount(): number {
    return this.size;
  }

  /**
   * Answers of `lookupKept` by label, with the label's folded words, dropped when a label is added: a document quotes
   * the same label again and again, and the documents of a scope share its term bases' matcher. Keys are copies (a
   * label cut from a document would keep its whole text); at most `LOOKUP_MEMO` of them.
   */
  private lookups: Map<string, { values: readonly T[] | undefined; words: readonly string[] }> | undefined;

  /** Looks up a whole label (e.g. the text between guillemets); undefined unless every word matches. */
  lookup(label: string): readonly T[] | undefined {
    return this.lookupWords(labelWords(label, this.folder));
  }

  /**
   * `lookup`, with the label's words as this matcher folds them (for a matcher of the same folder, `lookupWords`),
   * the answer kept for the next time the label is asked: for a matcher asked about many labels again and again.
   */
  lookupKept(label: string): { values: readonly T[] | undefined; words: readonly string[] } {
    let memo = this.lookups;
    let known = memo?.get(label);
    if (known === undefined) {
      const words = labelWords(label, this.folder);
      known = { values: this.lookupWords(words), words };
      if (!memo || memo.size >= LOOKUP_MEMO) this.lookups = memo = new Map();
      memo.set(ownString(label), known);
    }
    return known;
  }

  /** Looks up a label given as its folded words. */
  lookupWords(words: readonly string[]): readonly T[] | undefined {
    const vocabulary = vocabularyOf(this.folder);
    let node: TrieNode<T> = this.root;
    for (const w of words) {
      const id = knownId(vocabulary, w);
      let c = -1;
      if (id >= 0) c = node === this.root ? (this.rootKids.get(id) ?? -1) : (this.flags[node.id] & HAS_KIDS) === 0 ? -1 : edgeTo(this.edges, node.id, id);
      if (c < 0) return undefined;
      node = this.nodes[c];
      if (node.pending) this.expand(node);
    }
    return this.valuesById[node.id];
  }

  /**
   * Scans `text[from, to)` and returns every leftmost-longest match.
   * `skip` lists sorted, non-overlapping ranges to ignore (code spans, explicit uses...).
   */
  scan(text: string, from = 0, to = text.length, skip: readonly (readonly [number, number])[] = []): LabelHit<T>[] {
    // Stryker disable next-line ConditionalExpression: a shortcut; `scanWords` finds nothing without labels either.
    if (this.rootKids.size === 0) return [];
    return this.scanWords(text, this.words(text, from, to, skip));
  }

  /**
   * The words of `text[from, to)` folded as this matcher folds them; a word touching
   * a range of `skip` is a break (listed in `breaks`). Matchers with the same folder can share them.
   * The split itself does not depend on `skip`: it is kept per folder for the last text
   * asked, so scanning one range again with other matchers and other skip lists (instrument
   * names, then terms) splits and folds its words once.
   */
  words(text: string, from = 0, to = text.length, skip: readonly (readonly [number, number])[] = []): ScannedWords {
    const raw = splitWords(text, from, to, this.folder);
    return { starts: raw.starts, ends: raw.ends, ids: raw.ids, breaks: breaksIn(raw, from, skip), folder: this.folder };
  }

  /** Leftmost-longest matches over words found by `words` (of a matcher with the same folder). */
  scanWords(text: string, words: ScannedWords): LabelHit<T>[] {
    const hits: LabelHit<T>[] = [];
    if (this.rootKids.size === 0) return hits;
    const byId = this.rootById();
    let edges = this.edges;
    let flags = this.flags;
    const { starts, ends, ids, breaks } = words;
    const n = ids.length;
    // `breaks[b]` is the first break at or after word `i`; `breaks[c]`, the first at or after `j + 1`.
    let b = 0;
    for (let i = 0; i < n; ) {
      while (b < breaks.length && breaks[b] < i) b++;
      // A word the vocabulary did not have when the array was made is no child of the root (`add` drops the array).
      let node = byId ? (ids[i] < byId.length ? byId[ids[i]] : -1) : (this.rootKids.get(ids[i]) ?? -1);
      if (node < 0 || (b < breaks.length && breaks[b] === i)) {
        i++;
        continue;
      }
      // Nodes are followed by id: only the last one with values is read.
      let best = -1;
      let bestEnd = -1;
      let j = i;
      let c = b;
      for (;;) {
        let f = flags[node];
        if ((f & PENDING) !== 0) {
          this.expand(this.nodes[node]);
          edges = this.edges;
          flags = this.flags;
          f = flags[node];
        }
        if ((f & HAS_VALUES) !== 0) {
          best = node;
          bestEnd = j;
        }
        if ((f & HAS_KIDS) === 0 || j + 1 >= n) break;
        while (c < breaks.length && breaks[c] < j + 1) c++;
        if (c < breaks.length && breaks[c] === j + 1) break;
        if (!isJoiningGap(text, ends[j], starts[j + 1])) break;
        const next = edgeTo(edges, node, ids[j + 1]);
        if (next < 0) break;
        node = next;
        j++;
      }
      if (best >= 0) {
        hits.push({ start: starts[i], end: ends[bestEnd], values: this.valuesById[best]! });
        i = bestEnd + 1;
      } else {
        i++;
      }
    }
    return hits;
  }
}

/** How a list of literals is looked for (per list: the list, kept by its owner, is the key). */
interface LiteralPlan {
  /** For each literal: a character of it that no letter case changes (its anchor) and its offset in it, if it has one. */
  anchors: ({ char: string; at: number } | undefined)[];
  /** The anchored literals by anchor, in the order of the list: the text is searched once per anchor, not once per literal. */
  byAnchor: { char: string; ks: number[] }[];
  /** Where the last occurrence found of each literal of an anchor ends, while the anchor is searched for (reused by every call). */
  ends: Int32Array;
  /** The literals of one to three code units without an anchor, looked for with `indexOf`. */
  short: number[];
  /** What a text holding none of the literals gives: no occurrence of any (shared by every such call). */
  none: readonly (readonly number[])[];
  /** The first four code units, hashed, of the literals of four or more code units that have no anchor. */
  table: Uint8Array | undefined;
  byHead: Map<number, number[]>;
}
const literalPlans = new WeakMap<readonly { label: string }[], LiteralPlan>();

const headOf = (text: string, i: number) => (((text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) * 31 + text.charCodeAt(i + 2)) * 31 + text.charCodeAt(i + 3)) & 0xffff;
const NOT_ANCHOR = /[\p{L}\p{M}\p{N}\s]/u;
/** Anchors found everywhere in prose, taken only when a literal has no other. */
const COMMON_ANCHORS = ',.-\'';
const NONE: readonly number[] = Object.freeze([]);

/**
 * Whether code unit `c` of a text may stand as `l` once the text is folded (a fold changes letter case only): the
 * same unit, the same ASCII letter in the other case, or anything outside ASCII (whose case mappings are not reckoned here).
 */
function mayFoldTo(c: number, l: number): boolean {
  if (c === l) return true;
  if (c >= 0x80 || l >= 0x80) return true;
  const lc = c | 0x20;
  return lc === (l | 0x20) && lc >= 0x61 && lc <= 0x7a;
}

function literalPlan(literals: readonly { label: string }[]): LiteralPlan {
  let plan = literalPlans.get(literals);
  if (plan) return plan;
  const byHead = new Map<number, number[]>();
  let table: Uint8Array | undefined;
  const anchors = literals.map(({ label }, k) => {
    let best: { char: string; at: number } | undefined;
    for (let at = 0; at < label.length; at++) {
      const char = label[at];
      // Punctuation and other caseless characters: folding the text neither makes nor unmakes them.
      if (NOT_ANCHOR.test(char) || char.toLowerCase() !== char.toUpperCase()) continue;
      if (!best || (COMMON_ANCHORS.includes(best.char) && !COMMON_ANCHORS.includes(char))) best = { char, at };
    }
    if (!best && label.length >= 4) {
      table ??= new Uint8Array(0x10000);
      const p = headOf(label, 0);
      table[p] = 1;
      const list = byHead.get(p);
      if (list) list.push(k);
      else byHead.set(p, [k]);
    }
    return best;
  });
  const byChar = new Map<string, number[]>();
  anchors.forEach((a, k) => {
    if (!a) return;
    const list = byChar.get(a.char);
    if (list) list.push(k);
    else byChar.set(a.char, [k]);
  });
  const byAnchor = [...byChar].map(([char, ks]) => ({ char, ks }));
  const ends = new Int32Array(Math.max(0, ...byAnchor.map((a) => a.ks.length)));
  const short: number[] = [];
  literals.forEach(({ label }, k) => {
    if (!anchors[k] && label.length > 0 && label.length < 4) short.push(k);
  });
  const none = Object.freeze(literals.map(() => NONE));
  literalPlans.set(literals, (plan = { anchors, byAnchor, ends, short, table, byHead, none }));
  return plan;
}

/**
 * Where each literal occurs in `fold(text)` (`fold` keeps the length and changes letter case only): for literal `k`,
 * its leftmost occurrences that do not overlap one another (what a loop of `indexOf(literal, previous +
 * literal.length)` finds). A literal with punctuation is looked for where its punctuation occurs (found with
 * `indexOf`, in the text as written); the others in one pass over the text, by their first four code units (a
 * literal shorter than four code units with `indexOf`; an empty one is never found). The text is folded only when
 * a literal may be there.
 */
export function literalOccurrences(text: string, literals: readonly { label: string }[], fold: (text: string) => string = (t) => t): readonly (readonly number[])[] {
  const plan = literalPlan(literals);
  const { anchors, byAnchor, ends, short, table, byHead } = plan;
  // Made when a first occurrence is found: most chunks of a document hold none, and share `plan.none`.
  let out: (readonly number[])[] | undefined;
  let folded: string | undefined;
  // Each anchor is searched for once; at each of its occurrences, the literals it anchors are tried in turn (for one
  // literal, its occurrences come left to right, as its own search would find them).
  for (let a = 0; a < byAnchor.length; a++) {
    const { char, ks } = byAnchor[a];
    let p = text.indexOf(char);
    if (p < 0) continue;
    ends.fill(0, 0, ks.length);
    for (; p >= 0; p = text.indexOf(char, p + 1)) {
      for (let q = 0; q < ks.length; q++) {
        const k = ks[q];
        const label = literals[k].label;
        const i = p - anchors[k]!.at;
        if (i < ends[q] || i < 0 || i + label.length > text.length) continue;
        // The first and last code units first: most places fail there, and the text is folded only when one passes.
        if (!mayFoldTo(text.charCodeAt(i), label.charCodeAt(0)) || !mayFoldTo(text.charCodeAt(i + label.length - 1), label.charCodeAt(label.length - 1))) continue;
        folded ??= fold(text);
        if (folded.startsWith(label, i)) {
          out = foundAt(out ?? plan.none.slice(), k, i);
          ends[q] = i + label.length;
        }
      }
    }
  }
  for (const k of short) {
    const label = literals[k].label;
    folded ??= fold(text);
    for (let i = folded.indexOf(label); i >= 0; i = folded.indexOf(label, i + label.length)) out = foundAt(out ?? plan.none.slice(), k, i);
  }
  if (table) {
    folded ??= fold(text);
    const last = folded.length - 3;
    for (let i = 0; i < last; i++) {
      const p = headOf(folded, i);
      if (table[p] === 0) continue;
      for (const k of byHead.get(p)!) {
        const { label } = literals[k];
        const list = out?.[k] ?? NONE;
        // Not overlapping the previous occurrence of the same literal.
        if ((list.length === 0 || i >= list[list.length - 1] + label.length) && folded.startsWith(label, i)) out = foundAt(out ?? plan.none.slice(), k, i);
      }
    }
  }
  return out ?? plan.none;
}

/** Adds occurrence `i` of literal `k` to `out` (a literal's first occurrence replaces the shared empty list). */
function foundAt(out: (readonly number[])[], k: number, i: number): (readonly number[])[] {
  const list = out[k];
  if (list === NONE) out[k] = [i];
  else (list as number[]).push(i);
  return out;
}
