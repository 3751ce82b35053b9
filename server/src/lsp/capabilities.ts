/**
 * What the server offers (`InitializeResult.capabilities`) and what it learns of
 * the client at `initialize`.
 */
import { TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver';
import { SEMANTIC_TOKENS_LEGEND } from '../core/index';

/** What the server does differently depending on the client. */
export interface ClientFeatures {
  /** The client pulls diagnostics (`textDocument/diagnostic`); the server does not push them. */
  pullDiagnostics: boolean;
  /** The client answers `workspace/configuration`: settings are fetched, per document. */
  configurationRequests: boolean;
  watchRegistration: boolean;
  /** The client can be asked to pull diagnostics again. */
  diagnosticRefresh: boolean;
  semanticTokensRefresh: boolean;
  codeLensRefresh: boolean;
  workspaceFolders: boolean;
}

export function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    configurationRequests: !!caps.workspace?.configuration,
    watchRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    semanticTokensRefresh: !!caps.workspace?.semanticTokens?.refreshSupport,
    codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
  };
}

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  return {
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
    codeLensProvider: { resolveProvider: true },
    documentLinkProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    ...(client.pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
  };
}
