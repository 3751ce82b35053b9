/**
 * Analysis of one concept document against its scope: which term bases define
 * its terms, which only make them known, and every use and citation found,
 * resolved. Features (diagnostics, hover, completion) read this; they never
 * re-scan the text.
 */
import type { InstrumentCatalog, CitationTarget } from './catalog/catalog';
import type { TextParts } from './textParts';
import { parseConceptDocument, type ChunkCache, type EditHint, type ChunkParse, type Citation, type ConceptDocument, type GlossaryRef, type ParsedChunk } from './parse/conceptDocument';
import type { LabelHit } from './terms/matcher';
import { attachedEntryKeys, attachedLabelFolds, type EntryKeys, entryKeys, isAcronym, keyedLabelsIn, LabelMemo, mayHoldKey } from './terms/labelMemo';
import { firstEndingAfter, labelKey, literalOccurrences, TermMatcher } from './terms/matcher';
import { LANGUAGES, type Language, type WordFolder } from './terms/language';
import { conceptLabels, entryLabels, type LabelKind, type TermBase, type TermEntry } from './terms/termBase';
import { afterNameIntroducer, ellipticalCandidates, readsLikeName, startsWithCapital, withoutLeadingWords, type ExplicitTermsMode } from './terms/quotation';
import { buildMentionMatcher, instrumentLabels, mentionOf, punctuatedLabels } from './catalog/mentions';
import type { Instrument } from './catalog/catalog';
import type { DocumentModel } from './model/registry';
import type { ServiceSettings, WorkspaceFiles } from './env';
import { resolveGlossary } from './uri';
import type { FileCache, LoadedFile } from './files';
import { keptOn, sharedGetters } from './keptOn';
import { hasLower, hasUpper } from './letterCase';

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
  /**
   * Whether the label is written in capitals only, worked out the first time a use of it is classified: refs of the
   * term bases are shared by every document of their scope (a workspace asked the label memo a million times).
   */
  acronym?: boolean;
  /** A term base's entry: the place of its term base among the sources of the scope's matcher (see `sharedMatcher`). */
  source?: number;
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
  /** For an elliptical or prepositional `«…»`: the label it stands for (`«в одно окно»` → `одно окно`). */
  standsFor?: string;
}

/** An instrument named in prose (see `catalog/mentions.ts`). */
export interface MentionInDocument {
  start: number;
  end: number;
  instrument: Instrument;
  /** A citation stands right by the name: `Digital Customs Maturity Model (@dcmm)`, `@rkc (the Revised Kyoto Convention)`. */
  cited: boolean;
  /** The mention is in a heading (not reported: headings carry no citations). */
  heading: boolean;
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
  /** Instruments named in prose, in document order. */
  mentions: MentionInDocument[];
  /** Best entry for a label key, defining entries first. */
  lookup(label: string): TermEntryRef[] | undefined;
  /** Whether a definition in scope covers the concept a label names, whatever the language of the label or of the definition. */
  isConceptDefined(label: string): boolean;
  /** Document definitions, by index, that no use in the body covers. */
  unusedDefinitions: number[];
  /**
   * What was found in each chunk of the body, chunk-relative (the flat `uses`, `mentions` and `citations`
   * above are these moved into document offsets, built on first read). Diagnostics are built from these,
   * so an edit rebuilds only what the chunks it touched report.
   */
  chunks: readonly AnalysedChunk[];
  /** The citations in the front matter's `source:` fields, resolved (the first of `citations`). */
  frontMatterCitations: readonly ResolvedCitation[];
  /**
   * The uses, mentions and citations of the chunk holding `offset` (and the front matter's citations around
   * it), in document offsets and order: what a feature at one position needs,
   * without building the flat lists (the flat lists themselves once they are built).
   */
  near(offset: number): { uses: readonly TermUse[]; mentions: readonly MentionInDocument[]; citations: readonly ResolvedCitation[] };
  /** Labels (as `labelKey`) defined by more than one entry in the document's defining scope. */
  duplicates: Map<string, TermEntry[]>;
  /** The reference model the document follows (set by the language service; undefined when none applies). */
  model?: DocumentModel;
}

/**
 * What one chunk's text holds, resolved in a scope: chunk-relative, and in document offsets for the chunk at
 * `absStart`. Kept per chunk text while the scope and the document's definitions are the same; its identity is
 * the key of what is derived from it (the chunk's diagnostics). Never changed once built, but for the cache of
 * its uses in document offsets.
 */
export interface ChunkFindings {
  /** Uses, sorted by start. */
  rel: TermUse[];
  abs?: TermUse[];
  absStart?: number;
  /** Instruments named in prose, sorted by start. */
  mentions: MentionInDocument[];
  absMentions?: MentionInDocument[];
  /** Citations, resolved against the catalog. */
  citations: ResolvedCitation[];
  /** Indexes in `ConceptDocument.definitions` of the document's definitions some use of the chunk names. */
  usedDefinitions: number[];
}

/** One chunk of the body and what was found in it. */
export interface AnalysedChunk {
  chunk: ParsedChunk;
  found: ChunkFindings;
}

interface ScopeMatcher {
  key: string;
  matcher: ScopedMatcher;
  /** The entries of the defining term bases that own a non-deprecated label key, for duplicate detection. */
  baseOwners: (key: string) => readonly TermEntry[] | undefined;
  /** The keys that more than one of those entries own. */
  baseDuplicates: Map<string, TermEntry[]>;
  /**
   * The token chunk findings are kept under (`findingsOf`), one per matcher and `usesDefinitions`: findings kept
   * under another token are not this scope's, or were found against other definitions.
   */
  scans: object;
  /** The document definitions the cached uses were resolved against. */
  usesDefinitions?: TermEntry[];
  /** Label keys of every label, in every language, of the defining entries. */
  definedConcepts: { has(concept: string): boolean };
  /** Whether a definition in scope covers an entry's concept (one of its labels, in any language, is defined). */
  conceptDefined(entry: TermEntry): boolean;
  /** The same, for the document's own definitions alone, and for the defining term bases alone. */
  ownDefines(entry: TermEntry): boolean;
  baseDefines(entry: TermEntry): boolean;
  /**
   * Whether one of the document's own definitions names the concept of some term-base entry of the scope (in any
   * language): else `ownDefines` is false for every such entry, and what its uses resolve to is the term bases' alone.
   */
  ownMayDefineBase: boolean;
  /** Every label of the scope in every language, by `labelKey`, with the document's own first. */
  anyLanguage(key: string): LabelRef[] | undefined;
}

/** The keys of an entry's labels (`AnalysisCache.keysOf`): the same whichever cache asks, so kept on the entry. */
const entryKeysOf = keptOn<TermEntry, EntryKeys>('entryKeys');

/** A plural or case ending after an acronym's capitals (`AEOs`, `ИТов`); made once (see `letterCase.ts`). */
const ACRONYM_ENDING = /(?<=\p{Lu})(?:s|es|ов|ы|а|ам|ами|ах|е|у|ом)$/u;

/** Chunk findings by chunk parse (one per chunk text), with the scope token they were found under (`ScopeMatcher.scans`). */
const findingsOf = keptOn<ChunkParse, { scans: object; found: ChunkFindings }>('findings');

/** The analysis caches of one language service (owned by its `AnalysisHost`). */
export class AnalysisCache {
  private docs = new Map<string, { version: number; doc: ConceptDocument; source: string | TextParts }>();
  private chunkCaches = new Map<string, ChunkCache>();
  private matchers = new Map<string, ScopeMatcher>();
  /** `labelKey` of term-base labels, each computed once. */
  private readonly labels = new LabelMemo();
  private mentionMatchers = new WeakMap<InstrumentCatalog, Map<Language, ReturnType<typeof buildMentionMatcher>>>();

  constructor(
    private readonly builtinTerms: TermBase,
    private readonly files: FileCache,
    private readonly wordFolder: (language: Language) => WordFolder,
  ) {}

  /** The `labelKey`s of every label of an entry, in every language (deprecated ones aside). */
  conceptKeys(entry: TermEntry): readonly string[] {
    return this.keysOf(entry).conceptKeys;
  }

  /** Whether a label is written in capitals only, asked once per label. */
  isAcronymLabel(label: string): boolean {
    return this.labels.acronym(label);
  }

  /** The keys of an entry's labels, computed once per entry. */
  keysOf(entry: TermEntry): EntryKeys {
    return entryKeysOf.get(entry) ?? entryKeysOf.set(entry, entryKeys(entry, this.labels));
  }

  /** The keys of every entry of a term base, in order: those it came with from a compiled cache, else `keysOf` each. */
  private keysOfBase(base: TermBase): readonly EntryKeys[] {
    const attached = attachedEntryKeys(base);
    if (!attached) return base.entries.map((entry) => this.keysOf(entry));
    // Kept on the entries too: `keysOf`, asked about each entry a use resolves to (`conceptKeys`), computed them again,
    // reading every such entry of a compiled term base whole, and kept a second copy.
    if (!this.keyedBases.has(base)) {
      this.keyedBases.add(base);
      for (let i = 0; i < attached.length; i++) entryKeysOf.get(base.entries[i]) ?? entryKeysOf.set(base.entries[i], attached[i]);
    }
    return attached;
  }

  /** The term bases whose attached keys are kept on their entries (`keysOfBase`). */
  private readonly keyedBases = new WeakSet<TermBase>();

  /** What is derived from the catalog's entries is dropped when they change (workspace catalogs). */
  private catalogGenerations = new WeakMap<InstrumentCatalog, number>();

  private syncCatalog(catalog: InstrumentCatalog): void {
    if (this.catalogGenerations.get(catalog) === catalog.generation) return;
    this.catalogGenerations.set(catalog, catalog.generation);
    this.mentionMatchers.delete(catalog);
    this.labelIndexes.delete(catalog);
    this.punctuated.delete(catalog);
  }

  mentionMatcher(catalog: InstrumentCatalog, language: Language) {
    this.syncCatalog(catalog);
    let byLanguage = this.mentionMatchers.get(catalog);
    if (!byLanguage) this.mentionMatchers.set(catalog, (byLanguage = new Map()));
    let m = byLanguage.get(language);
    if (!m) byLanguage.set(language, (m = buildMentionMatcher(catalog, this.wordFolder(language))));
    return m;
  }

  private labelIndexes = new WeakMap<InstrumentCatalog, Map<string, Instrument>>();
  private punctuated = new WeakMap<InstrumentCatalog, { label: string; instrument: Instrument }[]>();

  punctuatedLabels(catalog: InstrumentCatalog): { label: string; instrument: Instrument }[] {
    this.syncCatalog(catalog);
    let list = this.punctuated.get(catalog);
    if (!list) this.punctuated.set(catalog, (list = punctuatedLabels(catalog)));
    return list;
  }

  /** Instruments by the `labelKey` of each of their names, for a name quoted whole in `«…»` (punctuation and all). */
  instrumentsByLabel(catalog: InstrumentCatalog): Map<string, Instrument> {
    this.syncCatalog(catalog);
    let index = this.labelIndexes.get(catalog);
    if (!index) {
      index = new Map();
      for (const instrument of catalog.instruments) {
        for (const label of instrumentLabels(instrument)) {
          const k = labelKey(label);
          if (k && !index.has(k)) index.set(k, instrument);
        }
      }
      this.labelIndexes.set(catalog, index);
    }
    return index;
  }

  /** The word folder of a language (the host's, shared by every matcher of that language). */
  folder(language: Language): WordFolder {
    return this.wordFolder(language);
  }

  termBase(uri: string): LoadedFile {
    return this.files.termBase(uri);
  }

  /** `edit`: where the text changed since version `edit.fromVersion`, if known. */
  conceptDocument(uri: string, version: number, text: string | TextParts, edit?: EditHint & { fromVersion: number }): ConceptDocument {
    const cached = this.docs.get(uri);
    // (Parts are one object per version; a string is compared as text.)
    if (cached && cached.version === version && (cached.source === text || (typeof text === 'string' && cached.doc.text === text))) return cached.doc;
    // Chunks whose text did not change keep their parse; the cache keeps only this version's chunks (updated in place).
    let chunks = this.chunkCaches.get(uri);
    if (!chunks) this.chunkCaches.set(uri, (chunks = new Map()));
    const hint = edit && cached && cached.version === edit.fromVersion ? edit : undefined;
    const doc = parseConceptDocument(uri, text, chunks, chunks, cached?.doc, hint);
    this.docs.set(uri, { version, doc, source: text });
    return doc;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
    this.chunkCaches.delete(uri);
    this.matchers.delete(uri);
  }

  scopeMatcher(doc: ConceptDocument, defining: LoadedTermBase[], known: LoadedTermBase[], language: Language, extraKey = ''): ScopeMatcher {
    // The term bases' matcher is shared by every document with the same scope;
    // the document's own definitions get a small matcher of their own.
    const baseParts: string[] = [language];
    const shapeParts: string[] = [language];
    for (const t of defining) {
      baseParts.push('D' + t.uri + '@' + (this.files.termBaseVersion(t.uri) ?? '-'));
      shapeParts.push('D' + t.uri);
    }
    for (const t of known) {
      baseParts.push('K' + t.uri + '@' + (this.files.termBaseVersion(t.uri) ?? '-'));
      shapeParts.push('K' + t.uri);
    }
    const baseKey = baseParts.join('\u0002');
    const docParts: string[] = [baseKey, extraKey];
    for (const d of doc.definitions) docParts.push([...entryLabels(d, language).map((l) => l.label), '\u0004', ...conceptLabels(d)].join('\u0001'));
    const key = docParts.join('\u0003');
    const cached = this.matchers.get(doc.uri);
    if (cached && cached.key === key) return cached;
    const base = this.baseScope(baseKey, shapeParts.join('\u0002'), defining, known, language);
    const own = new TermMatcher<LabelRef>(this.wordFolder(language));
    // The document's own concepts beside the scope's (no copy of the scope's set per document).
    const ownConcepts = new Set<string>();
    const definedConcepts = { has: (c: string) => ownConcepts.has(c) || base.definedConcepts.has(c) };
    const ownAny = new Map<string, LabelRef[]>();
    doc.definitions.forEach((entry, docIndex) => {
      const keys = this.keysOf(entry);
      const concept = keys.concept;
      for (const k of keys.conceptKeys) ownConcepts.add(k);
      for (const l of keyedLabelsIn(keys, entry, language)) own.add(l.label, { label: l.label, kind: l.kind, defining: true, docIndex, concept, acronym: undefined }, l.words);
      for (const l of keys.all) {
        const k = l.key;
        const list = ownAny.get(k) ?? [];
        list.push({ label: l.label, kind: l.kind, defining: true, docIndex, concept, acronym: undefined });
        ownAny.set(k, list);
      }
    });
    const ownDefines = (entry: TermEntry) => ownConcepts.size > 0 && this.conceptKeys(entry).some((k) => ownConcepts.has(k));
    const baseDefines = (entry: TermEntry) => this.conceptKeys(entry).some((k) => base.definedConcepts.has(k));
    const conceptDefined = (entry: TermEntry) => ownDefines(entry) || baseDefines(entry);
    const anyLanguage = (k: string) => {
      const a = ownAny.get(k);
      const b = this.anyLanguageLabels(base, k);
      return a && b ? [...a, ...b] : (a ?? b);
    };
    const result: ScopeMatcher = { key, matcher: new ScopedMatcher(own, base.matcher, base.view), definedConcepts, conceptDefined, ownDefines, baseDefines, ownMayDefineBase: ownConcepts.size > 0 && this.touchesBase(base, ownConcepts), anyLanguage, baseOwners: base.baseOwners, baseDuplicates: base.baseDuplicates, scans: {} };
    this.matchers.set(doc.uri, result);
    return result;
  }

  /**
   * The scope of each set of term bases in a language (`shape`: their uris, not their versions), with the versions it
   * was made of (`key`). Each term base has one version at a time (`termBaseVersion`), so a scope of an older version
   * is never asked for again: the new one takes its place. Kept by versions, typing in a term base made a scope (a
   * matcher of every label and the parsed term base) per keystroke, and the last 32 of them stayed: ~400 MB for a
   * 5,000-term base.
   */
  private baseScopes = new Map<string, { key: string; scope: BaseScope }>();

  /** Whether some key of `keys` is a concept key of an entry of the scope's term bases (built-in included). */
  private touchesBase(base: BaseScope, keys: ReadonlySet<string>): boolean {
    let all = base.conceptKeys;
    if (!all) {
      all = base.conceptKeys = new Set();
      for (const [tb] of base.sources) if (tb) for (const k of this.keysOfBase(tb)) for (const c of k.conceptKeys) all.add(c);
    }
    for (const k of keys) if (all.has(k)) return true;
    return false;
  }

  /**
   * The labels of a scope's term bases in every language whose `labelKey` is `k`. A small document asks
   * this a few times (labels not found in its language): the first `ANY_LANGUAGE_SCANS` answers are read
   * from the entries' keys; after them, an index of every label is built once.
   */
  private anyLanguageLabels(base: BaseScope, k: string): LabelRef[] | undefined {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: scanning or the index gives the same labels in the same order; only the cost differs.
    if (base.anyLanguage || ++base.anyLanguageScans > ANY_LANGUAGE_SCANS) return this.anyLanguageIndex(base).get(k);
    return this.anyLanguageIndex(base, k).get(k);
  }

  /** Labels of a scope's term bases in every language, by `labelKey` (only those with key `only`, when given). */
  private anyLanguageIndex(base: BaseScope, only?: string): Map<string, LabelRef[]> {
    if (base.anyLanguage) return base.anyLanguage;
    const index = new Map<string, LabelRef[]>();
    for (const [tb, isDefining] of base.sources) {
      // A term base whose keys came compiled tells at once that it has none such (no pass over its entries).
      if (!tb || (only !== undefined && !mayHoldKey(tb, only))) continue;
      const baseKeys = this.keysOfBase(tb);
      for (let i = 0; i < tb.entries.length; i++) {
        const entry = tb.entries[i];
        const keys = baseKeys[i];
        const concept = keys.concept;
        for (const l of keys.all) {
          const k = l.key;
          if (only !== undefined && k !== only) continue;
          const list = index.get(k) ?? [];
          list.push({ label: l.label, kind: l.kind, defining: isDefining, entry, concept, acronym: undefined });
          index.set(k, list);
        }
      }
    }
    if (only === undefined) base.anyLanguage = index;
    return index;
  }

  /**
   * The matchers of the scopes' term bases, by their uris in order and language (`shape`), with the versions they
   * were built of: scopes of the same term bases share one, whichever of them define terms. A workspace where some
   * documents import a glossary and others only know it (it is in the workspace) had a matcher of every label for
   * each kind (~10 MB for 5,000 terms), and one more for every other set of imported glossaries.
   */
  private sharedMatchers = new Map<string, { key: string; matcher: TermMatcher<LabelRef>; defining: readonly boolean[] }>();

  /**
   * The matcher of a scope's term bases (`sources`: the defining ones, the known ones, the built-in one last, each
   * with whether it defines), with those sources, and for a scope whose
   * term bases define otherwise than those the matcher was built for, the scope's list for each of its lists: the
   * same refs with the scope's `defining`, in a list of the scope's own, made the first time a scan or lookup finds it
   * (a list's `BASE_FACTS` are one scope's: whether a use is defined depends on the scope's defining term bases even
   * where no ref changes).
   */
  private sharedMatcher(
    defining: readonly LoadedTermBase[],
    known: readonly LoadedTermBase[],
    language: Language,
  ): { matcher: TermMatcher<LabelRef>; view?: (list: readonly LabelRef[]) => readonly LabelRef[]; sources: [TermBase | undefined, boolean][] } {
    const sources: [TermBase | undefined, boolean][] = [...defining.map((t) => [t.base, true] as [TermBase | undefined, boolean]), ...known.map((t) => [t.base, false] as [TermBase | undefined, boolean]), [this.builtinTerms, false]];
    const shapeParts: string[] = [language];
    const keyParts: string[] = [language];
    for (const t of [...defining, ...known]) {
      shapeParts.push(t.uri);
      keyParts.push(t.uri + '@' + (this.files.termBaseVersion(t.uri) ?? '-'));
    }
    const shape = shapeParts.join('\u0002');
    const key = keyParts.join('\u0002');
    const definesBySource = sources.map(([, d]) => d);
    let shared = this.sharedMatchers.get(shape);
    if (shared?.key !== key) {
      // As for the scopes: the older versions' matcher goes before the new one is built.
      this.sharedMatchers.delete(shape);
      const folder = this.wordFolder(language);
      const matcher = new TermMatcher<LabelRef>(folder);
      sources.forEach(([base, isDefining], source) => {
        if (!base) return;
        // Words of the labels stemmed on an earlier run (a compiled term base): the folder does not stem them again.
        const folds = attachedLabelFolds(base, language);
        if (folds) folder.seed?.(folds);
        const baseKeys = this.keysOfBase(base);
        for (let i = 0; i < base.entries.length; i++) {
          const entry = base.entries[i];
          const keys = baseKeys[i];
          const concept = keys.concept;
          for (const l of keyedLabelsIn(keys, entry, language)) matcher.add(l.label, { label: l.label, kind: l.kind, defining: isDefining, entry, concept, acronym: undefined, source }, l.words);
        }
      });
      shared = { key, matcher, defining: definesBySource };
      if (this.sharedMatchers.size >= 32) this.sharedMatchers.delete(this.sharedMatchers.keys().next().value!);
      this.sharedMatchers.set(shape, shared);
    }
    const built = shared.defining;
    if (definesBySource.every((d, i) => d === built[i])) return { matcher: shared.matcher, sources };
    const lists = new Map<readonly LabelRef[], readonly LabelRef[]>();
    const view = (list: readonly LabelRef[]): readonly LabelRef[] => {
      let mine = lists.get(list);
      if (mine === undefined) {
        mine = list.map((r) => (r.source === undefined || r.defining === definesBySource[r.source] ? r : { ...r, defining: definesBySource[r.source] }));
        lists.set(list, mine);
      }
      return mine;
    };
    return { matcher: shared.matcher, view, sources };
  }

  private baseScope(key: string, shape: string, defining: LoadedTermBase[], known: LoadedTermBase[], language: Language): BaseScope {
    const cached = this.baseScopes.get(shape);
    if (cached?.key === key) return cached.scope;
    // The older version's scope goes before the new one is built.
    this.baseScopes.delete(shape);
    const { matcher, view, sources } = this.sharedMatcher(defining, known, language);
    const definedConcepts = new Set<string>();
    for (const { base } of defining) {
      if (!base) continue;
      for (const keys of this.keysOfBase(base)) for (const k of keys.conceptKeys) definedConcepts.add(k);
    }
    // The first owner of each key, and every owner of the keys that have more than one (most have one: no list for them).
    const firstOwners = new Map<string, TermEntry>();
    const owners = new Map<string, TermEntry[]>();
    for (const { base } of defining) {
      if (!base) continue;
      const baseKeys = this.keysOfBase(base);
      for (let i = 0; i < base.entries.length; i++) {
        const entry = base.entries[i];
        for (const k of baseKeys[i].ownerKeys) {
          const first = firstOwners.get(k);
          if (first === undefined) firstOwners.set(k, entry);
          else {
            const list = owners.get(k);
            if (list) list.push(entry);
            else owners.set(k, [first, entry]);
          }
        }
      }
    }
    // In the order of their first owners.
    const baseDuplicates = new Map<string, TermEntry[]>();
    if (owners.size) for (const k of firstOwners.keys()) if (owners.has(k)) baseDuplicates.set(k, owners.get(k)!);
    const baseOwners = (k: string): readonly TermEntry[] | undefined => {
      const first = firstOwners.get(k);
      return first === undefined ? undefined : (owners.get(k) ?? [first]);
    };
    const result: BaseScope = { matcher, view, definedConcepts, baseOwners, baseDuplicates, sources, anyLanguageScans: 0 };
    // A handful of scopes is typical (one per set of imported term bases and language); the oldest go first.
    if (this.baseScopes.size >= 32) this.baseScopes.delete(this.baseScopes.keys().next().value!);
    this.baseScopes.set(shape, { key, scope: result });
    return result;
  }
}

interface BaseScope {
  /** Shared by the scopes of the same term bases (`sharedMatcher`); read through `view` when there is one. */
  matcher: TermMatcher<LabelRef>;
  view?: (list: readonly LabelRef[]) => readonly LabelRef[];
  definedConcepts: Set<string>;
  baseOwners: (key: string) => readonly TermEntry[] | undefined;
  baseDuplicates: Map<string, TermEntry[]>;
  /** The term bases of the scope (defining or not), for the index of labels in every language. */
  sources: [TermBase | undefined, boolean][];
  anyLanguage?: Map<string, LabelRef[]>;
  /** Answers of `anyLanguageLabels` read from the entries before the index was built. */
  anyLanguageScans: number;
  /** The concept keys of every entry of the term bases (`touchesBase`), made when a document defines terms of its own. */
  conceptKeys?: Set<string>;
}

/**
 * What a list of refs of the term bases resolves to, whatever the document (its own definitions aside): the same for
 * every document of the scope, so a workspace resolves each label once, not once per document. Kept on the list itself
 * (`BASE_FACTS`): a list (a node's of the scope's matcher, or of its index of every language) belongs to one scope, and
 * a lookup in a map of ~11,000 lists per document cost as much as resolving them again. A list gets its facts once
 * its matcher is whole: `baseScope` adds every label before any document is analysed, and none after.
 */
const BASE_FACTS = Symbol('baseFacts');
type BaseRefList = readonly LabelRef[] & { [BASE_FACTS]?: RefFacts };

/**
 * What a use of a list of refs is, whatever its place: the entries it resolves to and what follows from them alone.
 * Kept per list for an analysis (a label used a thousand times is resolved once), and on the list for the scope when
 * the list holds term-base refs alone (`BASE_FACTS`: there `defined` is the term bases' answer, `docIndices` empty).
 */
interface RefFacts {
  resolved: TermEntryRef[];
  /** Some entry asks for exact matching or excludes forms: the surface decides (not kept). */
  surfaceDecides: boolean;
  /** Every label is an acronym. */
  acronyms: boolean;
  defined: boolean;
  deprecatedFor: TermEntry | undefined;
  /** The document's definitions the resolved entries are (by index): none for a list of the term bases alone. */
  docIndices: readonly number[];
}

/** How many labels not found in the document's language are looked up in every language before the index of them is built. */
const ANY_LANGUAGE_SCANS = 8;

/**
 * Two matchers read as one: the document's own definitions and the shared term
 * bases. Hits are merged leftmost-longest; hits on the same span pool their values.
 */
export class ScopedMatcher {
  /** `view`: the scope's lists for the shared matcher's, when the matcher was built for term bases defining otherwise (`BaseScope.view`). */
  constructor(
    private readonly own: TermMatcher<LabelRef>,
    private readonly base: TermMatcher<LabelRef>,
    private readonly view?: (list: readonly LabelRef[]) => readonly LabelRef[],
  ) {}

  /**
   * The values of both matchers for one span, made once per pair of value lists (each list is a trie node's,
   * one per label): every use of the label gets the same list, so what is worked out per list (`RefFacts`) is too.
   */
  private readonly pairs = new Map<readonly LabelRef[], Map<readonly LabelRef[], LabelRef[]>>();

  private both(a: readonly LabelRef[], b: readonly LabelRef[]): LabelRef[] {
    let byB = this.pairs.get(a);
    if (!byB) this.pairs.set(a, (byB = new Map()));
    let v = byB.get(b);
    // A node's list only grows while its matcher is built; a list of another length is made again.
    if (!v || v.length !== a.length + b.length) byB.set(b, (v = [...a, ...b]));
    return v;
  }

  lookup(label: string): readonly LabelRef[] | undefined {
    // The term bases' matcher keeps its answers (shared by the documents of the scope); the words it folded serve the document's.
    const { values: shared, words } = this.base.lookupKept(label);
    const b = shared && this.view ? this.view(shared) : shared;
    const a = !this.own.labelCount ? undefined : this.own.folder === this.base.folder ? this.own.lookupWords(words) : this.own.lookup(label);
    return a && b ? this.both(a, b) : (a ?? b);
  }

  scan(text: string, from: number, to: number, skip: readonly (readonly [number, number])[]): LabelHit<LabelRef>[] {
    // Both matchers fold words alike (one language): the text is split into words once.
    const words = this.base.words(text, from, to, skip);
    const a = this.own.labelCount && this.own.folder === words.folder ? this.own.scanWords(text, words) : this.own.labelCount ? this.own.scan(text, from, to, skip) : [];
    const b = this.base.scanWords(text, words);
    const view = this.view;
    // The hits are the scan's own (made for this call): their lists are replaced where they are.
    if (view) for (let k = 0; k < b.length; k++) b[k].values = view(b[k].values);
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
        next = { start: x.start, end: x.end, values: this.both(x.values, y.values) };
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
    defining.push({ ref, uri, ...cache.termBase(uri) });
  }
  for (const uri of settings.termBases) {
    if (seen.has(uri)) continue;
    seen.add(uri);
    defining.push({ uri, ...cache.termBase(uri) });
  }
  const known: LoadedTermBase[] = [];
  for (const uri of files.termBaseUris()) {
    if (seen.has(uri)) continue;
    seen.add(uri);
    const loaded = cache.termBase(uri);
    if (loaded.base) known.push({ uri, ...loaded });
  }
  const declared = doc.frontMatter?.values.language;
  const language: Language = LANGUAGES.includes(declared as Language) ? (declared as Language) : (settings.language ?? 'en');
  const explicitMode: ExplicitTermsMode = settings.explicitTerms ?? 'auto';
  const scope = cache.scopeMatcher(doc, defining, known, language, explicitMode + '\u0005' + catalog.generation);
  const mentionMatcher = cache.mentionMatcher(catalog, language);
  const instrumentsByLabel = cache.instrumentsByLabel(catalog);
  const literalLabels = cache.punctuatedLabels(catalog);

  const entryOf = (r: LabelRef): TermEntry | undefined => (r.docIndex !== undefined ? doc.definitions[r.docIndex] : r.entry);
  const resolveRefs = (refs: readonly LabelRef[]): TermEntryRef[] => {
    const out: TermEntryRef[] = [];
    for (const r of refs) {
      const entry = entryOf(r);
      if (entry) out.push({ entry, kind: r.kind, label: r.label, defining: r.defining, concept: r.concept });
    }
    // Document first, then term bases that define, then the rest (workspace before built-in).
    // Resolved once per label per analysis (`factsByRefs`), once per scope for the term bases' labels (`BaseRefFacts`): a plain sort.
    if (out.length > 1) out.sort((a, b) => rankOf(a) - rankOf(b));
    return out;
  };
  const factsByRefs = new Map<readonly LabelRef[], RefFacts>();
  const documentIndices = (resolved: readonly TermEntryRef[]): readonly number[] => {
    let list: number[] | undefined;
    for (const r of resolved) if (r.entry.origin === 'document') (list ??= []).push(doc.definitions.indexOf(r.entry));
    return list ?? NO_INDICES;
  };
  /** The definitions of the document that the uses classified into the chunk being scanned name (see `classify`). */
  let usedInChunk = new Set<number>();
  /** Whether every label of `refs` that resolves is an acronym, and one does. */
  const allAcronyms = (refs: readonly LabelRef[]): boolean => {
    let any = false;
    for (const r of refs) {
      if (!entryOf(r)) continue;
      any = true;
      if (!(r.acronym ??= cache.isAcronymLabel(r.label))) return false;
    }
    return any;
  };
  /** The entry a use of `resolved` is a deprecated label of, when its best entry is deprecated and nothing better defines it. */
  const deprecatedOf = (resolved: readonly TermEntryRef[]): TermEntry | undefined => {
    const best = resolved[0];
    return best && best.kind === 'deprecated' && !resolved.some((r) => r.kind !== 'deprecated' && (r.defining || !best.defining)) ? best.entry : undefined;
  };
  /** `definedBy`: whether a definition covers an entry's concept (the document's and the term bases', or the term bases' alone). */
  const factsOf = (resolved: TermEntryRef[], surfaceDecides: boolean, acronyms: boolean, definedBy: (entry: TermEntry) => boolean = scope.conceptDefined): RefFacts => ({
    resolved,
    surfaceDecides,
    acronyms,
    defined: resolved.some((r) => r.defining || definedBy(r.entry)),
    deprecatedFor: deprecatedOf(resolved),
    docIndices: documentIndices(resolved),
  });
  const surfaceDecidesFor = (resolved: readonly TermEntryRef[]) => resolved.some((r) => r.entry.match === 'exact' || r.entry.exclude.length > 0);
  /**
   * The facts of a list of refs. A list of the term bases alone resolves as in any other document of the scope: it
   * is resolved once for all of them (`BASE_FACTS`), and only whether the document's own definitions define
   * one of its concepts is asked here.
   */
  const factsFor = (list: BaseRefList): RefFacts => {
    let shared = list[BASE_FACTS];
    if (!shared) {
      const resolved = resolveRefs(list);
      // A list holding the document's own definitions is this document's alone.
      if (list.length === 0 || list.some((r) => r.docIndex !== undefined)) return factsOf(resolved, surfaceDecidesFor(resolved), allAcronyms(list));
      shared = factsOf(resolved, surfaceDecidesFor(resolved), allAcronyms(list), scope.baseDefines);
      (list as { [BASE_FACTS]?: RefFacts })[BASE_FACTS] = shared;
    }
    // Most documents define no concept of the term bases: the scope's facts are theirs as they are.
    if (shared.defined || !scope.ownMayDefineBase || !shared.resolved.some((r) => scope.ownDefines(r.entry))) return shared;
    return { ...shared, defined: true };
  };
  /** A use at `start`–`end` of `text` (a chunk's text; offsets relative to it). */
  const classify = (start: number, end: number, explicit: boolean, refs: readonly LabelRef[] | undefined, text: string): TermUse | undefined => {
    const list = refs ?? NO_REFS;
    // A list of the term bases' refs carries its facts, which are this document's too unless its own definitions may change them.
    let facts: RefFacts | undefined = scope.ownMayDefineBase ? undefined : (list as BaseRefList)[BASE_FACTS];
    if (!facts) {
      facts = factsByRefs.get(list);
      if (!facts) factsByRefs.set(list, (facts = factsFor(list)));
    }
    if (facts.surfaceDecides) {
      // Entries that ask for exact matching, or exclude some forms, drop the uses they refuse.
      const resolved = facts.resolved;
      const surface = labelKey(text.slice(start, end));
      // An exclusion holds for the concept, whichever term base also knows it.
      const excluded = new Set(resolved.filter((r) => r.entry.exclude.some((x) => labelKey(x) === surface)).map((r) => labelKey(r.entry.term)));
      const kept = resolved.filter((r) => (r.entry.match !== 'exact' || labelKey(r.label) === surface) && !excluded.has(labelKey(r.entry.term)));
      if (!kept.length && !explicit) return undefined;
      facts = factsOf(kept, false, kept.length > 0 && kept.every((r) => cache.isAcronymLabel(r.label)));
    }
    if (!explicit && facts.acronyms && !isAcronym(text.slice(start, end).replace(ACRONYM_ENDING, ''))) {
      // An acronym (`PLACI`, `ICT`) is not matched by an everyday word that folds or stems like it (`place`).
      return undefined;
    }
    const use: TermUse = { start, end, explicit, refs: facts.resolved, defined: facts.defined };
    if (facts.deprecatedFor) use.deprecatedFor = facts.deprecatedFor;
    for (let k = 0; k < facts.docIndices.length; k++) usedInChunk.add(facts.docIndices[k]);
    return use;
  };

  /** The labels a `«…»` resolves to: in the document's language, in any language, without a leading preposition, or completed by the words that follow it. */
  const resolveExplicit = (label: string, start: number, end: number, text: string): { refs?: readonly LabelRef[]; standsFor?: string } => {
    const direct = (l: string) => scope.matcher.lookup(l) ?? scope.anyLanguage(labelKey(l));
    const refs = direct(label);
    if (refs) return { refs };
    const stripped = withoutLeadingWords(label);
    if (stripped) {
      const r = direct(stripped);
      if (r) return { refs: r, standsFor: stripped };
    }
    for (const candidate of ellipticalCandidates(text, start, end, stripped ?? label)) {
      const r = direct(candidate);
      if (r) return { refs: r, standsFor: candidate };
    }
    return {};
  };

  /** Instruments named in a chunk's prose, and the spans term matching leaves to them. */
  const findMentions = (text: string, parse: ChunkParse): MentionInDocument[] => {
    if (!mentionMatcher.labelCount) return [];
    const skip = mergeSpans(parse.markdown.exclusions, parse.citations.map((c) => [c.start, c.end] as [number, number]));
    const out: MentionInDocument[] = [];
    const { regions, headings } = parse.markdown;
    for (const region of regions) {
      for (const hit of mentionMatcher.scan(text, region.start, region.end, skip)) {
        const instrument = mentionOf(text, hit);
        if (!instrument) continue;
        const cited = citedNextTo(text, hit.start, hit.end, parse.citations);
        // A label that is also a key term of the scope is read as the term ("Douane numérique"), unless
        // a citation stands right by it ("Globally Networked Customs (@gnc)"); general vocabulary that
        // names an instrument ("Digital Customs Maturity Model") is the instrument.
        const asTerm = scope.matcher.lookup(text.slice(hit.start, hit.end));
        // A name the catalog writes in Title Case, written so ("WCO Data Model"), is the instrument's proper name.
        const properName = hit.values.some((v) => v.instrument === instrument && writtenAsTitle(text.slice(hit.start, hit.end), v.label));
        if (!cited && !properName && asTerm?.some((r) => (r.docIndex !== undefined ? doc.definitions[r.docIndex] : r.entry)?.role !== 'general')) continue;
        const heading = headings.some((h) => hit.start >= h.lineStart && hit.end <= h.lineEnd);
        out.push({ start: hit.start, end: hit.end, instrument, cited, heading });
      }
    }
    // Names with punctuation ("Digital Customs: Progressive Engagement"), found as written.
    if (literalLabels.length) {
      const found = literalOccurrences(text, literalLabels, lowerSameLength);
      // The names found so far, apart and in order (the matcher's, then each literal one put where it goes), the
      // regions and the skipped spans: each occurrence is placed among them by halving (looked at one by one, a
      // paragraph repeating such a name thousands of times beside thousands of citations was quadratic). Made at the
      // first occurrence: most chunks have none.
      let placing: { taken: Span[] | undefined; inRegion: (i: number, e: number) => boolean; skipped: (i: number, e: number) => boolean } | undefined;
      const place = () => {
        const regionSpans: Span[] = regions.map((r) => [r.start, r.end] as const);
        const taken: Span[] = out.map((m) => [m.start, m.end] as const);
        return {
          taken: apart(taken) ? taken : undefined,
          inRegion: apart(regionSpans) ? (i: number, e: number) => holds(regionSpans, i, e) : (i: number, e: number) => regions.some((r) => i >= r.start && e <= r.end),
          skipped: apart(skip) ? (i: number, e: number) => overlaps(skip, i, e) : (i: number, e: number) => skip.some(([a, b]) => a < e && i < b),
        };
      };
      for (let k = 0; k < literalLabels.length; k++) {
        const at = found[k];
        if (at.length === 0) continue;
        const { label, instrument } = literalLabels[k];
        for (let q = 0; q < at.length; q++) {
          const i = at[q];
          const e = i + label.length;
          if (/[\p{L}\p{N}]/u.test(text[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[e] ?? '')) continue;
          const { taken, inRegion, skipped } = (placing ??= place());
          if (!inRegion(i, e) || skipped(i, e) || (taken ? overlaps(taken, i, e) : out.some((m) => m.start < e && i < m.end))) continue;
          const heading = headings.some((h) => i >= h.lineStart && e <= h.lineEnd);
          out.push({ start: i, end: e, instrument, cited: citedNextTo(text, i, e, parse.citations), heading });
          taken?.splice(firstEndingAfter(taken, i), 0, [i, e]);
        }
      }
      if (!inOrder(out, byStart)) out.sort(byStart);
    }
    return out;
  };

  // Uses, chunk by chunk (`«…»` and plain prose); a chunk whose text is unchanged (its parse is kept)
  // reuses its findings as long as the scope and the document's definitions are the same, and reuses
  // its uses in document offsets too when the chunk did not move.
  if (scope.usesDefinitions !== doc.definitions) {
    scope.scans = {};
    scope.usesDefinitions = doc.definitions;
  }
  // Sized once: this list is made again after every edit.
  const chunks: AnalysedChunk[] = new Array(doc.chunks.length);
  for (let c = 0; c < doc.chunks.length; c++) {
    const chunk = doc.chunks[c];
    const kept = findingsOf.get(chunk.parse);
    let found = kept !== undefined && kept.scans === scope.scans ? kept.found : undefined;
    if (!found) {
      const rel: TermUse[] = [];
      usedInChunk = new Set();
      const text = chunk.text;
      const chunkMentions = findMentions(text, chunk.parse);
      const mentionSpans = chunkMentions.map((m) => [m.start, m.end] as [number, number]);
      const inMention = mentionHolding(mentionSpans);
      for (const u of chunk.parse.explicitUses) {
        // An instrument's name in guillemets is a mention of the instrument, not a term.
        if (inMention(u.start, u.end)) continue;
        const named = instrumentsByLabel.get(labelKey(u.label));
        if (named && (!scope.matcher.lookup(u.label) || instrumentLabels(named).some((l) => labelKey(l) === labelKey(u.label) && writtenAsTitle(u.label, l)))) {
          const heading = chunk.parse.markdown.headings.some((h) => u.start >= h.lineStart && u.end <= h.lineEnd);
          chunkMentions.push({ start: u.start, end: u.end, instrument: named, cited: citedNextTo(text, u.start - 1, u.end + 1, chunk.parse.citations), heading });
          continue;
        }
        const open = u.start - 1;
        const { refs, standsFor } = resolveExplicit(u.label, u.start, u.end, text);
        if (explicitMode !== 'all') {
          // A capitalised quotation after «журнал», «программа», "the programme"… is a name.
          if (startsWithCapital(u.label) && afterNameIntroducer(text, open, language, cache.folder(language))) continue;
          if (!refs && (explicitMode === 'known' || readsLikeName(u.label, language))) continue;
        }
        const use = classify(u.start, u.end, true, refs, text)!;
        if (standsFor) use.standsFor = standsFor;
        rel.push(use);
      }
      for (const hit of scanChunk(scope.matcher, text, chunk.parse, mentionSpans)) {
        const use = classify(hit.start, hit.end, false, hit.values, text);
        if (use) rel.push(use);
      }
      if (!inOrder(rel, byStart)) rel.sort(byStart);
      if (!inOrder(chunkMentions, byStart)) chunkMentions.sort(byStart);
      const citations = chunk.parse.citations.map((c): ResolvedCitation => ({ id: c.id, start: c.start, end: c.end, target: catalog.get(c.id) }));
      found = { rel, mentions: chunkMentions, citations, usedDefinitions: [...usedInChunk] };
      findingsOf.set(chunk.parse, { scans: scope.scans, found });
    }
    chunks[c] = { chunk, found };
  }

  // A definition is used when a use in the body names it.
  const usedDoc = new Set<number>();
  for (const { found } of chunks) for (const i of found.usedDefinitions) usedDoc.add(i);
  const unusedDefinitions: number[] = [];
  doc.definitions.forEach((_, i) => {
    if (!usedDoc.has(i)) unusedDefinitions.push(i);
  });

  // Duplicates: the defining term bases' own (cached with the scope) plus the document's.
  const duplicates = new Map<string, TermEntry[]>();
  const docOwners = new Map<string, TermEntry[]>();
  for (const entry of doc.definitions) noteOwner(docOwners, cache.keysOf(entry).ownerKeys, entry);
  for (const [key, entries] of docOwners) {
    const all = [...entries, ...(scope.baseOwners(key) ?? [])];
    if (all.length > 1) duplicates.set(key, all);
  }
  for (const [key, entries] of scope.baseDuplicates) if (!duplicates.has(key)) duplicates.set(key, entries);

  const frontMatterCitations = doc.frontMatterCitations.map((c): ResolvedCitation => ({ id: c.id, start: c.start, end: c.end, target: catalog.get(c.id) }));
  // The flat lists in document offsets are built on first read: an edit's diagnostics need only the chunks.
  const lists: AnalysisLists = { chunks, frontMatterCitations, flat: undefined };
  /** What the chunks around `offset` hold, in document offsets (the flat lists are left unbuilt). */
  const near = (offset: number) => {
    const uses: TermUse[] = [];
    const mentions: MentionInDocument[] = [];
    const citations: ResolvedCitation[] = [];
    for (const c of frontMatterCitations) if (c.start <= offset && offset <= c.end) citations.push(c);
    // The last chunk starting at or before `offset`. Nothing found in a chunk ends where it ends (a chunk
    // ends with its line break, the last one excepted), so no other chunk can hold what is at `offset`.
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].chunk.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const at = chunks[lo];
    if (at && offset >= at.chunk.start) {
      const abs = inDocument(at.chunk, at.found);
      uses.push(...abs.uses);
      mentions.push(...abs.mentions);
      for (const c of at.found.citations) citations.push({ id: c.id, start: c.start + at.chunk.start, end: c.end + at.chunk.start, target: c.target });
    }
    return { uses, mentions, citations };
  };

  const result: Omit<Analysis, 'uses' | 'mentions' | 'citations'> = {
    doc,
    language,
    duplicates,
    defining,
    known,
    unusedDefinitions,
    chunks,
    frontMatterCitations,
    near: (offset: number) => lists.flat ?? near(offset),
    lookup: (label: string) => {
      const refs = scope.matcher.lookup(label);
      return refs ? resolveRefs(refs) : undefined;
    },
    isConceptDefined: (label: string) => {
      const refs = scope.matcher.lookup(label) ?? scope.anyLanguage(labelKey(label));
      if (!refs) return scope.definedConcepts.has(labelKey(label));
      return resolveRefs(refs).some((r) => r.defining || scope.conceptDefined(r.entry));
    },
  };
  analysisLists.set(result, lists);
  for (const key of ANALYSIS_FLAT_KEYS) Object.defineProperty(result, key, ANALYSIS_FLAT_GETTERS[key]);
  return result as Analysis;
}

type AnalysisFlat = Pick<Analysis, 'uses' | 'mentions' | 'citations'>;

/** An analysis's flat lists in document offsets, built on first read from its chunks. */
interface AnalysisLists {
  chunks: readonly AnalysedChunk[];
  frontMatterCitations: readonly ResolvedCitation[];
  flat: AnalysisFlat | undefined;
}

/** The lists an analysis reads (copied with its descriptors by `withModel`, so both build them once). */
const analysisLists = keptOn<object, AnalysisLists>('analysisLists');

const ANALYSIS_FLAT_KEYS = ['uses', 'mentions', 'citations'] as const;

function analysisFlat(lists: AnalysisLists): AnalysisFlat {
  if (lists.flat) return lists.flat;
  const uses: TermUse[] = [];
  const mentions: MentionInDocument[] = [];
  const citations: ResolvedCitation[] = [];
  // Citations in the front matter's `source:` fields come first (see `parseConceptDocument`).
  for (const c of lists.frontMatterCitations) citations.push(c);
  for (const { chunk, found } of lists.chunks) {
    const abs = inDocument(chunk, found);
    for (const u of abs.uses) uses.push(u);
    for (const m of abs.mentions) mentions.push(m);
    for (const c of found.citations) citations.push({ id: c.id, start: c.start + chunk.start, end: c.end + chunk.start, target: c.target });
  }
  return (lists.flat = { uses, mentions, citations });
}

/**
 * One getter function per list for every analysis (see `FLAT_GETTERS` in `parse/conceptDocument.ts`: accessors made
 * of a closure per analysis kept each one's chunks alive through V8's young collections).
 */
const ANALYSIS_FLAT_GETTERS = sharedGetters(ANALYSIS_FLAT_KEYS, analysisLists, analysisFlat);

/** The same analysis with the model stage's result: a new object; the flat lists stay built on first read, once for both. */
export function withModel(a: Analysis, model: DocumentModel | undefined): Analysis {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(a)) as Analysis;
  out.model = model;
  return out;
}

/** Two words or more, each significant one capitalised: "WCO Data Model", "Digital Customs Maturity Model". */
function isTitleCase(s: string): boolean {
  const ws = s.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return ws.length >= 2 && ws.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:of|the|and|for|on|in|to|de|la|du|des|et|l|d)$/.test(w));
}

/** Letters in capitals only ("GLOBALLY NETWORKED CUSTOMS"): emphasis, not the Title Case of a name. */
const isAllCaps = (s: string): boolean => hasUpper(s) && !hasLower(s);

/**
 * Whether `surface` writes an instrument's name as the catalog's `label` does, in Title Case ("WCO Data Model"):
 * then it is the instrument's proper name. Capitals only are not Title Case, unless the catalog writes the name so.
 */
function writtenAsTitle(surface: string, label: string): boolean {
  return isTitleCase(surface) && isTitleCase(label) && (!isAllCaps(surface) || isAllCaps(label));
}

/**
 * `inMention(s, e)`: whether `[s, e)` lies in one of `spans` (a chunk's instrument mentions), give or take one unit on
 * either side (the guillemets of `«Revised Kyoto Convention»`). The mentions come in order and do not overlap, so their
 * ends are in order too: only the last one starting at or before `s + 1` can hold the range, found by halving (a check
 * of each use against every mention was quadratic in a paragraph of thousands of both). Spans out of order are each
 * looked at.
 */
export function mentionHolding(spans: readonly Span[]): (s: number, e: number) => boolean {
  if (!apart(spans)) return (s, e) => spans.some(([ms, me]) => s >= ms - 1 && e <= me + 1);
  return (s, e) => {
    const k = firstNotBefore(spans.length, (m) => spans[m][0] - 1 <= s);
    return k > 0 && e <= spans[k - 1][1] + 1;
  };
}

/** Whether `spans` are apart (none overlaps the next) and in order: then their ends are in order too. */
function apart(spans: readonly Span[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k][0] < spans[k - 1][1]) return false;
  return true;
}

/** The first index of `0…n` that `before` is false for, where it is true for a first part of them only (by halving). */
function firstNotBefore(n: number, before: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether one of `spans` (apart and in order) overlaps `[s, e)`. */
export function overlaps(spans: readonly Span[], s: number, e: number): boolean {
  const k = firstEndingAfter(spans, s);
  return k < spans.length && spans[k][0] < e;
}

/** Whether one of `spans` (apart and in order) holds `[s, e)` whole. */
export function holds(spans: readonly Span[], s: number, e: number): boolean {
  const k = firstEndingAfter(spans, s);
  return k < spans.length && spans[k][0] <= s && e <= spans[k][1];
}

/** How far from a name a citation may stand and still cite it (`citedNextTo`). */
const CITED_WITHIN = 12;

/** Whether `citations` are in order and do not overlap (a chunk's are), kept per list. */
const ordered = new WeakMap<readonly Citation[], boolean>();

/** Whether a citation stands right after `end` or right before `start`, with at most a bracket or a comma between. */
export function citedNextTo(text: string, start: number, end: number, citations: readonly Citation[]): boolean {
  const near = (c: Citation) =>
    (c.start >= end && c.start - end <= CITED_WITHIN && /^[»"”’]?[\s\u00a0]*[([,;:\u2013\u2014-]?[\s\u00a0]*\[?[\s\u00a0]*$/.test(text.slice(end, c.start))) ||
    (c.end <= start && start - c.end <= CITED_WITHIN && /^[\s\u00a0]*[\])]?[\s\u00a0]*[(,\u2013\u2014-]?[\s\u00a0]*[«"“]?$/.test(text.slice(c.end, start)));
  let inLine = ordered.get(citations);
  if (inLine === undefined) ordered.set(citations, (inLine = apart(citations.map((c) => [c.start, c.end] as const))));
  if (!inLine) return citations.some(near);
  // Only those ending at or after `start - CITED_WITHIN` and starting at or before `end + CITED_WITHIN` can: found by
  // halving, then walked (each name checked against every citation of the chunk was quadratic in a long paragraph).
  for (let k = firstNotBefore(citations.length, (m) => citations[m].end < start - CITED_WITHIN); k < citations.length && citations[k].start <= end + CITED_WITHIN; k++) if (near(citations[k])) return true;
  return false;
}

/** A chunk's uses and mentions in document offsets, kept with its findings while the chunk stays where it is. */
function inDocument(chunk: ParsedChunk, found: ChunkFindings): { uses: TermUse[]; mentions: MentionInDocument[] } {
  const b = chunk.start;
  if (found.absStart !== b || !found.abs || !found.absMentions) {
    // Built field by field: much faster than an object spread over thousands of uses.
    found.abs = b === 0 ? found.rel : found.rel.map((u) => moved(u, b));
    found.absMentions = b === 0 ? found.mentions : found.mentions.map((m) => ({ ...m, start: m.start + b, end: m.end + b }));
    found.absStart = b;
  }
  return { uses: found.abs, mentions: found.absMentions };
}

/** A chunk-relative use moved to document offsets (`b`: the chunk's start). */
function moved(u: TermUse, b: number): TermUse {
  const m: TermUse = { start: u.start + b, end: u.end + b, explicit: u.explicit, refs: u.refs, defined: u.defined, origin: u };
  if (u.deprecatedFor) m.deprecatedFor = u.deprecatedFor;
  if (u.standsFor) m.standsFor = u.standsFor;
  return m;
}

/** Implicit uses in one chunk: prose regions minus code, HTML, link targets, `«…»` and citations. */
function scanChunk(matcher: ScopedMatcher, text: string, parse: ChunkParse, extra: readonly [number, number][] = []): LabelHit<LabelRef>[] {
  const uses: [number, number][] = [];
  for (const u of parse.explicitUses) uses.push([u.start - 1, u.end + 1]);
  // Citations are not prose either: `@wco-dm` is not a use of «WCO DM».
  const citations: [number, number][] = [];
  for (const c of parse.citations) citations.push([c.start, c.end]);
  const skip = mergeSpans(parse.markdown.exclusions, extra, uses, citations);
  const hits: LabelHit<LabelRef>[] = [];
  for (const region of parse.markdown.regions) for (const hit of matcher.scan(text, region.start, region.end, skip)) hits.push(hit);
  return hits;
}

const byStart = (x: { start: number }, y: { start: number }) => x.start - y.start;
const NO_REFS: readonly LabelRef[] = Object.freeze([]);
const NO_INDICES: readonly number[] = Object.freeze([]);

/**
 * Whether `list` is already in the order `compare` sorts it into (the stable sort would leave it as it is):
 * lists found in text order mostly are, and a sort copies the list even then.
 */
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Records an entry under each of its non-deprecated label keys. */
function noteOwner(owners: Map<string, TermEntry[]>, keys: readonly string[], entry: TermEntry): void {
  for (const k of keys) {
    const list = owners.get(k);
    if (list) list.push(entry);
    else owners.set(k, [entry]);
  }
}

type Span = readonly [number, number];

/**
 * The spans of `lists` (each sorted by start, as a chunk's exclusions, citations, uses and mentions are) merged into
 * one sorted list of spans that neither overlap nor touch, by walking the lists side by side: no concatenation and
 * no sort (two of these per chunk of every document checked). A list out of order is sorted first.
 */
export function mergeSpans(...lists: (readonly Span[])[]): readonly Span[] {
  let only: readonly Span[] | undefined;
  let nonEmpty = 0;
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l];
    if (!list.length) continue;
    nonEmpty++;
    only = list;
    for (let i = 1; i < list.length; i++) {
      if (list[i][0] < list[i - 1][0]) {
        lists = lists.map((x) => (x === list ? [...x].sort((p, q) => p[0] - q[0]) : x));
        break;
      }
    }
  }
  if (nonEmpty === 0) return NO_SPANS;
  // One list whose spans already neither overlap nor touch (a chunk's exclusions are kept so): that list.
  if (nonEmpty === 1 && lists.includes(only!) && merged(only!)) return only!;
  const at = new Array<number>(lists.length).fill(0);
  const out: [number, number][] = [];
  for (;;) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) if (at[l] < lists[l].length && (best < 0 || lists[l][at[l]][0] < lists[best][at[best]][0])) best = l;
    if (best < 0) return out;
    const s = lists[best][at[best]++];
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/** Whether sorted spans neither overlap nor touch (what `mergeSpans` makes of them). */
function merged(list: readonly Span[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i][0] <= list[i - 1][1]) return false;
  return true;
}

/**
 * `text` in lower case with the same length, so offsets found in it are offsets in `text`: a character whose
 * lower case is longer (`İ` → `i̇`) is kept as written.
 */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
