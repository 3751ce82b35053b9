// Bundles the VS Code client, the language server and the CLI into dist/.
// Type-checking is `tsc -b`; this script only transpiles and bundles.
import * as esbuild from 'esbuild';

import { cpSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  // Vega's Node build of vega-canvas awaits an optional `canvas` at top level (not bundleable as CommonJS);
  // the browser build returns no canvas outside a page, which SVG rendering never asks for.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
};

/**
 * The built-in data (server/data) read at build time by the service's own readers
 * (server/src/core/builtinSnapshot.ts), bundled as `__BUILTIN_SNAPSHOT__`:
 * start-up parses JSON instead of YAML. The service uses a part only when the file
 * it is given has the text the part was read from. Should the result not survive
 * JSON exactly, the bundles get no snapshot and read the YAML as before.
 */
async function builtinSnapshot() {
  try {
    const built = await esbuild.build({
      ...common,
      sourcemap: false,
      minify: false,
      write: false,
      outfile: 'snapshot-builder.js',
      stdin: {
        contents:
          "export { buildBuiltinSnapshot } from './server/src/core/builtinSnapshot'; export { loadBuiltinData } from './server/src/node/files';" +
          " export { parseReferenceModel } from './server/src/core/model/referenceModel'; export { modelStemTable } from './server/src/core/model/sections';",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
    });
    const file = path.resolve('snapshot-builder.js');
    const m = new Module(file);
    m.filename = file;
    m.paths = Module._nodeModulePaths(process.cwd());
    m._compile(built.outputFiles[0].text, file);
    const { buildBuiltinSnapshot, loadBuiltinData, parseReferenceModel, modelStemTable } = m.exports;
    const data = loadBuiltinData(path.resolve('server', 'data'));
    // The stems of the built-in models' section labels (see createStemmers in server/src/core/model/headingMatch.ts).
    const stems = modelStemTable((data.models ?? []).flatMap((f) => parseReferenceModel(f.uri, f.text, 'builtin').model ?? []));
    return { json: buildBuiltinSnapshot(data), stems };
  } catch (e) {
    console.warn(`warning: no built-in snapshot; the built-in data will be read at start-up. ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}

/**
 * Parts of the CLI that `check` never runs, bundled apart and loaded by `require()` when a command needs them:
 * Node reads and compiles only what it runs, and `check` starts without the charts, Markdown rendering, XML, RDF
 * and CSV libraries. A part shares no module state with dist/cli.js (each bundle has its own copy of what both use),
 * so only plain data and the part's own exports cross between them.
 */
const CLI_PARTS = { 'export/command': 'cli-export.js', 'interchange/formats': 'cli-formats.js' };
const cliParts = {
  name: 'cli-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'require-call') return undefined;
      const source = path.relative(path.resolve('server/src'), path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
      return source in CLI_PARTS ? { path: `./${CLI_PARTS[source]}`, external: true } : undefined;
    });
  },
};

const snapshot = await builtinSnapshot();
const server = {
  ...common,
  define: {
    ...common.define,
    __BUILTIN_SNAPSHOT__: snapshot === undefined ? 'undefined' : JSON.stringify(snapshot.json),
    __BUILTIN_STEMS__: snapshot === undefined ? 'undefined' : JSON.stringify(snapshot.stems),
  },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The Markdown preview's analysis, in the extension host (loaded on the first preview), and the preview's own script (one IIFE).
  esbuild.build({ ...server, entryPoints: ['client/src/preview/previewHost.ts'], outfile: 'dist/preview.js', external: ['vscode'] }),
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2020', entryPoints: ['client/webview/previewScript.ts'], outfile: 'dist/preview-script.js' }),
  esbuild.build({ ...server, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  // playwright-core reads its own files at run time: loaded from node_modules, only to print a PDF.
  esbuild.build({ ...server, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', external: ['playwright-core'], plugins: [cliParts] }),
  ...Object.entries(CLI_PARTS).map(([source, outfile]) => esbuild.build({ ...server, entryPoints: [`server/src/${source}.ts`], outfile: `dist/${outfile}`, external: ['playwright-core'] })),
  // What bin/customs-concepts.js loads first: dist/cli.js with V8's code cache (Node's modules only).
  esbuild.build({ ...common, entryPoints: ['server/src/node/cliStart.ts'], outfile: 'dist/cli-start.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/serverStart.ts'], outfile: 'dist/server-start.js' }),
  // A thread of `check` (server/src/node/checkPool.ts), loaded from beside dist/cli.js.
  esbuild.build({ ...server, entryPoints: ['server/src/node/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  // The language server's thread for closed documents (server/src/node/closedChecks.ts), loaded from beside dist/server.js.
  esbuild.build({ ...server, entryPoints: ['server/src/node/closedCheckWorker.ts'], outfile: 'dist/closedCheckWorker.js' }),
]);

// playwright-core (PDF export) reads its own files at run time, so it is copied, not bundled: the .vsix
// has no node_modules, and dist/cli.js falls back to dist/vendor/playwright-core.
rmSync('dist/vendor', { recursive: true, force: true });
cpSync('node_modules/playwright-core', 'dist/vendor/playwright-core', { recursive: true, filter: (src) => !/[\\/](types|bin)([\\/]|$)|\.d\.ts$/.test(src) });
