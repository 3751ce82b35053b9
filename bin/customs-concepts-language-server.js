#!/usr/bin/env node
'use strict';
// dist/server.js loaded with V8's code cache (see server/src/node/serverStart.ts).
require('../dist/server-start.js');
