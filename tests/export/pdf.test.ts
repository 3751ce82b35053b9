/**
 * The export seen by a real browser and a real PDF reader: the HTML of the
 * example concept opened in headless Chromium (a screenshot of each annex, the
 * figures laid out), and the PDF printed by the CLI checked with poppler:
 * `pdfinfo` (A4, tagged, pages), `pdftotext` (annex titles, every cited
 * instrument, every used term) and `pdftoppm` (each page as PNG).
 * Images go to test-results/export/.
 *
 * Needs Chromium and poppler-utils (`.ci/run` installs both); without them the
 * suite is skipped and says which is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../server/src/export/pdf';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'customs-concepts.js');
const RESULTS = path.join(REPO, 'test-results', 'export');
const browser = findBrowser();
const hasPoppler = spawnSync('pdfinfo', ['-v']).status === 0;
const missing = 'error' in browser ? 'no Chromium' : !hasPoppler ? 'no poppler-utils (pdfinfo)' : undefined;
if (missing) console.warn(`tests/export/pdf.test.ts skipped: ${missing} on this machine (.ci/run installs them).`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-pdf-'));
const html = path.join(tmp, 'example.html');
const pdf = path.join(tmp, 'example.pdf');

function cli(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'export', 'examples/eaeu-digital-customs-2030.concept.md', ...args], { cwd: REPO, encoding: 'utf8' });
}

const ANNEXES = [
  ['annex-a', 'Annex A. Glossary'],
  ['annex-b', 'Annex B. Instruments cited'],
  ['annex-c', 'Annex C. Coverage of the reference model'],
  ['annex-d', 'Annex D. Maturity and indicators'],
  ['annex-e', 'Annex E. Components and their relations'],
  ['annex-problems', 'Annex F. Open problems'],
];

describe.skipIf(!!missing)('the export in a browser and as PDF', () => {
  let chrome: Browser;
  let text = '';

  beforeAll(async () => {
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    expect(cli(['--out', html]).status).toBe(0);
    const printed = cli(['--format', 'pdf', '--out', pdf]);
    expect(printed.stderr).toContain('example.pdf written.');
    // Reading order (no -layout): the text of a table cell stays together.
    text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    chrome = await chromium.launch({ executablePath: (browser as { path: string }).path, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
  });

  it('shows each annex in Chromium, figures laid out (screenshots)', async () => {
    const page = await chrome.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto('file://' + html);
    for (const [id, title] of ANNEXES) {
      const annex = page.locator(`section#${id}`);
      await expect(annex.locator('h1').textContent()).resolves.toBe(title);
      await annex.screenshot({ path: path.join(RESULTS, `html-${id}.png`) });
    }
    await page.locator('header.cc-title-block').screenshot({ path: path.join(RESULTS, 'html-title-block.png') });
    for (const figure of ['cc-maturity', 'cc-components']) {
      const box = await page.locator(`figure.${figure} svg`).boundingBox();
      expect(box!.width, figure).toBeGreaterThan(250);
      expect(box!.height, figure).toBeGreaterThan(150);
    }
    // The radar names every dimension; the diagram every component.
    const radar = await page.locator('figure.cc-maturity svg').textContent();
    for (const d of ['Processes', 'Data', 'Systems', 'Partners']) expect(radar).toContain(d);
    const diagram = await page.locator('figure.cc-components svg').textContent();
    for (const c of ['Risk management system', 'Customs data warehouse', 'Performance monitoring']) expect(diagram).toContain(c);
    // A term's link leads to its glossary entry.
    await page.locator('a.cc-term-link[href="#term-risk-management"]').first().click();
    expect(new URL(page.url()).hash).toBe('#term-risk-management');
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('is an A4, tagged PDF with an outline and numbered pages', () => {
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    expect(info).toContain('Title:           Digital customs 2030 — concept of the example administration');
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(text).toContain(`Page 1 / ${pages}`);
    expect(text).toContain(`Page ${pages} / ${pages}`);
    // The outline (bookmarks) follows the headings, annexes included.
    const outline = spawnSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8' });
    expect(outline.status).toBe(0);
  });

  it('starts each annex on a new page, in order', () => {
    const pages = text.split('\f').map((p) => p.replace(/\s+/g, ' ').trim());
    const firstPageOf = (title: string) => pages.findIndex((p) => p.startsWith(title));
    const at = ANNEXES.map(([, title]) => firstPageOf(title));
    for (let i = 0; i < at.length; i++) {
      expect(at[i], ANNEXES[i][1]).toBeGreaterThan(0);
      expect(pages[at[i]].startsWith(ANNEXES[i][1]), `${ANNEXES[i][1]} opens its page`).toBe(true);
      if (i) expect(at[i]).toBeGreaterThan(at[i - 1]);
    }
  });

  it('holds every cited instrument and every used term', () => {
    const exported = fs.readFileSync(html, 'utf8');
    const unescape = (x: string) => x.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    const instruments = new Map([...exported.matchAll(/class="cc-cite" href="#[^"]+" title="([^"]+)" data-instrument="[^"]+">([^<]+)</g)].map((m) => [unescape(m[2]), unescape(m[1])]));
    const terms = [...new Set([...exported.matchAll(/data-term="([^"]+)"/g)].map((m) => unescape(m[1])))];
    expect(instruments.size).toBeGreaterThan(5);
    expect(terms.length).toBeGreaterThan(5);
    const flat = text.replace(/\s+/g, ' ');
    const annexB = flat.slice(flat.indexOf('Annex B. Instruments cited'), flat.indexOf('Annex C. Coverage'));
    const annexA = flat.slice(flat.indexOf('Annex A. Glossary'), flat.indexOf('Annex B. Instruments cited'));
    for (const [short, title] of instruments) {
      expect(annexB, short).toContain(short);
      // A title that wraps in its table cell may be read interleaved with the next cells: every word is there.
      for (const word of title.split(' ')) expect(annexB, `${title}: ${word}`).toContain(word);
    }
    for (const term of terms) expect(annexA, term).toContain(term);
  });

  it('renders every page to PNG with pdftoppm', () => {
    const r = spawnSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(RESULTS, 'pdf-page')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    const pngs = fs.readdirSync(RESULTS).filter((f) => f.startsWith('pdf-page') && f.endsWith('.png'));
    expect(pngs).toHaveLength(pages);
    for (const f of pngs) expect(fs.statSync(path.join(RESULTS, f)).size).toBeGreaterThan(5_000);
  });
});
