/**
 * Files stay where they belong: a glossary path that leads outside the workspace
 * (`../`, an absolute path, a `file:` uri, a symbolic link pointing out) gets
 * `glossary-not-found` with the "outside the workspace" reason, and its terms
 * never reach the document, in the real server process and in the CLI.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startClient, type Client } from '../lsp/harness';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');
const FAST_SETTINGS = { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } };
const SECRET = 'terms:\n  - term: secret term\n    definition: Nobody outside may read this.\n';

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
});

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** `<tmp>/ws` (the workspace, with a symlink pointing out) beside `<tmp>/outside/secret.terms.yaml`. */
function layout() {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-escape-')));
  temp.push(top);
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside', 'secret.terms.yaml');
  fs.mkdirSync(path.join(ws, 'glossary'), { recursive: true });
  fs.mkdirSync(path.dirname(outside));
  fs.writeFileSync(outside, SECRET);
  fs.writeFileSync(path.join(ws, 'glossary', 'own.terms.yaml'), 'terms:\n  - term: own term\n    definition: Ours.\n');
  fs.symlinkSync(outside, path.join(ws, 'glossary', 'link.terms.yaml'));
  fs.symlinkSync(path.dirname(outside), path.join(ws, 'linked-dir'));
  const escapes = [
    '../outside/secret.terms.yaml',
    '../'.repeat(20) + 'etc/passwd',
    outside,
    URI.file(outside).toString(),
    'glossary/link.terms.yaml',
    'linked-dir/secret.terms.yaml',
  ];
  const doc = path.join(ws, 'doc.concept.md');
  const text = ['---', 'glossaries:', '  - glossary/own.terms.yaml', ...escapes.map((e) => `  - ${JSON.stringify(e)}`), '---', 'The «own term» and the «secret term».', ''].join('\n');
  fs.writeFileSync(doc, text);
  return { top, ws, outside, doc, text, escapes };
}

/** Checks the diagnostics of the layout's document: each escape refused, the secret never defined. */
function checkRefused(diagnostics: Diagnostic[], text: string, escapes: string[]): void {
  const lines = text.split('\n');
  const at = (d: Diagnostic) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
  const notFound = diagnostics.filter((d) => d.code === 'glossary-not-found');
  expect(notFound.map((d) => JSON.parse(at(d)))).toEqual(escapes);
  for (const d of notFound) expect(d.message).toMatch(/outside the workspace/);
  // The own term base is read; the secret one is not: «secret term» stays unknown.
  const undefinedTerms = diagnostics.filter((d) => d.code === 'undefined-term').map(at);
  expect(undefinedTerms).toEqual(['secret term']);
  expect(diagnostics.find((d) => d.code === 'undefined-term')!.message).toMatch(/no definition covers it/);
}

describe('path escapes', () => {
  it('the server refuses every path out of the workspace folder and reads nothing there', async () => {
    const { ws, outside, doc, text, escapes } = layout();
    client = await startClient(ws, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 }, termBases: [outside, '../outside/secret.terms.yaml'] } } });
    const uri = URI.file(doc).toString();
    await client.open(uri, text);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    checkRefused(published.diagnostics, text, escapes);
  });

  it('the server with no workspace folder reads only beside the open documents', async () => {
    const { ws, doc, text, escapes } = layout();
    client = await startClient(ws, { rootUri: null, workspaceFolders: null, initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    const uri = URI.file(doc).toString();
    await client.open(uri, text);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    checkRefused(published.diagnostics, text, escapes);
  });

  it('the CLI refuses paths outside the checked folder and the current folder', () => {
    const { ws, text, escapes } = layout();
    const r = spawnSync(process.execPath, [BIN, 'check', ws, '--format', 'json'], { cwd: ws, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: Diagnostic[] }[];
    checkRefused(out.find((f) => f.file.endsWith('doc.concept.md'))!.diagnostics, text, escapes);
  });

  it('the CLI refuses an absolute path outside both even when run from elsewhere', () => {
    const { ws, outside } = layout();
    const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-escape-cwd-')));
    temp.push(elsewhere);
    fs.writeFileSync(path.join(ws, 'abs.concept.md'), `---\nglossaries: [${JSON.stringify(outside)}]\n---\nThe «secret term».\n`);
    const r = spawnSync(process.execPath, [BIN, 'check', path.join(ws, 'abs.concept.md'), '--format', 'json'], { cwd: elsewhere, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    const [file] = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }[];
    expect(file.diagnostics.filter((d) => d.code === 'glossary-not-found').map((d) => d.message)).toEqual([expect.stringMatching(/outside the workspace/)]);
    expect(file.diagnostics.some((d) => d.code === 'undefined-term' && /no definition covers it/.test(d.message))).toBe(true);
  });

  it('a model path out of the workspace gets unknown-model with the same reason, in the server and the CLI', async () => {
    const { top, ws } = layout();
    const model = path.join(top, 'outside', 'secret.model.yaml');
    fs.copyFileSync(path.join(ROOT, 'server', 'data', 'wco-digital-customs.model.yaml'), model);
    fs.symlinkSync(model, path.join(ws, 'link.model.yaml'));
    const paths = ['../outside/secret.model.yaml', model, 'link.model.yaml'];
    const docs = paths.map((p, i) => ({ file: path.join(ws, `model-${i}.concept.md`), text: `---\nmodel: ${JSON.stringify(p)}\n---\nBody.\n` }));
    for (const d of docs) fs.writeFileSync(d.file, d.text);
    client = await startClient(ws, FAST_SETTINGS);
    for (const d of docs) {
      const uri = URI.file(d.file).toString();
      await client.open(uri, d.text);
      const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
      expect(published.diagnostics.map((x) => [x.code, /outside the workspace/.test(x.message)])).toEqual([['unknown-model', true]]);
    }
    const r = spawnSync(process.execPath, [BIN, 'check', ws, '--format', 'json'], { cwd: ws, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: Diagnostic[] }[];
    for (let i = 0; i < paths.length; i++) {
      const f = out.find((x) => x.file.endsWith(`model-${i}.concept.md`))!;
      expect(f.diagnostics.map((x) => [x.code, /outside the workspace/.test(x.message)])).toEqual([['unknown-model', true]]);
    }
  });
});
