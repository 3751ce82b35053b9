import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, type Client } from './harness';
import { hoverText } from '../hoverText';
import { tempFolder } from '../tempFolder';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const EXAMPLE = path.join(EXAMPLES, 'eeu-digital-customs.concept.md');
const exampleUri = URI.file(EXAMPLE).toString();

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function tempWorkspace(files: Record<string, string>): string {
  return tempFolder('cc-lsp-', files);
}

describe('language server over stdio', () => {
  it('publishes diagnostics, answers hover and completion, and updates after an incremental edit', async () => {
    client = await startClient(EXAMPLES, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    await client.open(exampleUri, text);
    // The closed-document check may publish the file's diagnostics first (without a version); wait for the open one.
    const first = await client.diagnostics(exampleUri, (p) => p.version === 1);
    const undefinedTerms = first.diagnostics.filter((d) => d.code === 'undefined-term' && d.severity === 1);
    const lines = text.split('\n');
    const labels = undefinedTerms.map((d) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    expect(labels).toEqual(['electronic customs', 'smart border']);
    expect(first.diagnostics.some((d) => d.code === 'unknown-instrument')).toBe(true);
    expect(first.version).toBe(1);

    // Hover on «digital customs» in the Scope section.
    const line = lines.findIndex((l) => l.includes('The «digital customs» institution'));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: exampleUri },
      position: { line, character: lines[line].indexOf('digital') + 3 },
    })) as Hover;
    expect(hoverText(TextDocument.create(exampleUri, 'markdown', 1, text), hover)).toMatchInlineSnapshot(`
      "range 32:5-32:20 «digital customs»

      **digital customs** — *defined in this document*

      The organisation of customs administration in which every procedure, from preliminary information to post-release control, is carried out on data exchanged electronically and processed automatically.

      *Source:* @wco-dcc — WCO Digital Customs concept  
      *Variants:* digital customs administration  
      *Translations:* ru: цифровая таможня · fr: douane numérique

      ---

      **digital customs** — *WCO reference meaning — not defined by this document*

      A customs administration that runs all of its functions on digital systems and data: collecting and protecting revenue, controlling the movement of goods, people, means of transport and money, and shielding society and trade from crime and terrorism. Paper formalities give way to electronic ones, and enabling technologies such as data analytics and cloud services are put to use. The WCO treats it as a means of modernisation, not an end in itself, and asks that the processes concerned be re-examined first rather than copied onto computers as they are.

      *Source:* @wco-dcc — WCO Digital Customs concept  
      *Variants:* digital customs administration  
      *Translations:* ru: цифровая таможня · fr: douane numérique  
      *Related:* electronic customs, single window, digital customs maturity model, information and communication technology, smart customs  
      *Note:* Paraphrase of the WCO Secretary General's description for the 2016 theme of the year. No WCO convention gives a normative definition."
    `);

    // Completion after a freshly typed `@` (incremental edit at the end of the document).
    const end = { line: lines.length - 1, character: 0 };
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: exampleUri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: 'See @Kyo' }],
    });
    const completion = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: exampleUri },
      position: { line: end.line, character: 8 },
    })) as CompletionList;
    expect(completion.items.map((i) => i.label)).toContain('rkc');
    const resolved = (await client.connection.sendRequest('completionItem/resolve', completion.items.find((i) => i.label === 'rkc'))) as { documentation: MarkupContent };
    expect(resolved.documentation.value).toContain('Simplification and Harmonization');

    // Another incremental edit: an undefined term appears, diagnostics for version 3 show it.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: exampleUri, version: 3 },
      contentChanges: [{ range: { start: { line: end.line, character: 0 }, end: { line: end.line, character: 8 } }, text: 'And «quantum customs».' }],
    });
    const third = await client.diagnostics(exampleUri, (p) => p.version === 3);
    const added = third.diagnostics.filter((d) => d.code === 'undefined-term' && d.range.start.line === end.line);
    expect(added.map((d) => d.range)).toEqual([{ start: { line: end.line, character: 5 }, end: { line: end.line, character: 20 } }]);
  });

  it('re-checks an open document when an open term base it imports changes', async () => {
    const dir = tempWorkspace({
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n',
      'doc.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the «data swamp».\n',
    });
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    const termsUri = URI.file(path.join(dir, 'g.terms.yaml')).toString();
    await client.open(docUri, fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8'));
    const before = await client.diagnostics(docUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-term'));
    expect(before.diagnostics.filter((d) => d.code === 'undefined-term')).toHaveLength(1);
    const base = fs.readFileSync(path.join(dir, 'g.terms.yaml'), 'utf8');
    await client.open(termsUri, base, 'yaml');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: termsUri, version: 2 },
      contentChanges: [{ text: base + '  - term: data swamp\n    definition: An unmanaged store.\n' }],
    });
    const after = await client.diagnostics(docUri, (p) => !p.diagnostics.some((d) => d.code === 'undefined-term'));
    expect(after.diagnostics.filter((d) => d.code === 'undefined-term')).toEqual([]);
  });

  it('re-checks when a term base changes on disk (didChangeWatchedFiles)', async () => {
    const dir = tempWorkspace({
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n',
      'doc.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the «data swamp».\n',
    });
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    await client.open(docUri, fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8'));
    await client.diagnostics(docUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-term'));
    fs.appendFileSync(path.join(dir, 'g.terms.yaml'), '  - term: data swamp\n    definition: An unmanaged store.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(dir, 'g.terms.yaml')).toString(), type: 2 }] });
    const after = await client.diagnostics(docUri, (p) => !p.diagnostics.some((d) => d.code === 'undefined-term'));
    expect(after.diagnostics.filter((d) => d.code === 'undefined-term')).toEqual([]);
  });

  it('answers pull diagnostics when the client supports them', async () => {
    // The client claims refresh support but does not answer the refresh request: the server must survive that.
    client = await startClient(EXAMPLES, { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } } });
    await client.open(exampleUri, fs.readFileSync(EXAMPLE, 'utf8'));
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: exampleUri } })) as { kind: string; items: { code: string }[] };
    expect(report.kind).toBe('full');
    expect(report.items.some((d) => d.code === 'undefined-term')).toBe(true);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: exampleUri } })) as { items: unknown[] };
    expect(again.items.length).toBe(report.items.length);
    expect(client.child.exitCode).toBeNull();
  });

  it('takes the message language from initialize', async () => {
    client = await startClient(EXAMPLES, { locale: 'fr', initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    await client.open(exampleUri, fs.readFileSync(EXAMPLE, 'utf8'));
    const p = await client.diagnostics(exampleUri, (x) => x.diagnostics.length > 0);
    const unknown = p.diagnostics.find((d) => d.code === 'unknown-instrument')!;
    expect(unknown.message).toMatch(/^Instrument inconnu/);
  });

  it('uses only the built-in data in an untrusted workspace (Restricted Mode)', async () => {
    const dir = tempWorkspace({
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n',
      'other.terms.yaml': 'terms:\n  - term: data swamp\n    definition: An unmanaged store.\n',
      'doc.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake», the data swamp and smart customs.\n',
    });
    client = await startClient(dir, { initializationOptions: { untrusted: true, settings: { diagnostics: { debounceMs: 0 } } } });
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    await client.open(docUri, fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8'));
    const p = await client.diagnostics(docUri, (x) => x.diagnostics.length > 0);
    const byCode = (c: string) => p.diagnostics.filter((d) => d.code === c);
    expect(byCode('glossary-not-found')[0].message).toContain('Restricted Mode');
    // The glossary is not read, so «data lake» is undefined; the workspace term base is not known either,
    // while the built-in WCO term base still is.
    const lines = fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8').split('\n');
    const undefinedTexts = byCode('undefined-term').map((d) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    expect(undefinedTexts).toEqual(['data lake', 'smart customs']);
  });

  it('checks closed documents for the Problems list, and again when a term base changes on disk', async () => {
    const dir = tempWorkspace({
      'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n',
      'closed.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the «data swamp».\n',
    });
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const closedUri = URI.file(path.join(dir, 'closed.concept.md')).toString();
    const before = await client.diagnostics(closedUri, (p) => p.diagnostics.some((d) => d.code === 'undefined-term'));
    expect(before.diagnostics.filter((d) => d.code === 'undefined-term').map((d) => d.range.start)).toEqual([{ line: 3, character: 25 }]);
    fs.appendFileSync(path.join(dir, 'g.terms.yaml'), '  - term: data swamp\n    definition: An unmanaged store.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(dir, 'g.terms.yaml')).toString(), type: 2 }] });
    await client.diagnostics(closedUri, (p) => !p.diagnostics.some((d) => d.code === 'undefined-term'));
  });

  it('checks a document importing an edited term base once per pause in the typing, with the last text', async () => {
    const terms = 'terms:\n  - term: data lake\n    definition: A store of raw data.\n';
    const dir = tempWorkspace({ 'g.terms.yaml': terms, 'doc.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the «data swamp».\n' });
    // A debounce far longer than the gaps between the burst's notifications, whatever the machine's load.
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 1500 } } } });
    const tbUri = URI.file(path.join(dir, 'g.terms.yaml')).toString();
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    await client.open(tbUri, terms, 'yaml');
    await client.open(docUri, fs.readFileSync(path.join(dir, 'doc.concept.md'), 'utf8'));
    const undefinedTerms = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.filter((d) => d.code === 'undefined-term').length;
    expect(undefinedTerms(await client.diagnostics(docUri))).toBe(1);
    const before = client.published.length;
    // Typing `  - term: data swamp` at the end, one character per notification.
    const added = '  - term: data swamp\n';
    let text = terms;
    for (let i = 0; i < added.length; i++) {
      const pos = TextDocument.create('x', 'yaml', 0, text).positionAt(text.length);
      text += added[i];
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tbUri, version: i + 2 }, contentChanges: [{ range: { start: pos, end: pos }, text: added[i] }] });
    }
    await client.diagnostics(tbUri, (p) => p.version === added.length + 1);
    const after = await client.diagnostics(docUri, (p) => undefinedTerms(p) === 0);
    expect(after.version).toBe(1);
    expect(client.published.slice(before).filter((p) => p.uri === docUri)).toHaveLength(1);
  });

  it('shuts down and exits cleanly', async () => {
    client = await startClient(EXAMPLES);
    const c = client;
    client = undefined;
    const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
    await c.connection.sendRequest('shutdown');
    await c.connection.sendNotification('exit');
    expect(await exited).toBe(0);
    c.connection.dispose();
  });
});
