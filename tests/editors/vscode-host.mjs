// Runs the extension-host suite (tests/e2e/index.js) inside code-server's real extension
// host, the way @vscode/test-electron runs it in a desktop VS Code: the extension is
// loaded from the repository in development mode (extensionDevelopmentPath, built
// dist/), the suite as extensionTestsPath, through the smoke-test driver payload. When
// the suite ends, the workbench calls window.codeAutomationExit(code).
//
//   node tests/editors/vscode-host.mjs        (exit code: the suite's)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, launchBrowser, missing, startCodeServer, withTimeout } from './lib/code-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, 'examples');
const results = join(root, 'test-results', 'vscode-host');
const HARD_LIMIT_MS = Number(process.env.CC_EDITOR_TIMEOUT ?? 120) * 1000;

const why = missing();
if (why) {
  console.error(`vscode-host: cannot run: ${why}`);
  process.exit(1);
}

mkdirSync(results, { recursive: true });
const log = [];
const note = (line) => {
  log.push(line);
  if (process.env.CC_VERBOSE) console.error(line);
};

const profile = createProfile();
let server;
let browser;
let exitCode = 1;
const t0 = Date.now();
try {
  await withTimeout(
    (async () => {
      server = await startCodeServer(profile, folder, { extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], log: (l) => note(`[code-server] ${l}`) });
      const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
      const payload = [
        ['extensionDevelopmentPath', remote(root)],
        ['extensionTestsPath', remote(process.env.CC_E2E_SUITE ? resolve(process.env.CC_E2E_SUITE) : join(root, 'tests', 'e2e', 'index.js'))],
      ];
      const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      browser = await launchBrowser();
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      let resolveExit;
      const exited = new Promise((r) => (resolveExit = r));
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
      page.on('console', (msg) => {
        // The workbench forwards the host's console with a "%c INFO color: #33f" style prefix.
        const text = msg.text().replace(/^%c\s*\w+\s+color:\s*#\w+\s*/, '');
        note(`[console.${msg.type()}] ${text}`);
        // The suite's own lines, forwarded from the extension host.
        for (const line of text.split('\n')) if (/^(ok|not ok) - |passed, \d+ failed|^# /.test(line.trim())) console.log(line.trim());
      });
      page.on('pageerror', (e) => note(`[pageerror] ${e.message}`));
      await page.goto(url);
      exitCode = await exited;
      await page.screenshot({ path: join(results, 'final.png') }).catch(() => {});
    })(),
    HARD_LIMIT_MS,
    'vscode-host',
  );
} catch (e) {
  console.error(`vscode-host: ${e.message}`);
  exitCode = 1;
} finally {
  await browser?.close();
  await server?.stop();
  profile.dispose();
  writeFileSync(join(results, 'log.txt'), log.join('\n') + '\n');
}
console.error(`vscode-host: exit ${exitCode} after ${((Date.now() - t0) / 1000).toFixed(1)} s (log: test-results/vscode-host/log.txt)`);
process.exit(exitCode === 0 ? 0 : 1);
