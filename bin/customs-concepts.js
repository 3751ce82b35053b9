#!/usr/bin/env node
'use strict';
const cli = require('../dist/cli.js');
const argv = process.argv.slice(2);
if (argv[0] === 'export') cli.runExport(argv.slice(1)).then((code) => (process.exitCode = code));
else Promise.resolve(cli.main(argv)).then((code) => (process.exitCode = code));
