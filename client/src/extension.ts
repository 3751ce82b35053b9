/**
 * The VS Code client: starts the bundled language server over IPC for concept
 * documents (`*.concept.md`, language stays `markdown`) and term bases
 * (`*.terms.yaml`), and shows its state in the status bar.
 * It holds no language knowledge.
 *
 * Activation: VS Code has no activation event for a file name pattern, so the
 * extension activates on `workspaceContains` for our files and on the
 * `markdown` and `yaml` languages (a loose concept document opened without a
 * workspace must work too). Activating only loads this small module: the
 * language server process starts the first time a concept document or a term
 * base is open, or when the workspace contains one.
 *
 * Workspace trust: in Restricted Mode the server is told `untrusted: true` in
 * its initialization options and then checks against its built-in data only;
 * when the user trusts the workspace, the server restarts with full access.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentKind, DOCUMENT_GLOBS, DOCUMENT_SUFFIXES } from '../../shared/documents';
import { COMMANDS, type ShowReferencesArgs } from '../../shared/protocol';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreviewAndExport } from './preview/register';
import { registerAuthoring } from './authoring/index';
import { registerInterchangeCommands } from './interchangeCommands';

const CONCEPT_GLOB = DOCUMENT_GLOBS.concept;
const TERM_BASE_GLOB = DOCUMENT_GLOBS.termBase;
const MODEL_GLOB = DOCUMENT_GLOBS.model;
const CATALOG_GLOB = DOCUMENT_GLOBS.catalog;
const WATCH_GLOB = `**/*.{${Object.values(DOCUMENT_SUFFIXES).flat().map((s) => s.slice(1)).join(',')}}`;

let client: LanguageClient | undefined;

let statusItem: vscode.StatusBarItem | undefined;

/** Whether a document is one the server checks: a concept document or a term base. */
function isOurs(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file') return false;
  return documentKind(doc.uri.path, true) !== 'other';
}

/** Returns the Markdown preview's plugin (`extendMarkdownIt`) to VS Code's Markdown extension. */
export async function activate(context: vscode.ExtensionContext): Promise<ReturnType<typeof registerPreviewAndExport>> {
  const preview = registerPreviewAndExport(context);
  await activateClient(context);
  return preview;
}

async function activateClient(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Customs Concepts');
  statusItem = vscode.window.createStatusBarItem('customsConcepts.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'Customs Concepts';
  statusItem.command = COMMANDS.showOutput;
  context.subscriptions.push(output, statusItem);
  registerInterchangeCommands(context, output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // stdio: the server writes its diagnostics from their kept JSON there (lsp/messageEncoder.ts). Run: loaded with
    // V8's code cache (server-start.js, server/src/node/serverStart.ts); debug: as it is, for the inspector.
    run: { module: context.asAbsolutePath(path.join('dist', 'server-start.js')), transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown', pattern: CONCEPT_GLOB },
      { scheme: 'file', pattern: TERM_BASE_GLOB },
      { scheme: 'file', pattern: MODEL_GLOB },
      { scheme: 'file', pattern: CATALOG_GLOB },
    ],
    synchronize: {
      configurationSection: 'customsConcepts',
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCH_GLOB),
    },
    // A function, so that every (re)start reads the current settings and trust.
    initializationOptions: () => ({
      settings: vscode.workspace.getConfiguration('customsConcepts'),
      untrusted: !vscode.workspace.isTrusted,
    }),
    outputChannel: output,
  };
  // The id `customsConcepts` makes vscode-languageclient honour `customsConcepts.trace.server`.
  const languageClient = new LanguageClient('customsConcepts', 'Customs Concepts', serverOptions, clientOptions);
  context.subscriptions.push(languageClient.onDidChangeState(() => updateStatus(languageClient)));

  let started: Promise<void> | undefined;
  const start = (): Promise<void> => {
    started ??= (async () => {
      client = languageClient;
      updateStatus(languageClient);
      try {
        await languageClient.start();
      } catch (e) {
        output.appendLine(`The language server could not start: ${e instanceof Error ? e.message : String(e)}`);
        updateStatus(languageClient);
      }
    })();
    return started;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    // The server's code lens ("3 uses") sends LSP locations; VS Code's references view takes its own types.
    vscode.commands.registerCommand(COMMANDS.showReferences, (...[uri, at, locations]: ShowReferencesArgs) =>
      vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        new vscode.Position(at.line, at.character),
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character))),
      ),
    ),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      if (!client) return start();
      output.appendLine('Restarting the language server.');
      await client.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      output.appendLine('The workspace is now trusted: restarting the language server with workspace term bases.');
      await client.restart();
    }),
  );

  registerAuthoring(context, () => client, start);

  if (vscode.workspace.textDocuments.some(isOurs)) {
    await start();
    return;
  }
  // Start as soon as one of our files is opened; meanwhile look for one in the workspace.
  const onOpen = vscode.workspace.onDidOpenTextDocument((doc) => {
    if (isOurs(doc)) {
      onOpen.dispose();
      void start();
    }
  });
  context.subscriptions.push(onOpen);
  const found = await vscode.workspace.findFiles(`{${CONCEPT_GLOB},${TERM_BASE_GLOB}}`, '**/node_modules/**', 1);
  if (found.length) {
    onOpen.dispose();
    await start();
  }
}

function updateStatus(languageClient: LanguageClient): void {
  if (!statusItem) return;
  const restricted = !vscode.workspace.isTrusted;
  const tooltip = new vscode.MarkdownString(undefined, true);
  let icon: string;
  switch (languageClient.state) {
    case State.Starting:
      icon = '$(sync~spin)';
      tooltip.appendMarkdown('Customs Concepts: the language server is starting.');
      statusItem.backgroundColor = undefined;
      break;
    case State.Running:
      icon = restricted ? '$(shield)' : '$(check)';
      tooltip.appendMarkdown('Customs Concepts: the language server is running.');
      statusItem.backgroundColor = undefined;
      break;
    default:
      icon = '$(error)';
      tooltip.appendMarkdown('Customs Concepts: the language server is stopped. Run **Customs Concepts: Restart Language Server** to start it again.');
      statusItem.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }
  if (restricted) {
    tooltip.appendMarkdown('\n\nRestricted Mode: documents are checked against the built-in WCO data only; workspace term bases and `customsConcepts.termBases` are not read until you trust this workspace.');
  }
  tooltip.appendMarkdown('\n\nClick to show the output.');
  statusItem.text = `${icon} Customs Concepts`;
  statusItem.tooltip = tooltip;
  statusItem.show();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop();
}
