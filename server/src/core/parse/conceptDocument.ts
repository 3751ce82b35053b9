/**
 * A concept document read into a `ConceptDocument`: its front matter (with
 * ranges), the terms it defines, the term bases it imports, its headings and
 * the prose regions where term uses and citations are looked for.
 * Parsing never fails: whatever cannot be read becomes a problem.
 */
import type { Document } from 'yaml';
import { deref, isMap, isScalar, isSeq, mapPairs, parseYaml, rangeOf, scalarString, type Problem } from '../yaml';
import { readTermEntry, type TermEntry } from '../terms/termBase';
import { labelKey } from '../terms/matcher';
import { parseMarkdown, type MarkdownStructure } from './markdown';
import { splitChunks, type Chunk } from './chunks';
import { stringParts, type TextParts } from '../textParts';
import { keptOn, sharedGetters } from '../keptOn';

export const FRONT_MATTER_KEYS: Record<string, string> = {
  concept: 'Stable identifier of the concept (lower-case slug).',
  title: 'Title of the concept document.',
  status: 'Life-cycle status: draft, consultation, adopted or superseded.',
  language: 'Language of the document: en, fr or ru.',
  model: 'Reference model the document follows (default: the built-in digital customs model).',
  glossaries: 'Term bases (`*.terms.yaml`) whose definitions this document uses, relative to the document.',
  terms: 'Terms this document defines: a map from the term to its definition, source, variants…',
  version: 'Version of the document.',
  date: 'Date of this version (YYYY-MM-DD).',
  authors: 'Authors or owning organisation.',
  organisation: 'Organisation that issues the concept.',
  supersedes: 'Id of the concept this one replaces.',
  keywords: 'Keywords.',
  abstract: 'A short summary of the concept.',
  maturity: 'Maturity self-assessment: dimension → level (see the reference model).',
  indicators: 'Indicators / KPIs of the concept (see the reference model).',
  components: 'Components adopted from the reference model (see the reference model).',
  bibliography: 'Pandoc bibliography file.',
};

export const STATUS_VALUES: readonly string[] = ['draft', 'consultation', 'adopted', 'superseded'];
export const LANGUAGE_VALUES: readonly string[] = ['en', 'fr', 'ru'];

export interface FrontMatter {
  /** Offsets of the YAML text (between the fences). */
  start: number;
  end: number;
  /** Offsets of the whole block, fences included. */
  blockEnd: number;
  yaml?: Document.Parsed;
  values: Record<string, string | undefined>;
  /** Offsets of each top-level key. */
  keyRanges: Map<string, [number, number]>;
  /** Offsets of each top-level value. */
  valueRanges: Map<string, [number, number]>;
}

export interface GlossaryRef {
  path: string;
  start: number;
  end: number;
}

export interface Citation {
  id: string;
  /** Offsets of the `@`. */
  start: number;
  /** Offset after the id. */
  end: number;
}

export interface ExplicitUse {
  /** Text between the guillemets. */
  label: string;
  /** Offsets of the text between the guillemets. */
  start: number;
  end: number;
}

/** What one chunk of the body holds, in offsets relative to the chunk. */
export interface ChunkParse {
  markdown: MarkdownStructure;
  explicitUses: ExplicitUse[];
  citations: Citation[];
}

export interface ParsedChunk extends Chunk {
  parse: ChunkParse;
}

/**
 * Parses of chunks by their text: kept per document so an edit re-parses only what changed. A parse is given the
 * cache of the previous version and one to fill with this version's chunks; given the same map twice, it updates
 * it in place (after an edit read from parts, only the chunks the edit replaced leave it and the new ones join).
 */
export type ChunkCache = Map<string, ChunkParse>;

export interface ConceptDocument {
  uri: string;
  text: string;
  /** The body in chunks (see `chunks.ts`); the flat fields below are their union in document offsets. */
  chunks: ParsedChunk[];
  /** The problems of the front matter alone (a prefix of `problems`). */
  frontMatterProblems: Problem[];
  frontMatter?: FrontMatter;
  /** Offset where the Markdown body starts. */
  bodyStart: number;
  definitions: TermEntry[];
  glossaries: GlossaryRef[];
  markdown: MarkdownStructure;
  explicitUses: ExplicitUse[];
  /** Citations in the front matter (`source:` of the terms it defines), sorted: the first of `citations`. */
  frontMatterCitations: Citation[];
  citations: Citation[];
  problems: Problem[];
}

const FENCE = /^---[ \t]*\r?$/;
const CLOSE_FENCE = /^(---|\.\.\.)[ \t]*\r?$/;

/** Finds the front matter block: `---` on the first line up to a `---` or `...` line. */
function splitFrontMatter(text: string): { start: number; end: number; blockEnd: number } | 'unclosed' | undefined {
  let begin = 0;
  if (text.charCodeAt(0) === 0xfeff) begin = 1;
  const firstNl = text.indexOf('\n', begin);
  const firstLine = text.slice(begin, firstNl < 0 ? text.length : firstNl);
  if (!FENCE.test(firstLine)) return undefined;
  if (firstNl < 0) return 'unclosed';
  let lineStart = firstNl + 1;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, nl < 0 ? text.length : nl);
    if (CLOSE_FENCE.test(line)) return { start: firstNl + 1, end: lineStart, blockEnd: nl < 0 ? text.length : nl + 1 };
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return 'unclosed';
}

/** Pandoc citation keys: start with a letter, digit or `_`; internal punctuation must be followed by a word character. */
const CITATION = /(?<![\p{L}\p{N}_@.\-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu;
/** Text between guillemets, on at most two lines, at most 200 characters. */
const GUILLEMETS = /«([^«»\n]{0,200}(?:\n[^«»\n]{0,200})?)»/g;

/**
 * Where one edit changed the text: `start`–`oldEnd` of the previous text (of length
 * `oldLength`) became `start`–`newEnd`. Known to the server from `didChange`; it
 * spares comparing the two texts to find the change.
 */
export interface EditHint {
  oldLength: number;
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The parts of documents parsed from parts (their `text` is made only when asked for). */
const partsOfDocument = keptOn<ConceptDocument, TextParts>('parts');

/** The text of a parsed document from `start` to `end`, without making its whole text one string when it was read in parts. */
export function documentSlice(doc: ConceptDocument, start: number, end: number): string {
  const parts = partsOfDocument.get(doc);
  return parts ? parts.slice(start, end) : doc.text.slice(start, end);
}

/** The length of a parsed document's text. */
export function documentLength(doc: ConceptDocument): number {
  return (partsOfDocument.get(doc) ?? doc.text).length;
}

/** Where the first line ends (before its line break), or the length of a text of one line. */
export function documentFirstLineEnd(doc: ConceptDocument): number {
  const parts = partsOfDocument.get(doc);
  const i = parts ? firstLineBreak(parts) : doc.text.indexOf('\n');
  return i < 0 ? documentLength(doc) : i;
}

/**
 * `text` in parts: after an edit of the body (known from `hint`) the front matter's parse is kept and only the chunks
 * around the edit are read, from the parts; anything else reads the whole text.
 */
export function parseConceptDocument(uri: string, text: string | TextParts, cache?: ChunkCache, nextCache?: ChunkCache, previous?: ConceptDocument, hint?: EditHint): ConceptDocument {
  if (typeof text !== 'string') {
    const edited = previous && hint ? parseEditedBody(uri, text, cache, nextCache, previous, hint) : undefined;
    if (edited) return edited;
    text = text.text();
  }
  const problems: Problem[] = [];
  const doc: ConceptDocument = {
    uri, text, bodyStart: 0, chunks: [], frontMatterProblems: [], definitions: [], glossaries: [], explicitUses: [], frontMatterCitations: [], citations: [], problems,
    markdown: { headings: [], regions: [], exclusions: [], comments: [] },
  };
  const fm = splitFrontMatter(text);
  if (fm === 'unclosed') {
    const nl = text.indexOf('\n');
    problems.push({ start: 0, end: nl < 0 ? text.length : nl, code: 'yaml-syntax', severity: 'error', message: 'The front matter is not closed: add a line with `---` after it.' });
  } else if (fm) {
    doc.bodyStart = fm.blockEnd;
    const prev = previous?.frontMatter;
    if (prev && previous.uri === uri && prev.blockEnd === fm.blockEnd && previous.text.startsWith(text.slice(0, fm.blockEnd))) {
      // The front matter did not change: keep its parse (and the identity of its entries, which caches rely on).
      doc.frontMatter = prev;
      doc.definitions = previous.definitions;
      doc.glossaries = previous.glossaries;
      problems.push(...previous.frontMatterProblems);
    } else {
      doc.frontMatter = readFrontMatter(doc, text.slice(fm.start, fm.end), fm.start, fm.end, fm.blockEnd);
    }
  }
  doc.frontMatterProblems = [...problems];
  // Citations in the front matter's `source:` fields are checked too.
  const fmCitations: Citation[] = [];
  for (const def of doc.definitions) {
    if (!def.sourceRange) continue;
    const [rs, re] = def.sourceRange;
    const slice = text.slice(rs, re);
    CITATION.lastIndex = 0;
    for (let m = CITATION.exec(slice); m; m = CITATION.exec(slice)) {
      fmCitations.push({ id: m[1], start: rs + m.index, end: rs + m.index + m[0].length });
    }
  }
  doc.frontMatterCitations = fmCitations.sort((a, b) => a.start - b.start);
  const body = bodyChunks(text, doc.bodyStart, previous?.uri === uri ? previous : undefined, hint);
  // This version's chunks only: into the map to fill (emptied first when it is the previous version's).
  const fresh: ChunkCache = nextCache && nextCache !== cache ? nextCache : new Map();
  withBody(doc, body, (chunk) => {
    let parse = chunk.parse ?? cache?.get(chunk.text) ?? fresh.get(chunk.text);
    if (!parse) parse = parseChunk(chunk.text);
    fresh.set(chunk.text, parse);
    return parse;
  }, body === previous?.chunks);
  if (nextCache && nextCache === cache) {
    // Emptied entry by entry, not with `clear()`: V8 keeps a cleared Map's old table pointing to its new one, so a
    // long-lived cache cleared on every parse chained each version's parses together through the young collections.
    for (const k of nextCache.keys()) if (!fresh.has(k)) nextCache.delete(k);
    for (const [k, v] of fresh) nextCache.set(k, v);
  }
  return doc;
}

/**
 * The document after an edit of its body, read from parts: the previous version's front matter (the edit starts
 * past it, and its block ends with a line break, so the same block is found) and chunks, the chunks around the edit
 * split again from the text around it. Undefined when that does not hold (the caller reads the whole text).
 */
function parseEditedBody(uri: string, parts: TextParts, cache: ChunkCache | undefined, nextCache: ChunkCache | undefined, previous: ConceptDocument, hint: EditHint): ConceptDocument | undefined {
  const oldLength = documentLength(previous);
  const oldChunks = previous.chunks;
  const n = oldChunks.length;
  if (previous.uri !== uri || !n || hint.oldLength !== oldLength) return undefined;
  if (!(hint.start >= 0 && hint.start <= hint.oldEnd && hint.oldEnd <= oldLength && parts.length === oldLength - (hint.oldEnd - hint.start) + (hint.newEnd - hint.start))) return undefined;
  if (previous.frontMatter) {
    // The edit is past the block, which ends with a line break: the new text has the same block.
    if (hint.start < previous.bodyStart || documentSlice(previous, previous.bodyStart - 1, previous.bodyStart) !== '\n') return undefined;
  } else {
    // No front matter: the first line is no fence, and the edit is past its line break (the first line is the same).
    if (previous.frontMatterProblems.length) return undefined;
    const firstBreak = firstLineBreak(parts);
    if (firstBreak < 0 || hint.start <= firstBreak || splitFrontMatter(parts.slice(0, firstBreak + 1)) !== undefined) return undefined;
  }
  // The chunk holding the edit's start, and the first one starting at or after its end.
  const k0 = chunkHolding(oldChunks, hint.start);
  let k1 = n;
  while (k1 > k0 + 1 && oldChunks[k1 - 1].start >= hint.oldEnd) k1--;
  const { chunks, first, end } = resplit(parts, oldChunks, parts.length - oldLength, k0, k1);
  const doc: ConceptDocument = {
    uri, text: '', bodyStart: previous.bodyStart, chunks: [], frontMatterProblems: previous.frontMatterProblems, frontMatter: previous.frontMatter,
    definitions: previous.definitions, glossaries: previous.glossaries, explicitUses: [], frontMatterCitations: previous.frontMatterCitations, citations: [],
    problems: [...previous.frontMatterProblems], markdown: { headings: [], regions: [], exclusions: [], comments: [] },
  };
  // The whole text only when something asks for it.
  partsOfDocument.set(doc, parts);
  Object.defineProperty(doc, 'text', TEXT_FROM_PARTS);
  if (nextCache && nextCache === cache) {
    // In place: the new chunks join (a text split again as it was finds its parse), then the replaced ones leave
    // (a chunk kept elsewhere with the same text keeps its own parse).
    const added = new Set<string>();
    withBody(doc, chunks, (chunk) => {
      if (chunk.parse) return chunk.parse;
      added.add(chunk.text);
      let parse = cache.get(chunk.text);
      if (!parse) cache.set(chunk.text, (parse = parseChunk(chunk.text)));
      return parse;
    });
    for (let k = first; k < end; k++) if (!added.has(oldChunks[k].text)) cache.delete(oldChunks[k].text);
  } else {
    withBody(doc, chunks, (chunk) => {
      let parse = chunk.parse ?? cache?.get(chunk.text) ?? nextCache?.get(chunk.text);
      if (!parse) parse = parseChunk(chunk.text);
      nextCache?.set(chunk.text, parse);
      return parse;
    });
  }
  return doc;
}

/** The chunk holding `offset`: the last one starting at or before it (the first when none does). */
export function chunkHolding(chunks: readonly Chunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset of the first line break, or -1: read from the start, a little at a time. */
function firstLineBreak(parts: TextParts): number {
  for (let n = 256; ; n *= 4) {
    const i = parts.slice(0, n).indexOf('\n');
    if (i >= 0 || n >= parts.length) return i;
  }
}

/** The document with its body: the chunks with their parse (`parseOf`), the headings, and the flat lists read on demand. */
/** `body` becomes the document's list of chunks (each with its parse), unless it is another document's (then it is copied). */
function withBody(doc: ConceptDocument, body: (Chunk & { parse?: ChunkParse })[], parseOf: (chunk: Chunk & { parse?: ChunkParse }) => ChunkParse, shared = false): ConceptDocument {
  const md = doc.markdown;
  const chunks = (shared ? body.slice() : body) as ParsedChunk[];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    const parse = parseOf(chunk);
    const parsed: ParsedChunk = chunk.parse === parse ? chunk : { start: chunk.start, text: chunk.text, parse };
    chunks[i] = parsed;
    if (parse.markdown.headings.length) for (const h of headingsInDocument(parsed)) md.headings.push(h);
  }
  doc.chunks = chunks;
  // The other flat lists, the union of the chunks' in document offsets, are built on first read:
  // after an edit, moving every chunk's spans would cost what the document holds.
  const lists: FlatBody = { doc, frontMatterCitations: doc.frontMatterCitations, flat: undefined };
  flatBodies.set(md, lists);
  flatBodies.set(doc, lists);
  for (const key of MARKDOWN_FLAT_KEYS) Object.defineProperty(md, key, FLAT_GETTERS[key]);
  for (const key of DOCUMENT_FLAT_KEYS) Object.defineProperty(doc, key, FLAT_GETTERS[key]);
  return doc;
}

type FlatLists = Pick<MarkdownStructure, 'regions' | 'exclusions' | 'comments'> & Pick<ConceptDocument, 'explicitUses' | 'citations'>;

/** A document's flat lists, built on first read from its chunks (`withBody`). */
interface FlatBody {
  doc: ConceptDocument;
  frontMatterCitations: Citation[];
  flat: FlatLists | undefined;
}

/** The body a document, or its `markdown`, reads its flat lists from. */
const flatBodies = keptOn<object, FlatBody>('flatBody');

const MARKDOWN_FLAT_KEYS = ['regions', 'exclusions', 'comments'] as const;
const DOCUMENT_FLAT_KEYS = ['explicitUses', 'citations'] as const;

function flatLists(body: FlatBody): FlatLists {
  if (body.flat) return body.flat;
  const flat: FlatLists = { regions: [], exclusions: [], comments: [], explicitUses: [], citations: [...body.frontMatterCitations] };
  for (const chunk of body.doc.chunks) {
    const abs = inDocument(chunk);
    for (const r of abs.regions) flat.regions.push(r);
    for (const x of abs.exclusions) flat.exclusions.push(x);
    for (const c of abs.comments) flat.comments.push(c);
    for (const u of abs.explicitUses) flat.explicitUses.push(u);
    for (const c of abs.citations) flat.citations.push(c);
  }
  return (body.flat = flat);
}

/**
 * The accessors of the flat lists: one getter function per list, shared by every document, reading the document's
 * body from the object (`flatBodies`). Accessors made of a closure per document gave each document its own hidden
 * classes in V8, and those kept the closures, so each version's chunks, alive through every young collection until
 * a full one: after each keystroke in a long document, hundreds of kilobytes copied and promoted.
 */
const FLAT_GETTERS = sharedGetters([...MARKDOWN_FLAT_KEYS, ...DOCUMENT_FLAT_KEYS], flatBodies, flatLists);

/** The text of a document read in parts, made when first asked for (the same getter for every document, as `FLAT_GETTERS`). */
const TEXT_FROM_PARTS: PropertyDescriptor = {
  get(this: ConceptDocument) {
    return partsOfDocument.get(this)!.text();
  },
  enumerable: true,
  configurable: true,
};

/**
 * The body's chunks. Given the previous version of the document, only the part
 * that an edit touched is split again: chunks before it are kept as they are,
 * chunks after it keep their parse and move by the edit's length. The split
 * resumes one chunk before the first changed character (the boundary there may
 * depend on the changed line) and stops at the first boundary past the change
 * that the old version had too: from a boundary on, splitting depends only on
 * the text that follows, which is unchanged.
 */
export function bodyChunks(text: string, bodyStart: number, previous?: ConceptDocument, hint?: EditHint): (Chunk & { parse?: ChunkParse })[] {
  const old = previous?.text;
  const oldChunks = previous?.chunks;
  if (old === undefined || !oldChunks?.length || previous!.bodyStart !== bodyStart) return splitChunks(text, bodyStart);
  if (old === text) return oldChunks;
  const delta = text.length - old.length;
  const n = oldChunks.length;
  // Old chunks still in place at the start, and still in place (moved by delta) at the end;
  // compared chunk by chunk with startsWith, which is much faster than a loop over characters.
  let k0 = 0;
  let k1 = n;
  const trusted =
    hint && hint.oldLength === old.length && text.length === old.length - (hint.oldEnd - hint.start) + (hint.newEnd - hint.start) && hint.start >= 0 && hint.start <= hint.oldEnd && hint.oldEnd <= old.length;
  if (trusted) {
    // From the edit: the chunk holding its start, and the first one after its end.
    k0 = chunkHolding(oldChunks, hint.start);
    // Chunks from k1 on start at or after the edit's end (the loop checks each one it passes).
    while (k1 > k0 + 1 && oldChunks[k1 - 1].start >= hint.oldEnd) k1--;
  } else {
    while (k0 < n && text.startsWith(oldChunks[k0].text, oldChunks[k0].start)) k0++;
    if (k0 === n) {
      if (text.length === old.length) return oldChunks;
      k0 = n - 1; // text appended after the last chunk: that chunk is split again
    }
    while (k1 > k0 + 1 && oldChunks[k1 - 1].start + delta >= 0 && text.startsWith(oldChunks[k1 - 1].text, oldChunks[k1 - 1].start + delta)) k1--;
  }
  return resplit(stringParts(text), oldChunks, delta, k0, k1).chunks;
}

/**
 * The chunks of a text after a change, given the old chunks: `k0` holds the change's start, and from `k1` on the old
 * chunks are unchanged, moved by `delta`. Chunks before `k0 - 1` are kept; the text is split again from there (the
 * boundary there may depend on the changed line) and the split stops at the first boundary past the change that the
 * old text had too: from a boundary on, splitting depends only on the text that follows, which is unchanged. It reads
 * the text up to the start of an old chunk past `k1` (a line start of the new text too) and further only when the
 * split runs to the end of what it read. `first`–`end`: the old chunks replaced.
 */
function resplit(parts: TextParts, oldChunks: readonly ParsedChunk[], delta: number, k0: number, k1: number): { chunks: (Chunk & { parse?: ChunkParse })[]; first: number; end: number } {
  const n = oldChunks.length;
  const changeEnd = k1 < n ? oldChunks[k1].start + delta : parts.length;
  const first = Math.max(0, k0 - 1);
  const from = oldChunks[first].start;
  for (let m = Math.min(n, k1 + 2); ; m = Math.min(n, m + Math.max(4, 2 * (m - k1)))) {
    const to = m < n ? oldChunks[m].start + delta : parts.length;
    const local = parts.slice(from, to);
    let resume = -1;
    const split = splitChunks(local, 0, local.length, (b) => {
      if (b + from < changeEnd) return false;
      // An old chunk (from k1 on, past the change) starting there, found by its start: the chunks are in order.
      const k = chunkHolding(oldChunks, b + from - delta);
      if (k < k1 || oldChunks[k].start !== b + from - delta) return false;
      resume = k;
      return true;
    });
    if (split.stoppedAt === undefined && to < parts.length) continue;
    const chunks: (Chunk & { parse?: ChunkParse })[] = oldChunks.slice(0, first);
    for (const c of split) chunks.push({ start: c.start + from, text: c.text });
    const resumed = split.stoppedAt !== undefined && resume >= 0;
    // From the boundary where the split stopped, the old chunks hold, moved.
    if (resumed) for (let k = resume; k < n; k++) chunks.push(delta === 0 ? oldChunks[k] : { start: oldChunks[k].start + delta, text: oldChunks[k].text, parse: oldChunks[k].parse });
    return { chunks, first, end: resumed ? resume : n };
  }
}

/** What one chunk holds, in document offsets; never mutated once built. */
interface ChunkInDocument {
  headings: MarkdownStructure['headings'];
  regions: MarkdownStructure['regions'];
  exclusions: MarkdownStructure['exclusions'];
  comments: MarkdownStructure['comments'];
  explicitUses: ExplicitUse[];
  citations: Citation[];
}

/** Per chunk object: a chunk kept in place by an edit keeps its object, and so this. */
const chunksInDocument = keptOn<ParsedChunk, ChunkInDocument>('inDocument');

/** A chunk's headings in document offsets (an edit moves the chunks after it: their headings, not the rest, are moved at once). */
const headingsOfChunk = keptOn<ParsedChunk, MarkdownStructure['headings']>('headingsInDocument');

function headingsInDocument(chunk: ParsedChunk): MarkdownStructure['headings'] {
  const known = chunksInDocument.get(chunk)?.headings ?? headingsOfChunk.get(chunk);
  if (known) return known;
  const b = chunk.start;
  const headings = chunk.parse.markdown.headings.map((h) => ({ ...h, start: h.start + b, end: h.end + b, lineStart: h.lineStart + b, lineEnd: h.lineEnd + b }));
  headingsOfChunk.set(chunk, headings);
  return headings;
}

function inDocument(chunk: ParsedChunk): ChunkInDocument {
  const known = chunksInDocument.get(chunk);
  if (known) return known;
  const b = chunk.start;
  const { parse } = chunk;
  const cm = parse.markdown;
  const abs: ChunkInDocument = {
    headings: headingsInDocument(chunk),
    regions: cm.regions.map((r) => ({ start: r.start + b, end: r.end + b })),
    exclusions: cm.exclusions.map((x) => [x[0] + b, x[1] + b] as [number, number]),
    comments: cm.comments.map((c) => ({ start: c.start + b, end: c.end + b, text: c.text })),
    explicitUses: parse.explicitUses.map((u) => ({ label: u.label, start: u.start + b, end: u.end + b })),
    citations: parse.citations.map((c) => ({ id: c.id, start: c.start + b, end: c.end + b })),
  };
  chunksInDocument.set(chunk, abs);
  return abs;
}

/** Parses one chunk of the body: Markdown structure, `«…»` uses and citations, relative to the chunk. */
export function parseChunk(text: string): ChunkParse {
  const markdown = parseMarkdown(text);
  const parse: ChunkParse = { markdown, explicitUses: [], citations: [] };
  findInlineUses(text, parse);
  return parse;
}

function readFrontMatter(doc: ConceptDocument, yamlText: string, start: number, end: number, blockEnd: number): FrontMatter {
  const { doc: y, problems } = parseYaml(yamlText, start);
  doc.problems.push(...problems);
  const fm: FrontMatter = { start, end, blockEnd, yaml: y, values: {}, keyRanges: new Map(), valueRanges: new Map() };
  const root = y.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return fm;
  if (!isMap(root)) {
    const r = rangeOf(root, start) ?? [start, end];
    doc.problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: 'The front matter must be a map of keys (concept, title, status, terms…).' });
    return fm;
  }
  for (const pair of mapPairs(root)) {
    const key = scalarString(pair.key);
    const kr = rangeOf(pair.key, start);
    if (key === undefined || !kr) continue;
    const value = deref(pair.value, y);
    fm.keyRanges.set(key, kr);
    const vr = rangeOf(value, start);
    if (vr) fm.valueRanges.set(key, vr);
    fm.values[key] = scalarString(value);
    if (!(key in FRONT_MATTER_KEYS)) {
      doc.problems.push({ start: kr[0], end: kr[1], code: 'unknown-key', severity: 'warning', message: `Unknown front-matter key \`${key}\`.`, data: { key } });
      continue;
    }
    const enumCheck = (allowed: readonly string[]) => {
      const v = scalarString(value);
      if (v !== undefined && !allowed.includes(v) && vr) {
        doc.problems.push({ start: vr[0], end: vr[1], code: 'invalid-value', severity: 'error', message: `\`${key}\` must be one of: ${allowed.join(', ')}.` });
      } else if (v === undefined && vr && !(isScalar(value) && value.value === null)) {
        doc.problems.push({ start: vr[0], end: vr[1], code: 'invalid-value', severity: 'error', message: `\`${key}\` must be one of: ${allowed.join(', ')}.` });
      }
    };
    if (key === 'status') enumCheck(STATUS_VALUES);
    else if (key === 'language') enumCheck(LANGUAGE_VALUES);
    else if (key === 'glossaries') readGlossaries(doc, value, y, start);
    else if (key === 'terms') readDefinitions(doc, value, y, start);
  }
  // The keys of `terms:` are labels in the document's language.
  const lang = fm.values.language;
  if (lang === 'fr' || lang === 'ru') for (const d of doc.definitions) d.language = lang;
  return fm;
}

function readGlossaries(doc: ConceptDocument, value: unknown, y: Document, base: number): void {
  const items = isSeq(value) ? value.items : isScalar(value) && value.value !== null ? [value] : [];
  if (!isSeq(value) && !isScalar(value)) {
    const r = rangeOf(value, base);
    if (r) doc.problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`glossaries` must be a list of term-base paths.' });
  }
  for (const item of items) {
    const n = deref(item, y);
    const s = scalarString(n);
    const r = rangeOf(n, base);
    if (!r) continue;
    if (!s) {
      doc.problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: 'A glossary entry must be a path such as `glossary/customs.terms.yaml`.' });
      continue;
    }
    doc.glossaries.push({ path: s, start: r[0], end: r[1] });
  }
}

function readDefinitions(doc: ConceptDocument, value: unknown, y: Document, base: number): void {
  if (isScalar(value) && value.value === null) return;
  if (!isMap(value)) {
    const r = rangeOf(value, base);
    if (r) doc.problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`terms` must be a map from each term to its definition.' });
    return;
  }
  for (const pair of mapPairs(value)) {
    const label = scalarString(pair.key);
    const r = rangeOf(pair.key, base);
    if (!r) continue;
    if (!label || labelKey(label) === '') {
      doc.problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: 'A defined term must be a text with at least one letter or digit.' });
      continue;
    }
    doc.definitions.push(readTermEntry(label, r, pair.value, y, base, doc.uri, 'document', doc.problems));
  }
}

/** Finds `«…»` uses and `@citations` in the prose regions, outside excluded spans. */
function findInlineUses(text: string, parse: ChunkParse): void {
  const { regions, exclusions } = parse.markdown;
  let x = 0;
  const excluded = (s: number, e: number): boolean => {
    while (x < exclusions.length && exclusions[x][1] <= s) x++;
    return x < exclusions.length && exclusions[x][0] < e;
  };
  for (const region of regions) {
    const slice = text.slice(region.start, region.end);
    if (slice.includes('«')) {
      GUILLEMETS.lastIndex = 0;
      for (let m = GUILLEMETS.exec(slice); m; m = GUILLEMETS.exec(slice)) {
        const s = region.start + m.index + 1;
        const e = s + m[1].length;
        if (excluded(s - 1, e + 1)) continue;
        parse.explicitUses.push({ label: m[1], start: s, end: e });
      }
    }
  }
  x = 0;
  for (const region of regions) {
    const slice = text.slice(region.start, region.end);
    if (!slice.includes('@')) continue;
    CITATION.lastIndex = 0;
    for (let m = CITATION.exec(slice); m; m = CITATION.exec(slice)) {
      const s = region.start + m.index;
      const e = s + m[0].length;
      if (excluded(s, e)) continue;
      parse.citations.push({ id: m[1], start: s, end: e });
    }
  }
}
