/**
 * Closed documents are checked in a worker thread (server/src/node/closedChecks.ts): an edit is answered while one
 * is being checked, a result made stale by an edit meanwhile is not published (the document is checked again with
 * the edit), the worker reads the unsaved text of an open term base, and when the worker fails the server checks
 * closed documents itself. The worker's test hook holds each check until a file exists (`CUSTOMS_CONCEPTS_HOLD_CLOSED`),
 * so these tests wait on states, never on time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { startClient, type Client } from './harness';
import { EDIT_IDLE_MS } from '../../server/src/lsp/diagnostics';
import { tempFolder } from '../tempFolder';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const TERMS = 'terms:\n  - term: data lake\n    definition: A store of raw data.\n';
const files = {
  'g.terms.yaml': TERMS,
  'open.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the «data swamp».\n',
  'closed.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nA «data lake», a «data swamp».\n',
};
const undefinedTerms = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.filter((d) => d.code === 'undefined-term').length;

/** Resolves once `file` exists (the worker writes it when it starts holding a check). */
async function exists(file: string): Promise<void> {
  while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 10));
}

describe('closed documents in a worker thread', () => {
  it('answers edits while a closed document is being checked, and publishes it with the edit taken in', async () => {
    const dir = tempFolder('cc-closed-', files);
    const release = path.join(dir, 'release');
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } }, { env: { ...process.env, CUSTOMS_CONCEPTS_HOLD_CLOSED: release } });
    const uri = (f: string) => URI.file(path.join(dir, f)).toString();
    const tbUri = uri('g.terms.yaml');
    await client.open(tbUri, TERMS, 'yaml');
    await client.open(uri('open.concept.md'), files['open.concept.md']);
    const first = await client.diagnostics(uri('open.concept.md'), (p) => p.version === 1);
    expect(undefinedTerms(first)).toBe(1);
    // The closed document's check starts after the pause that follows the openings, and is held there.
    await exists(release + '.held');
    // An unsaved edit of the term base defines «data swamp»: the open documents are answered at once.
    const edited = TERMS + '  - term: data swamp\n    definition: An unmanaged store.\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tbUri, version: 2 }, contentChanges: [{ text: edited }] });
    await client.diagnostics(tbUri, (p) => p.version === 2);
    const after = await client.diagnostics(uri('open.concept.md'), (p) => p.version === 1 && undefinedTerms(p) === 0);
    expect(after.diagnostics.length).toBeLessThan(first.diagnostics.length);
    // Nothing was published for the closed document meanwhile: its check is still held.
    expect(client.published.filter((p) => p.uri === uri('closed.concept.md'))).toEqual([]);
    fs.writeFileSync(release, '');
    // The held result predates the edit and is dropped; the check made with the unsaved term base is published.
    const closed = await client.diagnostics(uri('closed.concept.md'));
    expect(undefinedTerms(closed)).toBe(0);
    expect(client.published.filter((p) => p.uri === uri('closed.concept.md')).map(undefinedTerms)).toEqual([0]);
    expect(closed.version).toBeUndefined();
  });

  it('checks closed documents again only after a pause in the edits longer than the pause after openings', async () => {
    const dir = tempFolder('cc-closed-', files);
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const uri = (f: string) => URI.file(path.join(dir, f)).toString();
    const tbUri = uri('g.terms.yaml');
    await client.open(tbUri, TERMS, 'yaml');
    await client.open(uri('open.concept.md'), files['open.concept.md']);
    // The closed document is checked after the pause that follows the openings.
    expect(undefinedTerms(await client.diagnostics(uri('closed.concept.md')))).toBe(1);
    const editSent = performance.now();
    const edited = TERMS + '  - term: data swamp\n    definition: An unmanaged store.\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: tbUri, version: 2 }, contentChanges: [{ text: edited }] });
    // The open document importing the term base is answered at once; the closed one after the longer pause alone
    // (a lower bound: a slow machine only makes it later).
    await client.diagnostics(uri('open.concept.md'), (p) => p.version === 1 && undefinedTerms(p) === 0);
    await client.diagnostics(uri('closed.concept.md'), (p) => undefinedTerms(p) === 0);
    // Timers count whole milliseconds: a few less than the pause is the same pause.
    expect(performance.now() - editSent).toBeGreaterThanOrEqual(EDIT_IDLE_MS - 5);
  });

  it('checks closed documents on the server thread when the worker fails', async () => {
    const dir = tempFolder('cc-closed-', files);
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } }, { env: { ...process.env, CUSTOMS_CONCEPTS_FAULT: 'closed-worker' } });
    const closedUri = URI.file(path.join(dir, 'closed.concept.md')).toString();
    const p = await client.diagnostics(closedUri);
    expect(undefinedTerms(p)).toBe(1);
    expect(client.logs.some((l) => l.startsWith('The worker for closed documents stopped'))).toBe(true);
    // Both closed documents were checked, though the worker stopped on the first.
    await client.diagnostics(URI.file(path.join(dir, 'open.concept.md')).toString());
  });
});
