/**
 * Settings: the keys package.json declares are the keys the server reads (same
 * scopes), and resource settings are fetched for each document's own uri.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { resolveSettings, SETTINGS } from '../../server/src/lsp/settings';
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
