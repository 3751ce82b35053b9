/**
 * The requests of the language features: each asks the language service about
 * an open document (or the workspace) inside `runSafe`, with the request's
 * cancellation token.
 *
 * To add a request: write the feature in the core, then one line here:
 * `connection.onX((p, token) => withDoc('x', fallback, p.textDocument.uri, token, (d) => service().x(d, …)))`
 * (a custom request: `connection.onRequest(NAME, …)`, its name and types declared in `shared/protocol.ts`).
 */
import { CancellationToken, DocumentDiagnosticReportKind, ErrorCodes, ResponseError, type Connection, type Diagnostic, type DocumentDiagnosticReport, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Cancelled, isTermLensData, type LanguageService, type RenameRefusal } from '../core/index';
import type { RunSafe } from './runSafe';
import { registerAuthoring } from '../authoring';
import { PullReports } from './pullReports';

export interface HandlerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: () => LanguageService;
  runSafe: RunSafe;
  /** Pull diagnostics of a document (its settings loaded first). */
  diagnostics: (doc: TextDocument) => Promise<Diagnostic[]>;
  /** Before a term base's lens walks the workspace: the settings of closed documents not known yet are asked for. */
  termBaseLensWalk?: () => Promise<void>;
  /** A term base's code lens was answered (from the known uses of closed documents, which may be stale). */
  termBaseLensServed?: () => void;
  /**
   * While this thread walks the closed documents whose uses are not known, another looks at them from the far end
   * (the worker for closed documents); stopped when the walk ends.
   */
  helpUsesWalk?: () => { stop(): void };
}

const refused = <T extends object>(r: T | RenameRefusal) => ('error' in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r);

export function registerFeatureHandlers({ connection, documents, service, runSafe, diagnostics, termBaseLensWalk, termBaseLensServed, helpUsesWalk }: HandlerDeps): void {
  // The custom requests of guided authoring (shared/overview.ts).
  registerAuthoring(connection, { service, document: (uri) => documents.get(uri), runSafe });
  /** Runs `fn` on an open document; a document the server does not have gets the fallback. */
  const withDoc = <T>(what: string, fallback: T, uri: string, token: CancellationToken, fn: (doc: TextDocument) => T | Promise<T>) =>
    runSafe(what, fallback, () => {
      const doc = documents.get(uri);
      return doc ? fn(doc) : fallback;
    }, token);

  /**
   * Before a workspace-wide feature: the workspace's documents parsed or analysed one at a time,
   * the event loop turning between them, so a cancellation arrives and stops the request there.
   */
  const prepared = async (stage: 'parse' | 'analyse' | 'uses', token: CancellationToken) => {
    for (const _ of service().prepareWorkspace(stage, token)) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  /**
   * The walk of the closed documents whose uses are not known, shared by the resolves of a term base's lenses. An
   * editor resolves the ~50 lenses it shows at once, and with a walk each, every turn of the event loop analysed ~50
   * documents: a hover sent meanwhile waited for the whole walk (6.1–6.6 s in the benchmark's 1,000-document
   * workspace; ~20 ms now). A resolve that is cancelled stops waiting; the walk goes on for the others, and what it
   * finds is kept.
   */
  let usesWalk: Promise<void> | undefined;
  const usesWalked = (token: CancellationToken) => {
    usesWalk ??= (async () => {
      const help = helpUsesWalk?.();
      try {
        await prepared('uses', CancellationToken.None);
      } finally {
        help?.stop();
      }
    })().finally(() => {
      usesWalk = undefined;
    });
    return untilCancelled(usesWalk, token);
  };

  // A pulled report is `unchanged` when the document's diagnostics are those of the client's last report (`pullReports.ts`).
  const reports = new PullReports();
  documents.onDidClose((e) => reports.forget(e.document.uri));
  connection.languages.diagnostics.on((p, token) =>
    withDoc<DocumentDiagnosticReport>('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, p.textDocument.uri, token, async (d) => {
      const items = await diagnostics(d);
      return reports.report(d.uri, p.previousResultId, items, documents.get(d.uri) !== undefined);
    }),
  );
  connection.onHover((p, token) => withDoc('hover', null, p.textDocument.uri, token, (d) => service().getHover(d, p.position)));
  connection.onCompletion((p, token) => withDoc('completion', { isIncomplete: false, items: [] }, p.textDocument.uri, token, (d) => service().getCompletions(d, p.position)));
  connection.onCompletionResolve((item, token) => runSafe('completion resolve', item, () => service().resolveCompletion(item), token));
  connection.onDefinition((p, token) => withDoc('definition', [], p.textDocument.uri, token, (d) => service().findDefinition(d, p.position, token)));
  connection.onReferences((p, token) => withDoc('references', [], p.textDocument.uri, token, async (d) => (await prepared('analyse', token), service().findReferences(d, p.position, p.context.includeDeclaration, token))));
  connection.onPrepareRename((p, token) => withDoc('prepare rename', null, p.textDocument.uri, token, (d) => refused(service().prepareRename(d, p.position, token))));
  connection.onRenameRequest((p, token) => withDoc('rename', null, p.textDocument.uri, token, async (d) => (await prepared('analyse', token), refused(service().getRenameEdits(d, p.position, p.newName, token)))));
  connection.onCodeAction((p, token) => withDoc('code action', [], p.textDocument.uri, token, (d) => service().getCodeActions(d, p.range, p.context, token)));
  connection.onDocumentSymbol((p, token) => withDoc('document symbols', [], p.textDocument.uri, token, (d) => service().getDocumentSymbols(d)));
  connection.onWorkspaceSymbol((p, token) => runSafe('workspace symbols', [], async () => (await prepared('parse', token), service().getWorkspaceSymbols(p.query, token)), token));
  connection.languages.semanticTokens.on((p, token) => withDoc('semantic tokens', { data: [] }, p.textDocument.uri, token, (d) => service().getSemanticTokens(d)));
  connection.onFoldingRanges((p, token) => withDoc('folding', [], p.textDocument.uri, token, (d) => service().getFoldingRanges(d)));
  // A concept document's lenses count only its own uses; a term base's come unresolved. Neither walks the workspace.
  connection.onCodeLens((p, token) => withDoc('code lens', [], p.textDocument.uri, token, (d) => service().getCodeLenses(d, token)));
  // A term base's lens counts its entry's uses in every concept document: a closed one whose uses are known is
  // counted from those (the first time, it is analysed here).
  connection.onCodeLensResolve((lens, token) =>
    runSafe('code lens resolve', lens, async () => {
      if (lens.command || !isTermLensData(lens.data)) return lens;
      await termBaseLensWalk?.();
      await usesWalked(token);
      const resolved = service().resolveCodeLens(lens, token);
      termBaseLensServed?.();
      return resolved;
    }, token),
  );
  connection.onDocumentLinks((p, token) => withDoc('document links', [], p.textDocument.uri, token, (d) => service().getDocumentLinks(d)));
}

/** Waits for `p`, or rejects with `Cancelled` as soon as `token` is cancelled. */
function untilCancelled(p: Promise<void>, token: CancellationToken): Promise<void> {
  if (token.isCancellationRequested) return Promise.reject(new Cancelled());
  return new Promise<void>((resolve, reject) => {
    const sub = token.onCancellationRequested(() => reject(new Cancelled()));
    p.then(resolve, reject).finally(() => sub.dispose());
  });
}
