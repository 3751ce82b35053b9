/**
 * The language server reads large workspace term bases from the compiled term-base cache
 * (server/src/node/termBaseCache.ts). Its thread for closed documents compiles those it reads from disk, under the
 * server's program; the server's own thread only reads them (compiling would delay its diagnostics); an open term
 * base, whose text changes with every keystroke, is never compiled nor looked up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { parseTermBase } from '../../server/src/core/index';
import { closedFilesStore, CompiledTermBases, MIN_CACHED_CHARS } from '../../server/src/node/termBaseCache';
import { SERVER, SERVER_BIN, startClient } from './harness';
import { tempFolder } from '../tempFolder';

/** A term base past the size the cache starts at (64 K characters); `extra` goes into the entry of term 7. */
function bigTermBase(extra = ''): string {
  let text = 'terms:\n';
  for (let i = 0; i < 420; i++) {
    text += `  - term: cached border procedure ${i}\n    definition: >-\n      A procedure of the border that the cache test keeps, number ${i}, described at some length so that the\n      term base grows past the size from which it is compiled.\n`;
    if (i === 7) text += extra;
  }
  return text;
}

const DOC = '---\ntitle: Cached terms\nglossaries: [big.terms.yaml]\n---\n\n# Terms and definitions\n\nThe cached border procedure 7 and the «cached border procedure 9» meet the «smart border» and the old cached procedure.\n';
/** A closed document importing the term base: the server's thread for closed documents checks it, and reads the term base. */
const CLOSED = '---\ntitle: Closed\nglossaries: [big.terms.yaml]\n---\n\n# Terms and definitions\n\nThe cached border procedure 3.\n';

const compiled = (cache: string) => {
  const dir = path.join(cache, 'term-bases');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => path.join(dir, f)) : [];
};

/** The program id of the server's bundle, as the server reckons it (its length and CRC-32). */
function serverProgram(): string {
  const bytes = fs.readFileSync(SERVER);
  return `${bytes.length}-${zlib.crc32(bytes).toString(16)}`;
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Client = Awaited<ReturnType<typeof startClient>>;

/** One session: open the document, its diagnostics, then `more` (with the client), shutdown and exit. */
async function session(dir: string, cache: string, more?: (client: Client) => Promise<void>) {
  const client = await startClient(dir, {}, { script: SERVER_BIN, env: { ...process.env, CUSTOMS_CONCEPTS_CACHE_DIR: cache } });
  try {
    const uri = URI.file(path.join(dir, 'd.concept.md')).toString();
    await client.open(uri, DOC);
    const published = await client.diagnostics(uri, (p) => p.version === 1);
    await more?.(client);
    return published.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`).sort();
  } finally {
    await client.stop();
  }
}

describe('compiled term bases in the language server', () => {
  it('are compiled by the thread for closed documents and read by the next session', async () => {
    expect(bigTermBase().length).toBeGreaterThan(MIN_CACHED_CHARS);
    const dir = tempFolder('cc-server-tb-', { 'big.terms.yaml': bigTermBase(), 'd.concept.md': DOC, 'closed.concept.md': CLOSED });
    const cache = tempFolder('cc-server-tb-cache-');
    const first = await session(dir, cache, () => until('a compiled term base', () => compiled(cache).length > 0));
    // The term base's terms are defined; the built-in «smart border» is not.
    expect(first.filter((d) => d.includes('cached border procedure'))).toEqual([]);
    expect(first.some((d) => d.startsWith('undefined-term') && d.includes('smart border'))).toBe(true);
    const files = compiled(cache);
    expect(files).toHaveLength(1);
    const written = fs.statSync(files[0]).mtimeMs;
    // Under the server's program: its own thread can read it.
    const uri = URI.file(path.join(dir, 'big.terms.yaml')).toString();
    expect(new CompiledTermBases(path.join(cache, 'term-bases'), MIN_CACHED_CHARS, serverProgram()).load(uri, bigTermBase())?.entries).toHaveLength(420);

    // The next session reads it, and nothing compiles it again.
    expect(await session(dir, cache, (client) => until('the closed document checked', () => client.published.some((p) => p.uri.endsWith('closed.concept.md'))))).toEqual(first);
    expect(compiled(cache)).toEqual(files);
    expect(fs.statSync(files[0]).mtimeMs).toBe(written);
  });

  it('are what the server reads: a compiled form under the server\'s program is taken as the term base', async () => {
    // Compiled from another text (one more deprecated label) but filed under the text on disk: the server can only
    // report the label by reading the compiled file.
    const dir = tempFolder('cc-server-tb-', { 'big.terms.yaml': bigTermBase(), 'd.concept.md': DOC });
    const cache = tempFolder('cc-server-tb-cache-');
    const uri = URI.file(path.join(dir, 'big.terms.yaml')).toString();
    const plain = await session(dir, cache);
    expect(plain.filter((d) => d.includes('old cached procedure'))).toEqual([]);
    // The server's own thread compiled nothing (no closed document here: its other thread read nothing).
    expect(compiled(cache)).toEqual([]);
    const other = parseTermBase(uri, bigTermBase('    deprecated: [old cached procedure]\n'));
    new CompiledTermBases(path.join(cache, 'term-bases'), MIN_CACHED_CHARS, serverProgram()).save(uri, bigTermBase(), other);
    const read = await session(dir, cache);
    expect(read.filter((d) => d.startsWith('deprecated-term') && d.includes('old cached procedure'))).toHaveLength(1);
  });

  it('never compiles the text of an open term base (a new one with every keystroke)', async () => {
    const dir = tempFolder('cc-server-tb-', { 'big.terms.yaml': bigTermBase(), 'd.concept.md': DOC, 'closed.concept.md': CLOSED });
    const cache = tempFolder('cc-server-tb-cache-');
    const tb = URI.file(path.join(dir, 'big.terms.yaml')).toString();
    const closed = URI.file(path.join(dir, 'closed.concept.md')).toString();
    await session(dir, cache, async (client) => {
      await until('a compiled term base', () => compiled(cache).length > 0);
      const before = compiled(cache);
      const closedChecks = () => client.published.filter((p) => p.uri === closed).length;
      const checked = closedChecks();
      await client.open(tb, bigTermBase(), 'yaml');
      await client.diagnostics(tb, (p) => p.version === 1);
      // Typing into the open term base (a label both documents use).
      const line = bigTermBase().split('\n').indexOf('  - term: cached border procedure 3');
      for (let v = 2; v <= 4; v++) {
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: tb, version: v },
          contentChanges: [{ range: { start: { line, character: 10 }, end: { line, character: 10 } }, text: 'x' }],
        });
        await client.diagnostics(tb, (p) => p.version === v);
      }
      // The closed document is checked again against the open text, in the thread that compiles…
      await until('the closed document checked again', () => closedChecks() > checked);
      // …and nothing was compiled for that text.
      expect(compiled(cache)).toEqual(before);
    });
  });
});

describe('closedFilesStore', () => {
  it('neither reads nor writes the compiled form of a file that is open, and writes only where told to', () => {
    const cache = tempFolder('cc-server-tb-cache-');
    const uri = URI.file(path.join(cache, 'big.terms.yaml')).toString();
    const text = bigTermBase();
    const base = parseTermBase(uri, text);
    let open = true;
    const store = closedFilesStore(() => open, { dir: cache, write: true })!;
    const reader = closedFilesStore(() => open, { dir: cache, write: false })!;
    store.save(uri, text, base);
    expect(fs.readdirSync(cache)).toEqual([]);
    open = false;
    reader.save(uri, text, base);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(reader.load(uri, text)).toBeUndefined();
    store.save(uri, text, base);
    expect(fs.readdirSync(cache)).toHaveLength(1);
    expect(reader.load(uri, text)?.entries.map((e) => e.term)).toEqual(base.entries.map((e) => e.term));
    open = true;
    expect(reader.load(uri, text)).toBeUndefined();
  });

  it('is none when the cache is turned off', () => {
    expect(closedFilesStore(() => false, { dir: undefined, write: true })).toBeUndefined();
  });
});
