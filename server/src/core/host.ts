/**
 * The analysis host: the state of one language service. It owns every cache
 * (files by uri and version, parsed documents and their chunks, matchers,
 * analyses, models, edit hints, word folders, YAML trees of term bases) and runs
 * the stages of an analysis in order: parse, scope and resolve, model. Nothing
 * outside it keeps state, so two services in one process share nothing, and a
 * cached `Analysis` is never changed once built.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import { analyse, AnalysisCache, withModel, type Analysis } from './analysis';
import { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_SETTINGS, utf8Length, type LanguageServiceEnv, type ServiceSettings } from './env';
import { FileCache } from './files';
import { InstrumentCatalog } from './catalog/catalog';
import { WorkspaceCatalogs } from './catalog/workspaceCatalogs';
import { builtinFromSnapshot } from './builtinSnapshot';
import { ModelRegistry } from './model/index';
import type { ConceptDocument, EditHint } from './parse/conceptDocument';
import { partsOf, type TextParts } from './textParts';
import { resolveGlossary } from './uri';
import { createWordFolders } from './terms/language';
import { parseTermBase, type TermBase } from './terms/termBase';
import { parseTermBaseYaml, readTermBaseEntryNodes, type EntryNodes } from './edit/yamlEdits';

/** Where an edit changed a document, and between which versions (see `noteEdit`). */
export type VersionedEditHint = EditHint & { fromVersion: number; toVersion: number };

/**
 * What was computed from the last text of each of the last few files: a file's older texts are never asked about
 * again (typing in a term base made one per keystroke).
 */
class TextMemo<T> {
  private readonly values = new Map<string, { text: string; value: T }>();
  constructor(private readonly size: number) {}

  get(uri: string, text: string, compute: (text: string) => T): T {
    const kept = this.values.get(uri);
    if (kept?.text === text) return kept.value;
    const value = compute(text);
    this.values.delete(uri);
    this.values.set(uri, { text, value });
    if (this.values.size > this.size) this.values.delete(this.values.keys().next().value!);
    return value;
  }

  delete(uri: string): void {
    this.values.delete(uri);
  }
}

export class AnalysisHost {
  readonly files: FileCache;
  readonly catalog: InstrumentCatalog;
  readonly builtinTerms: TermBase;
  readonly models: ModelRegistry;
  /** `*.instruments.yaml` of the workspace: re-read (when their versions change) before each analysis. */
  readonly workspaceCatalogs: WorkspaceCatalogs;
  private readonly cache: AnalysisCache;
  /** By document object: the server's copy of an open document lives as long as it is open (edits change it in place), so a `WeakMap` (see `keptOn.ts`). */
  private readonly editHints = new WeakMap<TextDocument, VersionedEditHint>();
  /** The last analysis of each document, with what it depended on. */
  private readonly analyses = new Map<string, { doc: ConceptDocument; settings: ServiceSettings; analysis: Analysis; stamp: string }>();
  /** The analysis of the last document checked or completed in (for resolving completion items). */
  private last: Analysis | undefined;
  /**
   * The diagnostics of each concept document's last check that depend on the whole document (front matter,
   * first uses of concepts, the reference model's…), by what they say and where: the next check hands back the
   * same object for one that is unchanged (see `conceptDiagnostics`).
   */
  private readonly documentDiagnostics = new Map<string, Map<string, Diagnostic>>();
  /** The UTF-8 size of the last text measured: every request asks again about the same text. */
  private lastSize: { text: string; bytes: number } | undefined;
  /**
   * Term bases as YAML trees, for navigation, symbols, semantic tokens and edits:
   * they ask for the same file again and again, and a 100,000-term base takes
   * seconds to parse. Callers only read the trees.
   */
  private readonly termBaseTrees = new TextMemo<Document>(4);
  private readonly entryNodes = new TextMemo<EntryNodes[]>(4);

  constructor(private readonly env: LanguageServiceEnv) {
    // The built-in data as read at build time, where the texts are those it was read from (see builtinSnapshot.ts).
    const snapshot = builtinFromSnapshot(env.builtin);
    this.catalog = new InstrumentCatalog([{ ...env.builtin.catalog, parsed: snapshot.catalog }, ...(env.catalogs ?? [])]);
    this.builtinTerms = snapshot.termBase ?? parseTermBase(env.builtin.termBase.uri, env.builtin.termBase.text, 'builtin');
    this.files = new FileCache(env.workspace, this.dataFiles(), env.termBaseStore);
    this.cache = new AnalysisCache(this.builtinTerms, this.files, createWordFolders());
    this.models = new ModelRegistry((env.builtin.models ?? []).map((m, i) => ({ ...m, parsed: snapshot.models[i] })), this.files, this.catalog);
    this.workspaceCatalogs = new WorkspaceCatalogs(this.catalog, env.workspace);
  }

  /** Built-in and extra data files (catalogs, the WCO term base, built-in models). */
  dataFiles(): { uri: string; text: string }[] {
    const b = this.env.builtin;
    return [b.catalog, b.termBase, ...(this.env.catalogs ?? []), ...(b.models ?? [])];
  }

  /** The settings of a document (they may differ per folder or file), or of the whole service. */
  settings(uri?: string): ServiceSettings {
    return this.env.settings?.(uri) ?? DEFAULT_SETTINGS;
  }

  /** Reference models of the service: built-in first, then the workspace's. */
  modelUris(): string[] {
    return [...(this.env.builtin.models ?? []).map((m) => m.uri), ...this.files.modelUris()];
  }

  /**
   * Notes where an edit changed a document, for the document object the edit
   * produced: the next parse re-splits only the chunks around it, without
   * comparing texts. The server notes every `didChange` of one change.
   */
  noteEdit(document: TextDocument, hint: VersionedEditHint): void {
    this.editHints.set(document, hint);
  }

  /** The hint of the edit that made this version of the document, if any. */
  private editHint(document: TextDocument): (EditHint & { fromVersion: number }) | undefined {
    const h = this.editHints.get(document);
    return h && h.toVersion === document.version ? h : undefined;
  }

  maxBytes(s: ServiceSettings = this.settings()): number {
    return s.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  }

  /** The UTF-8 size of a text (the last one measured is kept). */
  bytes(text: string): number {
    if (this.lastSize?.text !== text) this.lastSize = { text, bytes: utf8Length(text) };
    return this.lastSize.bytes;
  }

  /** Whether `text` is above the size limit: such a document is analysed as if empty. Read in parts, it is made one string only near the limit. */
  tooLarge(text: string | TextParts, s: ServiceSettings = this.settings()): boolean {
    const limit = this.maxBytes(s);
    if (text.length > limit) return true;
    if (text.length * 3 <= limit) return false;
    return this.bytes(typeof text === 'string' ? text : text.text()) > limit;
  }

  /** A concept document parsed (cached by uri, version and text), for what needs no term matching. */
  parse(document: TextDocument): ConceptDocument {
    return this.cache.conceptDocument(document.uri, document.version, this.source(document));
  }

  /** The text of a document's current version: in parts when the document keeps it so (see `textParts.ts`). */
  source(document: TextDocument): string | TextParts {
    return partsOf(document) ?? document.getText();
  }

  /**
   * Every stage of a concept document's analysis: parse (incremental, with the
   * edit hint), scope and resolve (reused while the parsed document, the settings
   * and every term base it read are the same), then the reference model.
   * `remember`: keep it as the last analysis (for resolving completion items).
   */
  analyse(document: TextDocument, remember = true): Analysis {
    this.workspaceCatalogs.sync();
    const s = this.settings(document.uri);
    const doc = this.analysedDocument(document, s);
    // Dependencies may change without the document changing, hence the stamp of their versions.
    const memo = this.analyses.get(document.uri);
    let resolved: Analysis;
    if (memo && memo.doc === doc && sameSettings(memo.settings, s) && memo.stamp === this.dependencyStamp(memo.analysis, true) + this.workspaceCatalogs.stamp) {
      resolved = memo.analysis;
    } else {
      resolved = analyse(doc, this.cache, this.files, s, this.catalog);
      if (this.analyses.size >= 64 && !this.analyses.has(document.uri)) this.analyses.delete(this.analyses.keys().next().value!);
      this.analyses.set(document.uri, { doc, settings: s, analysis: resolved, stamp: this.dependencyStamp(resolved, false) + this.workspaceCatalogs.stamp });
    }
    // The model stage reads model files that may change on their own: it runs on every call, into a new object.
    const analysis = withModel(resolved, this.models.forDocument(doc, s.locale));
    if (remember) this.last = analysis;
    return analysis;
  }

  /** The parse an analysis reads: of the document's text, or of none when it is too large to check. */
  private analysedDocument(document: TextDocument, s: ServiceSettings): ConceptDocument {
    const source = this.source(document);
    const text = this.tooLarge(source, s) ? '' : source;
    return this.cache.conceptDocument(document.uri, document.version, text, text ? this.editHint(document) : undefined);
  }

  /**
   * The term bases, models and catalogs a concept document's check may read, without analysing it: the term bases it
   * imports or the settings name, every term base of the workspace (a term base that cannot be read counts too: the
   * list may hold more than the analysis reads), its model's files and the catalogs. A keystroke in a term base asks
   * this of every open document, before any of them is checked again.
   */
  dependencies(document: TextDocument): string[] {
    const s = this.settings(document.uri);
    const doc = this.analysedDocument(document, s);
    const out = new Set<string>();
    for (const ref of doc.glossaries) out.add(resolveGlossary(doc.uri, ref.path) ?? ref.path);
    for (const uri of s.termBases) out.add(uri);
    for (const uri of this.files.termBaseUris()) out.add(uri);
    for (const uri of this.models.forDocument(doc, s.locale)?.uris ?? []) out.add(uri);
    for (const uri of this.env.workspace.catalogUris?.() ?? []) out.add(uri);
    return [...out];
  }

  /**
   * The document-level diagnostics of a concept document's last check, to be replaced by the new check's
   * (`next`). Kept for the documents whose analysis is kept, and dropped with it.
   */
  documentDiagnosticsMemo(uri: string): { previous: ReadonlyMap<string, Diagnostic> | undefined; keep(next: Map<string, Diagnostic>): void } {
    return {
      previous: this.documentDiagnostics.get(uri),
      keep: (next) => {
        if (this.documentDiagnostics.size >= 64 && !this.documentDiagnostics.has(uri)) this.documentDiagnostics.delete(this.documentDiagnostics.keys().next().value!);
        this.documentDiagnostics.set(uri, next);
      },
    };
  }

  /** The analysis of the last document checked or completed in. */
  lastAnalysis(): Analysis | undefined {
    return this.last;
  }

  /**
   * The versions of the term bases an analysis read (`now`: as they are now on disk or
   * in the editor; otherwise as the analysis read them), and the workspace's term-base list.
   */
  private dependencyStamp(a: Analysis, now: boolean): string {
    const parts: string[] = [];
    for (const t of [...a.defining, ...a.known]) {
      if (now) {
        const r = this.files.read(t.uri);
        parts.push('error' in r ? '!' : String(r.version));
      } else parts.push(t.version === undefined ? '!' : String(t.version));
    }
    parts.push(this.files.termBaseUris().join('\u0001'));
    return parts.join('\u0002');
  }

  /** A term base's text as a YAML tree (the last text of the last few files kept). */
  termBaseTree(document: TextDocument): Document {
    return this.termBaseTrees.get(document.uri, document.getText(), parseTermBaseYaml);
  }

  /** Drops the YAML trees of a term base (see `LanguageService.forgetTermBase`). */
  forgetTermBase(uri: string): void {
    this.termBaseTrees.delete(uri);
    this.entryNodes.delete(uri);
  }

  /** The entries of a term base's text, as YAML nodes (the last text of the last few files kept). */
  termBaseEntryNodes(document: TextDocument): EntryNodes[] {
    return this.entryNodes.get(document.uri, document.getText(), () => readTermBaseEntryNodes(this.termBaseTree(document)));
  }

  /** Drops what is cached of a file (changed on disk, closed, deleted). */
  invalidate(uri: string): void {
    this.analyses.delete(uri);
    this.documentDiagnostics.delete(uri);
    this.cache.forget(uri);
    this.files.forget(uri);
    this.models.forget(uri);
  }
}

function sameSettings(x: ServiceSettings, y: ServiceSettings): boolean {
  return x === y || JSON.stringify(x) === JSON.stringify(y);
}
