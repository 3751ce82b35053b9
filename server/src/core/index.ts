/**
 * The Customs Concepts language service: a pure library. It takes text
 * documents and returns LSP data types. It does no IO: files other than the
 * document at hand come through the injected `WorkspaceFiles`.
 */
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, AnalysisCache, DEFAULT_SETTINGS, type Analysis, type ServiceSettings, type WorkspaceFiles } from './analysis';
import { InstrumentCatalog } from './catalog/catalog';
import { conceptProblems, problemToDiagnostic, termBaseProblems } from './features/diagnostics';
import { getCompletions, resolveCompletion } from './features/completion';
import { getHover } from './features/hover';
import { parseTermBase, type TermBase, type TermEntry } from './terms/termBase';
import { labelKey } from './terms/matcher';

export type { Analysis, ServiceSettings, WorkspaceFiles, SeverityName } from './analysis';
export { DEFAULT_SETTINGS, resolveGlossary } from './analysis';
export { InstrumentCatalog } from './catalog/catalog';
export type { TermBase, TermEntry } from './terms/termBase';
export { SOURCE } from './features/diagnostics';
export { toLocale, type Locale } from './l10n';

/** The built-in data, as text: the server and the CLI read it from `server/data/`. */
export interface BuiltinData {
  catalog: { uri: string; text: string };
  termBase: { uri: string; text: string };
}

export interface LanguageServiceEnv {
  builtin: BuiltinData;
  workspace: WorkspaceFiles;
  /** Current settings; read on every request so changes apply at once. */
  settings?: () => ServiceSettings;
  /** Extra instrument catalogs from the workspace (`*.catalog.yaml`). */
  catalogs?: { uri: string; text: string }[];
}

export type DocumentKind = 'concept' | 'termBase' | 'other';

/** What kind of file a uri names, from its name alone. */
export function documentKind(uri: string): DocumentKind {
  const path = uri.toLowerCase().split(/[?#]/)[0];
  if (path.endsWith('.terms.yaml') || path.endsWith('.terms.yml')) return 'termBase';
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
  /** Documentation for a completion item. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** The analysis of a concept document (cached by uri and version). */
  analyse(document: TextDocument): Analysis;
  /** Term-base uris a concept document depends on, for re-checking it when they change. */
  dependencies(document: TextDocument): string[];
  /** Drops cached data of a file (changed on disk, closed, deleted). */
  invalidate(uri: string): void;
  readonly catalog: InstrumentCatalog;
  readonly builtinTerms: TermBase;
}

export const BUILTIN_MODEL_IDS = ['wco-digital-customs'];

export function createLanguageService(env: LanguageServiceEnv): LanguageService {
  const catalog = new InstrumentCatalog([env.builtin.catalog, ...(env.catalogs ?? [])]);
  const builtinTerms = parseTermBase(env.builtin.termBase.uri, env.builtin.termBase.text, 'builtin');
  const cache = new AnalysisCache(builtinTerms);
  const settings = () => env.settings?.() ?? DEFAULT_SETTINGS;
  let lastAnalysis: { uri: string; version: number; text: string; settings: ServiceSettings; analysis: Analysis; stamp: string } | undefined;

  const analyseDoc = (document: TextDocument): Analysis => {
    const text = document.getText();
    const s = settings();
    const doc = cache.conceptDocument(document.uri, document.version, text);
    // Dependencies may change without the document changing, so the analysis is
    // reused only when every term base it read still has the same version.
    const analysis = analyse(doc, cache, env.workspace, s, catalog);
    lastAnalysis = { uri: document.uri, version: document.version, text, settings: s, analysis, stamp: '' };
    return analysis;
  };

  const termBaseDiagnostics = (document: TextDocument): Diagnostic[] => {
    const text = document.getText();
    const base = parseTermBase(document.uri, text);
    return termBaseProblems(base, text, catalog, settings().locale).map((p) => problemToDiagnostic(p, document, (u) => (u === document.uri ? text : undefined)));
  };

  return {
    catalog,
    builtinTerms,
    computeDiagnostics(document) {
      const kind = documentKind(document.uri);
      if (kind === 'termBase') return termBaseDiagnostics(document);
      if (kind !== 'concept') return [];
      const a = analyseDoc(document);
      const textOf = (uri: string) => {
        const r = env.workspace.read(uri);
        return 'text' in r ? r.text : undefined;
      };
      return conceptProblems(a, settings(), catalog).map((p) => problemToDiagnostic(p, document, textOf));
    },
    getHover(document, position) {
      if (documentKind(document.uri) !== 'concept') return null;
      return getHover(analyseDoc(document), document, document.offsetAt(position), catalog, settings().locale);
    },
    getCompletions(document, position) {
      if (documentKind(document.uri) !== 'concept') return { isIncomplete: false, items: [] };
      return getCompletions(analyseDoc(document), document, document.offsetAt(position), catalog, BUILTIN_MODEL_IDS, builtinTerms.entries);
    },
    resolveCompletion(item) {
      return resolveCompletion(item, catalog, (label, uri) => {
        const key = labelKey(label);
        const pools: TermEntry[][] = [builtinTerms.entries];
        if (lastAnalysis) {
          pools.unshift(lastAnalysis.analysis.doc.definitions, ...lastAnalysis.analysis.defining.map((t) => t.base?.entries ?? []), ...lastAnalysis.analysis.known.map((t) => t.base?.entries ?? []));
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
      if (documentKind(document.uri) !== 'concept') return [];
      const a = analyseDoc(document);
      return [...a.defining.map((t) => t.uri), ...a.known.map((t) => t.uri)];
    },
    invalidate(uri) {
      cache.forget(uri);
    },
  };
}
