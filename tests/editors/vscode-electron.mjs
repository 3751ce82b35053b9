// Runs the extension-host suite (tests/e2e/index.js) in a desktop VS Code with
// @vscode/test-electron's runTests, where a VS Code binary exists: set VSCODE_EXECUTABLE
// to it (e.g. /usr/share/code/code). This machine's network reaches no VS Code download,
// so without VSCODE_EXECUTABLE the run is skipped with the reason printed; in CI the same
// suite runs in code-server's extension host (vscode-host.mjs).
//
//   VSCODE_EXECUTABLE=/path/to/code node tests/editors/vscode-electron.mjs
// runTests has no time limit of its own: run-all.sh runs this under `timeout`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  console.log('skip - vscode-electron: VSCODE_EXECUTABLE is not set (no desktop VS Code on this machine; the suite ran in code-server instead)');
  process.exit(77); // "Skipped", as automake and run-all.sh read it.
}

const { runTests } = await import('@vscode/test-electron');
const profile = mkdtempSync(join(tmpdir(), 'cc-vscode-'));
const t0 = Date.now();
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'tests', 'e2e', 'index.js'),
    launchArgs: [
      join(root, 'examples'),
      '--disable-extensions', // Other extensions off; the one under development still loads.
      '--user-data-dir', join(profile, 'user-data'),
      '--extensions-dir', join(profile, 'extensions'),
    ],
  });
} catch (e) {
  console.error(`vscode-electron: ${e instanceof Error ? e.message : e}`);
  code = typeof e === 'number' ? e : 1;
} finally {
  rmSync(profile, { recursive: true, force: true });
}
console.error(`vscode-electron: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code === 0 ? 0 : 1);
