#!/usr/bin/env node
'use strict';
const path = require('node:path');
const start = require('../dist/cli-start.js');
// Less inlining for a cold run, and no pretenuring for a run of many documents (see server/src/node/cliStart.ts),
// set before the bundle is compiled.
start.limitInlining();
start.noPretenuring();
// dist/cli.js is loaded with V8's code cache (see server/src/node/cliStart.ts); `save` keeps the compiled code once the command is done.
const loaded = start.loadWithCodeCache(path.join(__dirname, '..', 'dist', 'cli.js'));
const cli = loaded.exports;
const argv = process.argv.slice(2);
if (argv[0] === 'export') {
  // Export is a bundle of its own, loaded without the cache: what it ran of dist/cli.js is not worth keeping.
  cli.runExport(argv.slice(1)).then((code) => {
    process.exitCode = code;
  });
} else {
  Promise.resolve(cli.main(argv)).then((code) => {
    process.exitCode = code;
    // As much as the command ran: a run that printed its version keeps nothing, a check of documents replaces less.
    loaded.save(cli.codeCacheLevel());
  });
}
