/**
 * `customs-concepts-language-server` (bin/) loads the server's bundle with V8's code cache, as the CLI does
 * (server/src/node/cliStart.ts): the compiled code is kept when a session ends, read by the next session, which
 * answers the same, and a corrupt cache file is replaced; `--version` keeps nothing. (`CUSTOMS_CONCEPTS_CACHE_DIR`
 * and its `off` are the CLI's, tested in tests/cli/termBaseCache.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { SERVER_BIN, startClient } from './harness';
import { tempFolder } from '../tempFolder';

const TEXT = '---\ntitle: Cached\n---\n\nThe «smart border» and the single window.\n';

/** One session of the installed server: initialize, open a document, its diagnostics, shutdown and exit. */
async function session(dir: string, cache: string) {
  const client = await startClient(dir, {}, { script: SERVER_BIN, env: { ...process.env, CUSTOMS_CONCEPTS_CACHE_DIR: cache } });
  const uri = URI.file(path.join(dir, 'd.concept.md')).toString();
  await client.open(uri, TEXT);
  const published = await client.diagnostics(uri, (p) => p.version === 1);
  await client.stop();
  expect(client.child.exitCode).toBe(0);
  return published.diagnostics;
}

const serverCaches = (cache: string) => (fs.existsSync(path.join(cache, 'code')) ? fs.readdirSync(path.join(cache, 'code')).filter((f) => f.startsWith('server-')) : []);

describe('the code cache of the language server', () => {
  it('is kept when a session ends, read by the next one (not written again), and a corrupt one is replaced', async () => {
    const dir = tempFolder('cc-server-cache-');
    const cache = tempFolder('cc-server-cache-dir-');
    const first = await session(dir, cache);
    const [file] = serverCaches(cache);
    expect(file).toMatch(/^server-v\d+\.\d+\.\d+-[a-z0-9]+-\d+-[0-9a-f]+(-o[0-9a-f]+)?\.bin$/);
    const full = path.join(cache, 'code', file);
    const written = fs.statSync(full).mtimeMs;
    expect(fs.statSync(full).size).toBeGreaterThan(100_000);

    // Accepted: the same answers, and the file is left as it was.
    expect(await session(dir, cache)).toEqual(first);
    expect(fs.statSync(full).mtimeMs).toBe(written);

    // Rejected by V8: compiled afresh, the same answers, the file written again.
    fs.writeFileSync(full, Buffer.alloc(4096, 7));
    expect(await session(dir, cache)).toEqual(first);
    expect(fs.statSync(full).size).toBeGreaterThan(100_000);
    expect(serverCaches(cache)).toEqual([file]);
  });

  it('keeps nothing for --version (no code of a session to keep)', () => {
    const cache = tempFolder('cc-server-cache-dir-');
    const r = spawnSync(process.execPath, [SERVER_BIN, '--version'], { encoding: 'utf8', env: { ...process.env, CUSTOMS_CONCEPTS_CACHE_DIR: cache } });
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(serverCaches(cache)).toEqual([]);
  });
});
