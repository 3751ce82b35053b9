/**
 * Documents opened in a burst (a client restoring its editors, a script opening a folder) are checked in
 * one pass: the settings of the documents not known yet are asked for in one `workspace/configuration`
 * request, not one per document, and each document is checked with its own.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { RETAINED_DOCUMENTS } from '../../server/src/lsp/retention';
import { testSession } from './session';

const session = testSession();

describe('a burst of opened documents, over the protocol', () => {
  it('asks for the settings of the documents opened meanwhile in one request, and checks each with its own', async () => {
    const dir = session.workspace('cc-open-burst-');
    const client = await session.start(dir, { capabilities: { workspace: { configuration: true } } });
    const text = (i: number) => `---\ntitle: Document ${i}\n---\n\nThe single window of «Таможня» number ${i} is here.\r\n`;
    const uris = Array.from({ length: 40 }, (_, i) => URI.file(path.join(dir, i % 2 ? 'quiet' : 'loud', `d${i}.concept.md`)).toString());

    // The first request for documents is answered only once every document is opened: the server reads
    // the answer after the openings (one stream, in order), so every other document is queued by then.
    const requests: (string | undefined)[][] = [];
    let release: () => void = () => undefined;
    const allOpened = new Promise<void>((resolve) => (release = resolve));
    client.connection.onRequest('workspace/configuration', async (p: { items: { scopeUri?: string }[] }) => {
      const scopes = p.items.map((item) => item.scopeUri);
      requests.push(scopes);
      if (scopes.some((s) => s !== undefined) && requests.filter((r) => r.some((s) => s !== undefined)).length === 1) await allOpened;
      return scopes.map((s) => ({ diagnostics: { debounceMs: 0, closedDocuments: false, implicitUseReport: s?.includes('/quiet/') ? 'off' : 'first' } }));
    });
    for (let i = 0; i < uris.length; i++) await client.open(uris[i], text(i));
    release();

    const implicit = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.filter((d) => d.code === 'undefined-term').length;
    for (let i = 0; i < uris.length; i++) {
      const published = await client.diagnostics(uris[i], (p) => p.version === 1);
      expect(implicit(published), uris[i]).toBe(i % 2 ? 0 : 1);
    }
    const forDocuments = requests.filter((r) => r.some((s) => s !== undefined));
    // Those queued when the pass started (the first one or few), then all opened while that answer was awaited.
    // (Should the server's own settings arrive after the first request went out, that answer is stale and the
    // second request asks for every document again: still two requests.)
    expect(forDocuments.length).toBeLessThanOrEqual(2);
    expect(forDocuments.length === 1 || forDocuments[1].length >= uris.length - forDocuments[0].length).toBe(true);
    expect([...new Set(forDocuments.flat())].sort()).toEqual([...uris].sort());
  });

  it('a document past the retained ones answers hover and is checked after an edit as when it was opened', async () => {
    const dir = session.workspace('cc-open-retained-', { 'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n' });
    const client = await session.start(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const text = (i: number) => `---\ntitle: D${i}\nglossaries: [g.terms.yaml]\n---\n\nThe «data lake» of the single window ${i}.\r\n\nThe «Таможня» is here.\n`;
    const count = RETAINED_DOCUMENTS + 8;
    const uris = Array.from({ length: count }, (_, i) => URI.file(path.join(dir, `d${i}.concept.md`)).toString());
    for (let i = 0; i < count; i++) await client.open(uris[i], text(i));
    const opened = [];
    for (const uri of uris) opened.push(await client.diagnostics(uri, (p) => p.version === 1));
    // The first documents are the least recently checked: the server keeps only their text now.
    const first = uris[0];
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: first }, position: { line: 5, character: 7 } })) as Hover;
    expect(JSON.stringify(hover?.contents)).toContain('A store of raw data.');
    // An edit of that document gets the diagnostics a fresh document with the same text gets.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: first, version: 2 },
      contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'Now «data lake» and «data swamp».\n' }],
    });
    const edited = await client.diagnostics(first, (p) => p.version === 2);
    const fresh = URI.file(path.join(dir, 'fresh.concept.md')).toString();
    const lines = text(0).split('\n');
    await client.open(fresh, [...lines.slice(0, 5), 'Now «data lake» and «data swamp».', ...lines.slice(5)].join('\n'));
    const expected = await client.diagnostics(fresh, (p) => p.version === 1);
    const anyUri = (p: { diagnostics: unknown[] }) => JSON.parse(JSON.stringify(p.diagnostics).replaceAll(first, 'doc').replaceAll(fresh, 'doc'));
    expect(edited.diagnostics.some((d) => d.code === 'undefined-term')).toBe(true);
    expect(anyUri(edited)).toEqual(anyUri(expected));
  });

  it('a term base opened but not on disk makes its terms known to open documents', async () => {
    const dir = session.workspace('cc-open-listed-', { 'a.concept.md': 'x' });
    const client = await session.start(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0, closedDocuments: false } } } });
    const doc = URI.file(path.join(dir, 'b.concept.md')).toString();
    const base = URI.file(path.join(dir, 'unsaved.terms.yaml')).toString();
    const known = (p: { diagnostics: { code?: unknown; data?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'undefined-term' && (d.data as { known?: boolean }).known === true);
    await client.open(doc, '---\ntitle: B\n---\n\nThe «quantum border» opens.\n');
    expect(known(await client.diagnostics(doc, (p) => p.version === 1))).toBe(false);
    await client.open(base, 'terms:\n  - term: quantum border\n    definition: A border.\n', 'yaml');
    const listed = await client.diagnostics(doc, known);
    expect(listed.diagnostics.find((d) => d.code === 'undefined-term')!.message).toContain('unsaved.terms.yaml');
  });
});

