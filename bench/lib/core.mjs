// Bundles the language service core (server/src/core) with esbuild into
// bench/out/core.cjs so the benchmark can time its parts in-process: term-base
// parsing, matcher build, document parsing, scanning, full diagnostics, edits.
// Read-only use of server/src: nothing there is changed.
import * as path from 'node:path';
import { createRequire } from 'node:module';

const ENTRY = `
export { createLanguageService, documentKind } from './server/src/core/index';
export { parseTermBase, entryLabels } from './server/src/core/terms/termBase';
export { TermMatcher } from './server/src/core/terms/matcher';
export { parseConceptDocument } from './server/src/core/parse/conceptDocument';
export { loadBuiltinData, readFileUri } from './server/src/node/files';
export { TextDocument } from 'vscode-languageserver-textdocument';
export { syncedTextDocuments } from './server/src/syncedDocuments';
export { URI } from 'vscode-uri';
`;

export async function loadCore(root, outDir) {
  const require = createRequire(path.join(root, 'package.json'));
  const esbuild = require('esbuild');
  const outfile = path.join(outDir, 'core.cjs');
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'bench-core-entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'error',
    define: { __VERSION__: '"bench"' },
  });
  return require(outfile);
}
