/**
 * Analysis of one concept document against its scope: which term bases define
 * its terms, which only make them known, and every use and citation found,
 * resolved. Features (diagnostics, hover, completion) read this; they never
 * re-scan the text.
 */
import { Utils, URI } from 'vscode-uri';
import type { InstrumentCatalog, CitationTarget } from './catalog/catalog';
import { parseConceptDocument, type ChunkCache, type EditHint, type ChunkParse, type Citation, type ConceptDocument, type GlossaryRef } from './parse/conceptDocument';
import type { LabelHit } from './terms/matcher';
import { labelKey, TermMatcher } from './terms/matcher';
import { wordFolder, LANGUAGES, type Language } from './terms/language';
import type { Locale } from './l10n';
import { entryLabels, parseTermBase, type LabelKind, type TermBase, type TermEntry } from './terms/termBase';
import type { DocumentModel } from './model/registry';

/** Access to files outside the document being analysed. Injected: the core does no IO. */
export interface WorkspaceFiles {
  /** The text of a file and a stamp that changes when the text changes, or why it cannot be read. */
  read(uri: string): { text: string; version: string | number } | { error: string };
  /** Term bases of the workspace that are not imported by a document but make terms known. */
  termBaseUris(): readonly string[];
  /** Reference models (`*.model.yaml`) of the workspace, which documents name by id in `model:`. */
  modelUris?(): readonly string[];
  /** Instrument catalogs (`*.instruments.yaml`) of the workspace, whose entries join the built-in catalog. */
  catalogUris?(): readonly string[];
  /** Concept documents of the workspace, open or not, for references, rename and workspace symbols. Without it, only the document at hand is seen. */
  conceptUris?(): readonly string[];
  /** The editor's version of an open file, for versioned edits; undefined for a closed file (its edits carry `null`). */
  openVersion?(uri: string): number | undefined;
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ServiceSettings {
  /** Term bases (uris) that define terms for every document, from settings. */
  termBases: string[];
  /** Severity of a plain-prose use of a known but undefined term. */
  implicitUseSeverity: SeverityName;
  /** Severity of an unused definition. */
  unusedDefinitionSeverity: SeverityName;
  /** Language of documents whose front matter does not say (`language:`). */
  language?: Language;
  /** Language of messages. */
  locale?: Locale;
  /** Documents larger than this many bytes (UTF-8) are not analysed; one `document-too-large` diagnostic says so. Default: `DEFAULT_MAX_DOCUMENT_BYTES` (10 MB). */
  maxDocumentBytes?: number;
}

/** The default of `ServiceSettings.maxDocumentBytes`: 10 MB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The UTF-8 length of `text` without encoding it; counting stops once it passes `stopAbove`. */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    // Each UTF-16 unit takes 1 to 3 bytes (a surrogate pair, 2 units, takes 4).
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}

let lastSize: { text: string; bytes: number } | undefined;

/** Whether `text` takes more than `limit` bytes in UTF-8. Every request asks again about the same text, so the last count is kept. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  if (lastSize?.text !== text) lastSize = { text, bytes: utf8Length(text) };
  return lastSize.bytes > limit;
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  termBases: [],
  implicitUseSeverity: 'warning',
  unusedDefinitionSeverity: 'hint',
};

/** One label as the matcher knows it. */
export interface LabelRef {
  label: string;
  kind: LabelKind;
  /** True when the label's entry defines the term for this document. */
  defining: boolean;
  /** Term-base entries carry the entry; document entries carry their index in `ConceptDocument.definitions`. */
  entry?: TermEntry;
  docIndex?: number;
  /** `labelKey` of the entry's preferred label: the concept this label names. */
  concept: string;
}

export interface TermUse {
  start: number;
  end: number;
  explicit: boolean;
  /** Every label that matched, resolved; empty for an explicit use nobody knows. */
  refs: TermEntryRef[];
  /** A definition in scope covers this use. */
  defined: boolean;
  /** The matched label is deprecated: its preferred replacement. */
  deprecatedFor?: TermEntry;
  /** The same use in chunk-relative offsets, when this one was moved into document offsets (a key for caches of what follows from a use). */
  origin?: TermUse;
}

export interface TermEntryRef {
  entry: TermEntry;
  kind: LabelKind;
  label: string;
  defining: boolean;
  /** `labelKey` of the entry's preferred label. */
  concept: string;
}

function rankOf(x: TermEntryRef): number {
  return x.entry.origin === 'document' ? 0 : x.defining ? 1 : x.entry.origin === 'termBase' ? 2 : 3;
}

export interface ResolvedCitation extends Citation {
  target?: CitationTarget;
}

export interface LoadedTermBase {
  ref?: GlossaryRef;
  uri: string;
  /** The version read (see `WorkspaceFiles.read`); absent when it could not be read. */
  version?: string | number;
  base?: TermBase;
  text?: string;
  error?: string;
}

export interface Analysis {
  doc: ConceptDocument;
  /** The language terms were matched in. */
  language: Language;
  /** Term bases defining terms for this document: glossaries first, then settings. */
  defining: LoadedTermBase[];
  /** Term bases that only make terms known. */
  known: LoadedTermBase[];
  uses: TermUse[];
  citations: ResolvedCitation[];
  /** Best entry for a label key, defining entries first. */
  lookup(label: string): TermEntryRef[] | undefined;
  /** Document definitions, by index, that no use in the body covers. */
  unusedDefinitions: number[];
  /** Labels (as `labelKey`) defined by more than one entry in the document's defining scope. */
  duplicates: Map<string, TermEntry[]>;
  /** The reference model the document follows (set by the language service; undefined when none applies). */
  model?: DocumentModel;
}

/** The uses in one chunk: chunk-relative, and in document offsets for the chunk at `absStart`. Never mutated once built. */
interface ChunkUses {
  rel: TermUse[];
  abs?: TermUse[];
  absStart?: number;
}

interface ScopeMatcher {
  key: string;
  matcher: ScopedMatcher;
  /** Non-deprecated label keys of the defining term bases' entries, for duplicate detection. */
  baseOwners: Map<string, TermEntry[]>;
  /** Uses per chunk text, valid while the matcher and `usesDefinitions` are. */
  scans: Map<string, ChunkUses>;
  /** The document definitions the cached uses were resolved against. */
  usesDefinitions?: TermEntry[];
  /** Label keys of the preferred labels of defining entries. */
  definedConcepts: { has(concept: string): boolean };
}

/** Caches that live as long as the language service. */
export class AnalysisCache {
  private termBases = new Map<string, { version: string | number; base: TermBase; text: string }>();
  private docs = new Map<string, { version: number; doc: ConceptDocument }>();
  private chunkCaches = new Map<string, ChunkCache>();
  private matchers = new Map<string, ScopeMatcher>();

  constructor(private readonly builtinTerms: TermBase) {}

  termBase(uri: string, files: WorkspaceFiles): { version?: string | number; base?: TermBase; text?: string; error?: string } {
    const read = files.read(uri);
    if ('error' in read) return { error: read.error };
    const cached = this.termBases.get(uri);
    if (cached && cached.version === read.version) return cached;
    const base = parseTermBase(uri, read.text);
    const entry = { version: read.version, base, text: read.text };
    this.termBases.set(uri, entry);
    return entry;
  }

  /** `edit`: where the text changed since version `edit.fromVersion`, if known. */
  conceptDocument(uri: string, version: number, text: string, edit?: EditHint & { fromVersion: number }): ConceptDocument {
    const cached = this.docs.get(uri);
    if (cached && cached.version === version && cached.doc.text === text) return cached.doc;
    // Chunks whose text did not change keep their parse; the cache keeps only this version's chunks.
    const next: ChunkCache = new Map();
    const hint = edit && cached && cached.version === edit.fromVersion ? edit : undefined;
    const doc = parseConceptDocument(uri, text, this.chunkCaches.get(uri), next, cached?.doc, hint);
    this.chunkCaches.set(uri, next);
    this.docs.set(uri, { version, doc });
    return doc;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
    this.chunkCaches.delete(uri);
    this.matchers.delete(uri);
    this.termBases.delete(uri);
  }

  scopeMatcher(doc: ConceptDocument, defining: LoadedTermBase[], known: LoadedTermBase[], language: Language): ScopeMatcher {
    // The term bases' matcher is shared by every document with the same scope;
    // the document's own definitions get a small matcher of their own.
    const baseParts: string[] = [language];
    for (const t of defining) baseParts.push('D' + t.uri + '@' + (this.termBases.get(t.uri)?.version ?? '-'));
    for (const t of known) baseParts.push('K' + t.uri + '@' + (this.termBases.get(t.uri)?.version ?? '-'));
    const baseKey = baseParts.join('\u0002');
    const docParts: string[] = [baseKey];
    for (const d of doc.definitions) docParts.push(entryLabels(d, language).map((l) => l.label).join('\u0001'));
    const key = docParts.join('\u0003');
    const cached = this.matchers.get(doc.uri);
    if (cached && cached.key === key) return cached;
    const base = this.baseScope(baseKey, defining, known, language);
    const own = new TermMatcher<LabelRef>(wordFolder(language));
    // The document's own concepts beside the scope's (no copy of the scope's set per document).
    const ownConcepts = new Set<string>();
    const definedConcepts = { has: (c: string) => ownConcepts.has(c) || base.definedConcepts.has(c) };
    doc.definitions.forEach((entry, docIndex) => {
      const concept = labelKey(entry.term);
      ownConcepts.add(concept);
      for (const l of entryLabels(entry, language)) own.add(l.label, { label: l.label, kind: l.kind, defining: true, docIndex, concept });
    });
    const result: ScopeMatcher = { key, matcher: new ScopedMatcher(own, base.matcher), definedConcepts, baseOwners: base.baseOwners, scans: new Map() };
    this.matchers.set(doc.uri, result);
    return result;
  }

  private baseScopes = new Map<string, BaseScope>();

  private baseScope(key: string, defining: LoadedTermBase[], known: LoadedTermBase[], language: Language): BaseScope {
    const cached = this.baseScopes.get(key);
    if (cached) return cached;
    const matcher = new TermMatcher<LabelRef>(wordFolder(language));
    const definedConcepts = new Set<string>();
    const addBase = (base: TermBase | undefined, isDefining: boolean) => {
      if (!base) return;
      for (const entry of base.entries) {
        const concept = labelKey(entry.term);
        if (isDefining) definedConcepts.add(concept);
        for (const l of entryLabels(entry, language)) matcher.add(l.label, { label: l.label, kind: l.kind, defining: isDefining, entry, concept });
      }
    };
    for (const t of defining) addBase(t.base, true);
    for (const t of known) addBase(t.base, false);
    addBase(this.builtinTerms, false);
    const baseOwners = new Map<string, TermEntry[]>();
    for (const t of defining) for (const entry of t.base?.entries ?? []) noteOwner(baseOwners, entry);
    const result = { matcher, definedConcepts, baseOwners };
    // A handful of scopes is typical (one per set of imported term bases); old versions go first.
    if (this.baseScopes.size >= 32) this.baseScopes.delete(this.baseScopes.keys().next().value!);
    this.baseScopes.set(key, result);
    return result;
  }
}

interface BaseScope {
  matcher: TermMatcher<LabelRef>;
  definedConcepts: Set<string>;
  baseOwners: Map<string, TermEntry[]>;
}

/**
 * Two matchers read as one: the document's own definitions and the shared term
 * bases. Hits are merged leftmost-longest; hits on the same span pool their values.
 */
export class ScopedMatcher {
  constructor(private readonly own: TermMatcher<LabelRef>, private readonly base: TermMatcher<LabelRef>) {}

  lookup(label: string): readonly LabelRef[] | undefined {
    const a = this.own.lookup(label);
    const b = this.base.lookup(label);
    return a && b ? [...a, ...b] : (a ?? b);
  }

  scan(text: string, from: number, to: number, skip: readonly (readonly [number, number])[]): LabelHit<LabelRef>[] {
    // Both matchers fold words alike (one language): the text is split into words once.
    const words = this.base.words(text, from, to, skip);
    const a = this.own.labelCount && this.own.folder === words.folder ? this.own.scanWords(text, words) : this.own.labelCount ? this.own.scan(text, from, to, skip) : [];
    const b = this.base.scanWords(text, words);
    if (!a.length) return b;
    if (!b.length) return a;
    const out: LabelHit<LabelRef>[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      let next: LabelHit<LabelRef>;
      if (!y || (x && x.end <= y.start)) next = a[i++];
      else if (!x || y.end <= x.start) next = b[j++];
      else if (x.start === y.start && x.end === y.end) {
        next = { start: x.start, end: x.end, values: [...x.values, ...y.values] };
        i++;
        j++;
      } else {
        // Overlap: the earlier start wins, then the longer hit.
        const takeX = x.start < y.start || (x.start === y.start && x.end > y.end);
        next = takeX ? a[i++] : b[j++];
      }
      const last = out[out.length - 1];
      if (last && next.start < last.end) continue;
      out.push(next);
    }
    return out;
  }
}

/** Resolves a glossary path against the document; undefined for an unusable path. */
export function resolveGlossary(docUri: string, path: string): string | undefined {
  try {
    if (/^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return URI.parse(path).toString();
    return Utils.resolvePath(Utils.dirname(URI.parse(docUri)), path.replace(/\\/g, '/')).toString();
  } catch {
    return undefined;
  }
}

export function analyse(
  doc: ConceptDocument,
  cache: AnalysisCache,
  files: WorkspaceFiles,
  settings: ServiceSettings,
  catalog: InstrumentCatalog,
): Analysis {
  const defining: LoadedTermBase[] = [];
  const seen = new Set<string>();
  for (const ref of doc.glossaries) {
    const uri = resolveGlossary(doc.uri, ref.path);
    if (!uri) {
      defining.push({ ref, uri: ref.path, error: `Cannot resolve the path \`${ref.path}\`.` });
      continue;
    }
    seen.add(uri);
    defining.push({ ref, uri, ...cache.termBase(uri, files) });
  }
  for (const uri of settings.termBases) {
    if (seen.has(uri)) continue;
    seen.add(uri);
    defining.push({ uri, ...cache.termBase(uri, files) });
  }
  const known: LoadedTermBase[] = [];
  for (const uri of files.termBaseUris()) {
    if (seen.has(uri)) continue;
    seen.add(uri);
    const loaded = cache.termBase(uri, files);
    if (loaded.base) known.push({ uri, ...loaded });
  }
  const declared = doc.frontMatter?.values.language;
  const language: Language = LANGUAGES.includes(declared as Language) ? (declared as Language) : (settings.language ?? 'en');
  const scope = cache.scopeMatcher(doc, defining, known, language);

  const resolveRefs = (refs: readonly LabelRef[]): TermEntryRef[] => {
    const out: TermEntryRef[] = [];
    for (const r of refs) {
      const entry = r.docIndex !== undefined ? doc.definitions[r.docIndex] : r.entry;
      if (entry) out.push({ entry, kind: r.kind, label: r.label, defining: r.defining, concept: r.concept });
    }
    // Document first, then term bases that define, then the rest (workspace before built-in).
    if (out.length > 1) out.sort((a, b) => rankOf(a) - rankOf(b));
    return out;
  };
  /** A use at `start`–`end` of `text` (a chunk's text; offsets relative to it). */
  const classify = (start: number, end: number, explicit: boolean, refs: readonly LabelRef[] | undefined, text: string): TermUse | undefined => {
    let resolved = resolveRefs(refs ?? []);
    if (resolved.some((r) => r.entry.match === 'exact' || r.entry.exclude.length)) {
      // Entries that ask for exact matching, or exclude some forms, drop the uses they refuse.
      const surface = labelKey(text.slice(start, end));
      // An exclusion holds for the concept, whichever term base also knows it.
      const excluded = new Set(resolved.filter((r) => r.entry.exclude.some((x) => labelKey(x) === surface)).map((r) => labelKey(r.entry.term)));
      const kept = resolved.filter((r) => (r.entry.match !== 'exact' || labelKey(r.label) === surface) && !excluded.has(labelKey(r.entry.term)));
      if (!kept.length && !explicit) return undefined;
      resolved = kept;
    }
    const defined = resolved.some((r) => r.defining || scope.definedConcepts.has(r.concept));
    const use: TermUse = { start, end, explicit, refs: resolved, defined };
    const best = resolved[0];
    if (best && best.kind === 'deprecated' && !resolved.some((r) => r.kind !== 'deprecated' && (r.defining || !best.defining))) {
      use.deprecatedFor = best.entry;
    }
    return use;
  };

  // Uses, chunk by chunk (`«…»` and plain prose); a chunk whose text is unchanged reuses its
  // resolved uses as long as the scope and the document's definitions are the same, and reuses
  // them in document offsets too when the chunk did not move.
  if (scope.usesDefinitions !== doc.definitions) {
    scope.scans = new Map();
    scope.usesDefinitions = doc.definitions;
  }
  const uses: TermUse[] = [];
  const scans = new Map<string, ChunkUses>();
  for (const chunk of doc.chunks) {
    const b = chunk.start;
    let cached = scope.scans.get(chunk.text) ?? scans.get(chunk.text);
    if (!cached) {
      const rel: TermUse[] = [];
      for (const u of chunk.parse.explicitUses) rel.push(classify(u.start, u.end, true, scope.matcher.lookup(u.label), chunk.text)!);
      for (const hit of scanChunk(scope.matcher, chunk.text, chunk.parse)) {
        const use = classify(hit.start, hit.end, false, hit.values, chunk.text);
        if (use) rel.push(use);
      }
      rel.sort((x, y) => x.start - y.start);
      cached = { rel };
    }
    if (cached.absStart !== b || !cached.abs) {
      // Built field by field: much faster than an object spread over thousands of uses.
      cached.abs = b === 0 ? cached.rel : cached.rel.map((u) => moved(u, b));
      cached.absStart = b;
    }
    scans.set(chunk.text, cached);
    for (const u of cached.abs) uses.push(u);
  }
  scope.scans = scans;

  const usedDoc = new Set<number>();
  for (const u of uses) for (const r of u.refs) if (r.entry.origin === 'document') usedDoc.add(doc.definitions.indexOf(r.entry));
  // A definition is also used when another definition's text or a term base names it.
  const unusedDefinitions: number[] = [];
  doc.definitions.forEach((_, i) => {
    if (!usedDoc.has(i)) unusedDefinitions.push(i);
  });

  const citations: ResolvedCitation[] = doc.citations.map((c) => ({ id: c.id, start: c.start, end: c.end, target: catalog.get(c.id) }));

  // Duplicates: the defining term bases' own (cached with the scope) plus the document's.
  const duplicates = new Map<string, TermEntry[]>();
  const docOwners = new Map<string, TermEntry[]>();
  for (const entry of doc.definitions) noteOwner(docOwners, entry);
  for (const [key, entries] of docOwners) {
    const all = [...entries, ...(scope.baseOwners.get(key) ?? [])];
    if (all.length > 1) duplicates.set(key, all);
  }
  for (const [key, entries] of scope.baseOwners) if (entries.length > 1 && !duplicates.has(key)) duplicates.set(key, entries);

  return {
    doc,
    language,
    duplicates,
    defining,
    known,
    uses,
    citations,
    unusedDefinitions,
    lookup: (label: string) => {
      const refs = scope.matcher.lookup(label);
      return refs ? resolveRefs(refs) : undefined;
    },
  };
}

/** A chunk-relative use moved to document offsets (`b`: the chunk's start). */
function moved(u: TermUse, b: number): TermUse {
  const m: TermUse = { start: u.start + b, end: u.end + b, explicit: u.explicit, refs: u.refs, defined: u.defined, origin: u };
  if (u.deprecatedFor) m.deprecatedFor = u.deprecatedFor;
  return m;
}

/** Implicit uses in one chunk: prose regions minus code, HTML, link targets, `«…»` and citations. */
function scanChunk(matcher: ScopedMatcher, text: string, parse: ChunkParse): LabelHit<LabelRef>[] {
  const spans: [number, number][] = [];
  for (const u of parse.explicitUses) spans.push([u.start - 1, u.end + 1]);
  // Citations are not prose either: `@wco-dm` is not a use of «WCO DM».
  for (const c of parse.citations) spans.push([c.start, c.end]);
  const skip = mergeSpans(parse.markdown.exclusions, spans);
  const hits: LabelHit<LabelRef>[] = [];
  for (const region of parse.markdown.regions) for (const hit of matcher.scan(text, region.start, region.end, skip)) hits.push(hit);
  return hits;
}

/** Records an entry under each of its non-deprecated label keys. */
function noteOwner(owners: Map<string, TermEntry[]>, entry: TermEntry): void {
  const keys = new Set(entryLabels(entry).filter((l) => l.kind !== 'deprecated').map((l) => labelKey(l.label)));
  for (const k of keys) {
    const list = owners.get(k);
    if (list) list.push(entry);
    else owners.set(k, [entry]);
  }
}

function mergeSpans(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}
