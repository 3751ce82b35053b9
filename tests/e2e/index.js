// Extension-host tests: they run inside a real VS Code extension host with the full
// `vscode` API, loaded as `extensionTestsPath` either by @vscode/test-electron
// (tests/editors/vscode-electron.mjs, desktop VS Code) or by code-server's smoke-test
// driver (tests/editors/vscode-host.mjs). The workspace folder is examples/.
//
// No test framework: each check prints "ok - …" or "not ok - …", and run() rejects if
// any failed, which makes the host exit non-zero. Everything the server computes is
// polled for until a deadline, never waited for with a fixed sleep.
'use strict';

const vscode = require('vscode');

const EXTENSION_ID = 'customs-concepts.customs-concepts';
const EXAMPLE = 'eeu-digital-customs.concept.md';
const DEADLINE_MS = 20000;

/** Polls `fn` until it returns a truthy value or the deadline passes; returns the last value. */
async function poll(fn, ms = DEADLINE_MS) {
  const end = Date.now() + ms;
  let value;
  for (;;) {
    value = await fn();
    if (value || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
const rangeOf = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'customs-concepts');
const describe = (uri) => ours(uri).map((d) => `${codeOf(d)} ${rangeOf(d.range)}`);
const hoverText = (hovers) =>
  (hovers || []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

async function run() {
  const results = [];
  const log = (line) => console.log(line);
  async function test(name, fn) {
    const t0 = Date.now();
    try {
      const note = await fn();
      results.push(true);
      log(`ok - ${name} (${Date.now() - t0} ms)${note ? ` # ${note}` : ''}`);
    } catch (e) {
      results.push(false);
      log(`not ok - ${name} (${Date.now() - t0} ms): ${e && e.message ? e.message : e}`);
    }
  }
  const assert = (ok, message) => {
    if (!ok) throw new Error(message);
  };

  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder: open examples/ as the workspace');
  const uri = vscode.Uri.joinPath(folder.uri, EXAMPLE);
  const stable = [
    'undefined-term 28:8-28:26', // «electronic customs»: the text between the guillemets
    'undefined-term 28:38-28:50', // «smart border»
    'unknown-instrument 38:55-38:69', // @wco-datamodel
  ];
  let editor;

  await test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert(ext, `${EXTENSION_ID} is not installed`);
    // It activates by itself (workspaceContains:**/*.concept.md); wait for that.
    const active = await poll(() => ext.isActive);
    assert(active, 'not active');
    const commands = await vscode.commands.getCommands(true);
    assert(commands.includes('customsConcepts.restartServer') && commands.includes('customsConcepts.showOutput'), 'commands missing');
  });

  await test('the settings are declared with their defaults', async () => {
    const c = vscode.workspace.getConfiguration('customsConcepts');
    const defaults = {
      'trace.server': 'off',
      'diagnostics.implicitUse': 'warning',
      'diagnostics.unusedDefinition': 'hint',
      'diagnostics.debounceMs': 150,
    };
    for (const [key, value] of Object.entries(defaults)) {
      const got = c.inspect(key) && c.inspect(key).defaultValue;
      assert(got === value, `customsConcepts.${key}: default ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
    }
    assert(Array.isArray(c.get('termBases')), 'customsConcepts.termBases is not an array');
  });

  await test('the example opens as markdown', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc);
    assert(doc.languageId === 'markdown', `languageId ${doc.languageId}`);
  });

  await test('diagnostics on the example: codes and ranges', async () => {
    const t0 = Date.now();
    const got = await poll(() => stable.every((s) => describe(uri).includes(s)));
    assert(got, `expected ${stable.join(', ')}; got ${describe(uri).join(', ')}`);
    const error = ours(uri).find((d) => codeOf(d) === 'undefined-term' && d.range.start.line === 28 && d.range.start.character === 8);
    assert(error.severity === vscode.DiagnosticSeverity.Error, `«electronic customs» severity ${error.severity}`);
    return `after ${Date.now() - t0} ms`;
  });

  await test('hover on «digital customs» shows its definition', async () => {
    const text = await poll(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(32, 10)));
      return t.includes('organisation of customs administration') && t;
    });
    assert(text, 'no hover with the definition');
  });

  await test('completion after @ offers instrument ids', async () => {
    const labels = await poll(async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(33, 5), '@');
      const l = ((list && list.items) || []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return ['rkc', 'safe-fos', 'wco-dm'].every((x) => l.includes(x)) && l;
    });
    assert(labels, 'rkc, safe-fos or wco-dm missing');
    return `${labels.length} items`;
  });

  await test('an edit updates the diagnostics', async () => {
    const doc = editor.document;
    const line = doc.lineCount;
    const ok = await editor.edit((b) => b.insert(new vscode.Position(line - 1, doc.lineAt(line - 1).text.length), '\nA «quantum customs» is not defined.'));
    assert(ok, 'the edit was not applied');
    const expected = `undefined-term ${line}:3-${line}:18`;
    const got = await poll(() => describe(uri).includes(expected));
    assert(got, `expected ${expected}; got ${describe(uri).join(', ')}`);
    // Take the edit back; the document is never saved.
    await editor.edit((b) => b.delete(new vscode.Range(line - 1, doc.lineAt(line - 1).text.length, doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length)));
    const gone = await poll(() => !describe(uri).includes(expected));
    assert(gone, `${expected} is still reported after the edit was taken back`);
    assert(!doc.isDirty || (await poll(async () => { await vscode.commands.executeCommand('workbench.action.files.revert'); return !doc.isDirty; }, 5000)), 'document still dirty');
  });

  await test('a quick fix for an undefined term, once the server offers one', async () => {
    const d = ours(uri).find((x) => codeOf(x) === 'undefined-term' && x.range.start.line === 28 && x.range.start.character === 38);
    assert(d, '«smart border» diagnostic missing');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) || [];
    const fixes = actions.filter(
      (a) => (a.diagnostics || []).some((x) => codeOf(x) === 'undefined-term') || (a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)),
    );
    if (!fixes.length) return 'SKIP: the server offers no quick fix for undefined-term yet';
    assert(fixes.every((a) => a.title), 'a quick fix without a title');
    assert(fixes.some((a) => a.edit || a.command), 'no quick fix has an edit or a command');
    return fixes.map((a) => a.title).join(' | ');
  });

  await test('renaming «digital customs», once the server offers it', async () => {
    let edit;
    try {
      edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, new vscode.Position(32, 10), 'digital customs administration system');
    } catch (e) {
      return `SKIP: no rename (${e && e.message ? e.message.split('\n')[0] : e})`;
    }
    if (!edit || !edit.size) return 'SKIP: the server offers no rename yet';
    const here = edit.get(uri);
    // The definition key in front matter and the uses on lines 27 and 33 (0-based 8, 26, 32).
    const lines = new Set(here.map((e) => e.range.start.line));
    assert([26, 32].every((l) => lines.has(l)), `rename edits lines ${[...lines].join(', ')}`);
    assert(here.every((e) => e.newText.includes('digital customs administration system')), 'an edit without the new name');
    return `${here.length} edits in the example, ${edit.size} file(s); not applied`;
  });

  await test('Customs Concepts: Export and Import Term Base run the CLI and open the imported term base', async () => {
    const os = require('node:os');
    const fs = require('node:fs');
    const path = require('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-terms-'));
    const source = vscode.Uri.joinPath(folder.uri, 'glossary', 'customs.terms.yaml');
    const tbx = vscode.Uri.file(path.join(dir, 'customs.tbx'));
    const exported = await vscode.commands.executeCommand('customsConcepts.exportTerms', source, 'tbx', tbx);
    assert(exported && exported.fsPath === tbx.fsPath, `export returned ${exported}`);
    assert(/<tbx [^>]*type="TBX-Basic"/.test(fs.readFileSync(tbx.fsPath, 'utf8')), 'no TBX written');
    const back = vscode.Uri.file(path.join(dir, 'back.terms.yaml'));
    const imported = await vscode.commands.executeCommand('customsConcepts.importTerms', tbx, undefined, back);
    assert(imported && imported.fsPath === back.fsPath, `import returned ${imported}`);
    const shown = await poll(() => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath === back.fsPath);
    assert(shown, 'the imported term base is not shown');
    assert(/^language: en$/m.test(fs.readFileSync(back.fsPath, 'utf8')), 'the imported term base has no language');
    // Bad input: nothing is written, the command returns nothing.
    const bad = vscode.Uri.file(path.join(dir, 'bad.csv'));
    fs.writeFileSync(bad.fsPath, 'term@en,definition@en\nduty,A tax,extra\n');
    const none = await vscode.commands.executeCommand('customsConcepts.importTerms', bad, undefined, vscode.Uri.file(path.join(dir, 'bad.terms.yaml')));
    assert(none === undefined && !fs.existsSync(path.join(dir, 'bad.terms.yaml')), 'a bad CSV was imported');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  await test('Customs Concepts: Restart Language Server brings the diagnostics back', async () => {
    await vscode.commands.executeCommand('customsConcepts.restartServer');
    const got = await poll(() => stable.every((s) => describe(uri).includes(s)));
    assert(got, `after restart: ${describe(uri).join(', ')}`);
  });

  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const failed = results.filter((r) => !r).length;
  log(`vscode extension host: ${results.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} extension-host test(s) failed`);
}

module.exports = { run };
