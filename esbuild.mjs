// Bundles the VS Code client, the language server and the CLI into dist/.
// Type-checking is `tsc -b`; this script only transpiles and bundles.
import * as esbuild from 'esbuild';

import { readFileSync } from 'node:fs';
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
        contents: "export { buildBuiltinSnapshot } from './server/src/core/builtinSnapshot'; export { loadBuiltinData } from './server/src/node/files';",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
    });
    const file = path.resolve('snapshot-builder.js');
    const m = new Module(file);
    m.filename = file;
    m.paths = Module._nodeModulePaths(process.cwd());
    m._compile(built.outputFiles[0].text, file);
    const { buildBuiltinSnapshot, loadBuiltinData } = m.exports;
    return buildBuiltinSnapshot(loadBuiltinData(path.resolve('server', 'data')));
  } catch (e) {
    console.warn(`warning: no built-in snapshot; the built-in data will be read at start-up. ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}

const snapshot = await builtinSnapshot();
const server = { ...common, define: { ...common.define, __BUILTIN_SNAPSHOT__: snapshot === undefined ? 'undefined' : JSON.stringify(snapshot) } };

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...server, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...server, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
]);
