/**
 * Commands that exchange term bases with other tools: *Export Term Base…*
 * (TBX, SKOS, CSV) and *Import Term Base…* (into a new `*.terms.yaml`). Both run
 * the bundled CLI, so the editor and the command line give the same files and
 * the same messages.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportArgs, formatOfFile, importArgs, runCli, TERM_FORMATS } from './runCli';

async function pickTermBase(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (uri) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.terms\.ya?ml$/.test(active.fsPath)) return active;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Export', filters: { 'Term bases': ['yaml', 'yml'] } });
  return picked?.[0];
}

/** Registers the term import and export commands. */
export function registerInterchangeCommands(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const report = (what: string, run: { code: number; stderr: string }) => {
    if (run.stderr) output.append(run.stderr);
    if (run.code === 0) return true;
    const first = run.stderr.split('\n').find((l) => l.trim()) ?? `exit code ${run.code}`;
    // Not awaited: the command ends while the message waits for the user.
    void vscode.window.showErrorMessage(`${what}: ${first}`, 'Show Output').then((choice) => choice && output.show(true));
    return false;
  };
  // From the explorer's context menu the second argument is the list of selected files, not a format.
  const formatArg = (f: unknown) => TERM_FORMATS.find((x) => typeof f === 'string' && x.id === f);
  context.subscriptions.push(
    // Called with (term base, format, target) it asks nothing: for keybindings, tasks and tests.
    vscode.commands.registerCommand('customsConcepts.exportTerms', async (uri?: vscode.Uri, formatId?: unknown, targetUri?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const source = await pickTermBase(uri);
      if (!source) return;
      const format = formatArg(formatId) ?? (await vscode.window.showQuickPick(TERM_FORMATS.map((f) => ({ ...f, description: f.extension })), { placeHolder: 'Export the term base as' }));
      if (!format) return;
      const target = targetUri ?? (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(source.fsPath.replace(/\.terms\.ya?ml$|\.ya?ml$/, '') + '.' + format.extension),
        filters: { [format.label]: [format.extension] },
      }));
      if (!target) return;
      const run = await runCli(cli, exportArgs(source.fsPath, format.id, target.fsPath), path.dirname(source.fsPath));
      if (!report('Export failed', run)) return;
      void vscode.window.showInformationMessage(`Exported ${path.basename(source.fsPath)} as ${format.label} to ${path.basename(target.fsPath)}.`);
      return target;
    }),
    vscode.commands.registerCommand('customsConcepts.importTerms', async (uri?: vscode.Uri, formatId?: unknown, targetUri?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const source =
        uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'TBX, SKOS Turtle or CSV': ['tbx', 'xml', 'ttl', 'csv'] } }))?.[0];
      if (!source) return;
      const format = formatArg(formatId) ?? formatOfFile(source.fsPath) ?? (await vscode.window.showQuickPick(TERM_FORMATS.map((f) => ({ ...f })), { placeHolder: 'The file is in' }));
      if (!format) return;
      const target = targetUri ?? (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(source.fsPath.replace(/\.[^./\\]+$/, '') + '.terms.yaml'),
        filters: { 'Term base': ['terms.yaml'] },
      }));
      if (!target) return;
      const out = /\.terms\.ya?ml$/.test(target.fsPath) ? target.fsPath : target.fsPath.replace(/(\.ya?ml)?$/, '.terms.yaml');
      const run = await runCli(cli, importArgs(source.fsPath, format.id, out), path.dirname(source.fsPath));
      if (!report('Import failed', run)) return;
      await vscode.window.showTextDocument(vscode.Uri.file(out));
      return vscode.Uri.file(out);
    }),
  );
}
