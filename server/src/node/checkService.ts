/**
 * The language service of `customs-concepts check`, as the main thread and each check worker build it: the same
 * built-in data, settings and workspace file lists give every thread the same answers.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, documentKind, languageIdOf, type BuiltinData, type LanguageService, type ServiceSettings } from '../core/index';
import { countedDiagnostics, reportDiagnostics, type ReportedDiagnostics } from '../interchange/checkReport';
import { readFileUri } from './files';
import { CompiledTermBases } from './termBaseCache';

/** What a check needs besides the documents: plain data, so it crosses to a worker thread by structured clone. */
export interface CheckSetup {
  builtin: BuiltinData;
  settings: ServiceSettings;
  termBaseUris: string[];
  modelUris: string[];
  catalogUris: string[];
  /** Folders files may be read from. */
  roots: string[];
  /** The folder of compiled term bases (see termBaseCache.ts), or undefined when it is turned off. */
  termBaseCache?: string;
  /** Whether results name the files they depend on (`--cache` stores them; nothing else reads them). Default: true. */
  dependencies?: boolean;
}

/** One checked document: its diagnostics, as the report writes them, and the files its result depends on (for `--cache`; none when the setup says so). */
export interface CheckedResult {
  reported: ReportedDiagnostics;
  dependencies: string[];
}

export function createCheckService(setup: CheckSetup): LanguageService {
  const reads = new Map<string, ReturnType<typeof readFileUri>>();
  return createLanguageService({
    builtin: setup.builtin,
    // Files do not change during a run: each is read once.
    workspace: {
      read: (uri) => {
        let r = reads.get(uri);
        if (!r) reads.set(uri, (r = readFileUri(uri, setup.roots)));
        return r;
      },
      termBaseUris: () => setup.termBaseUris,
      modelUris: () => setup.modelUris,
      catalogUris: () => setup.catalogUris,
    },
    settings: () => setup.settings,
    termBaseStore: setup.termBaseCache === undefined ? undefined : new CompiledTermBases(setup.termBaseCache),
  });
}

/**
 * What the checks made on this thread ran (each thread has its own, being its own copy of this module): 0 none, 1
 * files other than concept documents, 2 a concept document. The CLI's code cache keeps the code of this thread only.
 */
let checkedHere = 0;
export function checkedLevel(): number {
  return checkedHere;
}

/**
 * Checks one document and forgets it (term bases, models and catalogs stay loaded); only its diagnostics are kept:
 * serialised, or with `asObjects` (a check on the CLI's own thread, whose result is not posted between threads) as
 * objects, serialised only if the JSON report or `--cache` asks for them.
 */
export function checkDocument(service: LanguageService, setup: CheckSetup, uri: string, text: string, asObjects = false): CheckedResult {
  checkedHere = Math.max(checkedHere, documentKind(uri) === 'concept' ? 2 : 1);
  const doc = TextDocument.create(uri, languageIdOf(uri), 1, text);
  const diagnostics = service.computeDiagnostics(doc);
  const reported = asObjects ? countedDiagnostics(diagnostics) : reportDiagnostics(diagnostics);
  // Term bases and models cite instruments too: every file depends on the workspace's catalogs.
  const dependencies = setup.dependencies === false ? [] : [...service.dependencies(doc), ...setup.catalogUris];
  service.invalidate(uri);
  // Each term base is checked once in a run: what its check keeps for the next one (several times its text) goes.
  if (documentKind(uri) === 'termBase') service.forgetTermBase(uri);
  return { reported, dependencies };
}
