/**
 * The VS Code client: starts the bundled language server over IPC for concept
 * documents (`*.concept.md`, language stays `markdown`) and term bases.
 * It holds no language knowledge.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown', pattern: '**/*.concept.md' },
      { scheme: 'file', pattern: '**/*.terms.{yaml,yml}' },
    ],
    synchronize: {
      configurationSection: 'customsConcepts',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.terms.{yaml,yml}'),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration('customsConcepts') },
  };
  client = new LanguageClient('customsConcepts', 'Customs Concepts', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('customsConcepts.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
