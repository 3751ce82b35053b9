/**
 * The hostile corpus (`tests/hostile/`): every file goes through the language
 * service (diagnostics, then every other feature at a few places) and through
 * the CLI, and must give exactly the codes that `expected.yaml` lists for it.
 * Big or binary cases are generated into a temporary folder at run time.
 *
 * The per-test timeouts are hang guards only: nothing here asserts a duration
 * (the benchmark harness owns timing). The CLI runs have a process timeout, so a
 * hang there fails the test; a hang inside the in-process service would block
 * the worker until vitest gives up on it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, documentKind, type LanguageService } from '../../server/src/core/index';
import { findFiles, loadBuiltinData, readFileUri } from '../../server/src/node/files';

const ROOT = path.join(__dirname, '..', '..');
const HOSTILE = path.join(ROOT, 'tests', 'hostile');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

interface Case {
  about: string;
  generated?: boolean;
  files: Record<string, string[]>;
}
const manifest = parse(fs.readFileSync(path.join(HOSTILE, 'expected.yaml'), 'utf8')) as { cases: Record<string, Case> };

const MB = 1024 * 1024;

/** A paragraph of ordinary prose, repeated to make big files. */
const FILLER = 'Customs administrations exchange data with traders and with each other before the goods arrive. ';

/** Writes the generated files of a case into `dir`. */
const GENERATORS: Record<string, (dir: string) => void> = {
  'big-document': (dir) => {
    const head = '---\ntitle: Fifty megabytes\n---\n# Scope\n\n';
    const para = FILLER.repeat(10) + '\n\n';
    write(dir, 'huge.concept.md', head + para.repeat(Math.ceil((50 * MB) / para.length)));
  },
  'big-term-base': (dir) => {
    const entries: string[] = [];
    for (let i = 1; i <= 100_000; i++) entries.push(`  - term: term ${i} of the base\n    definition: Definition number ${i}.\n`);
    write(dir, 'big.terms.yaml', 'terms:\n' + entries.join(''));
    write(dir, 'uses.concept.md', '---\nglossaries: [big.terms.yaml]\n---\nThe «term 42 of the base», «term 99999 of the base» and «term 100001 of the base».\n');
  },
  'long-line': (dir) => {
    const filler = FILLER.repeat(Math.ceil((5 * MB) / FILLER.length));
    write(dir, 'line.concept.md', 'The «data lake» cites @rkc and @no-such-instrument; ' + filler + ' `code «x»` <b>html</b> [a link](target) and «an unknown thing» at the end');
    write(dir, 'line.terms.yaml', 'terms:\n  - term: data lake\n    definition: "' + filler + '"');
  },
  binary: (dir) => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    // Overlong `/`, an encoded surrogate half, 5- and 6-byte forms, a lone continuation byte, 0xFE 0xFF.
    const invalid = Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xfc, 0x84, 0x80, 0x80, 0x80, 0x80, 0x80, 0xfe, 0xff]);
    fs.writeFileSync(path.join(dir, 'binary.concept.md'), Buffer.concat([
      Buffer.from('---\nglossaries: [binary.terms.yaml]\nterms:\n  data lake: A store of raw data.\n---\n'),
      all, invalid,
      Buffer.from('\nThe «data lake» and «x'), invalid, Buffer.from('y».\n'),
    ]));
    fs.writeFileSync(path.join(dir, 'binary.terms.yaml'), Buffer.concat([
      Buffer.from('terms:\n  - term: "'), invalid, Buffer.from('"\n    definition: a\u0000b\n  - term: '), all, Buffer.from('\n'),
    ]));
  },
  'many-aliases': (dir) => {
    write(dir, 'aliases.terms.yaml', 'labels:\n  - &l customs label\nterms:\n  - term: aliased\n    variants:\n' + '      - *l\n'.repeat(100_000));
  },
};

function write(dir: string, name: string, text: string): void {
  fs.writeFileSync(path.join(dir, name), text);
}

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

/** The folder of a case: the committed one, or a fresh temporary one for generated cases. */
function caseDir(name: string, c: Case): string {
  if (!c.generated) return path.join(HOSTILE, name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cc-hostile-${name}-`));
  temp.push(dir);
  GENERATORS[name](dir);
  return dir;
}

/** A language service over one case folder, reading files the way the server does (confined, lossy UTF-8). */
function serviceFor(dir: string): LanguageService {
  const uris = (suffixes: string[]) => findFiles(dir, suffixes).map((f) => URI.file(f).toString());
  return createLanguageService({
    builtin: loadBuiltinData(),
    workspace: {
      read: (uri) => readFileUri(uri, [dir]),
      termBaseUris: () => uris(['.terms.yaml']),
      conceptUris: () => uris(['.concept.md']),
      modelUris: () => [],
    },
  });
}

function distinctCodes(codes: unknown[]): string[] {
  return [...new Set(codes.map(String))].sort();
}

/** Every feature at a few places: none may throw. */
function exerciseFeatures(service: LanguageService, doc: TextDocument, diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): void {
  const text = doc.getText();
  const places = [0, 1, Math.floor(text.length / 2), text.length - 1, text.length].filter((o) => o >= 0).map((o) => doc.positionAt(o));
  for (const d of diagnostics.slice(0, 20)) places.push(d.range.start, d.range.end);
  service.getDocumentSymbols(doc);
  service.getSemanticTokens(doc);
  service.getFoldingRanges(doc);
  service.getCodeLenses(doc);
  service.getDocumentLinks(doc);
  service.dependencies(doc);
  for (const p of places) {
    service.getHover(doc, p);
    service.getCompletions(doc, p);
    service.findDefinition(doc, p);
    service.findReferences(doc, p, true);
    service.prepareRename(doc, p);
    service.getCodeActions(doc, { start: p, end: p }, { diagnostics: diagnostics.slice(0, 20) as never });
  }
}

describe('hostile corpus', () => {
  for (const [name, c] of Object.entries(manifest.cases)) {
    it(`${name}: ${c.about}`, () => {
      const dir = caseDir(name, c);
      const service = serviceFor(dir);
      const onDisk = fs.readdirSync(dir).filter((f) => documentKind(f) !== 'other').sort();
      expect(onDisk).toEqual(Object.keys(c.files).sort());

      // The language service.
      const got: Record<string, string[]> = {};
      for (const file of Object.keys(c.files)) {
        const uri = URI.file(path.join(dir, file)).toString();
        const read = readFileUri(uri, [dir]);
        if ('error' in read) throw new Error(`${file}: ${read.error}`);
        const doc = TextDocument.create(uri, file.endsWith('.md') ? 'markdown' : 'yaml', 1, read.text);
        const diagnostics = service.computeDiagnostics(doc);
        got[file] = distinctCodes(diagnostics.map((d) => d.code));
        exerciseFeatures(service, doc, diagnostics);
      }
      expect(got).toEqual(Object.fromEntries(Object.entries(c.files).map(([f, codes]) => [f, [...codes].sort()])));

      // The CLI, on the same files on disk.
      const termBases = Object.keys(c.files).filter((f) => documentKind(f) === 'termBase').map((f) => path.join(dir, f));
      const r = spawnSync(process.execPath, [BIN, 'check', dir, ...termBases, '--format', 'json'], {
        cwd: dir, encoding: 'utf8', timeout: 170_000, maxBuffer: 1024 * MB, env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
      });
      expect(r.error, `CLI: ${r.error?.message}`).toBeUndefined();
      expect(r.status, r.stderr).not.toBe(2);
      const cli = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
      const cliCodes = Object.fromEntries(cli.map((f) => [path.basename(f.file), distinctCodes(f.diagnostics.map((d) => d.code))]));
      expect(cliCodes).toEqual(got);
    }, c.generated ? 240_000 : 60_000);
  }
});

describe('the size limit', () => {
  it('gives a document above maxDocumentBytes one information diagnostic on its first line and no analysis', () => {
    const service = createLanguageService({
      builtin: loadBuiltinData(),
      workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] },
      settings: () => ({ termBases: [], implicitUseSeverity: 'warning', unusedDefinitionSeverity: 'hint', maxDocumentBytes: 1000 }),
    });
    const text = '---\ntitle: t\n---\n' + 'The «smart border» and @nowhere.\n'.repeat(100);
    const doc = TextDocument.create('file:///ws/big.concept.md', 'markdown', 1, text);
    const diagnostics = service.computeDiagnostics(doc);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([['document-too-large', 3, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }]]);
    expect(service.analyse(doc).uses).toEqual([]);
    expect(service.getHover(doc, { line: 3, character: 6 })).toBeNull();
    // The same text within the limit is analysed as usual.
    const small = TextDocument.create('file:///ws/small.concept.md', 'markdown', 1, text.slice(0, 900));
    expect(distinctCodes(service.computeDiagnostics(small).map((d) => d.code))).toEqual(['missing-section', 'undefined-term', 'unknown-instrument']);
  });

  it('counts UTF-8 bytes: Cyrillic text of 600 characters is 1,200 bytes', () => {
    const service = createLanguageService({
      builtin: loadBuiltinData(),
      workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] },
      settings: () => ({ termBases: [], implicitUseSeverity: 'warning', unusedDefinitionSeverity: 'hint', maxDocumentBytes: 1000 }),
    });
    const doc = TextDocument.create('file:///ws/ru.concept.md', 'markdown', 1, 'ж'.repeat(600));
    expect(service.computeDiagnostics(doc).map((d) => d.code)).toEqual(['document-too-large']);
  });

  it('is the CLI default too, and `--max-document-size` changes it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-hostile-limit-'));
    temp.push(dir);
    write(dir, 'a.concept.md', 'The «smart border».\n'.repeat(200));
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'check', dir, '--format', 'json', ...args], { encoding: 'utf8', timeout: 60_000 });
    const codes = (r: ReturnType<typeof run>) => distinctCodes((JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[])[0].diagnostics.map((d) => d.code));
    expect(codes(run())).toEqual(['missing-section', 'undefined-term']);
    const limited = run('--max-document-size', '0.001');
    expect(codes(limited)).toEqual(['document-too-large']);
    expect(limited.status).toBe(0);
    expect(run('--max-document-size', 'lots').status).toBe(2);
  });
});
