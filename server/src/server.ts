/**
 * The language server: LSP wiring around the language service. Handlers are
 * a few lines each and run inside `runSafe`, so a bug in one feature returns
 * an empty answer and a log line instead of killing the server.
 */
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, DEFAULT_SETTINGS, documentKind, noteEdit, toLocale, type EditHint, type Locale, type LanguageService, type ServiceSettings, type SeverityName } from './core/index';
import { findFiles, loadBuiltinData } from './node/files';
import { SEMANTIC_TOKENS_LEGEND } from './core/index';
import { WorkspaceIndex, type FileChange } from './workspaceIndex';
import { registerAuthoring } from './authoring';

/** Settings as the client sends them (`customsConcepts.*`). */
interface ClientSettings {
  termBases?: string[];
  language?: string;
  diagnostics?: { implicitUse?: SeverityName; unusedDefinition?: SeverityName; debounceMs?: number; closedDocuments?: boolean };
  /** Megabytes; larger documents get one `document-too-large` diagnostic. */
  maxDocumentSize?: number;
}

const SEVERITIES: SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * `TextDocument.update` (vscode-languageserver-textdocument 1.0.12) keeps its line
 * index incrementally and miscounts it when an edit joins a `\r` and a `\n` into
 * one CRLF across the edit's boundary (inserting `\r` before a line break, say):
 * every later position, in diagnostics and in the client's next edits, is then one
 * line off, and the server's text drifts from the editor's. Such an edit rebuilds
 * the document from its text; any other edit takes the fast path.
 * Found by tests/robustness/incremental.property.test.ts.
 */
export const SyncedTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let doc = document;
    // One ranged change (typing): tell the analysis where it fell.
    let hint: (EditHint & { fromVersion: number }) | undefined;
    if (changes.length === 1 && 'range' in changes[0]) {
      const start = document.offsetAt(changes[0].range.start);
      const oldEnd = Math.max(start, document.offsetAt(changes[0].range.end));
      hint = { fromVersion: document.version, oldLength: document.getText().length, start, oldEnd, newEnd: start + changes[0].text.length };
    }
    for (const change of changes) {
      let joins = false;
      if ('range' in change) {
        const text = doc.getText();
        const s = doc.offsetAt(change.range.start);
        const e = Math.max(s, doc.offsetAt(change.range.end));
        const before = text[s - 1];
        const after = text[e];
        const first = change.text.length ? change.text[0] : after;
        const last = change.text.length ? change.text[change.text.length - 1] : before;
        joins = (before === '\r' && first === '\n') || (last === '\r' && after === '\n');
      }
      doc = TextDocument.update(doc, [change], version);
      if (joins) doc = TextDocument.create(doc.uri, doc.languageId, version, doc.getText());
    }
    // (`TextDocument.update` changes the document object in place, so the hint names the version it leads to.)
    if (hint) noteEdit(doc, { ...hint, toVersion: version });
    return changes.length ? doc : TextDocument.update(doc, [], version);
  },
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(SyncedTextDocument);
  let folders: string[] = [];
  let termBaseUris = new Set<string>();
  let modelUris = new Set<string>();
  // Every concept document, term base and model under the folders, open or not (with a read cache).
  const index = new WorkspaceIndex();
  let viewRefresh = { semanticTokens: false, codeLens: false, workspaceFolders: false };
  let settings: ServiceSettings = DEFAULT_SETTINGS;
  let debounceMs = 150;
  let closedDocuments = true;
  let pullDiagnostics = false;
  let configurationRequests = false;
  let watchRegistration = false;
  let refreshSupport = false;
  let locale: Locale = 'en';
  let service: LanguageService | undefined;

  const log = (message: string) => connection.console.log(message);

  // Test hook: `CUSTOMS_CONCEPTS_FAULT=hover,completion` (names as given to `runSafe`) makes those
  // handlers throw, to show that a failing feature costs one empty answer and a log line, never the server
  // (tests/robustness/server.test.ts). Read once, at start-up.
  const faults = new Set((process.env.CUSTOMS_CONCEPTS_FAULT ?? '').split(',').map((f) => f.trim()).filter(Boolean));

  async function runSafe<T>(what: string, fallback: T, fn: () => T | Promise<T>, token?: CancellationToken): Promise<T> {
    if (token?.isCancellationRequested) return fallback;
    try {
      if (faults.has(what)) throw new Error(`injected fault in ${what} (CUSTOMS_CONCEPTS_FAULT)`);
      return await fn();
    } catch (e) {
      connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  // Restricted Mode (an untrusted workspace): built-in data only; nothing of the workspace is read.
  let untrusted = false;
  const RESTRICTED = { error: 'the workspace is not trusted (Restricted Mode): only the built-in data is used.' };

  const workspace = {
    read(uri: string) {
      if (untrusted) return RESTRICTED;
      const open = documents.get(uri);
      if (open) return { text: open.getText(), version: `open:${open.version}` };
      // Reads stay inside the workspace folders; with none (a lone file opened), inside the folders of the open documents.
      // An empty list would let `readFileUri` read anywhere, so it is refused here.
      const roots = folders.length ? folders : [...new Set(documents.keys().filter((u) => u.startsWith('file:')).map((u) => path.dirname(URI.parse(u).fsPath)))];
      if (!roots.length) return { error: 'the path leads outside the workspace folders; it is not read.' };
      return index.read(uri, roots);
    },
    conceptUris: () => [...new Set([...index.uris('concept'), ...documents.keys().filter((u) => documentKind(u) === 'concept')])],
    openVersion: (uri: string) => documents.get(uri)?.version,
    termBaseUris: () => (untrusted ? [] : [...termBaseUris]),
    modelUris: () => (untrusted ? [] : [...modelUris]),
  };

  function getService(): LanguageService {
    service ??= createLanguageService({ builtin: loadBuiltinData(), workspace, settings: () => settings });
    return service;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (!folders.length && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    else if (!folders.length && params.rootPath) folders = [params.rootPath];
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    viewRefresh = { semanticTokens: !!caps.workspace?.semanticTokens?.refreshSupport, codeLens: !!caps.workspace?.codeLens?.refreshSupport, workspaceFolders: !!caps.workspace?.workspaceFolders };
    locale = toLocale(params.locale);
    const options = params.initializationOptions as { settings?: ClientSettings; untrusted?: boolean } | undefined;
    untrusted = options?.untrusted === true;
    if (untrusted) log('Restricted Mode: the workspace is not trusted; term bases, models and settings paths of the workspace are ignored.');
    applySettings(options?.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['@', '«'], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'customs-concepts-language-server', version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    await runSafe('initialized', undefined, async () => {
      if (configurationRequests) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: 'customsConcepts' }).catch(() => undefined);
        await refreshSettings();
      }
      if (watchRegistration) {
        connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.terms.{yaml,yml}' }, { globPattern: '**/*.concept.md' }, { globPattern: '**/*.model.{yaml,yml}' }] })
          .catch(() => undefined);
      }
      if (viewRefresh.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
          folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => URI.parse(f.uri).fsPath)];
          scanWorkspace();
          revalidateAll();
          refreshViews();
        });
      }
      scanWorkspace();
      revalidateAll();
    });
  });

  function scanWorkspace(): void {
    index.scan(folders);
    const found = new Set<string>();
    for (const f of folders) for (const file of findFiles(f, ['.terms.yaml', '.terms.yml'])) found.add(URI.file(file).toString());
    termBaseUris = found;
    const models = new Set<string>();
    for (const f of folders) for (const file of findFiles(f, ['.model.yaml', '.model.yml'])) models.add(URI.file(file).toString());
    modelUris = models;
  }

  function applySettings(s: ClientSettings | undefined): void {
    const sev = (v: unknown, d: SeverityName): SeverityName => (SEVERITIES.includes(v as SeverityName) ? (v as SeverityName) : d);
    const termBases: string[] = [];
    for (const p of s?.termBases ?? []) {
      if (typeof p !== 'string' || !p) continue;
      if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) termBases.push(p);
      else for (const f of folders.length ? folders : [process.cwd()]) termBases.push(URI.file(path.resolve(f, p)).toString());
    }
    settings = {
      termBases,
      implicitUseSeverity: sev(s?.diagnostics?.implicitUse, DEFAULT_SETTINGS.implicitUseSeverity),
      unusedDefinitionSeverity: sev(s?.diagnostics?.unusedDefinition, DEFAULT_SETTINGS.unusedDefinitionSeverity),
      language: s?.language === 'fr' || s?.language === 'ru' || s?.language === 'en' ? s.language : undefined,
      locale,
      maxDocumentBytes: typeof s?.maxDocumentSize === 'number' && s.maxDocumentSize > 0 ? Math.round(s.maxDocumentSize * 1024 * 1024) : undefined,
    };
    closedDocuments = s?.diagnostics?.closedDocuments !== false;
    const d = s?.diagnostics?.debounceMs;
    if (typeof d === 'number' && d >= 0 && d <= 5000) debounceMs = d;
  }

  async function refreshSettings(): Promise<void> {
    const s = (await connection.workspace.getConfiguration('customsConcepts').catch(() => undefined)) as ClientSettings | undefined;
    if (s) applySettings(s);
  }

  connection.onDidChangeConfiguration(async (change) => {
    await runSafe('configuration', undefined, async () => {
      if (configurationRequests) await refreshSettings();
      else applySettings((change.settings as { customsConcepts?: ClientSettings } | undefined)?.customsConcepts);
      revalidateAll();
    });
  });

  // Diagnostics: pushed (debounced per document), or pulled when the client asks.
  const timers = new Map<string, NodeJS.Timeout>();

  function computeDiagnostics(doc: TextDocument): Diagnostic[] {
    return getService().computeDiagnostics(doc);
  }

  function validate(doc: TextDocument): void {
    const version = doc.version;
    void runSafe('diagnostics', undefined, () => {
      // A newer version may have arrived while this one waited: never publish stale results.
      const current = documents.get(doc.uri);
      if (!current || current.version !== version) return;
      const started = Date.now();
      const diagnostics = computeDiagnostics(current);
      checkCost.set(doc.uri, Date.now() - started);
      published.set(doc.uri, version);
      void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      // Then, when nothing else waits, what the first completion needs (once per term-base version).
      setImmediate(() => {
        if (documents.get(doc.uri)?.version === version) runSafeSync(() => getService().prepareCompletion(current), undefined);
      });
    });
  }

  // What the last check of each document took. After an edit a document waits at least that long, so a
  // burst of edits on a big document is checked once, not once per edit (1,000 edits of a 1 MB document
  // with `debounceMs: 0` kept the server busy for a minute, 0.4 s per check).
  const checkCost = new Map<string, number>();
  /** The version of each open document whose diagnostics were last published. */
  const published = new Map<string, number>();
  /** When each document last changed. */
  const lastChange = new Map<string, number>();

  function schedule(doc: TextDocument, delay = debounceMs): void {
    if (pullDiagnostics) return;
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      validate(doc);
    }, delay));
  }

  /** Asks a pull client to pull again; a client that cannot refresh pulls on its own schedule. */
  function refreshPulled(): void {
    if (!refreshSupport) return;
    // Typed `void`, but it sends a request whose promise may reject.
    Promise.resolve(connection.languages.diagnostics.refresh() as unknown).catch((e) => log(`diagnostic refresh failed: ${String(e)}`));
  }

  // Closed concept documents are checked in the background, for the Problems list:
  // a few at a time between requests, each dropped from the caches once published.
  const closedQueue = new Set<string>();
  let closedTimer: NodeJS.Timeout | undefined;
  /** When a document was last opened or changed: closed documents are checked only after a pause in that. */
  let lastActivity = 0;
  const CLOSED_IDLE_MS = 300;

  function checkClosed(uris: Iterable<string>): void {
    if (pullDiagnostics || !closedDocuments) return;
    for (const u of uris) if (!documents.get(u) && documentKind(u) === 'concept') closedQueue.add(u);
    closedTimer ??= setTimeout(drainClosed, 0);
  }

  function drainClosed(): void {
    closedTimer = undefined;
    // Documents being opened or edited come first (a client opening many documents at start-up
    // would otherwise have each checked twice: from disk, then open).
    const quiet = Date.now() - lastActivity;
    if (quiet < CLOSED_IDLE_MS) {
      closedTimer = setTimeout(drainClosed, CLOSED_IDLE_MS - quiet);
      return;
    }
    const deadline = Date.now() + 25;
    for (const uri of closedQueue) {
      closedQueue.delete(uri);
      if (documents.get(uri)) continue;
      runSafeSync(() => {
        const read = workspace.read(uri);
        if (!('text' in read)) return;
        const doc = TextDocument.create(uri, 'markdown', 0, read.text);
        void connection.sendDiagnostics({ uri, diagnostics: computeDiagnostics(doc) });
        getService().invalidate(uri);
      }, undefined);
      if (Date.now() > deadline) break;
    }
    if (closedQueue.size) closedTimer = setTimeout(drainClosed, 0);
  }

  function revalidateAll(): void {
    if (pullDiagnostics) {
      refreshPulled();
      return;
    }
    for (const d of documents.all()) schedule(d, 0);
    checkClosed(index.uris('concept'));
  }

  /** Re-checks open concept documents that read a term base that changed. */
  function revalidateDependents(changedUri: string): void {
    if (pullDiagnostics) {
      refreshPulled();
      return;
    }
    for (const d of documents.all()) {
      if (d.uri === changedUri || (documentKind(d.uri) !== 'concept' && documentKind(d.uri) !== 'model')) continue;
      const deps = runSafeSync(() => getService().dependencies(d), [] as string[]);
      if (deps.includes(changedUri)) schedule(d, 0);
    }
    // Every workspace term base makes terms known to every document, so closed ones are all checked again.
    checkClosed(index.uris('concept'));
  }

  function runSafeSync<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      connection.console.error(String(e instanceof Error ? e.stack : e));
      return fallback;
    }
  }

  documents.onDidOpen((e) => {
    lastActivity = Date.now();
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    lastActivity = Date.now();
    // Edits that come faster than a check takes (a burst, a paste of many changes, a script) wait at
    // least that long, so the burst is checked once; an edit after a pause is checked after the debounce alone.
    const now = Date.now();
    const cost = Math.min(checkCost.get(e.document.uri) ?? 0, 5000);
    const since = now - (lastChange.get(e.document.uri) ?? 0);
    lastChange.set(e.document.uri, now);
    schedule(e.document, since < cost ? Math.max(debounceMs, cost) : debounceMs);
    if (documentKind(e.document.uri) === 'termBase') {
      termBaseUris.add(e.document.uri);
      revalidateDependents(e.document.uri);
      refreshViews();
    } else if (documentKind(e.document.uri) === 'model') {
      modelUris.add(e.document.uri);
      revalidateDependents(e.document.uri);
    }
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    checkCost.delete(e.document.uri);
    lastChange.delete(e.document.uri);
    const publishedVersion = published.get(e.document.uri);
    published.delete(e.document.uri);
    service?.invalidate(e.document.uri);
    // A closed concept document in the workspace keeps its problems (as on disk); others are cleared.
    if (!pullDiagnostics) {
      if (closedDocuments && index.has(e.document.uri) && documentKind(e.document.uri) === 'concept') {
        // Saved, then closed: what was published for the last version holds for the file on disk too.
        const read = publishedVersion === e.document.version ? workspace.read(e.document.uri) : undefined;
        if (!(read && 'text' in read && read.text === e.document.getText())) checkClosed([e.document.uri]);
      }
      else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
    // The file on disk may differ from the closed buffer: dependents read it again.
    if (documentKind(e.document.uri) === 'termBase' || documentKind(e.document.uri) === 'model') revalidateDependents(e.document.uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    void runSafe('watched files', undefined, () => {
      for (const change of params.changes) {
        service?.invalidate(change.uri);
        index.update(change.uri, change.type as FileChange);
        const kind = documentKind(change.uri);
        if (kind === 'concept') {
          if (change.type === FileChangeType.Deleted) {
            if (!pullDiagnostics && !documents.get(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
          } else checkClosed([change.uri]);
        }
        if (kind !== 'termBase' && kind !== 'model') continue;
        const set = kind === 'model' ? modelUris : termBaseUris;
        // Dependents of a deleted file are found while it is still listed; they are checked after.
        if (change.type !== FileChangeType.Deleted) set.add(change.uri);
        revalidateDependents(change.uri);
        if (change.type === FileChangeType.Deleted) set.delete(change.uri);
      }
      refreshViews();
    });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const items = doc ? await runSafe('diagnostics', [] as Diagnostic[], () => computeDiagnostics(doc), token) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover((params, token) =>
    runSafe('hover', null, () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? getService().getHover(doc, params.position) : null;
    }, token),
  );

  connection.onCompletion((params, token) =>
    runSafe('completion', { isIncomplete: false, items: [] }, () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? getService().getCompletions(doc, params.position) : { isIncomplete: false, items: [] };
    }, token),
  );

  connection.onCompletionResolve((item, token) => runSafe('completion resolve', item, () => getService().resolveCompletion(item), token));

  // Navigation and refactoring: each handler asks the language service about an open document.
  const withDoc = <T>(what: string, fallback: T, uri: string, fn: (doc: TextDocument) => T, token?: CancellationToken) =>
    runSafe(what, fallback, () => {
      const doc = documents.get(uri);
      return doc ? fn(doc) : fallback;
    }, token);

  connection.onDefinition((p, token) => withDoc('definition', [], p.textDocument.uri, (d) => getService().findDefinition(d, p.position), token));
  connection.onReferences((p, token) => withDoc('references', [], p.textDocument.uri, (d) => getService().findReferences(d, p.position, p.context.includeDeclaration), token));
  connection.onPrepareRename((p, token) =>
    withDoc('prepare rename', null, p.textDocument.uri, (d) => {
      const r = getService().prepareRename(d, p.position);
      return 'error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r;
    }, token),
  );
  connection.onRenameRequest((p, token) =>
    withDoc('rename', null, p.textDocument.uri, (d) => {
      const r = getService().getRenameEdits(d, p.position, p.newName);
      return 'error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r;
    }, token),
  );
  connection.onCodeAction((p, token) => withDoc('code action', [], p.textDocument.uri, (d) => getService().getCodeActions(d, p.range, p.context), token));
  connection.onDocumentSymbol((p, token) => withDoc('document symbols', [], p.textDocument.uri, (d) => getService().getDocumentSymbols(d), token));
  connection.onWorkspaceSymbol((p, token) => runSafe('workspace symbols', [], () => getService().getWorkspaceSymbols(p.query), token));
  connection.languages.semanticTokens.on((p, token) => withDoc('semantic tokens', { data: [] }, p.textDocument.uri, (d) => getService().getSemanticTokens(d), token));
  connection.onFoldingRanges((p, token) => withDoc('folding', [], p.textDocument.uri, (d) => getService().getFoldingRanges(d), token));
  connection.onCodeLens((p, token) => withDoc('code lens', [], p.textDocument.uri, (d) => getService().getCodeLenses(d), token));
  connection.onDocumentLinks((p, token) => withDoc('document links', [], p.textDocument.uri, (d) => getService().getDocumentLinks(d), token));
  registerAuthoring(connection, { service: getService, document: (uri) => documents.get(uri), runSafe });

  /** Asks the client to re-request views that depend on other files (colours of defined terms, use counts). */
  function refreshViews(): void {
    if (viewRefresh.semanticTokens) Promise.resolve(connection.languages.semanticTokens.refresh() as unknown).catch(() => undefined);
    if (viewRefresh.codeLens) Promise.resolve(connection.sendRequest('workspace/codeLens/refresh') as unknown).catch(() => undefined);
  }

  // Last line of defence: a stray rejection is logged, never fatal.
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

  documents.listen(connection);
  connection.listen();
  log(`Customs Concepts language server started (${process.version}).`);
}

declare const __VERSION__: string | undefined;
