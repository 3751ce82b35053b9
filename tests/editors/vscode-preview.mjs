// The preview and export test in the real VS Code: the packaged customs-concepts.vsix
// installed into a fresh code-server profile, driven in Debian's Chromium with
// playwright-core. A copy of the example workspace is opened; the Markdown preview of
// the example concept must show a term whose tooltip is its definition, a citation
// link titled with the instrument, and the maturity chart (asserted inside the
// preview's frame); then *Export Concept to PDF* must write the PDF beside the document.
// Screenshots go to test-results/vscode-preview/.
//
//   npm run package && node tests/editors/vscode-preview.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, installVsix, launchBrowser, missing, startCodeServer, withTimeout } from './lib/code-server.mjs';
import { createSteps } from './lib/steps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vsix = resolve(process.env.CC_VSIX ?? join(root, 'customs-concepts.vsix'));
const results = join(root, 'test-results', 'vscode-preview');
const HARD_LIMIT_MS = Number(process.env.CC_EDITOR_TIMEOUT ?? 240) * 1000;
const STEP_MS = 30_000;
const DOC = 'eaeu-digital-customs-2030.concept.md';

const why = missing() ?? (existsSync(vsix) ? undefined : `${vsix} not found (npm run package)`);
if (why) {
  console.error(`vscode-preview: cannot run: ${why}`);
  process.exit(1);
}
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

// A copy of the examples: the export writes its PDF beside the document.
const work = mkdtempSync(join(tmpdir(), 'cc-code-server-preview-'));
const folder = join(work, 'examples');
cpSync(join(root, 'examples'), folder, { recursive: true });
const pdf = join(folder, 'eaeu-digital-customs-2030.pdf');

const log = [];
const note = (line) => {
  log.push(line);
  if (process.env.CC_VERBOSE) console.error(line);
};
const { step, counts } = createSteps(results, STEP_MS + 5000);

async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

/** The frame of the Markdown preview's content (code-server nests it in the webview's frame). */
function previewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function session(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => note(`[console.${m.type()}] ${m.text()}`));

  await step(page, 'open the example concept', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: DOC });
    if (!(await row.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+E');
    await row.waitFor({ timeout: STEP_MS });
    await row.click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'Digital customs 2030' }).first().waitFor({ timeout: STEP_MS });
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  }, 80_000);

  await step(page, 'preview shows the title block, a term with its definition, a citation link and the chart', async () => {
    await runCommand(page, 'Markdown: Open Preview to the Side');
    const frame = previewFrame(page);
    await frame.locator('header.cc-title-block h1', { hasText: 'Digital customs 2030' }).waitFor({ timeout: STEP_MS });
    const term = frame.locator('dfn.cc-term[data-term="digital customs"]').first();
    await term.waitFor({ timeout: STEP_MS });
    const title = await term.getAttribute('title');
    if (!title?.includes('organisation of customs administration')) throw new Error(`term tooltip: ${title}`);
    const cite = frame.locator('a.cc-cite[data-instrument="eaeu-cc"]').first();
    await cite.waitFor({ timeout: STEP_MS });
    const citeTitle = await cite.getAttribute('title');
    if (citeTitle !== 'Customs Code of the Eurasian Economic Union') throw new Error(`citation title: ${citeTitle}`);
    if ((await cite.getAttribute('href')) !== '#ref-eaeu-cc') throw new Error('citation link target');
    await frame.locator('#ref-eaeu-cc').waitFor({ state: 'attached', timeout: STEP_MS });
    const chart = frame.locator('figure.cc-maturity svg').first();
    await chart.scrollIntoViewIfNeeded();
    await chart.waitFor({ state: 'visible', timeout: STEP_MS });
    const box = await chart.boundingBox();
    if (!box || box.width < 200 || box.height < 200) throw new Error(`chart box ${JSON.stringify(box)}`);
    await frame.locator('figure.cc-maturity svg text', { hasText: 'Processes' }).first().waitFor({ timeout: STEP_MS });
  }, 60_000);

  await step(page, 'the preview script opens a term’s definition from the keyboard and on click', async () => {
    const frame = previewFrame(page);
    // The preview script ran (one IIFE): terms are focusable and open a popover.
    await frame.locator('body[data-cc-enhanced]:not([data-cc-enhanced="0"])').waitFor({ state: 'attached', timeout: STEP_MS }).catch(async (e) => {
      const scripts = await frame.locator('script').evaluateAll((all) => all.map((x) => x.getAttribute('src') ?? 'inline'));
      const tab = await frame.locator('dfn.cc-term').first().getAttribute('tabindex');
      throw new Error(`${e.message.split('\n')[0]}; scripts: ${scripts.join(', ')}; first term tabindex: ${tab}`);
    });
    const term = frame.locator('dfn.cc-term[data-term="risk management"]').first();
    await term.scrollIntoViewIfNeeded();
    if ((await term.getAttribute('tabindex')) !== '0') throw new Error('the term is not focusable');
    await term.focus();
    await page.keyboard.press('Enter');
    await frame.locator('.cc-popover', { hasText: 'likelihood and impact of non-compliance' }).waitFor({ timeout: STEP_MS });
    await frame.locator('dfn.cc-term[data-term="digital customs"]').first().click();
    await frame.locator('.cc-popover', { hasText: 'organisation of customs administration' }).waitFor({ timeout: STEP_MS });
  });

  await step(page, 'preview shows the components diagram', async () => {
    const frame = previewFrame(page);
    const diagram = frame.locator('figure.cc-components svg').first();
    await diagram.scrollIntoViewIfNeeded();
    await diagram.waitFor({ state: 'visible', timeout: STEP_MS });
    await frame.locator('figure.cc-components svg text', { hasText: 'Risk management system' }).first().waitFor({ timeout: STEP_MS });
  });

  await step(page, 'Export Concept to PDF writes the PDF', async () => {
    // With the preview focused, the command exports the document the preview shows.
    await runCommand(page, 'Customs Concepts: Export Concept to PDF');
    await page.locator('.notification-toast', { hasText: 'eaeu-digital-customs-2030.pdf' }).first().waitFor({ timeout: 60_000 });
    if (!existsSync(pdf) || statSync(pdf).size < 10_000) throw new Error(`no PDF at ${pdf}`);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    if (info.status !== 0) throw new Error(`pdfinfo: ${info.stderr}`);
    if (!/Tagged:\s+yes/.test(info.stdout) || !/Page size:.*\(A4\)/.test(info.stdout)) throw new Error(`pdfinfo:\n${info.stdout}`);
    note(info.stdout);
  }, 75_000);
}

const t0 = Date.now();
let server;
let profile;
let browser;
try {
  await withTimeout(
    (async () => {
      profile = createProfile({ settings: { 'workbench.editor.enablePreview': false } });
      note(installVsix(profile, vsix));
      browser = await launchBrowser();
      server = await startCodeServer(profile, folder, { log: (l) => note(`[code-server] ${l}`) });
      console.log(`# code-server with the .vsix ready after ${Date.now() - t0} ms`);
      await session(browser.context, server.url);
    })(),
    HARD_LIMIT_MS,
    'vscode-preview',
  );
} catch (e) {
  counts.failed++;
  console.log(`not ok - vscode-preview: ${e.message.split('\n')[0]}`);
} finally {
  await browser?.close();
  await server?.stop();
  profile?.dispose();
  rmSync(work, { recursive: true, force: true });
  writeFileSync(join(results, 'log.txt'), log.join('\n') + '\n');
}
console.log(`vscode-preview: ${counts.passed} passed, ${counts.failed} failed`);
console.error(`vscode-preview: ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in test-results/vscode-preview/`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
