import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCache, encodeCache, hashText } from '../../server/src/node/checkCache';
import { hashFile } from '../../server/src/node/files';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');
const CACHE = '.customs-concepts-cache';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the example workspace (documents, term base, model, catalog) in a new folder. */
function workspace(): string {
  const dir = tempFolder('cc-cache-');
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

const MARK = 'FROM-CACHE';

/** Adds a marker diagnostic to every cached result, so that a later run shows which results it took from the cache. */
function markCache(file: string) {
  const cache = decodeCache(fs.readFileSync(file))!;
  expect(cache.entries.size).toBeGreaterThan(0);
  for (const e of cache.entries.values()) {
    const diagnostics = JSON.parse(Buffer.from(e.reported.json!).toString('utf8')) as unknown[];
    diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 4, code: 'marker', message: MARK });
    e.reported = { ...e.reported, json: JSON.stringify(diagnostics, null, 2).replace(/\n/g, '\n    '), total: e.reported.total + 1 };
  }
  fs.writeFileSync(file, Buffer.concat([...encodeCache(cache)].map((piece) => Buffer.from(piece))));
}

/** The files whose results the run took from the cache. */
function fromCache(stdout: string): string[] {
  const files = JSON.parse(stdout) as { file: string; diagnostics: { message: string }[] }[];
  return files.filter((f) => f.diagnostics.some((d) => d.message === MARK)).map((f) => f.file).sort();
}

const DOCUMENTS = ['examples/eaeu-digital-customs-2030.concept.md', 'examples/eeu-digital-customs.concept.md', 'examples/ru/eaeu-digital-customs.concept.md'];
// A folder's instrument catalogs are read, not reported on.
const ALL = [...DOCUMENTS, 'examples/glossary/customs.terms.yaml', 'examples/models/eaeu-digital-customs.model.yaml'].sort();

describe('customs-concepts check --cache', () => {
  // One test per format: three CLI processes each, so a slow machine does not add up five formats' time in one test.
  it.each(['text', 'json', 'sarif', 'gitlab', 'github'])('prints the same report, with the same exit code, with and without the cache (%s)', (format) => {
    const dir = workspace();
    const plain = run(['check', 'examples', '--format', format], dir);
    const filling = run(['check', 'examples', '--format', format, '--cache'], dir);
    expect(fs.existsSync(path.join(dir, CACHE))).toBe(true);
    const cached = run(['check', 'examples', '--format', format, '--cache'], dir);
    expect(plain.code).toBe(1);
    expect(plain.stdout.length).toBeGreaterThan(0);
    for (const r of [filling, cached]) expect(r).toEqual(plain);
  });

  it('reuses the results of unchanged documents and checks again what a changed document, term base or model touches', () => {
    const dir = workspace();
    const cache = path.join(dir, CACHE);
    const check = () => run(['check', 'examples', '--format', 'json', '--cache'], dir);
    check();
    markCache(cache);
    expect(fromCache(check().stdout)).toEqual(ALL);

    // A changed document is checked again; the others are not.
    const doc = path.join(dir, 'examples/eeu-digital-customs.concept.md');
    fs.appendFileSync(doc, '\nThe «smart border» again.\n');
    const changed = check();
    expect(fromCache(changed.stdout)).toEqual(ALL.filter((f) => f !== 'examples/eeu-digital-customs.concept.md'));
    // Its fresh result sees the new text.
    const fresh = (JSON.parse(changed.stdout) as { file: string; diagnostics: { range: { start: { line: number } } }[] }[]).find((f) => f.file.endsWith('/eeu-digital-customs.concept.md'))!;
    const lastLine = fs.readFileSync(doc, 'utf8').split('\n').length - 2;
    expect(fresh.diagnostics.some((d) => d.range.start.line === lastLine)).toBe(true);

    // A changed term base: every document that uses it is checked again.
    markCache(cache);
    fs.appendFileSync(path.join(dir, 'examples/glossary/customs.terms.yaml'), '\n# A comment changes nothing the checks see, but the bytes.\n');
    expect(fromCache(check().stdout)).toEqual(ALL.filter((f) => !DOCUMENTS.includes(f) && !f.endsWith('customs.terms.yaml')));

    // A changed reference model: likewise (and the model file itself).
    markCache(cache);
    fs.appendFileSync(path.join(dir, 'examples/models/eaeu-digital-customs.model.yaml'), '\n# Touched.\n');
    expect(fromCache(check().stdout)).toEqual(ALL.filter((f) => !DOCUMENTS.includes(f) && !f.endsWith('.model.yaml')));

    // A changed instrument catalog: documents, term bases and models all cite instruments.
    markCache(cache);
    fs.appendFileSync(path.join(dir, 'examples/catalogs/eaeu.instruments.yaml'), '\n# Touched.\n');
    expect(fromCache(check().stdout)).toEqual([]);
  });

  it('checks everything again when a setting changes or a term base appears', () => {
    const dir = workspace();
    const cache = path.join(dir, CACHE);
    run(['check', 'examples', '--cache'], dir);
    markCache(cache);
    const frenchMessages = run(['check', 'examples', '--format', 'json', '--cache', '--locale', 'fr'], dir);
    expect(fromCache(frenchMessages.stdout)).toEqual([]);
    expect(frenchMessages.stdout).toEqual(run(['check', 'examples', '--format', 'json', '--locale', 'fr'], dir).stdout);

    markCache(cache);
    expect(fromCache(run(['check', 'examples', '--format', 'json', '--cache', '--locale', 'fr', '--no-implicit'], dir).stdout)).toEqual([]);

    markCache(cache);
    fs.writeFileSync(path.join(dir, 'examples/extra.terms.yaml'), 'terms:\n  - term: smart border\n    definition: A border crossing run on data.\n');
    const withNewBase = run(['check', 'examples', '--format', 'json', '--cache', '--locale', 'fr', '--no-implicit'], dir);
    expect(fromCache(withNewBase.stdout)).toEqual([]);
    expect(withNewBase.stdout).toEqual(run(['check', 'examples', '--format', 'json', '--locale', 'fr', '--no-implicit'], dir).stdout);
  });

  it('ignores and rewrites a corrupt cache file, and keeps the cache where --cache-location says', () => {
    const dir = workspace();
    const plain = run(['check', 'examples', '--format', 'json'], dir);
    const cache = path.join(dir, CACHE);
    for (const corrupt of ['{"format":1,"key":', '', '[]', 'null', '{"format":1,"key":"x","entries":{"a":{"hash":1}}}', '\u0000\u00ff binary']) {
      fs.writeFileSync(cache, corrupt);
      const r = run(['check', 'examples', '--format', 'json', '--cache'], dir);
      expect(r).toEqual(plain);
      expect(decodeCache(fs.readFileSync(cache))?.entries.size).toBe(ALL.length);
    }
    // A cache cut short, or whose parts do not lie where its first line says, is ignored too.
    const valid = fs.readFileSync(cache, 'utf8');
    for (const corrupt of [valid.slice(0, -10), valid.replace('"at":0,', '"at":1,'), valid.replace('\n[', '\n{'), valid.replace('"format":3', '"format":2')]) {
      expect(corrupt).not.toBe(valid);
      expect(decodeCache(Buffer.from(corrupt))).toBeUndefined();
      fs.writeFileSync(cache, corrupt);
      expect(run(['check', 'examples', '--format', 'json', '--cache'], dir)).toEqual(plain);
      expect(fs.readFileSync(cache, 'utf8')).toBe(valid);
    }

    const elsewhere = path.join(dir, 'cache', 'results.json');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.rmSync(cache);
    expect(run(['check', 'examples', '--format', 'json', '--cache-location', elsewhere], dir)).toEqual(plain);
    expect(fs.existsSync(elsewhere)).toBe(true);
    expect(fs.existsSync(cache)).toBe(false);
    markCache(elsewhere);
    expect(fromCache(run(['check', 'examples', '--format', 'json', `--cache-location=${elsewhere}`], dir).stdout)).toEqual(ALL);
    expect(run(['check', 'examples', '--cache-location'], dir).code).toBe(2);
  });

  it('writes cached results, kept as bytes, into --output-file and with --quiet as a fresh run does', () => {
    const dir = workspace();
    for (const extra of [['--output-file', 'report.json'], ['--quiet'], ['--quiet', '--output-file', 'report.json']]) {
      fs.rmSync(path.join(dir, 'report.json'), { force: true });
      const plain = run(['check', 'examples', '--format', 'json', ...extra], dir);
      const plainFile = extra.includes('--output-file') ? fs.readFileSync(path.join(dir, 'report.json'), 'utf8') : undefined;
      run(['check', 'examples', '--format', 'json', '--cache', ...extra], dir);
      fs.rmSync(path.join(dir, 'report.json'), { force: true });
      // Every file answered from the cache: its diagnostics go out as the bytes read from it.
      markCache(path.join(dir, CACHE));
      const cached = run(['check', 'examples', '--format', 'json', '--cache', ...extra], dir);
      const report = plainFile === undefined ? cached.stdout : fs.readFileSync(path.join(dir, 'report.json'), 'utf8');
      expect(fromCache(report)).toEqual(extra.includes('--quiet') ? [] : ALL);
      const withoutMarks = (json: string) => JSON.stringify((JSON.parse(json) as { diagnostics: { message: string }[] }[]).map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.message !== MARK) })));
      expect(withoutMarks(report)).toBe(withoutMarks(plainFile ?? plain.stdout));
      expect(cached.code).toBe(plain.code);
    }
  });

  it('reports a cache it cannot write, and still reports the documents', () => {
    const dir = workspace();
    const plain = run(['check', 'examples', '--format', 'json'], dir);
    const r = run(['check', 'examples', '--format', 'json', '--cache-location', path.join(dir, 'no-such-folder', 'cache')], dir);
    expect(r.stdout).toEqual(plain.stdout);
    expect(r.code).toBe(plain.code);
    expect(r.stderr).toMatch(/cannot write the cache/);
  });
});

describe('hashFile (how --cache reads every document)', () => {
  it('gives the SHA-256 of the whole file, however large, in one buffer it keeps between files', () => {
    const dir = tempFolder('cc-hash-');
    // Larger than the buffer's first size (64 KB), with Cyrillic: the buffer grows and keeps what it read before growing.
    const big = path.join(dir, 'big.concept.md');
    fs.writeFileSync(big, 'Таможня — customs. '.repeat(20_000));
    const small = path.join(dir, 'small.concept.md');
    fs.writeFileSync(small, 'short');
    const first = hashFile(big);
    if ('error' in first) throw new Error(first.error);
    expect(first.hash).toBe(hashText(fs.readFileSync(big)));
    expect(Buffer.from(first.bytes).equals(fs.readFileSync(big))).toBe(true);
    const second = hashFile(small);
    if ('error' in second) throw new Error(second.error);
    expect(second.hash).toBe(hashText(Buffer.from('short')));
    expect(Buffer.from(second.bytes).toString('utf8')).toBe('short');
    // The view of the first file now shows the second's bytes: a caller copies what it keeps.
    expect(Buffer.from(first.bytes.subarray(0, 5)).toString('utf8')).toBe('short');
    expect(hashFile(path.join(dir, 'empty.concept.md'))).toEqual({ error: 'no such file.' });
    fs.writeFileSync(path.join(dir, 'empty.concept.md'), '');
    expect(hashFile(path.join(dir, 'empty.concept.md'))).toMatchObject({ hash: hashText(Buffer.alloc(0)) });
    expect(hashFile(dir)).toEqual({ error: 'not a file.' });
  });
});
