// The UI test: the packaged customs-concepts.vsix installed into a fresh code-server
// profile, driven in Debian's Chromium with playwright-core as a user would: open the
// example, see the undefined-term squiggle and the Problems panel entry, hover a term
// and read its definition, type `@` and see instrument ids offered; then, in a second
// code-server with Workspace Trust on, the status bar item saying Restricted Mode.
// A screenshot of each step goes to test-results/vscode-ui/.
//
//   npm run package && node tests/editors/vscode-ui.mjs
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, installVsix, launchBrowser, missing, startCodeServer, withTimeout } from './lib/code-server.mjs';
import { createSteps } from './lib/steps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, 'examples');
const vsix = resolve(process.env.CC_VSIX ?? join(root, 'customs-concepts.vsix'));
const results = join(root, 'test-results', 'vscode-ui');
const HARD_LIMIT_MS = Number(process.env.CC_EDITOR_TIMEOUT ?? 180) * 1000;
const STEP_MS = 20_000;

const why = missing() ?? (existsSync(vsix) ? undefined : `${vsix} not found (npm run package)`);
if (why) {
  console.error(`vscode-ui: cannot run: ${why}`);
  process.exit(1);
}
const { step, goTo, note, counts, fail, writeLog } = createSteps(results, STEP_MS);

/** Runs a command of the workbench by its title, through the command palette. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
}

/** Shows the hover at the cursor (Show or Focus Hover) until it contains `text`. */
async function showHoverUntil(page, text) {
  const deadline = Date.now() + STEP_MS * 2 - 5000;
  for (;;) {
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover:visible', { hasText: text }).first();
    const shown = await hover.waitFor({ timeout: Math.max(1000, Math.min(5000, deadline - Date.now())) }).then(() => true, () => false);
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`no hover with "${text}" at the cursor`);
    await page.keyboard.press('Escape');
  }
}

async function openExample(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'eeu-digital-customs.concept.md' });
  if (!(await row.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+E');
  await row.waitFor({ timeout: STEP_MS });
  await row.click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'Digital customs in the EEU' }).first().waitFor({ timeout: STEP_MS });
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
}

const statusItem = (page) => page.locator('.statusbar-item', { hasText: 'Customs Concepts' });

async function trustedSession(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => note(`[console.${m.type()}] ${m.text()}`));

  // The workbench's first load in a fresh browser profile takes 10-20 s on 2 cores.
  await step(page, 'open the example document', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await openExample(page);
  }, 70_000);

  await step(page, 'undefined-term squiggle and status bar item', async () => {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: STEP_MS });
    await statusItem(page).first().waitFor({ timeout: STEP_MS });
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Customs Concepts/.test(e.textContent) && e.querySelector('.codicon-check')), null, { timeout: STEP_MS });
  });

  await step(page, 'Problems panel lists the undefined terms', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: STEP_MS });
    await panel.locator('.monaco-list-row', { hasText: '«electronic customs» is used as a term' }).first().waitFor({ timeout: STEP_MS });
    await panel.locator('.monaco-list-row', { hasText: '«smart border»' }).first().waitFor({ timeout: STEP_MS });
    await panel.locator('.monaco-list-row', { hasText: 'wco-datamodel' }).first().waitFor({ timeout: STEP_MS });
  });

  await step(page, 'hover on «digital customs» shows its definition', async () => {
    await page.keyboard.press('Control+Shift+M'); // Close the panel again.
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
    await goTo(page, 33, 12);
    // The hover comes from the editor's own command at the cursor (no mouse, no hover delay), and is
    // asked again until it shows the definition: the first answer may still be "Loading…".
    await showHoverUntil(page, 'organisation of customs administration');
  }, STEP_MS * 2);

  await step(page, 'typing @ offers instrument ids', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await goTo(page, 52, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('See @', { delay: 30 });
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ timeout: STEP_MS });
    await widget.locator('.monaco-list-row', { hasText: 'rkc' }).first().waitFor({ timeout: STEP_MS });
    await widget.locator('.monaco-list-row', { hasText: 'Revised Kyoto Convention' }).first().waitFor({ timeout: STEP_MS });
  });
  // The example is never saved: code-server and its profile are thrown away.
  await page.keyboard.press('Escape');
}

async function restrictedSession(context, url) {
  const page = await context.newPage();
  page.on('console', (m) => note(`[restricted console.${m.type()}] ${m.text()}`));
  await step(page, 'Restricted Mode: open the example in an untrusted folder', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await openExample(page);
    await page.locator('.monaco-workbench .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: STEP_MS });
  }, 70_000);
  await step(page, 'Restricted Mode: diagnostics, and the status bar says so', async () => {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: STEP_MS });
    const item = statusItem(page).first();
    await item.waitFor({ timeout: STEP_MS });
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Customs Concepts/.test(e.textContent) && e.querySelector('.codicon-shield')), null, { timeout: STEP_MS });
    await item.hover();
    await page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: STEP_MS });
  });
}

const t0 = Date.now();
const profiles = [];
const servers = [];
let browser;
try {
  await withTimeout(
    (async () => {
      const trusted = createProfile();
      profiles.push(trusted);
      note(installVsix(trusted, vsix));
      browser = await launchBrowser();
      const s1 = await startCodeServer(trusted, folder, { log: (l) => note(`[code-server] ${l}`) });
      servers.push(s1);
      console.log(`# code-server with the .vsix ready after ${Date.now() - t0} ms`);
      await trustedSession(browser.context, s1.url);
      await s1.stop();

      const restricted = createProfile();
      profiles.push(restricted);
      note(installVsix(restricted, vsix));
      const s2 = await startCodeServer(restricted, folder, { trust: false, log: (l) => note(`[code-server restricted] ${l}`) });
      servers.push(s2);
      await restrictedSession(browser.context, s2.url);
    })(),
    HARD_LIMIT_MS,
    'vscode-ui',
  );
} catch (e) {
  fail();
  console.log(`not ok - vscode-ui: ${e.message.split('\n')[0]}`);
} finally {
  await browser?.close();
  for (const s of servers) await s.stop();
  for (const p of profiles) p.dispose();
  writeLog();
}
console.log(`vscode-ui: ${counts.passed} passed, ${counts.failed} failed`);
console.error(`vscode-ui: ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in test-results/vscode-ui/`);
process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
