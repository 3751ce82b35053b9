/**
 * `customs-concepts export` as a process: the HTML of the example concept
 * (snapshot), self-contained, with its annexes; drafts with errors export with
 * their problems, `--strict` refuses them; bad usage and missing browsers get
 * clear messages.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser } from '../../server/src/export/pdf';
import { tempFolder } from '../tempFolder';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'customs-concepts.js');
const tmp = tempFolder('cc-export-');

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('export to HTML', () => {
  const out = path.join(tmp, 'example.html');
  const run = cli(['export', 'examples/eaeu-digital-customs-2030.concept.md', '--out', out]);
  const html = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';

  it('writes the example concept, clean, as one file', () => {
    expect(run.stderr).toContain('example.html written.');
    expect(run.code).toBe(0);
  });

  it('matches the snapshot of the example concept', async () => {
    await expect(html).toMatchFileSnapshot('__snapshots__/eaeu-digital-customs-2030.html');
  });

  it('is self-contained: no external stylesheet, script, image or font', () => {
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|<iframe\b|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<style>');
  });

  it('has the annexes in order, with the figures as SVG', () => {
    const titles = [...html.matchAll(/<section class="cc-annex" id="([^"]+)"><h1>([^<]+)<\/h1>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(titles).toEqual([
      'annex-a: Annex A. Glossary',
      'annex-b: Annex B. Instruments cited',
      'annex-c: Annex C. Coverage of the reference model',
      'annex-d: Annex D. Maturity and indicators',
      'annex-e: Annex E. Components and their relations',
      'annex-problems: Annex F. Open problems',
    ]);
    expect(html.match(/<figure class="cc-figure cc-maturity"><svg /g)).toHaveLength(1);
    expect(html.match(/<figure class="cc-figure cc-components"><svg /g)).toHaveLength(1);
  });

  it('links every term use and citation to an entry of the annexes', () => {
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(20);
    for (const t of new Set(targets)) expect(html, `anchor ${t}`).toContain(`id="${t}"`);
    // Every glossary entry is a term the body uses.
    const entries = [...html.matchAll(/<dt id="(term-[^"]+)">/g)].map((m) => m[1]);
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) expect(targets).toContain(e);
  });

  it('sorts the glossary in the document’s language', () => {
    const labels = [...html.matchAll(/<dt id="term-[^"]+">([^<]+)/g)].map((m) => m[1].trim());
    expect(labels).toEqual([...labels].sort(new Intl.Collator('en', { sensitivity: 'base' }).compare));
  });

  it('exports a draft with errors and lists them in the last annex; --strict refuses it', () => {
    const draft = path.join(tmp, 'draft.html');
    const r = cli(['export', 'examples/eeu-digital-customs.concept.md', '--out', draft]);
    expect(r.code).toBe(0);
    // The counts are the checker's own on the same document.
    const checked = JSON.parse(cli(['check', 'examples/eeu-digital-customs.concept.md', '--format', 'json']).stdout) as { diagnostics: { severity: number }[] }[];
    const count = (sev: number) => checked[0].diagnostics.filter((d) => d.severity === sev).length;
    expect(count(1)).toBeGreaterThan(0);
    expect(r.stderr).toContain(`draft.html written (${count(1)} errors and ${count(2)} warnings listed in its last annex).`);
    const text = fs.readFileSync(draft, 'utf8');
    const annex = text.slice(text.indexOf('id="annex-problems"'));
    expect(annex).toContain('<code>unknown-instrument</code>');
    expect(annex.match(/<span class="cc-error">error<\/span>/g)).toHaveLength(3);
    const strict = cli(['export', 'examples/eeu-digital-customs.concept.md', '--out', path.join(tmp, 'strict.html'), '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/not exported \(--strict\): the document has 3 errors:\n  \d+:\d+ /);
    expect(fs.existsSync(path.join(tmp, 'strict.html'))).toBe(false);
  });

  it('writes annex titles in the language asked for, and in the document’s language by default', () => {
    const ru = path.join(tmp, 'ru.html');
    expect(cli(['export', 'examples/eaeu-digital-customs-2030.concept.md', '--out', ru, '--locale', 'ru']).code).toBe(0);
    const text = fs.readFileSync(ru, 'utf8');
    expect(text).toContain('<h1>Приложение А. Глоссарий</h1>');
    expect(text).toContain('<h1>Приложение Г. Зрелость и показатели</h1>');
    // The Russian example is written in Russian: its annexes are too.
    const doc = path.join(tmp, 'ru-doc.html');
    expect(cli(['export', 'examples/ru/eaeu-digital-customs.concept.md', '--out', doc]).code).toBe(0);
    const ruDoc = fs.readFileSync(doc, 'utf8');
    expect(ruDoc).toContain('<html lang="ru">');
    expect(ruDoc).toContain('<h1>Приложение Б. Цитируемые документы</h1>');
    expect(ruDoc).toMatch(/<dfn class="cc-term[^"]*" title="[^"]+" data-term="[а-яё ]+">/);
  });

  it('says what is wrong with bad usage', () => {
    expect(cli(['export']).stderr).toContain('No document given.');
    expect(cli(['export', 'a.concept.md', 'b.concept.md']).stderr).toContain('Export takes one document.');
    const fmt = cli(['export', 'examples/eaeu-digital-customs-2030.concept.md', '--format', 'docx']);
    expect([fmt.code, fmt.stderr]).toEqual([2, '--format takes `html` or `pdf` (got `docx`).\n']);
    expect(cli(['export', 'missing.concept.md']).code).toBe(2);
    expect(cli(['export', '--help']).stdout).toContain('Usage: customs-concepts export <document>');
  });

  it('refuses a PDF without a browser and points to the HTML export', () => {
    const r = cli(['export', 'examples/eaeu-digital-customs-2030.concept.md', '--format', 'pdf', '--out', path.join(tmp, 'x.pdf'), '--browser', path.join(tmp, 'no-such-browser')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not exist or is not a file');
    expect(r.stderr).toContain('export to HTML (--format html)');
    expect(fs.existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
  });
});

describe('finding a browser', () => {
  it('looks in the usual places of each platform', () => {
    expect(browserCandidates('linux', { PATH: '/opt/bin:/usr/bin' })).toContain('/usr/bin/chromium');
    expect(browserCandidates('linux', { PATH: '/opt/bin' })).toContain('/opt/bin/google-chrome');
    expect(browserCandidates('darwin', {})).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('reports that none is installed, naming the way out', () => {
    const r = findBrowser(undefined, { PATH: tmp });
    if ('path' in r) expect(r.path).toBe('/snap/bin/chromium');
    else expect(r.error).toMatch(/No Chromium, Chrome or Edge was found.*--browser PATH.*--format html/);
  });

  it('takes the browser named by the environment', () => {
    expect(findBrowser(undefined, { CUSTOMS_CONCEPTS_BROWSER: process.execPath })).toEqual({ path: process.execPath });
  });
});
