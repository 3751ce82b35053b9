/**
 * The Customs Concepts language service: a pure library. It takes text
 * documents and returns LSP data types. It does no IO: files other than the
 * document at hand come through the injected `WorkspaceFiles`.
 */
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConceptDocument, EditHint } from './parse/conceptDocument';
import { analyse, AnalysisCache, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_SETTINGS, exceedsBytes, utf8Length, type Analysis, type ServiceSettings, type WorkspaceFiles } from './analysis';
import { t } from './l10n';
import { InstrumentCatalog } from './catalog/catalog';
import { builtinFromSnapshot } from './catalog/builtinSnapshot';
import { conceptProblems, problemToDiagnostic, termBaseProblems } from './features/diagnostics';
import { getCompletions, prepareTermCompletion, resolveCompletion } from './features/completion';
import { getHover } from './features/hover';
import { parseTermBase, type TermBase, type TermEntry } from './terms/termBase';
import { labelKey } from './terms/matcher';
import { ModelRegistry } from './model/index';
import type { CodeAction, CodeActionContext, CodeLens, DocumentLink, DocumentSymbol, FoldingRange, Location, Range, SemanticTokens, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-types';
import { createFeatureContext } from './workspaceContext';
import { findDefinition, findReferences } from './features/navigation';
import { getRenameEdits, prepareRename, type RenameRefusal } from './features/rename';
import { getCodeActions } from './features/codeActions';
import { getDocumentSymbols, getWorkspaceSymbols } from './features/symbols';
import { getSemanticTokens } from './features/semanticTokens';
import { getFoldingRanges } from './features/folding';
import { getCodeLenses } from './features/codeLens';
import { getDocumentLinks } from './features/links';
import { suppressConceptProblems, suppressYamlProblems } from './features/suppression';
export { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
export { SHOW_REFERENCES_COMMAND } from './features/codeLens';
export type { RenameRefusal } from './features/rename';
export type { EditHint } from './parse/conceptDocument';

export type { Analysis, ServiceSettings, WorkspaceFiles, SeverityName } from './analysis';
export { DEFAULT_SETTINGS, DEFAULT_MAX_DOCUMENT_BYTES, resolveGlossary } from './analysis';
export { InstrumentCatalog } from './catalog/catalog';
export type { TermBase, TermEntry } from './terms/termBase';
export { parseTermBase } from './terms/termBase';
export { readCatalog, type Instrument } from './catalog/catalog';
export { SOURCE } from './features/diagnostics';
export { DEFAULT_MODEL_ID, isMissingSectionData, missingSectionEdit, type MissingSectionData } from './model/index';
export { toLocale, type Locale } from './l10n';

/** The built-in data, as text: the server and the CLI read it from `server/data/`. */
export interface BuiltinData {
  catalog: { uri: string; text: string };
  termBase: { uri: string; text: string };
  /** Built-in reference models (`*.model.yaml`), such as `wco-digital-customs`. */
  models?: { uri: string; text: string }[];
}

export interface LanguageServiceEnv {
  builtin: BuiltinData;
  workspace: WorkspaceFiles;
  /** Current settings; read on every request so changes apply at once. */
  settings?: () => ServiceSettings;
  /** Extra instrument catalogs from the workspace (`*.catalog.yaml`). */
  catalogs?: { uri: string; text: string }[];
}

export type DocumentKind = 'concept' | 'termBase' | 'model' | 'other';

/** What kind of file a uri names, from its name alone. */
export function documentKind(uri: string): DocumentKind {
  const path = uri.toLowerCase().split(/[?#]/)[0];
  if (path.endsWith('.terms.yaml') || path.endsWith('.terms.yml')) return 'termBase';
  if (path.endsWith('.model.yaml') || path.endsWith('.model.yml')) return 'model';
  if (path.endsWith('.concept.md') || path.endsWith('.md')) return 'concept';
  return 'other';
}

export interface LanguageService {
  /** All diagnostics of a concept document or a term base. */
  computeDiagnostics(document: TextDocument): Diagnostic[];
  /** Hover at a position of a concept document. */
  getHover(document: TextDocument, position: Position): Hover | null;
  /** Completion at a position of a concept document. */
  getCompletions(document: TextDocument, position: Position): CompletionList;
  /** Prepares what completion needs for this document (term lists sorted and folded), so the first request is fast; the server calls it when idle. */
  prepareCompletion(document: TextDocument): void;
  /** Documentation for a completion item. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** The analysis of a concept document (cached by uri and version). */
  analyse(document: TextDocument): Analysis;
  /** Term-base and model uris a concept document (or model file) depends on, for re-checking it when they change. */
  dependencies(document: TextDocument): string[];
  /** Drops cached data of a file (changed on disk, closed, deleted). */
  invalidate(uri: string): void;
  /** Go to definition: a term use or mention → its definition; `@id` → the catalog entry; a glossary path → the file; a heading → its model section kind. */
  findDefinition(document: TextDocument, position: Position): Location[];
  /** Find references of a term (every use and mention across the workspace, variants included) or of an instrument (every citation). */
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  /** The range and placeholder of a term to rename, or why it cannot be renamed. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | RenameRefusal;
  /** Renames a term everywhere: versioned `documentChanges` (open files carry their version, closed files `null`), or why not. */
  getRenameEdits(document: TextDocument, position: Position, newName: string): WorkspaceEdit | RenameRefusal;
  /** Quick fixes for this server's diagnostics in `context`. */
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
  /** Outline: front matter (defined terms, indicators) and sections; the entries of a term base. */
  getDocumentSymbols(document: TextDocument): DocumentSymbol[];
  /** Terms, documents and model elements of the workspace matching `query` (fuzzy). */
  getWorkspaceSymbols(query: string): WorkspaceSymbol[];
  /** Semantic tokens (legend: `SEMANTIC_TOKENS_LEGEND`). */
  getSemanticTokens(document: TextDocument): SemanticTokens;
  /** Folding ranges: front matter, sections, disable/enable blocks. */
  getFoldingRanges(document: TextDocument): FoldingRange[];
  /** Use counts on each definition; the command shows the uses. */
  getCodeLenses(document: TextDocument): CodeLens[];
  /** Links from glossary paths (and a workspace `model:`) to their files. */
  getDocumentLinks(document: TextDocument): DocumentLink[];
  readonly catalog: InstrumentCatalog;
  readonly builtinTerms: TermBase;
}

export const BUILTIN_MODEL_IDS = ['wco-digital-customs'];

/**
 * Where the last edit changed a document, for the document object that the edit
 * produced. The server notes it when it applies a `didChange` of one change; the
 * analysis then re-splits only the chunks around it without comparing texts.
 */
const editHints = new WeakMap<TextDocument, EditHint & { fromVersion: number; toVersion: number }>();

export function noteEdit(document: TextDocument, hint: EditHint & { fromVersion: number; toVersion: number }): void {
  editHints.set(document, hint);
}

/** The hint of the edit that made this version of the document, if any. */
function editHint(document: TextDocument): (EditHint & { fromVersion: number }) | undefined {
  const h = editHints.get(document);
  return h && h.toVersion === document.version ? h : undefined;
}

export function createLanguageService(env: LanguageServiceEnv): LanguageService {
  // The built-in data as read at build time, where the texts are those it was read from (see builtinSnapshot.ts).
  const snapshot = builtinFromSnapshot(env.builtin);
  const catalog = new InstrumentCatalog([{ ...env.builtin.catalog, parsed: snapshot.catalog }, ...(env.catalogs ?? [])]);
  const builtinTerms = snapshot.termBase ?? parseTermBase(env.builtin.termBase.uri, env.builtin.termBase.text, 'builtin');
  const cache = new AnalysisCache(builtinTerms);
  const models = new ModelRegistry((env.builtin.models ?? []).map((m, i) => ({ ...m, parsed: snapshot.models[i] })), env.workspace, catalog);
  const settings = () => env.settings?.() ?? DEFAULT_SETTINGS;
  /** The analysis of the last document checked or completed in (for resolving completion items). */
  let lastAnalysis: Analysis | undefined;

  const maxBytes = (s: ServiceSettings) => s.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  /** The one diagnostic of a document above the size limit, on its first line. */
  const tooLargeDiagnostic = (document: TextDocument, s: ServiceSettings): Diagnostic => {
    const text = document.getText();
    const nl = text.indexOf('\n');
    const mb = (n: number) => `${Number((n / 1024 / 1024).toFixed(1))} MB`;
    const message = t(s.locale ?? 'en', 'document-too-large', { limit: mb(maxBytes(s)), size: mb(utf8Length(text)) });
    return problemToDiagnostic({ start: 0, end: Math.min(nl < 0 ? text.length : nl, 200), code: 'document-too-large', severity: 'information', message }, document);
  };

  /** The last analysis of each document, with what it depended on. */
  const analyses = new Map<string, { doc: ConceptDocument; settings: ServiceSettings; analysis: Analysis; stamp: string }>();
  /**
   * The versions of the term bases an analysis read (`now`: as they are now on disk or
   * in the editor; otherwise as the analysis read them), and the workspace's term-base list.
   */
  const dependencyStamp = (a: Analysis, now: boolean): string => {
    const parts: string[] = [];
    for (const t of [...a.defining, ...a.known]) {
      if (now) {
        const r = env.workspace.read(t.uri);
        parts.push('error' in r ? '!' : String(r.version));
      } else parts.push(t.version === undefined ? '!' : String(t.version));
    }
    parts.push(env.workspace.termBaseUris().join('\u0001'));
    return parts.join('\u0002');
  };
  const sameSettings = (x: ServiceSettings, y: ServiceSettings) => x === y || JSON.stringify(x) === JSON.stringify(y);

  const analyseDoc = (document: TextDocument, remember = true): Analysis => {
    const s = settings();
    // A document above the size limit is analysed as if it were empty, so no feature freezes on it.
    const text = exceedsBytes(document.getText(), maxBytes(s)) ? '' : document.getText();
    const doc = cache.conceptDocument(document.uri, document.version, text, text ? editHint(document) : undefined);
    // Hover, completion, code actions… ask again about the version just checked: the analysis is
    // reused while the parsed document, the settings and every term base it read are the same.
    // Dependencies may change without the document changing, hence the stamp of their versions.
    const memo = analyses.get(document.uri);
    let analysis: Analysis;
    if (memo && memo.doc === doc && sameSettings(memo.settings, s) && memo.stamp === dependencyStamp(memo.analysis, true)) {
      analysis = memo.analysis;
    } else {
      analysis = analyse(doc, cache, env.workspace, s, catalog);
      if (analyses.size >= 64 && !analyses.has(document.uri)) analyses.delete(analyses.keys().next().value!);
      analyses.set(document.uri, { doc, settings: s, analysis, stamp: dependencyStamp(analysis, false) });
    }
    analysis.model = models.forDocument(doc, s.locale);
    if (remember) lastAnalysis = analysis;
    return analysis;
  };

  // Workspace-wide features see other documents without disturbing completion's last analysis.
  const features = createFeatureContext({
    workspace: env.workspace,
    catalog,
    builtinTerms,
    dataFiles: [env.builtin.catalog, env.builtin.termBase, ...(env.catalogs ?? []), ...(env.builtin.models ?? [])],
    settings,
    analyse: (document) => analyseDoc(document, false),
    parse: (document) => cache.conceptDocument(document.uri, document.version, document.getText()),
    termBase: (uri) => cache.termBase(uri, env.workspace),
  });
  const modelUris = () => [...(env.builtin.models ?? []).map((m) => m.uri), ...(env.workspace.modelUris?.() ?? [])];

  const termBaseDiagnostics = (document: TextDocument): Diagnostic[] => {
    const text = document.getText();
    const base = parseTermBase(document.uri, text);
    return suppressYamlProblems(termBaseProblems(base, text, catalog, settings().locale), text).map((p) => problemToDiagnostic(p, document, (u) => (u === document.uri ? text : undefined)));
  };

  return {
    catalog,
    builtinTerms,
    computeDiagnostics(document) {
      const kind = documentKind(document.uri);
      if (kind !== 'other' && exceedsBytes(document.getText(), maxBytes(settings()))) return [tooLargeDiagnostic(document, settings())];
      if (kind === 'termBase') return termBaseDiagnostics(document);
      if (kind === 'model') return models.fileProblems(document.uri, document.getText()).map((p) => problemToDiagnostic(p, document));
      if (kind !== 'concept') return [];
      const a = analyseDoc(document);
      const textOf = (uri: string) => {
        const r = env.workspace.read(uri);
        return 'text' in r ? r.text : undefined;
      };
      return suppressConceptProblems(conceptProblems(a, settings(), catalog), a.doc).map((p) => problemToDiagnostic(p, document, textOf));
    },
    getHover(document, position) {
      if (documentKind(document.uri) !== 'concept') return null;
      return getHover(analyseDoc(document), document, document.offsetAt(position), catalog, settings().locale);
    },
    getCompletions(document, position) {
      if (documentKind(document.uri) !== 'concept') return { isIncomplete: false, items: [] };
      return getCompletions(analyseDoc(document), document, document.offsetAt(position), catalog, BUILTIN_MODEL_IDS, builtinTerms.entries);
    },
    prepareCompletion(document) {
      if (documentKind(document.uri) !== 'concept') return;
      prepareTermCompletion(analyseDoc(document, false), builtinTerms.entries);
    },
    resolveCompletion(item) {
      return resolveCompletion(item, catalog, (label, uri) => {
        const key = labelKey(label);
        const pools: TermEntry[][] = [builtinTerms.entries];
        if (lastAnalysis) {
          pools.unshift(lastAnalysis.doc.definitions, ...lastAnalysis.defining.map((t) => t.base?.entries ?? []), ...lastAnalysis.known.map((t) => t.base?.entries ?? []));
        }
        for (const pool of pools) {
          const hit = pool.find((e) => labelKey(e.term) === key && (!uri || e.uri === uri));
          if (hit) return hit;
        }
        return undefined;
      });
    },
    analyse: analyseDoc,
    dependencies(document) {
      // A model file depends on the models it may extend: any model of the workspace.
      if (documentKind(document.uri) === 'model') return (env.workspace.modelUris?.() ?? []).filter((u) => u !== document.uri);
      if (documentKind(document.uri) !== 'concept') return [];
      const a = analyseDoc(document);
      return [...a.defining.map((t) => t.uri), ...a.known.map((t) => t.uri), ...(a.model?.uris ?? [])];
    },
    invalidate(uri) {
      analyses.delete(uri);
      cache.forget(uri);
      models.forget(uri);
    },
    findDefinition: (document, position) => findDefinition(features, document, position),
    findReferences: (document, position, includeDeclaration) => findReferences(features, document, position, includeDeclaration),
    prepareRename: (document, position) => prepareRename(features, document, position, settings().locale),
    getRenameEdits: (document, position, newName) => getRenameEdits(features, document, position, newName, settings().locale),
    getCodeActions: (document, range, context) => getCodeActions(features, document, range, context),
    getDocumentSymbols: (document) => getDocumentSymbols(features, document),
    getWorkspaceSymbols: (query) => getWorkspaceSymbols(features, query, modelUris()),
    getSemanticTokens: (document) => getSemanticTokens(features, document),
    getFoldingRanges: (document) => getFoldingRanges(features, document),
    getCodeLenses: (document) => getCodeLenses(features, document),
    getDocumentLinks: (document) => getDocumentLinks(features, document),
  };
}
