import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Location, SemanticTokens, TextDocumentEdit, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { startClient, type Client } from './harness';
import { tempFolder } from '../tempFolder';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function tempWorkspace(files: Record<string, string>): string {
  return tempFolder('cc-ws-', files);
}

const SETTINGS = { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } };

/** Applies a workspace edit as a client does: an open document's edit must carry its current version. */
function apply(edit: WorkspaceEdit, open: Map<string, TextDocument>, disk: (uri: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const change of edit.documentChanges as TextDocumentEdit[]) {
    const { uri, version } = change.textDocument;
    const doc = open.get(uri);
    if (doc && version !== doc.version) throw new Error(`refused: ${uri} is at version ${doc.version}, the edit was made for ${version}`);
    if (!doc && version !== null) throw new Error(`refused: ${uri} is not open but the edit carries version ${version}`);
    out.set(uri, TextDocument.applyEdits(doc ?? TextDocument.create(uri, 'x', 0, disk(uri)), change.edits));
  }
  return out;
}

describe('workspace features over stdio', () => {
  it('re-checks an open document when a term base it imports changes on disk, or a new one appears', async () => {
    const dir = tempWorkspace({
      'glossary/g.terms.yaml': 'terms:\n  - term: data lake\n',
      'doc.concept.md': '---\nglossaries: [glossary/g.terms.yaml]\n---\nThe «data lake», the «data swamp» and the «quantum border».\n',
    });
    client = await startClient(dir, SETTINGS);
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    await client.open(docUri, fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8'));
    const undefinedLabels = (p: { diagnostics: { code?: unknown; range: { start: { character: number }; end: { character: number } } }[] }) =>
      p.diagnostics.filter((d) => d.code === 'undefined-term').map((d) => d.range.start.character);
    const first = await client.diagnostics(docUri, (p) => undefinedLabels(p).length === 2);
    expect(undefinedLabels(first)).toHaveLength(2);

    // The imported term base gains «data swamp» on disk.
    const termsFile = path.join(dir, 'glossary', 'g.terms.yaml');
    fs.writeFileSync(termsFile, 'terms:\n  - term: data lake\n  - term: data swamp\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(termsFile).toString(), type: 2 }] });
    const second = await client.diagnostics(docUri, (p) => undefinedLabels(p).length === 1);
    expect(undefinedLabels(second)).toHaveLength(1);

    // A new term base appears: it makes «quantum border» known (the diagnostic now says where from).
    const newFile = path.join(dir, 'more', 'new.terms.yaml');
    fs.mkdirSync(path.dirname(newFile), { recursive: true });
    fs.writeFileSync(newFile, 'terms:\n  - term: quantum border\n    definition: A border.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(newFile).toString(), type: 1 }] });
    const third = await client.diagnostics(docUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-term' && (d.data as { known?: boolean }).known === true));
    expect(third.diagnostics.find((d) => d.code === 'undefined-term')!.message).toContain('new.terms.yaml');
  });

  it('finds terms and documents of closed files in workspace symbols, and follows created and deleted files', async () => {
    const dir = tempWorkspace({
      'a/g.terms.yaml': 'terms:\n  - term: smart border\n',
      'b/other.concept.md': '---\ntitle: Other concept\nterms:\n  customs ecosystem: The agencies and operators.\n---\nText.\n',
    });
    client = await startClient(dir, SETTINGS);
    const symbols = async (query: string) => (await client!.connection.sendRequest('workspace/symbol', { query })) as WorkspaceSymbol[];
    const smart = (await symbols('smart bord')).find((s) => s.name === 'smart border')!;
    expect(smart.location).toMatchObject({ uri: URI.file(path.join(dir, 'a/g.terms.yaml')).toString(), range: { start: { line: 1, character: 10 } } });
    expect((await symbols('customs eco')).map((s) => s.name)).toContain('customs ecosystem');
    expect((await symbols('Other conc')).map((s) => s.name)).toContain('Other concept');

    const created = path.join(dir, 'c', 'late.concept.md');
    fs.mkdirSync(path.dirname(created), { recursive: true });
    fs.writeFileSync(created, '---\nterms:\n  late arrival: Came later.\n---\nA late arrival.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(created).toString(), type: 1 }] });
    expect((await symbols('late arr')).map((s) => s.name)).toContain('late arrival');
    fs.rmSync(created);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(created).toString(), type: 3 }] });
    expect((await symbols('late arr')).map((s) => s.name)).not.toContain('late arrival');
  });

  it('renames across open and closed files with versioned documentChanges, and a stale edit is refused', async () => {
    const files = {
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store.\n',
      'open.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe data lake.\n',
      'closed.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nTwo Data lakes.\n',
    };
    const dir = tempWorkspace(files);
    client = await startClient(dir, SETTINGS);
    const uri = (p: string) => URI.file(path.join(dir, p)).toString();
    const openDoc = TextDocument.create(uri('open.concept.md'), 'markdown', 3, files['open.concept.md']);
    await client.open(openDoc.uri, openDoc.getText(), 'markdown', 3);
    const open = new Map([[openDoc.uri, openDoc]]);
    const disk = (u: string) => fs.readFileSync(URI.parse(u).fsPath, 'utf8');
    const position = { line: 3, character: 6 };

    const prepared = await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: openDoc.uri }, position });
    expect(prepared).toMatchObject({ placeholder: 'data lake' });
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: openDoc.uri }, position, newName: 'data reservoir' })) as WorkspaceEdit;
    const versions = Object.fromEntries((edit.documentChanges as TextDocumentEdit[]).map((c) => [path.basename(URI.parse(c.textDocument.uri).fsPath), c.textDocument.version]));
    expect(versions).toEqual({ 'open.concept.md': 3, 'closed.concept.md': null, 'g.terms.yaml': null });
    const result = apply(edit, open, disk);
    expect(result.get(uri('closed.concept.md'))).toBe('---\nglossaries: [g.terms.yaml]\n---\nTwo Data reservoirs.\n');
    expect(result.get(uri('g.terms.yaml'))).toBe('terms:\n  - term: data reservoir\n    definition: A store.\n');

    // The user types before the edit is applied: the edit made for version 3 is refused.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: openDoc.uri, version: 4 },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'Now: ' }],
    });
    const changed = TextDocument.update(openDoc, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'Now: ' }], 4);
    open.set(openDoc.uri, changed);
    expect(() => apply(edit, open, disk)).toThrow(/refused/);
    // Asked again, the server answers for version 4.
    const again = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: openDoc.uri }, position: { line: 3, character: 11 }, newName: 'data reservoir' })) as WorkspaceEdit;
    expect(apply(again, open, disk).get(openDoc.uri)).toBe('---\nglossaries: [g.terms.yaml]\n---\nNow: The data reservoir.\n');

    // A place that is not a term cannot be renamed: the server says why.
    await expect(client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: openDoc.uri }, position: { line: 3, character: 1 } })).rejects.toThrow(/Only a term/);
  });

  it('answers references, definition, code actions, semantic tokens, symbols, folding, code lens and links', async () => {
    const dir = tempWorkspace({
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store.\n',
      'closed.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nAnother data lake.\n',
    });
    client = await startClient(dir, SETTINGS);
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    const text = '---\nglossaries: [g.terms.yaml]\n---\n# Scope\n\nThe data lake and the «smart border».\n';
    await client.open(docUri, text);
    const td = { textDocument: { uri: docUri } };
    const c = client.connection;

    const refs = (await c.sendRequest('textDocument/references', { ...td, position: { line: 5, character: 6 }, context: { includeDeclaration: true } })) as Location[];
    expect(refs.map((l) => path.basename(URI.parse(l.uri).fsPath)).sort()).toEqual(['closed.concept.md', 'doc.concept.md', 'g.terms.yaml']);
    const def = (await c.sendRequest('textDocument/definition', { ...td, position: { line: 5, character: 6 } })) as Location[];
    expect(def[0]).toMatchObject({ uri: URI.file(path.join(dir, 'g.terms.yaml')).toString(), range: { start: { line: 1, character: 10 } } });

    const diags = await client.diagnostics(docUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-term'));
    const d = diags.diagnostics.find((x) => x.code === 'undefined-term')!;
    const actions = (await c.sendRequest('textDocument/codeAction', { ...td, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toContain('Define «smart border» in this document');
    expect((actions[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version).toBe(1);

    const tokens = (await c.sendRequest('textDocument/semanticTokens/full', td)) as SemanticTokens;
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length / 5).toBe(3);
    const symbols = (await c.sendRequest('textDocument/documentSymbol', td)) as { name: string }[];
    expect(symbols.map((s) => s.name)).toEqual(['Front matter', 'Scope']);
    const folds = (await c.sendRequest('textDocument/foldingRange', td)) as { startLine: number; endLine: number }[];
    expect(folds).toEqual([{ startLine: 0, endLine: 2 }, { startLine: 3, endLine: 5 }]);
    const termsUri = URI.file(path.join(dir, 'g.terms.yaml')).toString();
    await client.open(termsUri, fs.readFileSync(path.join(dir, 'g.terms.yaml'), 'utf8'), 'yaml');
    // A term base's lenses come unresolved; resolving one counts its uses across the workspace.
    const unresolved = (await c.sendRequest('textDocument/codeLens', { textDocument: { uri: termsUri } })) as { command?: unknown }[];
    expect(unresolved.map((l) => l.command)).toEqual([undefined]);
    const lenses = (await Promise.all(unresolved.map((l) => c.sendRequest('codeLens/resolve', l)))) as { command: { title: string } }[];
    // One use in the open document, one in the closed one.
    expect(lenses.map((l) => l.command.title)).toEqual(['2 uses']);
    const links = (await c.sendRequest('textDocument/documentLink', td)) as { target: string }[];
    expect(links.map((l) => l.target)).toEqual([URI.file(path.join(dir, 'g.terms.yaml')).toString()]);
  });
});
