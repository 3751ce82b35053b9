// Guided authoring in the real VS Code (code-server + Debian's Chromium, driven with
// playwright-core), with the packaged customs-concepts.vsix installed in a fresh profile,
// on a copy of the example workspace:
//   1. the Concept Overview of the English example: sections, terms, citations, and the
//      coverage item in the status bar; its + button adds a missing section;
//   2. Insert Instrument Citation: the quick pick finds the RKC by its Russian title, the
//      locator pick inserts [@rkc, General Annex, Chapter 7];
//   3. Show Uses of This Term (the references view) and Adopt Definition (the WCO one);
//   4. New Concept Document end to end (model, language, term base, title): the new file
//      has every required section of the model (the overview says so);
//   5. the walkthrough;
//   6. VS Code in Russian (`--locale ru` and a Russian language pack): the view, the status
//      item and the commands in Russian.
// A screenshot of each step goes to test-results/vscode-authoring/.
//
// The display language: code-server takes `--locale ru` (or `locale` in argv.json), but the
// workbench switches to a language only when a language pack for it is registered in the
// profile's languagepacks.json; without one, VS Code and every extension stay English (seen
// here: `--locale ru` alone shows the Concept Overview in English). No language pack can be
// downloaded here, so the test installs a stub one (tests/editors/fixtures/language-pack-ru,
// packaged with vsce) that translates none of VS Code's own strings: Russian becomes the display
// language, VS Code's own strings stay English, and the extension's package.nls.ru.json and
// l10n/bundle.l10n.ru.json apply in full. `code-server --install-extension` does not register a
// language pack (the running server's language pack service does that, after the first page has
// been served), so the test writes languagepacks.json as that service would.
//
//   npm run package && node tests/editors/vscode-authoring.mjs
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, installVsix, launchBrowser, missing, startCodeServer, withTimeout } from './lib/code-server.mjs';
import { createSteps } from './lib/steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const vsix = resolve(process.env.CC_VSIX ?? join(root, 'customs-concepts.vsix'));
const results = join(root, 'test-results', 'vscode-authoring');
const HARD_LIMIT_MS = Number(process.env.CC_EDITOR_TIMEOUT ?? 300) * 1000;
const STEP_MS = 30_000;

const why = missing() ?? (existsSync(vsix) ? undefined : `${vsix} not found (npm run package)`);
if (why) {
  console.error(`vscode-authoring: cannot run: ${why}`);
  process.exit(1);
}
const { step, goTo, note, counts, fail, writeLog } = createSteps(results, STEP_MS);

const quickInput = (page) => page.locator('.quick-input-widget');
const quickRow = (page, text) => quickInput(page).locator('.monaco-list-row', { hasText: text }).first();

/** Runs a command from the palette by (part of) its title. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  await quickRow(page, title).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

/** Waits for the quick input titled `title` (a pick replaces the previous one in the same widget). */
async function quickTitled(page, title) {
  await quickInput(page).locator('.quick-input-title', { hasText: title }).first().waitFor({ timeout: STEP_MS });
}

/** Types into the open quick pick and accepts the row that shows `row`. */
async function pick(page, filter, row = filter) {
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(filter);
  await quickRow(page, row).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
}

async function openDocument(page, name, text) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  if (!(await row.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+E');
  await row.first().waitFor({ timeout: STEP_MS });
  await row.first().click();
  await page.locator('.monaco-editor .view-lines', { hasText: text }).first().waitFor({ timeout: STEP_MS });
}

/** The Concept Overview pane: expanded, with the folders pane collapsed so that its rows have room. */
async function showOverview(page, title) {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor({ timeout: STEP_MS });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const folders = page.locator('.pane-header[aria-expanded="true"]', { has: page.locator('.title', { hasText: /examples|ws/i }) }).first();
  if (await folders.isVisible().catch(() => false)) await folders.click();
  return page.locator('.pane', { has: header }).first();
}

const row = (pane, ...texts) => {
  let r = pane.locator('.monaco-list-row');
  for (const t of texts) r = r.filter({ hasText: t });
  return r.first();
};

/**
 * Brings a group row of the overview to the expanded (or collapsed) state and waits until the
 * tree says so. A click alone is not enough: the overview refreshes whenever the server publishes
 * diagnostics, and a click that lands while the tree re-renders can be lost; so the row's own
 * aria-expanded decides, and the click is repeated until it holds.
 */
async function setExpanded(pane, want, ...texts) {
  const r = row(pane, ...texts);
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await r.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    if ((await r.getAttribute('aria-expanded')) === String(want)) return;
    if (Date.now() > deadline) throw new Error(`the overview row ${texts.join(' / ')} did not become ${want ? 'expanded' : 'collapsed'}`);
    await r.click();
    await r.and(pane.locator(`.monaco-list-row[aria-expanded="${want}"]`)).waitFor({ timeout: 2000 }).catch(() => {});
  }
}

/** Waits for a locator, and says which one when it does not come. */
async function seen(locator, what) {
  try {
    await locator.waitFor({ timeout: STEP_MS });
  } catch (e) {
    throw new Error(`${what}: ${e.message.split('\n')[0]}`);
  }
}

const editorText = (page, text) => page.locator('.monaco-editor .view-lines', { hasText: text }).first();

async function englishSession(context, url, workspace) {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => note(`[console.${m.type()}] ${m.text()}`));

  let pane;
  await step(page, 'concept overview of the English example', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await openDocument(page, 'eeu-digital-customs.concept.md', 'Digital customs in the EEU');
    pane = await showOverview(page, 'Concept Overview');
    await row(pane, 'Sections', '3 of 12 required · wco-digital-customs').waitFor({ timeout: STEP_MS });
    await row(pane, 'Scope', 'present').waitFor({ timeout: STEP_MS });
    await row(pane, 'Competencies', 'missing').waitFor({ timeout: STEP_MS });
    await row(pane, 'Terms', 'used terms defined').waitFor({ timeout: STEP_MS });
    await row(pane, 'digital customs', 'defined here').waitFor({ timeout: STEP_MS });
    await row(pane, 'single window', 'adopted from a term base').waitFor({ timeout: STEP_MS });
    await row(pane, 'electronic customs', 'used without definition').waitFor({ timeout: STEP_MS });
    await row(pane, 'data lake', 'defined, never used').waitFor({ timeout: STEP_MS });
  }, 90_000);

  await step(page, 'coverage in the status bar, cited instruments in the overview', async () => {
    await seen(page.locator('.statusbar-item', { hasText: '3/12' }).first(), 'the coverage item 3/12 in the status bar');
    // The sections and terms groups fold away so the citations come into view.
    await setExpanded(pane, false, 'Sections', 'required');
    await setExpanded(pane, false, 'Terms', 'used terms defined');
    await setExpanded(pane, true, 'Cited instruments');
    await seen(row(pane, '@rkc', 'current', 'Revised Kyoto Convention'), 'the overview row @rkc · current');
    await seen(row(pane, '@cu-cc', 'superseded by @eaeu-cc'), 'the overview row @cu-cc · superseded');
    await seen(row(pane, '@wco-datamodel', 'unknown instrument'), 'the overview row @wco-datamodel · unknown');
  });

  await step(page, 'the + of a missing section adds it', async () => {
    await setExpanded(pane, true, 'Sections', 'required');
    const competencies = row(pane, 'Competencies', 'missing');
    await competencies.hover();
    await competencies.locator('.action-label.codicon-add').click();
    await editorText(page, '# Competencies').waitFor({ timeout: STEP_MS });
    await row(pane, 'Competencies', 'empty').waitFor({ timeout: STEP_MS });
    await row(pane, 'Sections', '4 of 12 required').waitFor({ timeout: STEP_MS });
  });

  await step(page, 'citation quick pick finds the RKC by its Russian title', async () => {
    // Focus the editor (the + left the focus in the view), then write at the end of the document.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The palette cites ', { delay: 10 });
    await runCommand(page, 'Insert Instrument Citation');
    await quickTitled(page, 'Insert instrument citation');
    const input = quickInput(page).locator('input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill('Пересмотренная Киотская');
    await quickRow(page, '@rkc').waitFor({ timeout: STEP_MS });
    await quickRow(page, 'Пересмотренная Киотская конвенция').waitFor({ timeout: STEP_MS });
  });

  await step(page, 'the locator pick inserts [@rkc, General Annex, Chapter 7]', async () => {
    // The first row is the one the filter ranks best: the RKC itself.
    await quickInput(page).locator('.monaco-list-row').first().filter({ hasText: '@rkc' }).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
    await quickTitled(page, 'Locator in @rkc');
    await pick(page, 'Chapter 7', 'Application of information technology');
    await editorText(page, 'The palette cites [@rkc, General Annex, Chapter 7]').waitFor({ timeout: STEP_MS });
  });

  await step(page, 'Show Uses of This Term: «single window» across the workspace', async () => {
    await goTo(page, 27, 55);
    await runCommand(page, 'Show Uses of This Term Across the Workspace');
    const peek = page.locator('.peekview-widget, .reference-zone-widget').first();
    await peek.waitFor({ timeout: STEP_MS });
    await peek.locator('.monaco-list-row', { hasText: 'eaeu-digital-customs-2030.concept.md' }).first().waitFor({ timeout: STEP_MS });
    await peek.locator('.monaco-list-row', { hasText: 'customs.terms.yaml' }).first().waitFor({ timeout: STEP_MS });
  });

  await step(page, 'Adopt Definition: the WCO definition of «electronic customs»', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await goTo(page, 29, 12);
    // The overview counts the defined terms before and after: one more once the definition is adopted.
    const before = /(\d+) of (\d+) used terms defined/.exec(await row(pane, 'Terms', 'used terms defined').innerText());
    if (!before) throw new Error('the Terms row shows no count');
    await runCommand(page, 'Adopt Definition');
    await quickTitled(page, 'Adopt definition');
    await pick(page, 'WCO', 'Adopt the WCO definition of «electronic customs»');
    await row(pane, 'Terms', `${Number(before[1]) + 1} of ${before[2]} used terms defined`).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+Home');
    await editorText(page, 'electronic customs:').waitFor({ timeout: STEP_MS });
  });

  await step(page, 'New Concept Document: model, language and term base picks', async () => {
    await runCommand(page, 'New Concept Document');
    await quickTitled(page, '(1/4)');
    await pick(page, 'wco-digital-customs');
    await quickTitled(page, '(2/4)');
    await pick(page, 'Русский');
    await quickTitled(page, '(3/4)');
    // Term bases: a multiple choice; the glossary of the example is ticked.
    const glossary = quickRow(page, 'glossary/customs.terms.yaml');
    await glossary.waitFor({ timeout: STEP_MS });
    await glossary.locator('.monaco-checkbox').first().click();
    await glossary.locator('.monaco-checkbox[aria-checked="true"]').first().waitFor({ timeout: STEP_MS });
  });

  await step(page, 'New Concept Document writes the skeleton, and every required section is there', async () => {
    // OK, not Enter: the focus is on the checkbox, where Enter would untick it.
    await quickInput(page).locator('.monaco-button', { hasText: 'OK' }).first().click();
    await quickTitled(page, '(4/4)');
    const input = quickInput(page).locator('input');
    await input.fill('Пилот цифровой таможни');
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'пилот-цифровой-таможни.concept.md' }).first().waitFor({ timeout: STEP_MS });
    await editorText(page, '# 1. Термины и определения').waitFor({ timeout: STEP_MS });
    await editorText(page, 'glossaries: [glossary/customs.terms.yaml]').waitFor({ timeout: STEP_MS });
    await row(pane, 'Sections', '12 of 12 required').waitFor({ timeout: STEP_MS });
    await row(pane, 'Термины и определения', 'empty').waitFor({ timeout: STEP_MS });
    const file = join(workspace, 'пилот-цифровой-таможни.concept.md');
    if (!existsSync(file)) throw new Error(`${file} was not written`);
    // The same file checked by the CLI: no missing section.
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'customs-concepts.js'), 'check', '--format', 'json', file], { encoding: 'utf8', cwd: workspace });
    let codes;
    try {
      codes = JSON.parse(cli.stdout).flatMap((f) => f.diagnostics.map((d) => d.code));
    } catch (e) {
      throw new Error(`unexpected CLI output (${e.message}): ${cli.stdout.slice(0, 300)}${cli.stderr.slice(0, 300)}`);
    }
    if (codes.includes('missing-section')) throw new Error(`the new document misses sections: ${codes.join(', ')}`);
    note(`new document: CLI codes ${codes.join(', ')}`);
  });

  await step(page, 'the walkthrough', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Write a customs concept' }).first().waitFor({ timeout: STEP_MS });
    await pick(page, 'Write a customs concept');
    await page.locator('.gettingStartedContainer', { hasText: 'Open the example workspace' }).first().waitFor({ timeout: STEP_MS });
    await page.locator('.gettingStartedContainer', { hasText: 'Create a concept' }).first().waitFor({ timeout: STEP_MS });
  });
}

async function russianSession(context, url, workspace) {
  const page = await context.newPage();
  page.on('console', (m) => note(`[ru console.${m.type()}] ${m.text()}`));
  let pane;
  await step(page, 'in Russian: the concept overview', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await openDocument(page, 'eeu-digital-customs.concept.md', 'Digital customs in the EEU');
    pane = await showOverview(page, 'Обзор концепции');
    await row(pane, 'Разделы', '3 из 12 обязательных').waitFor({ timeout: STEP_MS });
    await row(pane, 'Competencies', 'отсутствует').waitFor({ timeout: STEP_MS });
    await row(pane, 'Термины', 'определено').waitFor({ timeout: STEP_MS });
    await row(pane, 'single window', 'взят из терминологической базы').waitFor({ timeout: STEP_MS });
    await page.locator('.statusbar-item', { hasText: '3/12' }).first().waitFor({ timeout: STEP_MS });
  }, 90_000);

  await step(page, 'in Russian: the commands in the palette', async () => {
    await page.keyboard.press('Control+Shift+P');
    const input = quickInput(page).locator('input');
    await input.waitFor({ state: 'visible', timeout: STEP_MS });
    await input.fill('>Customs Concepts');
    await quickRow(page, 'Customs Concepts: Новая концепция…').waitFor({ timeout: STEP_MS });
    await quickRow(page, 'Customs Concepts: Вставить ссылку на документ…').waitFor({ timeout: STEP_MS });
    await quickRow(page, 'Customs Concepts: Показать обзор концепции').waitFor({ timeout: STEP_MS });
  });

  await step(page, 'in Russian: the server speaks Russian too (Problems)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: STEP_MS });
    await panel.locator('.monaco-list-row', { hasText: 'требует раздел' }).first().waitFor({ timeout: STEP_MS });
  });
}

/** The stub Russian language pack, packaged with vsce into a temporary folder. */
function languagePack(dir) {
  const out = join(dir, 'language-pack-ru.vsix');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: join(here, 'fixtures', 'language-pack-ru'),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`vsce package (language pack) failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Registers the installed stub pack in the profile's languagepacks.json, as VS Code's language pack service does. */
function registerLanguagePack(profile) {
  const dir = readdirSync(profile.extensions).find((d) => d.startsWith('customs-concepts-tests.test-language-pack-ru-'));
  if (!dir) throw new Error('the stub language pack is not installed');
  const pack = {
    hash: 'test-language-pack-ru-0.0.1',
    extensions: [{ extensionIdentifier: { id: 'customs-concepts-tests.test-language-pack-ru' }, version: '0.0.1' }],
    translations: { vscode: join(profile.extensions, dir, 'translations', 'main.i18n.json') },
    label: 'русский',
  };
  writeFileSync(join(profile.userData, 'languagepacks.json'), JSON.stringify({ ru: pack }));
}

const t0 = Date.now();
const profiles = [];
const servers = [];
const temp = mkdtempSync(join(tmpdir(), 'cc-authoring-'));
let browser;
try {
  await withTimeout(
    (async () => {
      // A copy of the examples: the test writes into it.
      const workspace = join(temp, 'examples');
      cpSync(join(root, 'examples'), workspace, { recursive: true });
      const english = createProfile();
      profiles.push(english);
      note(installVsix(english, vsix));
      browser = await launchBrowser({ width: 1400, height: 1000 });
      const s1 = await startCodeServer(english, workspace, { log: (l) => note(`[code-server] ${l}`) });
      servers.push(s1);
      console.log(`# code-server with the .vsix ready after ${Date.now() - t0} ms`);
      await englishSession(browser.context, s1.url, workspace);
      await s1.stop();

      const russianWorkspace = join(temp, 'ru-examples');
      cpSync(join(root, 'examples'), russianWorkspace, { recursive: true });
      const russian = createProfile();
      profiles.push(russian);
      note(installVsix(russian, vsix));
      note(installVsix(russian, languagePack(temp)));
      registerLanguagePack(russian);
      const s2 = await startCodeServer(russian, russianWorkspace, { extraArgs: ['--locale', 'ru'], log: (l) => note(`[code-server ru] ${l}`) });
      servers.push(s2);
      await russianSession(browser.context, s2.url, russianWorkspace);
    })(),
    HARD_LIMIT_MS,
    'vscode-authoring',
  );
} catch (e) {
  fail();
  console.log(`not ok - vscode-authoring: ${e.message.split('\n')[0]}`);
} finally {
  await browser?.close();
  for (const s of servers) await s.stop();
  for (const p of profiles) p.dispose();
  rmSync(temp, { recursive: true, force: true });
  writeLog();
}
console.log(`vscode-authoring: ${counts.passed} passed, ${counts.failed} failed`);
console.error(`vscode-authoring: ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in test-results/vscode-authoring/`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
