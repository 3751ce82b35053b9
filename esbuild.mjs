// Bundles the VS Code client, the language server and the CLI into dist/.
// Type-checking is `tsc -b`; this script only transpiles and bundles.
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * snowball-stemmers is one file with the stemmers of 24 languages, each built when the module loads; the service
 * stems English, French and Russian only (server/src/core/terms/language.ts, model/headingMatch.ts). The bundles get
 * the file without the other 21 (a quarter of dist/cli.js, read, kept and run by every start). Should the file no
 * longer have the shape this expects (another version), the build fails rather than ship it whole.
 */
const STEMMED = ['english', 'french', 'russian'];
const onlyStemmersUsed = {
  name: 'only-stemmers-used',
  setup(build) {
    build.onLoad({ filter: /[\\/]snowball-stemmers[\\/]snowball-stemmers\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const marks = [...text.matchAll(/^ {4}var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$/gm)].map((m) => ({ name: m[1], at: m.index }));
      const tail = text.indexOf('\n    function newStemmer(lng) {');
      const map = /var stemMap = \{[^}]*\};/;
      if (tail < 0 || !map.test(text) || STEMMED.some((n) => !marks.some((m) => m.name === n))) {
        throw new Error(`${args.path}: not the shape the build trims (see only-stemmers-used in esbuild.mjs)`);
      }
      let out = text.slice(0, marks[0].at);
      marks.forEach((m, i) => {
        if (STEMMED.includes(m.name)) out += text.slice(m.at, i + 1 < marks.length ? marks[i + 1].at : tail);
      });
      const rest = text.slice(tail).replace(map, `var stemMap = { ${STEMMED.map((n) => `${n}: ${n}Stemmer`).join(', ')} };`);
      return { contents: out + rest, loader: 'js' };
    });
  },
};

/**
 * esbuild escapes what is not ASCII in strings, not in regular expressions nor in the comments it keeps; one such
 * character makes V8 keep the whole source of a bundle, which it holds for as long as the program runs, at two bytes
 * per character (6 MB for dist/server.js) instead of one. So those left are written as `\uXXXX`, which means the same
 * character in a regular expression (and anything in a comment). Anywhere else (the raw text of a tagged template,
 * which esbuild leaves as written), after a backslash, or outside the Basic Multilingual Plane it would not: the build
 * fails there. Where each character stands is told by acorn's tokenizer. (The source map's columns after such a
 * character, on its line, are off by the escape's length.)
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const escapable = [];
  const tokens = acorn.tokenizer(text, { ecmaVersion: 'latest', allowHashBang: true, onComment: (_block, _text, start, end) => escapable.push([start, end]) });
  for (const token of tokens) if (token.type === acorn.tokTypes.regexp) escapable.push([token.start, token.end]);
  escapable.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    while (r < escapable.length && escapable[r][1] <= i) r++;
    const inside = r < escapable.length && escapable[r][0] <= i;
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === 0x5c) slashes++;
    if (!inside || slashes % 2 === 1 || (c >= 0xd800 && c <= 0xdfff)) {
      throw new Error(`${file}: cannot escape U+${c.toString(16)} at offset ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 10))} (see asciiOnly in esbuild.mjs)`);
    }
    out += text.slice(from, i) + '\\u' + c.toString(16).padStart(4, '0');
    from = i + 1;
  }
  writeFileSync(file, out + text.slice(from));
}

const snapshot = await builtinSnapshot();
const server = {
  ...common,
  plugins: [onlyStemmersUsed],
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
  esbuild.build({ ...server, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', external: ['playwright-core'], plugins: [onlyStemmersUsed, cliParts] }),
  ...Object.entries(CLI_PARTS).map(([source, outfile]) => esbuild.build({ ...server, entryPoints: [`server/src/${source}.ts`], outfile: `dist/${outfile}`, external: ['playwright-core'] })),
  // What bin/customs-concepts.js loads first: dist/cli.js with V8's code cache (Node's modules only).
  esbuild.build({ ...common, entryPoints: ['server/src/node/cliStart.ts'], outfile: 'dist/cli-start.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/serverStart.ts'], outfile: 'dist/server-start.js' }),
  // A thread of `check` (server/src/node/checkPool.ts), loaded from beside dist/cli.js.
  esbuild.build({ ...server, entryPoints: ['server/src/node/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  // The language server's thread for closed documents (server/src/node/closedChecks.ts), loaded from beside dist/server.js.
  esbuild.build({ ...server, entryPoints: ['server/src/node/closedCheckWorker.ts'], outfile: 'dist/closedCheckWorker.js' }),
]);

// The bundles Node runs (not the webview's script, which the browser reads as UTF-8 whatever it holds).
for (const f of ['extension', 'preview', 'server', 'cli', 'cli-export', 'cli-formats', 'cli-start', 'server-start', 'checkWorker', 'closedCheckWorker']) asciiOnly(`dist/${f}.js`);

// playwright-core (PDF export) reads its own files at run time, so it is copied, not bundled: the .vsix
// has no node_modules, and dist/cli.js falls back to dist/vendor/playwright-core.
rmSync('dist/vendor', { recursive: true, force: true });
cpSync('node_modules/playwright-core', 'dist/vendor/playwright-core', { recursive: true, filter: (src) => !/[\\/](types|bin)([\\/]|$)|\.d\.ts$/.test(src) });
