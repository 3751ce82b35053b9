/**
 * Guided authoring in VS Code: the concept overview view, the coverage item in
 * the status bar, and the authoring commands. Registered with one call from
 * `extension.ts`; everything it shows comes from the language server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConceptOverviewRequest, type ConceptOverview, type OverviewSection } from '../../../shared/overview';
import { adoptDefinition, insertCitation, newConceptDocument, openExampleWorkspace, showTermUses, type ClientAccess } from './commands';
import { OverviewTreeProvider, toRange, type OverviewNode } from './overviewTree';

export const OVERVIEW_VIEW = 'customsConcepts.overview';

function isConcept(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.uri.scheme === 'file' && path.basename(doc.uri.path).toLowerCase().endsWith('.concept.md');
}

/**
 * `client()`: the language client once started (undefined before); `start()`
 * starts it, for commands run before any concept document was opened.
 */
export function registerAuthoring(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, start: () => Promise<void>): void {
  const access: ClientAccess = async () => {
    if (!client()) await start();
    const c = client();
    if (!c?.isRunning()) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The Customs Concepts language server is not running.'));
      return undefined;
    }
    return c;
  };
  const tree = new OverviewTreeProvider();
  const view = vscode.window.createTreeView(OVERVIEW_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('customsConcepts.coverage', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('Concept coverage');
  status.command = 'customsConcepts.showOverview';
  context.subscriptions.push(view, status);

  let pending: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const refresh = async () => {
    const doc = vscode.window.activeTextEditor?.document;
    const ticket = ++generation;
    const c = client();
    if (!isConcept(doc) || !c?.isRunning()) {
      // Another editor (the output, a settings page) keeps the last concept's overview.
      if (!isConcept(doc) && vscode.window.activeTextEditor) show(null);
      return;
    }
    const overview = await c.sendRequest(ConceptOverviewRequest, { textDocument: { uri: c.code2ProtocolConverter.asUri(doc.uri) } }).catch(() => null);
    if (ticket === generation) show(overview);
  };
  const schedule = (delay = 250) => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void refresh(), delay);
  };
  const show = (o: ConceptOverview | null) => {
    tree.set(o);
    void vscode.commands.executeCommand('setContext', 'customsConcepts.overviewShown', !!o);
    // With nothing to show, the view's welcome content (package.json `viewsWelcome`) explains what to open.
    view.description = o?.title;
    if (!o || !vscode.workspace.getConfiguration('customsConcepts').get<boolean>('authoring.statusBar', true)) {
      status.hide();
      return;
    }
    const c = o.coverage;
    status.text = `$(checklist) ${c.sectionsPresent}/${c.sectionsRequired} · $(symbol-key) ${c.termsDefined}/${c.termsUsed} · $(error) ${c.errors} $(warning) ${c.warnings}`;
    status.tooltip = new vscode.MarkdownString(
      [
        `**${o.title ?? path.basename(vscode.Uri.parse(o.uri).path)}**`,
        '',
        `- ${vscode.l10n.t('Sections: {0} of {1} required present', c.sectionsPresent, c.sectionsRequired)}`,
        `- ${vscode.l10n.t('Terms: {0} of {1} used terms defined', c.termsDefined, c.termsUsed)}`,
        `- ${vscode.l10n.t('Problems: {0} errors, {1} warnings', c.errors, c.warnings)}`,
        '',
        vscode.l10n.t('Click to open the concept overview.'),
      ].join('\n'),
    );
    status.accessibilityInformation = { label: vscode.l10n.t('Concept coverage: {0} of {1} sections, {2} of {3} terms defined', c.sectionsPresent, c.sectionsRequired, c.termsDefined, c.termsUsed) };
    status.show();
  };
  show(null);

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    // The server publishes diagnostics after each check: the overview follows the same rhythm.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) schedule();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document && isConcept(e.document)) schedule(600);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('customsConcepts')) schedule(0);
    }),
    view.onDidChangeVisibility(() => schedule(0)),
    vscode.commands.registerCommand('customsConcepts.showOverview', async () => {
      await vscode.commands.executeCommand(`${OVERVIEW_VIEW}.focus`);
      schedule(0);
    }),
    vscode.commands.registerCommand('customsConcepts.refreshOverview', () => refresh()),
    vscode.commands.registerCommand('customsConcepts.addSection', async (node?: OverviewNode) => {
      const section: OverviewSection | undefined = node?.kind === 'section' ? node.section : undefined;
      const c = client();
      if (!section?.add || !c) return;
      const edit = await c.protocol2CodeConverter.asWorkspaceEdit(section.add);
      if (await vscode.workspace.applyEdit(edit)) {
        const uri = vscode.Uri.parse(tree.current?.uri ?? '');
        const change = section.add.changes?.[tree.current?.uri ?? '']?.[0];
        if (change) await vscode.window.showTextDocument(uri, { selection: toRange(change.range) });
      }
    }),
    vscode.commands.registerCommand('customsConcepts.newConcept', (folder?: vscode.Uri) => newConceptDocument(access, folder instanceof vscode.Uri ? folder : undefined)),
    vscode.commands.registerCommand('customsConcepts.insertCitation', () => insertCitation(access)),
    vscode.commands.registerCommand('customsConcepts.adoptDefinition', () => adoptDefinition()),
    vscode.commands.registerCommand('customsConcepts.showTermUses', async (node?: OverviewNode) => {
      // From the view: the term's first use in the document (or its definition there); from the editor: the cursor.
      const o = tree.current;
      if (node?.kind === 'term' && o) {
        const t = node.term;
        const inDoc = t.firstUse ?? (t.definition?.uri === o.uri ? t.definition.range : undefined);
        if (inDoc) return showTermUses(vscode.Uri.parse(o.uri), toRange(inDoc).start);
        if (t.definition) return showTermUses(vscode.Uri.parse(t.definition.uri), toRange(t.definition.range).start);
        return;
      }
      return showTermUses();
    }),
    vscode.commands.registerCommand('customsConcepts.openExampleWorkspace', () => openExampleWorkspace(context.extensionUri)),
  );
  schedule(0);
}
