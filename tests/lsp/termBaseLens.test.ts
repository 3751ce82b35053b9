/**
 * A term base's code lens over the real protocol: its lenses come unresolved; resolving one counts the entry's uses in
 * every concept document, a closed one from the uses the server already knows (its background check, or the first
 * resolve, found them) instead of analysing it again. After the term base changes, a resolve is answered at once from
 * the stale uses, the closed documents are looked at again (by the background check, or by jobs in the worker when the
 * client pulls diagnostics), and the client is then asked to refresh its lenses (`workspace/codeLens/refresh`).
 * The worker's test hook holds its checks until a file exists, so these tests wait on states, never on time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startClient, type Client } from './harness';
import { tempFolder } from '../tempFolder';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const DOCUMENTS = 30;
const TERMS = 'terms:\n  - term: customs declaration\n    definition: A statement of the goods.\n';
const EDITED = TERMS + '  - term: pre-arrival processing\n    definition: Clearance prepared before the goods arrive.\n';
const TEXT = `---\nglossaries: [g.terms.yaml]\n---\n\n# Scope\n\n${'A customs declaration lodged early allows pre-arrival processing.\n\n'.repeat(5)}`;

function folder(): { dir: string; release: string; uri: (f: string) => string } {
  const files: Record<string, string> = { 'g.terms.yaml': TERMS };
  for (let i = 0; i < DOCUMENTS; i++) files[`d${String(i).padStart(2, '0')}.concept.md`] = TEXT;
  const dir = tempFolder('cc-lens-', files);
  const release = path.join(dir, 'release');
  // Checks in the worker go on while this file exists.
  fs.writeFileSync(release, '');
  return { dir, release, uri: (f) => URI.file(path.join(dir, f)).toString() };
}

async function exists(file: string): Promise<void> {
  while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 10));
}

const titles = (lenses: CodeLens[]) => lenses.map((l) => l.command?.title);

/** Resolves the lenses of a term base, the resolves sent before a hover: whether they were all answered before it (no walk of the workspace let it in). */
async function resolveBeforeHover(c: Client, terms: string): Promise<{ lenses: CodeLens[]; first: boolean }> {
  const unresolved = (await c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: terms } })) as CodeLens[];
  expect(unresolved.every((l) => l.command === undefined)).toBe(true);
  const order: string[] = [];
  const resolved = Promise.all(unresolved.map((l) => c.connection.sendRequest('codeLens/resolve', l) as Promise<CodeLens>)).then((r) => (order.push('lenses'), r));
  const hover = c.connection.sendRequest('textDocument/hover', { textDocument: { uri: terms }, position: { line: 1, character: 10 } }).then(() => order.push('hover'));
  const [lenses] = await Promise.all([resolved, hover]);
  return { lenses, first: order[0] === 'lenses' };
}

/** A server on a new folder (pulling diagnostics or not), its term base open; `refreshed` counts its requests to refresh lenses. */
async function start(pull: boolean): Promise<{ c: Client; release: string; uri: (f: string) => string; terms: string; refreshed: number[] }> {
  const { dir, release, uri } = folder();
  const textDocument = pull ? { diagnostic: { dynamicRegistration: false } } : undefined;
  const capabilities = { textDocument, workspace: { codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: false } } };
  const c = (client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } }, capabilities }, { env: { ...process.env, CUSTOMS_CONCEPTS_HOLD_CLOSED: release } }));
  const refreshed: number[] = [];
  c.connection.onRequest('workspace/codeLens/refresh', () => (refreshed.push(Date.now()), null));
  const terms = uri('g.terms.yaml');
  await c.open(terms, TERMS, 'yaml');
  return { c, release, uri, terms, refreshed };
}

describe("a term base's code lens", () => {
  it('counts closed documents from their background check, and refreshes after the term base changes', async () => {
    const { c, release, uri, terms, refreshed } = await start(false);
    // Every closed document checked in the background: their uses are known.
    for (let i = 0; i < DOCUMENTS; i++) await c.diagnostics(uri(`d${String(i).padStart(2, '0')}.concept.md`), () => true, 30_000);
    const before = await resolveBeforeHover(c, terms);
    expect(titles(before.lenses)).toEqual([`${DOCUMENTS * 5} uses`]);
    expect(before.first).toBe(true);
    // The next background checks are held: the term base gains an entry the closed documents use.
    fs.rmSync(release);
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: terms, version: 2 }, contentChanges: [{ text: EDITED }] });
    await exists(release + '.held');
    // Answered at once from what is known (stale: the new entry is not counted yet), and without a walk.
    const stale = await resolveBeforeHover(c, terms);
    expect(titles(stale.lenses)).toEqual([`${DOCUMENTS * 5} uses`, 'no uses']);
    expect(stale.first).toBe(true);
    // (Every edit of a term base asks the client to refresh at once; that request came before these answers.)
    refreshed.length = 0;
    fs.writeFileSync(release, '');
    // Once the closed documents are checked again, the client is asked for its lenses again, and they count the new entry.
    while (!refreshed.length) await new Promise((r) => setTimeout(r, 10));
    const fresh = await resolveBeforeHover(c, terms);
    expect(titles(fresh.lenses)).toEqual([`${DOCUMENTS * 5} uses`, `${DOCUMENTS * 5} uses`]);
  });

  it("in a new session, the worker looks at the closed documents from the far end while the resolve's walk goes through them", async () => {
    const { c, release, terms } = await start(true);
    // The worker's checks are held: the walk on the server's thread looks at every document itself, the count is whole.
    fs.rmSync(release);
    const first = await resolveBeforeHover(c, terms);
    expect(titles(first.lenses)).toEqual([`${DOCUMENTS * 5} uses`]);
    // The worker was asked to help (its first job waits on the hold), and what it finds later changes no count.
    await exists(release + '.held');
    fs.writeFileSync(release, '');
    const again = await resolveBeforeHover(c, terms);
    expect(titles(again.lenses)).toEqual([`${DOCUMENTS * 5} uses`]);
    expect(again.first).toBe(true);
  });

  it('with diagnostics pulled (no background check), knows the uses from the first resolve and looks at stale ones again in the worker', async () => {
    const { c, release, terms, refreshed } = await start(true);
    // The first resolve analyses every closed document (a walk), and their uses are known from then on.
    const first = await resolveBeforeHover(c, terms);
    expect(titles(first.lenses)).toEqual([`${DOCUMENTS * 5} uses`]);
    const again = await resolveBeforeHover(c, terms);
    expect(titles(again.lenses)).toEqual([`${DOCUMENTS * 5} uses`]);
    expect(again.first).toBe(true);
    fs.rmSync(release);
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: terms, version: 2 }, contentChanges: [{ text: EDITED }] });
    const stale = await resolveBeforeHover(c, terms);
    expect(titles(stale.lenses)).toEqual([`${DOCUMENTS * 5} uses`, 'no uses']);
    expect(stale.first).toBe(true);
    // The stale documents are looked at in the worker (held here), then the client is asked to refresh.
    await exists(release + '.held');
    // (Every edit of a term base asks the client to refresh at once; that request came before these answers.)
    refreshed.length = 0;
    fs.writeFileSync(release, '');
    while (!refreshed.length) await new Promise((r) => setTimeout(r, 10));
    const fresh = await resolveBeforeHover(c, terms);
    expect(titles(fresh.lenses)).toEqual([`${DOCUMENTS * 5} uses`, `${DOCUMENTS * 5} uses`]);
    // No diagnostics were pushed for the closed documents (the client pulls).
    expect(c.published.filter((p) => p.uri !== terms)).toEqual([]);
  });
});
