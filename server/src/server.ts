/**
 * The language server: LSP wiring around the language service. Each concern has
 * its module under `lsp/`: settings (fetched per document), the workspace the
 * service reads, the diagnostics scheduler, the feature handlers. Every handler,
 * notifications included, runs inside `runSafe`, so a bug in one feature returns
 * an empty answer and a log line instead of killing the server.
 */
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CONFIGURATION_SECTION } from '../../shared/protocol';
import { createLanguageService, DOCUMENT_GLOBS, documentKind, toLocale, type LanguageService, type Locale } from './core/index';
import { loadBuiltinData } from './node/files';
import { ClosedCheckWorker } from './node/closedChecks';
import { closedFilesStore } from './node/termBaseCache';
import { syncedTextDocuments } from './syncedDocuments';
import type { FileChange } from './workspaceIndex';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './lsp/capabilities';
import { DiagnosticsScheduler } from './lsp/diagnostics';
import { registerFeatureHandlers } from './lsp/handlers';
import { createRunSafe, createRunSafeSync, faultsFromEnv, type RunSafe } from './lsp/runSafe';
import { SettingsStore } from './lsp/settings';
import { ServerWorkspace } from './lsp/workspace';

declare const __VERSION__: string | undefined;

/** What the server's handlers share. */
interface Server {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: ServerWorkspace;
  settings: SettingsStore;
  scheduler: DiagnosticsScheduler;
  runSafe: RunSafe;
  client: ClientFeatures;
  locale: Locale;
  service?: LanguageService;
  getService(): LanguageService;
  /** Asks the client to re-request views that depend on other files (colours of defined terms, use counts). */
  refreshViews(): void;
}

export function startServer(connection: Connection): void {
  // One ranged change (typing) tells the language service where the edit fell (no service yet: nothing parsed to reuse).
  const documents = new TextDocuments(syncedTextDocuments((doc, hint) => server.service?.noteEdit(doc, hint)));
  const workspace = new ServerWorkspace(documents);
  const fetch = (scopeUris: readonly (string | undefined)[]): Promise<unknown[]> => connection.workspace.getConfiguration(scopeUris.map((scopeUri) => ({ scopeUri, section: CONFIGURATION_SECTION })));
  const settings = new SettingsStore(() => workspace.folders, () => server.locale, () => (server.client.configurationRequests ? fetch : undefined));
  const runSafe = createRunSafe(connection, faultsFromEnv());
  // Large workspace term bases as on disk are read compiled, as the thread for closed documents compiled them (see node/termBaseCache.ts).
  const termBaseStore = () => closedFilesStore((uri) => workspace.openVersion(uri) !== undefined);
  const getService = () => (server.service ??= createLanguageService({ builtin: loadBuiltinData(), workspace, settings: (uri) => settings.of(uri).service, termBaseStore: termBaseStore() }));
  const closedWorker = new ClosedCheckWorker(() => loadBuiltinData(), (m) => connection.console.log(m)); // closed documents' thread
  const scheduler = new DiagnosticsScheduler({ connection, documents, workspace, settings, client: () => server.client, service: getService, runSafe, runSafeSync: createRunSafeSync(connection), closedWorker });
  const server: Server = {
    ...{ connection, documents, workspace, settings, scheduler, runSafe, getService, client: clientFeatures({}), locale: 'en' as Locale },
    refreshViews() {
      if (server.client.semanticTokensRefresh) Promise.resolve(connection.languages.semanticTokens.refresh() as unknown).catch(() => undefined);
      if (server.client.codeLensRefresh) Promise.resolve(connection.sendRequest('workspace/codeLens/refresh') as unknown).catch(() => undefined);
    },
  };
  registerLifecycle(server);
  registerDocumentEvents(server);
  workspace.uses = scheduler.uses;
  registerFeatureHandlers({ connection, documents, service: getService, runSafe, diagnostics: (doc) => scheduler.compute(doc), termBaseLensWalk: () => scheduler.loadSettings(workspace.conceptUris()),
    termBaseLensServed: () => scheduler.uses.served(workspace.conceptUris()),
    helpUsesWalk: () => scheduler.uses.helpWalk(workspace.conceptUris()),
  });
  // Last line of defence: a stray rejection is logged, never fatal.
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  documents.listen(connection);
  connection.listen();
  connection.console.log(`Customs Concepts language server started (${process.version}).`);
}

/** `initialize`, `initialized`, workspace folders and configuration. */
function registerLifecycle(server: Server): void {
  const { connection, workspace, settings, scheduler, runSafe } = server;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspace.folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (!workspace.folders.length && params.rootUri) workspace.folders = [URI.parse(params.rootUri).fsPath];
    else if (!workspace.folders.length && params.rootPath) workspace.folders = [params.rootPath];
    server.client = clientFeatures(params.capabilities);
    server.locale = toLocale(params.locale);
    const options = params.initializationOptions as { settings?: unknown; untrusted?: boolean } | undefined;
    workspace.untrusted = options?.untrusted === true;
    if (workspace.untrusted) connection.console.log('Restricted Mode: the workspace is not trusted; term bases, models and settings paths of the workspace are ignored.');
    settings.set(options?.settings);
    return { capabilities: serverCapabilities(server.client), serverInfo: { name: 'customs-concepts-language-server', version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev' } };
  });

  connection.onInitialized(() =>
    runSafe('initialized', undefined, async () => {
      if (server.client.configurationRequests) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION }).catch(() => undefined);
        await settings.refresh();
      }
      if (server.client.watchRegistration) {
        const watchers = Object.values(DOCUMENT_GLOBS).map((globPattern) => ({ globPattern }));
        connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
      }
      if (server.client.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => runSafe('workspace folders', undefined, async () => {
        const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
        workspace.folders = [...workspace.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => URI.parse(f.uri).fsPath)];
        await settings.foldersChanged();
        workspace.scan();
        scheduler.uses.retain(new Set(workspace.conceptUris()));
        scheduler.revalidateAll();
        server.refreshViews();
      }));
      workspace.scan();
      scheduler.revalidateAll();
    }),
  );

  connection.onDidChangeConfiguration((change) =>
    runSafe('configuration', undefined, async () => {
      await settings.refresh((change.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION]);
      scheduler.revalidateAll();
      // Use counts may change with the settings: lenses are asked for again (then stale ones are looked at again).
      server.refreshViews();
    }),
  );
}

/** Open documents and files on disk: what changed, and who must be checked again. */
function registerDocumentEvents(server: Server): void {
  const { connection, documents, workspace, settings, scheduler, runSafe } = server;
  /** A term base or a model changed: documents that read it are checked again. */
  const dependencyChanged = (uri: string, kind = documentKind(uri), delay?: number) => {
    if (kind === 'termBase' || kind === 'model' || kind === 'catalog') scheduler.revalidateDependents(uri, delay);
  };
  documents.onDidOpen((e) => runSafe('open', undefined, () => scheduler.opened(e.document)));
  documents.onDidChangeContent((e) => runSafe('change', undefined, () => {
    dependencyChanged(e.document.uri, undefined, scheduler.changed(e.document)); // dependents wait as long as it
    if (documentKind(e.document.uri) === 'termBase') server.refreshViews();
  }));
  documents.onDidClose((e) => runSafe('close', undefined, () => {
    settings.forget(e.document.uri);
    server.service?.invalidate(e.document.uri);
    scheduler.closed(e.document);
    // The file on disk may differ from the closed buffer: dependents read it again.
    dependencyChanged(e.document.uri);
  }));
  connection.onDidChangeWatchedFiles((params) =>
    runSafe('watched files', undefined, () => {
      for (const change of params.changes) {
        server.service?.invalidate(change.uri);
        const kind = documentKind(change.uri, true);
        const deleted = change.type === FileChangeType.Deleted;
        // Dependents of a deleted file are found while it is still listed; they are checked after.
        if (!deleted) workspace.update(change.uri, change.type as FileChange);
        if (kind === 'concept') {
          scheduler.uses.forget(change.uri);
          deleted ? scheduler.deleted(change.uri) : scheduler.checkClosed([change.uri]);
        }
        dependencyChanged(change.uri, kind);
        if (deleted) workspace.update(change.uri, change.type as FileChange);
      }
      server.refreshViews();
    }),
  );
}
