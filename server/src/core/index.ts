/**
 * The Customs Concepts language service: a pure library. It takes text
 * documents and returns LSP data types. It does no IO: files other than the
 * document at hand come through the injected `WorkspaceFiles`.
 */
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './analysis';
import { type LanguageServiceEnv, type ServiceSettings, type TermUseIndex } from './env';
import { AnalysisHost, type VersionedEditHint } from './host';
import { t } from './l10n';
import type { InstrumentCatalog } from './catalog/catalog';
import { catalogFileProblems, isWorkspaceCatalog } from './catalog/workspaceCatalogs';
import { CircularMemo, conceptDiagnostics, problemToDiagnostic, termBaseProblems } from './features/diagnostics';
import { LabelMemo } from './terms/labelMemo';
import { TermBaseSchema } from './terms/schema';
import { getCompletions, prepareTermCompletion, resolveCompletion } from './features/completion';
import { getHover, hoverLocale } from './features/hover';
import type { TermBase, TermEntry } from './terms/termBase';
import { labelKey } from './terms/matcher';
import type { CodeAction, CodeActionContext, CodeLens, DocumentLink, DocumentSymbol, FoldingRange, Location, Range, SemanticTokens, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-types';
import { createFeatureContext } from './workspaceContext';
import { findDefinition, findReferences } from './features/navigation';
import { getRenameEdits, prepareRename, type RenameRefusal } from './features/rename';
import { getCodeActions } from './features/codeActions';
import { getDocumentSymbols, getWorkspaceSymbols } from './features/symbols';
import { getSemanticTokens } from './features/semanticTokens';
import { getFoldingRanges } from './features/folding';
import { getCodeLenses, resolveCodeLens, termUseIndex } from './features/codeLens';
import { getDocumentLinks } from './features/links';
import { suppressYamlProblems } from './suppression';
import { documentKind } from './uri';
import { throwIfCancelled, type CancellationToken } from './cancellation';
import { getConceptOverview } from './features/overview';
import { authoringChoices, conceptSkeleton } from './features/authoring';
import type { AuthoringChoices, ConceptOverview, ConceptSkeletonParams } from '../../../shared/overview';
export { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
export { SHOW_REFERENCES_COMMAND, isTermLensData, type TermLensData } from './features/codeLens';
export type { RenameRefusal } from './features/rename';
export type { EditHint } from './parse/conceptDocument';

export type { Analysis } from './analysis';
export type { BuiltinData, LanguageServiceEnv, ServiceSettings, WorkspaceFiles, SeverityName, TermBaseStore, TermUseIndex } from './env';
export { DEFAULT_SETTINGS, DEFAULT_MAX_DOCUMENT_BYTES } from './env';
export { documentKind, languageIdOf, resolveGlossary, DOCUMENT_SUFFIXES, DOCUMENT_GLOBS, type DocumentKind, type NamedKind } from './uri';
export type { VersionedEditHint } from './host';
export { Cancelled, throwIfCancelled, type CancellationToken } from './cancellation';
export { InstrumentCatalog } from './catalog/catalog';
export { isWorkspaceCatalog } from './catalog/workspaceCatalogs';
export type { TermBase, TermEntry } from './terms/termBase';
export { parseTermBase } from './terms/termBase';
export { attachEntryKeys, attachLabelFolds, decodeEntryKeys, encodeEntryKeys, labelFolds, termBaseKeys, type EncodedEntryKeys } from './terms/labelMemo';
export { readCatalog, type Instrument } from './catalog/catalog';
export { SOURCE } from './features/diagnostics';
export { DEFAULT_MODEL_ID, isMissingSectionData, missingSectionEdit, matchSections, type MissingSectionData } from './model/index';
export { toLocale, type Locale } from './l10n';

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
  /**
   * Drops what checking a term base keeps for the next check of it: its YAML trees (several times its text) and the
   * memos of its entries (those of every term base: they are one). For a term base checked once, as the CLI does;
   * the server keeps them (an open term base's next keystroke reads them).
   */
  forgetTermBase(uri: string): void;
  /**
   * Parses or analyses the workspace's concept documents one at a time, yielding after each, so that a
   * workspace-wide request can stop between them: the server lets its event loop turn at each
   * step, where a cancellation arrives. Workspace-wide features then find the analyses cached.
   * `uses`: analyses those whose uses of term-base entries are not known (`WorkspaceFiles.knownUses`), for a term base's code lens.
   */
  prepareWorkspace(stage: 'parse' | 'analyse' | 'uses', token?: CancellationToken): Generator<void, void, void>;
  /**
   * Go to definition: a term use or mention → its definition; `@id` → the catalog entry; a glossary path → the file; a heading → its model section kind.
   * Workspace-wide features take the request's `token` and stop with `Cancelled` once it is cancelled.
   */
  findDefinition(document: TextDocument, position: Position, token?: CancellationToken): Location[];
  /** Find references of a term (every use and mention across the workspace, variants included) or of an instrument (every citation). */
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean, token?: CancellationToken): Location[];
  /** The range and placeholder of a term to rename, or why it cannot be renamed. */
  prepareRename(document: TextDocument, position: Position, token?: CancellationToken): { range: Range; placeholder: string } | RenameRefusal;
  /** Renames a term everywhere: versioned `documentChanges` (open files carry their version, closed files `null`), or why not. */
  getRenameEdits(document: TextDocument, position: Position, newName: string, token?: CancellationToken): WorkspaceEdit | RenameRefusal;
  /** Quick fixes for this server's diagnostics in `context`. */
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext, token?: CancellationToken): CodeAction[];
  /** Outline: front matter (defined terms, indicators) and sections; the entries of a term base. */
  getDocumentSymbols(document: TextDocument): DocumentSymbol[];
  /** Terms, documents and model elements of the workspace matching `query` (fuzzy). */
  getWorkspaceSymbols(query: string, token?: CancellationToken): WorkspaceSymbol[];
  /** Semantic tokens (legend: `SEMANTIC_TOKENS_LEGEND`). */
  getSemanticTokens(document: TextDocument): SemanticTokens;
  /** Folding ranges: front matter, sections, disable/enable blocks. */
  getFoldingRanges(document: TextDocument): FoldingRange[];
  /** Use counts on each definition; the command shows the uses. A term base's lenses come unresolved (see `resolveCodeLens`). */
  getCodeLenses(document: TextDocument, token?: CancellationToken): CodeLens[];
  /** A term base's lens with its count of uses across the workspace and its command; any other lens as it is. */
  resolveCodeLens(lens: CodeLens, token?: CancellationToken): CodeLens;
  /** A concept document's uses of term-base entries (what a term base's code lens counts), for `WorkspaceFiles.knownUses`; undefined for other files. */
  termUses(document: TextDocument): TermUseIndex | undefined;
  /** Links from glossary paths (and a workspace `model:`) to their files. */
  getDocumentLinks(document: TextDocument): DocumentLink[];
  /**
   * Notes where an edit changed a document, for the document object the edit
   * produced (the server notes every `didChange` of one change): the next parse
   * re-splits only the chunks around it without comparing texts.
   */
  noteEdit(document: TextDocument, hint: VersionedEditHint): void;
  /** Where a concept document stands: sections against its model, terms, citations, structured parts, coverage; `null` for another kind of file. */
  getConceptOverview(document: TextDocument): ConceptOverview | null;
  /** The models and instruments an author picks from (new document, citation picker). */
  getAuthoringChoices(): AuthoringChoices;
  /** The text of a new concept document following a model, or why not. */
  getConceptSkeleton(params: ConceptSkeletonParams): { text: string } | { error: string };
  readonly catalog: InstrumentCatalog;
  readonly builtinTerms: TermBase;
}

export const BUILTIN_MODEL_IDS: readonly string[] = ['wco-digital-customs'];

export function createLanguageService(env: LanguageServiceEnv): LanguageService {
  const host = new AnalysisHost(env);
  const { catalog, builtinTerms, models, files } = host;
  const settings = (uri?: string) => host.settings(uri);

  /** The one diagnostic of a document above the size limit, on its first line. */
  const tooLargeDiagnostic = (document: TextDocument, s: ServiceSettings): Diagnostic => {
    const text = document.getText();
    const nl = text.indexOf('\n');
    const mb = (n: number) => `${Number((n / 1024 / 1024).toFixed(1))} MB`;
    const message = t(s.locale ?? 'en', 'document-too-large', { limit: mb(host.maxBytes(s)), size: mb(host.bytes(text)) });
    return problemToDiagnostic({ start: 0, end: Math.min(nl < 0 ? text.length : nl, 200), code: 'document-too-large', severity: 'information', message }, document);
  };
  const analyseDoc = (document: TextDocument, remember = true): Analysis => host.analyse(document, remember);
  /** What a feature sees of the workspace, for one request (`token`: its cancellation). */
  const features = (token?: CancellationToken) => createFeatureContext(host, token);
  const documentOf = (uri: string) => files.textDocument(uri);

  const termsSchema = new TermBaseSchema();
  /** What a term base's check keeps for its next one (a keystroke asks again about every entry); emptied by `forgetTermBase`. */
  let circularMemo = new CircularMemo();
  let termBaseLabels = new LabelMemo(50_000);
  const termBaseDiagnostics = (document: TextDocument): Diagnostic[] => {
    host.workspaceCatalogs.sync();
    const text = document.getText();
    // The scopes' parse of the same text, when there is one (a term base the workspace's documents import).
    const tree = host.termBaseTree(document);
    // One reading of the YAML for both (when the fast path reads it; else each parser reports its own way).
    const base = host.files.termBaseOfText(document.uri, text, tree);
    const problems = termBaseProblems(base, text, catalog, settings(document.uri).locale, circularMemo, (l) => termBaseLabels.key(l));
    problems.push(...termsSchema.problems(text, tree, problems));
    problems.sort((x, y) => x.start - y.start || x.end - y.end);
    return suppressYamlProblems(problems, document).map((p) => problemToDiagnostic(p, document, (u) => (u === document.uri ? document : undefined)));
  };

  return {
    catalog,
    builtinTerms,
    computeDiagnostics(document) {
      const kind = documentKind(document.uri);
      if (kind !== 'other' && host.tooLarge(host.source(document), settings(document.uri))) return [tooLargeDiagnostic(document, settings(document.uri))];
      if (kind === 'termBase') return termBaseDiagnostics(document);
      if (isWorkspaceCatalog(document.uri)) {
        host.workspaceCatalogs.sync();
        return catalogFileProblems(catalog, document.uri, document.getText()).map((p) => problemToDiagnostic(p, document));
      }
      if (kind === 'model') return models.fileProblems(document.uri, document.getText()).map((p) => problemToDiagnostic(p, document));
      if (kind !== 'concept') return [];
      const a = analyseDoc(document);
      return conceptDiagnostics(a, settings(document.uri), catalog, document, documentOf, host.documentDiagnosticsMemo(document.uri));
    },
    getHover(document, position) {
      if (documentKind(document.uri) !== 'concept') return null;
      const a = analyseDoc(document);
      return getHover(a, document, document.offsetAt(position), catalog, hoverLocale(a, settings(document.uri)));
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
        const last = host.lastAnalysis();
        if (last) {
          pools.unshift(last.doc.definitions, ...last.defining.map((t) => t.base?.entries ?? []), ...last.known.map((t) => t.base?.entries ?? []));
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
      if (documentKind(document.uri) === 'model') return files.modelUris().filter((u) => u !== document.uri);
      if (documentKind(document.uri) !== 'concept') return [];
      return host.dependencies(document);
    },
    invalidate: (uri) => host.invalidate(uri),
    forgetTermBase: (uri) => {
      host.forgetTermBase(uri);
      circularMemo = new CircularMemo();
      termBaseLabels = new LabelMemo(50_000);
    },
    noteEdit: (document, hint) => host.noteEdit(document, hint),
    *prepareWorkspace(stage, token) {
      for (const uri of files.conceptUris()) {
        throwIfCancelled(token);
        if (stage === 'uses' && files.knownUses(uri)) continue;
        const document = files.textDocument(uri);
        if (document && stage === 'parse') host.parse(document);
        else if (document) {
          const analysis = host.analyse(document, false);
          if (stage === 'uses') files.rememberUses(uri, termUseIndex({ uri, document, analysis }));
        }
        yield;
      }
    },
    findDefinition: (document, position, token) => findDefinition(features(token), document, position),
    findReferences: (document, position, includeDeclaration, token) => findReferences(features(token), document, position, includeDeclaration),
    prepareRename: (document, position, token) => prepareRename(features(token), document, position, settings(document.uri).locale),
    getRenameEdits: (document, position, newName, token) => getRenameEdits(features(token), document, position, newName, settings(document.uri).locale),
    getCodeActions: (document, range, context, token) => getCodeActions(features(token), document, range, context),
    getDocumentSymbols: (document) => getDocumentSymbols(features(), document),
    getWorkspaceSymbols: (query, token) => getWorkspaceSymbols(features(token), query, host.modelUris()),
    getSemanticTokens: (document) => getSemanticTokens(features(), document),
    getFoldingRanges: (document) => getFoldingRanges(features(), document),
    getCodeLenses: (document, token) => getCodeLenses(features(token), document),
    resolveCodeLens: (lens, token) => resolveCodeLens(features(token), lens),
    termUses(document) {
      if (documentKind(document.uri) !== 'concept') return undefined;
      return termUseIndex({ uri: document.uri, document, analysis: analyseDoc(document, false) });
    },
    getDocumentLinks: (document) => getDocumentLinks(features(), document),
    getConceptOverview(document) {
      if (documentKind(document.uri) !== 'concept') return null;
      const diagnostics = this.computeDiagnostics(document);
      return getConceptOverview(features(), document, analyseDoc(document, false), diagnostics, catalog);
    },
    getAuthoringChoices: () => authoringChoices(models, catalog),
    getConceptSkeleton: (params) => conceptSkeleton(models, params),
  };
}
