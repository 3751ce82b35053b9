/**
 * The CLI's compiled term-base cache (server/src/node/termBaseCache.ts) and code
 * cache (server/src/node/cliStart.ts): the same results with and without them, a
 * changed term base or a corrupt cache file never used, and `check` starting
 * without the parts of the CLI it does not run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attachEntryKeys, attachedEntryKeys, attachedLabelFolds, decodeEntryKeys, encodeEntryKeys, labelFolds, mayHoldKey, termBaseKeys } from '../../server/src/core/terms/labelMemo';
import { wordFolder } from '../../server/src/core/terms/language';
import { parseTermBase } from '../../server/src/core/terms/termBase';
import { CLI_INLINING_BUDGET, CODE_HEADER, flagsPart, limitInlining, noPretenuring, readCodeCache } from '../../server/src/node/cliStart';
import { CompiledTermBases, termBaseCacheDir } from '../../server/src/node/termBaseCache';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

function run(args: string[], cwd: string, cacheDir: string, extra: Record<string, string> = {}) {
  const env = { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C', CUSTOMS_CONCEPTS_CACHE_DIR: cacheDir, ...extra };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A term base large enough to be cached (over 64 KB), with Cyrillic and French labels, variants, deprecated labels and one duplicate. */
function termBase(extra = ''): string {
  const lines = ['language: en', 'terms:'];
  for (let i = 0; i < 320; i++) {
    lines.push(`  - term: customs procedure ${i}`);
    lines.push('    definition: >-');
    lines.push(`      Procedure number ${i} applied by the customs administration to goods, with the formalities, the guarantees and the controls that the «authorised economic operator» programme describes in detail.`);
    if (i % 3 === 0) lines.push(`    variants: [procedure ${i} of customs]`);
    if (i % 5 === 0) lines.push(`    deprecated: [old customs regime ${i}]`);
    if (i % 7 === 0) lines.push(`    translations: {fr: régime douanier ${i}, ru: таможенная процедура ${i}}`);
  }
  // The same term twice: a problem of the term base itself.
  lines.push('  - term: customs procedure 1', '    definition: Defined a second time.');
  return lines.join('\n') + '\n' + extra;
}

const DOCUMENT = [
  '---',
  'concept: cache-check',
  'title: Cache check',
  'language: en',
  'glossaries: [big.terms.yaml]',
  '---',
  '',
  '## Scope',
  '',
  'The customs procedure 12 and the procedure 3 of customs apply; the old customs regime 10 does not.',
  'Customs procedures 40 are listed, and «customs procedure 77» is quoted.',
  '',
].join('\r\n');

function workspace(): string {
  return tempFolder('cc-tbcache-', { 'big.terms.yaml': termBase(), 'doc.concept.md': DOCUMENT });
}

function cached(dir: string): string[] {
  const d = path.join(dir, 'term-bases');
  return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.bin')) : [];
}

/** A compiled term base: its first line (JSON) and the V8-serialised body after it. */
function readCompiled(file: string): { header: Record<string, unknown>; body: Buffer } {
  const bytes = fs.readFileSync(file);
  const eol = bytes.indexOf(0x0a);
  return { header: JSON.parse(bytes.toString('utf8', 0, eol)) as Record<string, unknown>, body: bytes.subarray(eol + 1) };
}

/** The file the cache would write for `body` under `header`'s key: the length and checksum of the body made right. */
function compiledFile(header: Record<string, unknown>, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify({ ...header, length: body.length, crc: zlib.crc32(body).toString(16) }) + '\n'), body]);
}

/** The parts of a compiled body: the head (V8's format, after its length) and each entry's bytes. */
interface CompiledParts {
  head: { uri: string; problems: unknown[]; language?: string; offsets: Uint32Array; translations: [number, unknown][]; keys: unknown; folds: unknown };
  entries: Buffer[];
}

function splitBody(body: Buffer): CompiledParts {
  const n = body.readUInt32LE(0);
  const head = v8.deserialize(body.subarray(4, 4 + n)) as CompiledParts['head'];
  const region = body.subarray(4 + n);
  const entries: Buffer[] = [];
  for (let i = 0; i + 1 < head.offsets.length; i++) entries.push(region.subarray(head.offsets[i], head.offsets[i + 1]));
  return { head, entries };
}

/** A body of `parts`, with the offsets of its entries made right unless `offsets` says otherwise. */
function joinBody({ head, entries }: CompiledParts, offsets?: Uint32Array): Buffer {
  const made = new Uint32Array(entries.length + 1);
  entries.forEach((e, i) => (made[i + 1] = made[i] + e.length));
  const headBytes = v8.serialize({ ...head, offsets: offsets ?? made });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headBytes.length, 0);
  return Buffer.concat([length, headBytes, ...entries]);
}

/** Every field of a term entry, read through its getters where it has them. */
const ENTRY_FIELDS = ['term', 'definition', 'variants', 'deprecated', 'source', 'related', 'broader', 'narrower', 'translations', 'translationLabels', 'definitions', 'match', 'exclude', 'confidence', 'note', 'role', 'language', 'translationConfidence', 'uri', 'origin', 'labelRange', 'definitionRange', 'sourceRange', 'labelRanges'] as const;
function fieldsOf(entry: object): Record<string, unknown> {
  return Object.fromEntries(ENTRY_FIELDS.map((f) => [f, (entry as Record<string, unknown>)[f]]));
}

const ARGS = ['check', '.', '--format', 'json', '--implicit-uses', 'all'];

describe('the compiled term-base cache', () => {
  it('gives the results of a run without it, writes one file per term base text and reads it on the next run', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const without = run(ARGS, ws, 'off');
    expect(without.code).not.toBe(2);
    expect(JSON.parse(without.stdout).flatMap((f: { diagnostics: unknown[] }) => f.diagnostics).length).toBeGreaterThan(2);
    expect(cached(cache)).toEqual([]);

    const first = run(ARGS, ws, cache);
    expect(first.stdout).toBe(without.stdout);
    expect(cached(cache)).toHaveLength(1);
    const second = run(ARGS, ws, cache);
    expect(second.stdout).toBe(without.stdout);
    expect(second.stderr).toBe(without.stderr);

    // The second run read the compiled form: with an entry removed from it, the use of that entry's deprecated label goes unreported.
    const codes = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { code: string }[] }[]).flatMap((f) => f.diagnostics.map((d) => d.code));
    expect(codes(second.stdout)).toContain('deprecated-term');
    const file = path.join(cache, 'term-bases', cached(cache)[0]);
    const { header, body } = readCompiled(file);
    const parts = splitBody(body);
    const kept = parts.entries.map((e) => (v8.deserialize(e) as { term: string }).term !== 'customs procedure 10');
    const renumber = kept.map((_, i) => kept.slice(0, i).filter(Boolean).length);
    parts.entries = parts.entries.filter((_, i) => kept[i]);
    parts.head.keys = encodeEntryKeys(decodeEntryKeys(parts.head.keys, kept.length)!.filter((_, i) => kept[i]));
    parts.head.translations = parts.head.translations.filter(([i]) => kept[i]).map(([i, t]) => [renumber[i], t]);
    fs.writeFileSync(file, compiledFile(header, joinBody(parts)));
    expect(codes(run(ARGS, ws, cache).stdout)).not.toContain('deprecated-term');
  });

  it('is not used for a changed term base: the new text is parsed and gets a file of its own', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const before = run(ARGS, ws, cache).stdout;
    expect(cached(cache)).toHaveLength(1);
    fs.writeFileSync(path.join(ws, 'big.terms.yaml'), termBase('  - term: old customs regime 10\n    definition: Now a term of its own.\n'));
    const changed = run(ARGS, ws, cache);
    expect(changed.stdout).toBe(run(ARGS, ws, 'off').stdout);
    expect(changed.stdout).not.toBe(before);
    expect(cached(cache)).toHaveLength(2);
  });

  it('ignores a corrupt or foreign cache file and writes it again', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const expected = run(ARGS, ws, 'off').stdout;
    run(ARGS, ws, cache);
    const file = path.join(cache, 'term-bases', cached(cache)[0]);
    const good = fs.readFileSync(file);
    const { header, body } = readCompiled(file);
    const flipped = Buffer.from(body);
    flipped[flipped.length >> 1] ^= 0x20;
    const corrupt = [
      Buffer.from('{"format": 3, "key": "'),
      Buffer.from('null\n'),
      Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body.subarray(0, body.length >> 1)]),
      Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), flipped]),
      compiledFile({ ...header, key: 'another' }, body),
      compiledFile({ ...header, format: 1 }, body),
      compiledFile(header, v8.serialize(7)),
      compiledFile(header, v8.serialize({ base: { entries: 'not a list', problems: [] } })),
      compiledFile(header, body.subarray(0, body.length - 9)),
    ];
    for (const bad of corrupt) {
      fs.writeFileSync(file, bad);
      const r = run(ARGS, ws, cache);
      expect(r.stdout).toBe(expected);
      expect(r.stderr).toBe('');
      expect(fs.readFileSync(file).equals(good)).toBe(true);
    }
    // Keys that do not go with the entries (one per entry) are not used: the scope computes its own.
    const parts = splitBody(body);
    const fewer = encodeEntryKeys(decodeEntryKeys(parts.head.keys, parts.entries.length)!.slice(1));
    fs.writeFileSync(file, compiledFile(header, joinBody({ ...parts, head: { ...parts.head, keys: fewer } })));
    expect(run(ARGS, ws, cache).stdout).toBe(expected);
    // Offsets that do not cut the entries part as written (not rising, not ending at its end) make the file unreadable.
    const offsets = splitBody(body).head.offsets;
    const swapped = offsets.slice();
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    const short = offsets.slice();
    short[short.length - 1] -= 1;
    const badHeads = [swapped, short, offsets.subarray(1), new Uint32Array(0)].map((o) => joinBody(parts, o));
    // Translations that are not a list of labels per language for an entry number.
    for (const translations of [[[0, null]], [['0', {}]], [7]]) badHeads.push(joinBody({ ...parts, head: { ...parts.head, translations: translations as [number, unknown][] } }));
    for (const bad of badHeads) {
      fs.writeFileSync(file, compiledFile(header, bad));
      const r = run(ARGS, ws, cache);
      expect(r.stdout).toBe(expected);
      expect(r.stderr).toBe('');
      expect(fs.readFileSync(file).equals(good)).toBe(true);
    }
  });

  it('gives French and Russian documents the results of a run without it', () => {
    const french = DOCUMENT.replace('language: en', 'language: fr').replace('## Scope', '## Portée\r\n\r\nLe régime douanier 7 et les régimes douaniers 14 ; la таможенная процедура 21.');
    const russian = DOCUMENT.replace('language: en', 'language: ru').replace('## Scope', '## Область\r\n\r\nТаможенные процедуры 7 и таможенной процедуре 14 применяются.');
    const ws = tempFolder('cc-tbcache-', { 'big.terms.yaml': termBase(), 'fr.concept.md': french, 'ru.concept.md': russian });
    const cache = tempFolder('cc-tbcache-dir-');
    const without = run(ARGS, ws, 'off');
    expect(without.stdout).toContain('fr.concept.md');
    run(ARGS, ws, cache);
    expect(cached(cache)).toHaveLength(1);
    const second = run(ARGS, ws, cache);
    expect(second.stdout).toBe(without.stdout);
    expect(second.stderr).toBe(without.stderr);
  });

  it('resolves quotations in other languages as a run without it (labels asked in every language, found or not)', () => {
    const quoting = DOCUMENT.replace('## Scope', '## Scope\r\n\r\nThe «régime douanier 7», the «таможенная процедура 14», the «guichet unique» and «nothing of the kind» are quoted.');
    const ws = tempFolder('cc-tbcache-', { 'big.terms.yaml': termBase(), 'doc.concept.md': quoting });
    const cache = tempFolder('cc-tbcache-dir-');
    const without = run(ARGS, ws, 'off');
    // The French and Russian labels of the term base resolve to its entries (defined: nothing to report); the
    // built-in term's French label to the built-in term (known, not defined by the document).
    expect(without.stdout).not.toMatch(/régime douanier 7|таможенная процедура 14/);
    expect(without.stdout).toContain('«guichet unique» is used as a term but this document does not define it (the WCO starter term base knows it)');
    run(ARGS, ws, cache);
    expect(cached(cache)).toHaveLength(1);
    const second = run(ARGS, ws, cache);
    expect(second.stdout).toBe(without.stdout);
  });

  it('names the same file whether the bundle was loaded with the code cache (which gives its identity) or required directly', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const expected = run(ARGS, ws, cache).stdout;
    expect(cached(cache)).toHaveLength(1);
    const file = path.join(cache, 'term-bases', cached(cache)[0]);
    const written = fs.statSync(file).mtimeMs;
    const script = `Promise.resolve(require(${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))}).main(${JSON.stringify(ARGS)})).then((code) => { process.exitCode = code; });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ws, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CUSTOMS_CONCEPTS_CACHE_DIR: cache } });
    expect(r.stdout).toBe(expected);
    expect(cached(cache)).toHaveLength(1);
    expect(fs.statSync(file).mtimeMs).toBe(written);
  });

  it('reports the problems of a term base it checks as a run without the cache does', () => {
    const ws = tempFolder('cc-tbcache-', { 'big.terms.yaml': termBase('  - term: [not, a, string]\n    defintion: misspelt key\n'), 'doc.concept.md': DOCUMENT });
    const cache = tempFolder('cc-tbcache-dir-');
    const expected = run(ARGS, ws, 'off');
    const codes = (JSON.parse(expected.stdout) as { file: string; diagnostics: { code: string }[] }[]).find((f) => f.file === 'big.terms.yaml')!.diagnostics.map((d) => d.code);
    expect(codes.length).toBeGreaterThan(1);
    run(ARGS, ws, cache);
    expect(cached(cache)).toHaveLength(1);
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
  });

  it('writes no compiled term base with --no-term-base-cache, nothing with CUSTOMS_CONCEPTS_CACHE_DIR=off, and both caches in the user cache folder by default', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const r = run([...ARGS, '--no-term-base-cache'], ws, cache);
    expect(r.code).not.toBe(2);
    expect(cached(cache)).toEqual([]);
    expect(fs.readdirSync(cache)).not.toContain('term-bases');
    // Off: nothing is written in the user's cache folder (code cache included).
    const home = tempFolder('cc-tbcache-home-');
    expect(run(ARGS, ws, 'off', { HOME: home, USERPROFILE: home, XDG_CACHE_HOME: path.join(home, '.cache'), LOCALAPPDATA: path.join(home, 'local') }).stdout).toBe(r.stdout);
    expect(fs.readdirSync(home)).toEqual([]);
    // Without the variable, the user's cache folder holds both caches.
    const env = { ...process.env };
    delete env.CUSTOMS_CONCEPTS_CACHE_DIR;
    const p = spawnSync(process.execPath, [BIN, ...ARGS], { cwd: ws, encoding: 'utf8', timeout: 30_000, env: { ...env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') } });
    expect(p.stdout).toBe(r.stdout);
    if (process.platform === 'linux') expect(fs.readdirSync(path.join(home, '.cache', 'customs-concepts')).sort()).toEqual(['code', 'term-bases']);
  });

  it('lives in the user cache folder of each system unless CUSTOMS_CONCEPTS_CACHE_DIR says otherwise', () => {
    expect(termBaseCacheDir({}, 'linux', '/home/u')).toBe(path.join('/home/u', '.cache', 'customs-concepts', 'term-bases'));
    expect(termBaseCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe(path.join('/xdg', 'customs-concepts', 'term-bases'));
    expect(termBaseCacheDir({}, 'darwin', '/Users/u')).toBe(path.join('/Users/u', 'Library', 'Caches', 'customs-concepts', 'term-bases'));
    expect(termBaseCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(path.join('C:\\Users\\u\\AppData\\Local', 'customs-concepts', 'term-bases'));
    expect(termBaseCacheDir({ CUSTOMS_CONCEPTS_CACHE_DIR: '/ci/cache' }, 'linux', '/home/u')).toBe(path.resolve('/ci/cache', 'term-bases'));
    expect(termBaseCacheDir({ CUSTOMS_CONCEPTS_CACHE_DIR: 'off' }, 'linux', '/home/u')).toBeUndefined();
  });
});

describe('the compiled term-base store, in process', () => {
  it('gives back what parsing gives, and nothing for another text, uri or program', () => {
    const dir = tempFolder('cc-tbcache-dir-');
    const uri = 'file:///w%20s/big.terms.yaml';
    const text = termBase();
    const parsed = parseTermBase(uri, text);
    const store = new CompiledTermBases(dir);
    expect(store.load(uri, text)).toBeUndefined();
    store.save(uri, text, parsed);
    const back = store.load(uri, text)!;
    // Every field of every entry, as parsed (entries are read from their bytes when first asked).
    expect(back.entries.map(fieldsOf)).toStrictEqual(parsed.entries.map(fieldsOf));
    expect({ ...back, entries: [] }).toStrictEqual({ ...parsed, entries: [] });
    expect(back.entries[0].labelRanges.get(back.entries[0].term)).toBe(back.entries[0].labelRange);
    expect(back.entries[7].translationLabels).toStrictEqual({ fr: ['régime douanier 7'], ru: ['таможенная процедура 7'] });
    // With it, the keys of its labels, as the scope would compute them.
    expect(attachedEntryKeys(back)).toStrictEqual(termBaseKeys(parsed));
    expect(attachedEntryKeys(parsed)).toBeUndefined();
    // And the French and Russian stems of the words of its labels, as a fresh folder gives them.
    const folds = labelFolds(parsed);
    for (const language of ['fr', 'ru']) {
      const table = attachedLabelFolds(back, language)!;
      expect(table).toStrictEqual(folds[language]);
      expect(table.get('régime')).toBe(wordFolder(language).fold('régime'));
      expect(table.get('таможенная')).toBe(wordFolder(language).fold('таможенная'));
      const plain = wordFolder(language);
      for (const [word, stem] of table) expect(stem).toBe(plain.fold(word));
    }
    expect(attachedLabelFolds(back, 'en')).toBeUndefined();
    expect(store.load(uri, text + '# edited\n')).toBeUndefined();
    expect(store.load('file:///elsewhere/big.terms.yaml', text)).toBeUndefined();
    // A rebuilt program looks for another file.
    const rebuilt = new CompiledTermBases(dir);
    (rebuilt as unknown as { program: string }).program = 'another build';
    expect(rebuilt.load(uri, text)).toBeUndefined();
    // Small term bases are parsed every time.
    store.save(uri, 'terms: []\n', parseTermBase(uri, 'terms: []\n'));
    expect(store.load(uri, 'terms: []\n')).toBeUndefined();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });
});

describe('keys given to a term base with the strings that hold them', () => {
  it('tell that a key is in no label only when the strings were given', () => {
    const base = parseTermBase('file:///w/g.terms.yaml', 'terms:\n  - term: single window\n    definition: One entry.\n    translations: {fr: guichet unique}\n');
    const encoded = encodeEntryKeys(termBaseKeys(base));
    expect(mayHoldKey(base, 'anything')).toBe(true);
    attachEntryKeys(base, decodeEntryKeys(encoded, base.entries.length));
    expect(mayHoldKey(base, 'anything')).toBe(true);
    attachEntryKeys(base, decodeEntryKeys(encoded, base.entries.length), encoded.strings);
    expect(mayHoldKey(base, 'guichet unique')).toBe(true);
    expect(mayHoldKey(base, 'single window')).toBe(true);
    expect(mayHoldKey(base, 'anything')).toBe(false);
  });
});

describe('the code cache of the CLI', () => {
  it('keeps the compiled bundle after a run, gives the same report with it, and replaces a corrupt one', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const expected = run(ARGS, ws, 'off');
    const code = () => (fs.existsSync(path.join(cache, 'code')) ? fs.readdirSync(path.join(cache, 'code')).filter((f) => f.endsWith('.bin')) : []);
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
    expect(code()).toHaveLength(1);
    const file = path.join(cache, 'code', code()[0]);
    const r = run(ARGS, ws, cache);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stderr).toBe(expected.stderr);
    expect(r.code).toBe(expected.code);
    fs.writeFileSync(file, 'not compiled code');
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
    expect(fs.readFileSync(file).length).toBeGreaterThan(100_000);
    expect(code()).toHaveLength(1);
  });
});

describe('the code cache after runs that ran more or less of the CLI', () => {
  it('keeps nothing for --version, the code of a term base check, then more after a check of a document, and nothing again', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const dir = path.join(cache, 'code');
    const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : []);
    const read = () => {
      const [f] = files();
      const kept = readCodeCache(fs.readFileSync(path.join(dir, f)))!;
      return { level: kept.level, bytes: kept.data.length, mtime: fs.statSync(path.join(dir, f)).mtimeMs };
    };
    expect(run(['--version'], ws, cache).code).toBe(0);
    expect(files()).toEqual([]);
    const expected = run(ARGS, ws, 'off');

    // A term base alone: kept, as a run that ran part of the checker.
    expect(run(['check', 'big.terms.yaml'], ws, cache).code).not.toBe(2);
    expect(files()).toHaveLength(1);
    const partial = read();
    expect(partial.level).toBe(1);

    // A document analysed: what the term base's run kept and what this run compiled, written over it.
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
    expect(files()).toHaveLength(1);
    const whole = read();
    expect(whole.level).toBe(2);
    expect(whole.bytes).toBeGreaterThan(partial.bytes);

    // Nothing more to keep: neither the same check nor the term base's writes again.
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
    run(['check', 'big.terms.yaml'], ws, cache);
    expect(read()).toEqual(whole);
  });

  it('keeps nothing for bad usage, export, or a check whose documents all went to a worker thread', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const dir = path.join(cache, 'code');
    const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : []);
    expect(run(['check', '--no-such-option'], ws, cache).code).toBe(2);
    expect(run(['export', '--help'], ws, cache).code).toBe(0);
    // Two files, two threads: the worker takes both before this thread looks for one (checkPool.ts, two at a time).
    const threaded = run([...ARGS, '--jobs', '2'], ws, cache);
    expect(threaded.stdout).toBe(run(ARGS, ws, 'off').stdout);
    expect(files()).toEqual([]);
  });

  it('writes again over a file of its own whose code V8 rejects, whatever level it says', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const dir = path.join(cache, 'code');
    expect(run(ARGS, ws, cache).code).not.toBe(2);
    const [f] = fs.readdirSync(dir).filter((n) => n.endsWith('.bin'));
    const file = path.join(dir, f);
    fs.writeFileSync(file, Buffer.concat([CODE_HEADER, Buffer.of(2), Buffer.alloc(4096, 7)]));
    const expected = run(ARGS, ws, 'off');
    expect(run(['check', 'big.terms.yaml'], ws, cache).code).not.toBe(2);
    const kept = readCodeCache(fs.readFileSync(file))!;
    expect(kept.level).toBe(1);
    expect(kept.data.length).toBeGreaterThan(100_000);
    expect(run(ARGS, ws, cache).stdout).toBe(expected.stdout);
    expect(readCodeCache(fs.readFileSync(file))!.level).toBe(2);
  });

  it('limits inlining for the CLI unless Node was given a budget of its own', () => {
    const set: string[] = [];
    expect(limitInlining([], (f) => set.push(f))).toBe(true);
    expect(limitInlining(['--stack-size=2000', ''], (f) => set.push(f))).toBe(true);
    expect(set).toEqual([`--max-inlined-bytecode-size-cumulative=${CLI_INLINING_BUDGET}`, `--max-inlined-bytecode-size-cumulative=${CLI_INLINING_BUDGET}`]);
    for (const own of ['--max-inlined-bytecode-size-cumulative=500', '--max_inlined_bytecode_size_cumulative=10', '--max-inlined-bytecode-size-cumulative', '"--max-inlined-bytecode-size-cumulative=500"']) expect(limitInlining([own], (f) => set.push(f))).toBe(false);
    // Another option whose name begins the same is not a budget.
    expect(limitInlining(['--max-inlined-bytecode-size-cumulative-x=1'], (f) => set.push(f))).toBe(true);
    expect(set).toHaveLength(3);
  });

  it('turns off pretenuring for the CLI unless Node was given that option, on or off', () => {
    const set: string[] = [];
    expect(noPretenuring([], (f) => set.push(f))).toBe(true);
    expect(noPretenuring(['--max-inlined-bytecode-size-cumulative=500', ''], (f) => set.push(f))).toBe(true);
    expect(set).toEqual(['--no-allocation-site-pretenuring', '--no-allocation-site-pretenuring']);
    for (const own of ['--allocation-site-pretenuring', '--no-allocation-site-pretenuring', '--no_allocation_site_pretenuring', '"--allocation-site-pretenuring"']) expect(noPretenuring([own], (f) => set.push(f))).toBe(false);
    expect(noPretenuring(['--allocation-site-pretenuring-x'], (f) => set.push(f))).toBe(true);
    expect(set).toHaveLength(3);
  });

  it('reads its own files only: V8 data without the header is no cache', () => {
    expect(readCodeCache(Buffer.from('not ours at all'))).toBeUndefined();
    expect(readCodeCache(Buffer.concat([CODE_HEADER]))).toBeUndefined();
    // V8's data starts at a multiple of 8 (else V8 copies it before reading).
    expect((CODE_HEADER.length + 1) % 8).toBe(0);
    const kept = readCodeCache(Buffer.concat([CODE_HEADER, Buffer.of(2), Buffer.from('v8 data')]))!;
    expect(kept.level).toBe(2);
    expect(kept.data.toString()).toBe('v8 data');
  });
});

describe('the code cache under Node options', () => {
  it('keeps one file per set of options, so runs with and without them do not replace each other', () => {
    const ws = workspace();
    const cache = tempFolder('cc-tbcache-dir-');
    const dir = path.join(cache, 'code');
    const expected = run(ARGS, ws, 'off');
    // A V8 flag in NODE_OPTIONS (as CI sets one): V8 rejects code compiled without it, and the other way round.
    const flagged = { NODE_OPTIONS: '--max-old-space-size=3000' };
    const stamps = () => Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
    expect(run(ARGS, ws, cache, { NODE_OPTIONS: '' }).stdout).toBe(expected.stdout);
    expect(run(ARGS, ws, cache, flagged).stdout).toBe(expected.stdout);
    const written = stamps();
    expect(Object.keys(written)).toHaveLength(2);
    expect(Object.keys(written).filter((f) => /-o[0-9a-f]+\.bin$/.test(f))).toHaveLength(1);
    for (const extra of [{ NODE_OPTIONS: '' }, flagged, { NODE_OPTIONS: '' }]) expect(run(ARGS, ws, cache, extra).stdout).toBe(expected.stdout);
    // Each run found the code of its own options and wrote nothing.
    expect(stamps()).toEqual(written);
  });

  it('names the options by their command line and NODE_OPTIONS, and adds nothing without them', () => {
    const crc = (data: Buffer) => data.reduce((h, b) => (h * 31 + b) >>> 0, 7);
    expect(flagsPart(crc, [], undefined)).toBe('');
    expect(flagsPart(crc, [], '  ')).toBe('');
    const a = flagsPart(crc, ['--max-old-space-size=3000'], undefined);
    const b = flagsPart(crc, [], '--max-old-space-size=3000');
    expect(a).toMatch(/^-o[0-9a-f]+$/);
    expect(b).toMatch(/^-o[0-9a-f]+$/);
    expect(a).not.toBe(b);
    expect(flagsPart(crc, ['--stack-size=2000'], undefined)).not.toBe(a);
  });
});

describe('check starts without the parts of the CLI it does not run', () => {
  /** The modules a run of the bundled CLI loaded, by file name. */
  function loaded(args: string[], cwd: string): string[] {
    // Node's own modules are listed as `node:<name>` (from `process.moduleLoadList`).
    const script = `const cli = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))}); cli.main(${JSON.stringify(args)}, () => {}, () => {}); process.stdout.write(JSON.stringify([...Object.keys(require.cache).map((f) => require('path').basename(f)), ...process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => 'node:' + m.slice(13))]));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CUSTOMS_CONCEPTS_CACHE_DIR: 'off' } });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as string[];
  }

  it('loads no worker threads for a check on one thread', () => {
    const ws = workspace();
    expect(loaded(ARGS, ws)).not.toContain('node:worker_threads');
    expect(loaded([...ARGS, '--jobs', '2'], ws)).toContain('node:worker_threads');
  });

  it('loads neither export nor the exchange formats for check, and the formats for terms export', () => {
    const ws = workspace();
    const check = loaded(ARGS, ws);
    expect(check).toContain('cli.js');
    expect(check.filter((f) => f.startsWith('cli-'))).toEqual([]);
    expect(loaded(['terms', 'export', 'builtin', '--format', 'csv', '--out', 'builtin.csv'], ws)).toContain('cli-formats.js');
  });
});
