/**
 * Settings: the keys package.json declares are the keys the server reads (same
 * scopes), and resource settings are fetched for each document's own uri.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { resolveSettings, SETTINGS, SettingsStore, type ConfigurationFetcher } from '../../server/src/lsp/settings';
import { testSession } from './session';

const PKG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

/** The keys `resolveSettings` reads, recorded by handing it a settings object that notes every property asked for. */
function keysRead(): string[] {
  const read = new Set<string>();
  const recorder = (prefix: string): object =>
    new Proxy({}, {
      get(_, prop) {
        if (typeof prop !== 'string') return undefined;
        const key = prefix + prop;
        read.add(key);
        return recorder(key + '.');
      },
    });
  resolveSettings(recorder(''), ['/ws'], 'en');
  // A key is what was read last on its path: `diagnostics` alone is only the way to `diagnostics.implicitUse`.
  return [...read].filter((k) => ![...read].some((o) => o.startsWith(k + '.'))).sort();
}

describe('settings', () => {
  it('reads exactly the keys package.json declares, with the declared scopes', () => {
    const declared = Object.entries(PKG.contributes.configuration.properties).map(([k, v]) => [k.replace(/^customsConcepts\./, ''), v.scope] as const);
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.scope])));
    const forServer = Object.entries(SETTINGS).filter(([, v]) => !('client' in v)).map(([k]) => k).sort();
    expect(keysRead()).toEqual(forServer);
  });

  it('declares customsConcepts.language with the languages documents may be written in', () => {
    const language = PKG.contributes.configuration.properties['customsConcepts.language'] as { enum?: string[]; scope?: string };
    expect(language.enum).toEqual(['en', 'fr', 'ru', null]);
    expect(resolveSettings({ language: 'ru' }, [], 'en').service.language).toBe('ru');
    expect(resolveSettings({ language: 'de' }, [], 'en').service.language).toBeUndefined();
  });
});

describe('settings of many documents at once', () => {
  const store = (fetch: ConfigurationFetcher) => new SettingsStore(() => ['/ws'], () => 'en', () => fetch);

  it('asks for 1,200 documents in three requests, and equal answers share one settings object', async () => {
    const requests: number[] = [];
    const s = store(async (scopes) => {
      requests.push(scopes.length);
      return scopes.map((u) => ({ diagnostics: { implicitUseReport: u?.includes('/quiet/') ? 'off' : 'all' } }));
    });
    const uris = Array.from({ length: 1200 }, (_, i) => `file:///ws/${i % 2 ? 'quiet' : 'loud'}/d${i}.concept.md`);
    await s.loadAll(uris);
    expect(requests).toEqual([500, 500, 200]);
    expect(s.unknown(uris)).toEqual([]);
    expect(s.of(uris[1]).service.implicitUseReport).toBe('off');
    expect(s.of(uris[0]).service.implicitUseReport).toBe('all');
    expect(s.of(uris[3])).toBe(s.of(uris[1]));
    // Known documents are not asked again.
    await s.loadAll(uris);
    expect(requests).toHaveLength(3);
  });

  it('a client that fails or answers nonsense leaves the server settings, and is not asked again for those documents', async () => {
    for (const fetch of [() => Promise.reject(new Error('no')), () => Promise.resolve(null as unknown as unknown[])]) {
      const s = store(fetch);
      s.set({ diagnostics: { implicitUseReport: 'all' } });
      await s.loadAll(['file:///ws/a.concept.md']);
      expect(s.unknown(['file:///ws/a.concept.md'])).toEqual([]);
      expect(s.of('file:///ws/a.concept.md').service.implicitUseReport).toBe('all');
    }
  });

  it('a change of folders resolves relative term-base paths again, from what a client that cannot be asked sent', async () => {
    let folders = ['/a'];
    const s = new SettingsStore(() => folders, () => 'en', () => undefined);
    s.set({ termBases: ['g.terms.yaml'] });
    expect(s.of().service.termBases).toEqual([URI.file(path.resolve('/a', 'g.terms.yaml')).toString()]);
    folders = ['/b'];
    await s.foldersChanged();
    expect(s.of().service.termBases).toEqual([URI.file(path.resolve('/b', 'g.terms.yaml')).toString()]);
  });

  it('an answer that arrives after a change of configuration is not kept', async () => {
    let answer: (a: unknown[]) => void = () => undefined;
    const s = store((scopes) => (scopes[0] === undefined ? Promise.resolve([{}]) : new Promise((resolve) => (answer = resolve))));
    const loading = s.loadAll(['file:///ws/a.concept.md']);
    await s.refresh();
    answer([{ diagnostics: { implicitUseReport: 'off' } }]);
    await loading;
    expect(s.unknown(['file:///ws/a.concept.md'])).toEqual(['file:///ws/a.concept.md']);
  });
});

describe('settings per document, over the protocol', () => {
  const session = testSession();

  it('asks for the settings of each document by its uri and checks each with its own', async () => {
    const text = '---\ntitle: T\n---\n\nThe single window is here.\n';
    const dir = session.workspace('cc-settings-', { 'strict/doc.concept.md': text, 'quiet/doc.concept.md': text });
    const strict = URI.file(path.join(dir, 'strict', 'doc.concept.md')).toString();
    const quiet = URI.file(path.join(dir, 'quiet', 'doc.concept.md')).toString();
    const client = await session.start(dir, { capabilities: { workspace: { configuration: true } }, initializationOptions: { settings: { diagnostics: { closedDocuments: false } } } });
    const asked: (string | undefined)[] = [];
    client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => {
        asked.push(item.scopeUri);
        const implicitUse = item.scopeUri === strict ? 'error' : item.scopeUri === quiet ? 'off' : 'warning';
        return { diagnostics: { implicitUse, debounceMs: 0, closedDocuments: false } };
      }),
    );
    await client.open(strict, text);
    await client.open(quiet, text);
    const a = await client.diagnostics(strict, (p) => p.version === 1);
    const b = await client.diagnostics(quiet, (p) => p.version === 1);
    expect(a.diagnostics.filter((d) => d.code === 'undefined-term').map((d) => d.severity)).toEqual([1]);
    expect(b.diagnostics.filter((d) => d.code === 'undefined-term')).toEqual([]);
    expect(asked).toContain(strict);
    expect(asked).toContain(quiet);
  });
});

describe('settings of closed documents, over the protocol', () => {
  const session = testSession();

  it('checks each closed document with the settings of its own resource, asked for in one request, and asks again when the configuration changes', async () => {
    const text = '---\ntitle: T\n---\n\nThe single window is here.\n';
    const dir = session.workspace('cc-settings-closed-', { 'quiet/doc.concept.md': text, 'loud/doc.concept.md': text });
    const quiet = URI.file(path.join(dir, 'quiet', 'doc.concept.md')).toString();
    const loud = URI.file(path.join(dir, 'loud', 'doc.concept.md')).toString();
    const client = await session.start(dir, { capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } });
    const requests: (string | undefined)[][] = [];
    let silenced = quiet;
    client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => {
      requests.push(p.items.map((item) => item.scopeUri));
      return p.items.map((item) => ({ diagnostics: { implicitUseReport: item.scopeUri === silenced ? 'off' : 'first' } }));
    });
    const implicit = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.filter((d) => d.code === 'undefined-term').length;

    // Neither document is opened: both are checked in the background for the Problems list.
    expect(implicit(await client.diagnostics(loud))).toBe(1);
    expect(implicit(await client.diagnostics(quiet))).toBe(0);
    // Both closed documents were asked for in one request, each by its own uri.
    expect(requests.some((r) => r.includes(quiet) && r.includes(loud))).toBe(true);

    // A change of configuration forgets what was known: each document is asked for again.
    silenced = loud;
    const before = requests.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(implicit(await client.diagnostics(quiet, (p) => implicit(p) === 1))).toBe(1);
    expect(implicit(await client.diagnostics(loud, (p) => implicit(p) === 0))).toBe(0);
    expect(requests.slice(before).some((r) => r.includes(quiet) && r.includes(loud))).toBe(true);
  });

  it('asks again for the settings of open documents when the workspace folders change', async () => {
    const text = '---\ntitle: T\n---\n\nThe single window is here.\n';
    const dir = session.workspace('cc-settings-folders-', { 'a/x.concept.md': text, 'b/doc.concept.md': text });
    const doc = URI.file(path.join(dir, 'b', 'doc.concept.md')).toString();
    const client = await session.start(path.join(dir, 'a'), { capabilities: { workspace: { configuration: true, workspaceFolders: true } }, initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    // Folder b has its own settings, which apply to its documents once it is a workspace folder.
    let bIsFolder = false;
    client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => ({ diagnostics: { debounceMs: 0, implicitUseReport: bIsFolder && item.scopeUri === doc ? 'off' : 'first' } })),
    );
    const implicit = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.filter((d) => d.code === 'undefined-term').length;
    await client.open(doc, text);
    expect(implicit(await client.diagnostics(doc, (p) => p.version === 1))).toBe(1);
    bIsFolder = true;
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: URI.file(path.join(dir, 'b')).toString(), name: 'b' }], removed: [] } });
    expect(implicit(await client.diagnostics(doc, (p) => p.version === 1 && implicit(p) === 0))).toBe(0);
  });
});
