/**
 * The preview contribution and the export commands of the VS Code client.
 * `registerPreviewAndExport` returns what `activate` hands to the Markdown
 * extension (`extendMarkdownIt`); the language knowledge lives in
 * `dist/preview.js` (loaded on the first preview) and in the CLI, which the
 * export commands run as a process (`dist/cli.js export`).
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { PreviewHost } from './previewHost';

export const EXPORT_HTML_COMMAND = 'customsConcepts.exportHtml';
export const EXPORT_PDF_COMMAND = 'customsConcepts.exportPdf';

function isConcept(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && uri.scheme === 'file' && /\.concept\.md$/i.test(uri.path);
}

export function registerPreviewAndExport(context: vscode.ExtensionContext): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  let host: PreviewHost | undefined;
  const getHost = (): PreviewHost => {
    if (!host) {
      const { createPreviewHost } = require(context.asAbsolutePath(path.join('dist', 'preview.js'))) as typeof import('./previewHost');
      host = createPreviewHost({
        dataDir: context.asAbsolutePath(path.join('server', 'data')),
        folders: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
        trusted: () => vscode.workspace.isTrusted,
        termBases: () => vscode.workspace.getConfiguration('customsConcepts').get<string[]>('termBases') ?? [],
        language: vscode.env.language,
        documentFor: (src) => vscode.workspace.textDocuments.find((d) => isConcept(d.uri) && d.getText() === src)?.uri.toString(),
      });
    }
    return host;
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{terms.yaml,terms.yml,model.yaml,model.yml}');
  const changed = () => {
    host?.filesChanged();
    void vscode.commands.executeCommand('markdown.preview.refresh');
  };
  context.subscriptions.push(
    watcher,
    watcher.onDidChange(changed),
    watcher.onDidCreate(changed),
    watcher.onDidDelete(changed),
    vscode.workspace.onDidGrantWorkspaceTrust(changed),
    vscode.commands.registerCommand(EXPORT_HTML_COMMAND, (uri?: vscode.Uri) => exportConcept(context, 'html', uri, host)),
    vscode.commands.registerCommand(EXPORT_PDF_COMMAND, (uri?: vscode.Uri) => exportConcept(context, 'pdf', uri, host)),
  );
  return { extendMarkdownIt: (md) => getHost().extendMarkdownIt(md) };
}

/** The document to export: the one given (explorer, editor title), the active editor's, or the one the preview shows. */
function target(uri: unknown, host: PreviewHost | undefined): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri && isConcept(uri)) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (isConcept(active)) return active;
  const shown = host?.lastRendered();
  if (shown) {
    const u = vscode.Uri.parse(shown);
    if (isConcept(u)) return u;
  }
  return vscode.window.visibleTextEditors.map((e) => e.document.uri).find(isConcept);
}

/** Runs `customs-concepts export` on the document (saved first) and reports where the file went. */
export async function exportConcept(context: vscode.ExtensionContext, format: 'html' | 'pdf', uri?: unknown, host?: PreviewHost): Promise<string | undefined> {
  const doc = target(uri, host);
  if (!doc) {
    void vscode.window.showErrorMessage('Customs Concepts: open a concept document (*.concept.md) to export it.');
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Customs Concepts: export reads the workspace’s term bases and models; trust this workspace to export.');
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.toString());
  if (open?.isDirty) await open.save();
  const out = doc.fsPath.replace(/(\.concept)?\.md$/i, '') + '.' + format;
  const args = ['export', doc.fsPath, '--format', format, '--out', out];
  const browser = vscode.workspace.getConfiguration('customsConcepts', doc).get<string>('export.browser');
  if (format === 'pdf' && browser) args.push('--browser', browser);
  const folder = vscode.workspace.getWorkspaceFolder(doc)?.uri.fsPath ?? path.dirname(doc.fsPath);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${path.basename(doc.fsPath)} to ${format.toUpperCase()}…` }, () =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = fork(context.asAbsolutePath(path.join('dist', 'cli.js')), args, { cwd: folder, silent: true });
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr += String(d)));
      child.on('error', (e) => resolve({ code: -1, stderr: e.message }));
      child.on('exit', (code) => resolve({ code, stderr }));
    }),
  );
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Customs Concepts: ${result.stderr.trim() || `export failed (exit code ${result.code}).`}`);
    return undefined;
  }
  const reveal = 'Reveal';
  void vscode.window.showInformationMessage(`Customs Concepts: ${result.stderr.trim().split('\n').pop()} (${out})`, reveal).then((c) => {
    if (c === reveal) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(out));
  });
  return out;
}
