/**
 * The authoring commands: New concept document, Insert instrument citation,
 * Adopt definition, Show uses of this term across the workspace, and the
 * walkthrough's Open example workspace. Models, instruments and skeletons come
 * from the server (`shared/overview.ts`); definitions to adopt are the
 * server's quick fixes; uses are its references.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AuthoringChoicesRequest, ConceptSkeletonRequest, type InstrumentChoice } from '../../../shared/overview';

export type ClientAccess = () => Promise<LanguageClient | undefined>;

const LANGUAGES = [
  { id: 'en', label: 'English' },
  { id: 'fr', label: 'Français' },
  { id: 'ru', label: 'Русский' },
];

/** The language new documents are written in: the setting, else VS Code's display language when we support it. */
function defaultLanguage(): string {
  const set = vscode.workspace.getConfiguration('customsConcepts').get<string>('authoring.defaultLanguage');
  if (set && set !== 'auto') return set;
  const ui = vscode.env.language.slice(0, 2);
  return LANGUAGES.some((l) => l.id === ui) ? ui : 'en';
}

function slug(text: string): string {
  // Letters of every script stay as they are (a Russian title gives a Russian file name).
  const s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'new-concept';
}

export async function newConceptDocument(access: ClientAccess, folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const client = await access();
  if (!client) return undefined;
  const choices = await client.sendRequest(AuthoringChoicesRequest, {});
  const model = await vscode.window.showQuickPick(
    choices.models.map((m) => ({ label: m.id, description: m.title, detail: m.description, model: m })),
    { title: vscode.l10n.t('New concept document (1/4): reference model'), placeHolder: vscode.l10n.t('The model whose required sections the document starts with'), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!model) return undefined;
  const preferred = defaultLanguage();
  const language = await vscode.window.showQuickPick(
    [...LANGUAGES].sort((a, b) => (a.id === preferred ? -1 : b.id === preferred ? 1 : 0)).map((l) => ({ label: l.label, description: l.id, id: l.id })),
    { title: vscode.l10n.t('New concept document (2/4): language'), placeHolder: vscode.l10n.t('The language of the document (section titles follow it)'), ignoreFocusOut: true },
  );
  if (!language) return undefined;
  const target = folder ?? (vscode.window.activeTextEditor?.document.uri.scheme === 'file' ? vscode.Uri.file(path.dirname(vscode.window.activeTextEditor.document.uri.fsPath)) : vscode.workspace.workspaceFolders?.[0]?.uri);
  if (!target) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: the new document is written into it.'));
    return undefined;
  }
  const bases = await vscode.workspace.findFiles('**/*.terms.{yaml,yml}', '**/node_modules/**', 200);
  let glossaries: string[] = [];
  if (bases.length) {
    const picked = await vscode.window.showQuickPick(
      bases.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { title: vscode.l10n.t('New concept document (3/4): term bases'), placeHolder: vscode.l10n.t('Term bases the document imports (none is fine)'), canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    glossaries = picked.map((p) => path.relative(target.fsPath, p.uri.fsPath).split(path.sep).join('/'));
  }
  const title = await vscode.window.showInputBox({
    title: vscode.l10n.t('New concept document (4/4): title'),
    prompt: vscode.l10n.t('The title of the concept; the file name is made from it'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A title is needed.')),
  });
  if (!title) return undefined;
  const concept = slug(title);
  let file = vscode.Uri.joinPath(target, `${concept}.concept.md`);
  for (let n = 2; await exists(file); n++) file = vscode.Uri.joinPath(target, `${concept}-${n}.concept.md`);
  const skeleton = await client.sendRequest(ConceptSkeletonRequest, { model: model.model.id, language: language.id, title: title.trim(), concept, glossaries });
  if ('error' in skeleton) {
    void vscode.window.showErrorMessage(skeleton.error);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(skeleton.text));
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  return file;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

let instruments: Promise<InstrumentChoice[]> | undefined;

export async function insertCitation(access: ClientAccess): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const client = await access();
  if (!client) return;
  // The catalog does not change while the server runs; a restart clears this with the client.
  instruments ??= client.sendRequest(AuthoringChoicesRequest, {}).then((c) => c.instruments);
  const list = await instruments.catch(() => ((instruments = undefined), []));
  const ui = vscode.env.language.slice(0, 2);
  const picked = await vscode.window.showQuickPick(
    list.map((i) => {
      // Titles are `name — full title`: the names of the other languages come first so they stay in view.
      const local = ui !== 'en' ? i.titles[ui] : undefined;
      const others = Object.entries(i.titles).filter(([lang]) => lang !== ui);
      const name = (t: string) => t.split(' — ')[0];
      return {
        label: `@${i.id}`,
        description: [local ?? i.title, i.year, i.superseded ? vscode.l10n.t('superseded') : ''].filter(Boolean).join(' · '),
        detail: [...others.map(([lang, t]) => `${lang}: ${name(t)}`), i.abbreviations.join(', '), ...others.map(([, t]) => t).filter((t) => t !== name(t)), local ? i.title : ''].filter(Boolean).join(' · '),
        instrument: i,
      };
    }),
    { title: vscode.l10n.t('Insert instrument citation'), placeHolder: vscode.l10n.t('Search by id, abbreviation or title (English, French, Russian)'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  let text = `@${picked.instrument.id}`;
  if (picked.instrument.locators.length) {
    const none = { label: vscode.l10n.t('No locator'), locator: '' };
    const locator = await vscode.window.showQuickPick(
      [none, ...picked.instrument.locators.map((l) => ({ label: l.split(' — ')[0], description: l.split(' — ')[1], locator: l.split(' — ')[0] }))],
      { title: vscode.l10n.t('Locator in {0}', `@${picked.instrument.id}`), matchOnDescription: true },
    );
    if (!locator) return;
    if (locator.locator) text = `[@${picked.instrument.id}, ${locator.locator}]`;
  }
  await editor.edit((b) => {
    for (const s of editor.selections) b.replace(s, text);
  });
}

/** The server's quick fixes that give the term under the cursor a definition (define, import, adopt). */
export async function adoptDefinition(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const at = editor.selection.active;
  const isUndefinedTerm = (d: vscode.Diagnostic) => d.code === 'undefined-term' || (typeof d.code === 'object' && d.code?.value === 'undefined-term');
  const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.range.contains(at) && isUndefinedTerm(d));
  // The actions asked for on the diagnostic's own range are those of that diagnostic alone
  // (`vscode.executeCodeActionProvider` does not return the diagnostics an action fixes).
  const actions = diagnostic ? ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? []) : [];
  const suppresses = (a: vscode.CodeAction) => a.edit!.entries().some(([, edits]) => edits.some((e) => e.newText.includes('customs-concepts-disable')));
  const adopt = actions.filter((a) => a.edit && !suppresses(a));
  if (!adopt.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cursor is not on a term used without definition.'));
    return;
  }
  const picked = adopt.length === 1 ? { action: adopt[0] } : await vscode.window.showQuickPick(adopt.map((action) => ({ label: action.title, action })), { title: vscode.l10n.t('Adopt definition') });
  if (!picked) return;
  await vscode.workspace.applyEdit(picked.action.edit!);
  if (picked.action.command) await vscode.commands.executeCommand(picked.action.command.command, ...(picked.action.command.arguments ?? []));
}

/** Every use of the term at a position, across the workspace, in the references view. */
export async function showTermUses(uri?: vscode.Uri, position?: vscode.Position): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  const at = position ?? editor?.selection.active;
  if (!target || !at) return;
  const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, at)) ?? [];
  if (!locations.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No term at the cursor, or no use of it in the workspace.'));
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
}

/** Copies the example workspace shipped with the extension into a folder the user picks, and opens it. */
export async function openExampleWorkspace(extensionUri: vscode.Uri): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Copy the examples here') });
  if (!picked?.[0]) return;
  const dest = vscode.Uri.joinPath(picked[0], 'customs-concepts-examples');
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'examples'), dest, { overwrite: false });
  await vscode.commands.executeCommand('vscode.openFolder', dest, { forceNewWindow: false });
}
