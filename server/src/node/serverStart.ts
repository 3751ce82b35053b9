/**
 * How the language server is started, by the VS Code extension (`dist/server-start.js`) and by
 * `bin/customs-concepts-language-server.js`: `dist/server.js` loaded with V8's code cache, as the CLI's bundle
 * is (`cliStart.ts`). The compiled code is kept once the server has served for ten seconds, or when it exits,
 * whichever comes first; a run that only prints its version or usage keeps nothing (its code would be a poor
 * cache, and every session saves at the same level, so the server writes its cache only when there was none or V8
 * rejected it). V8's allocation-site pretenuring is off, as in the CLI. No import beyond Node's, `cliStart.ts` and `serverArgs.ts`.
 */
import * as path from 'node:path';
import { loadWithCodeCache, noPretenuring } from './cliStart';
import { serves } from './serverArgs';

/** How long the server serves before its compiled code is kept. */
export const KEEP_CODE_AFTER_MS = 10_000;


/** Starts the server bundle beside this one (`server.js`) with the code cache. */
export function startLanguageServer(dir: string = __dirname, args: readonly string[] = process.argv.slice(2)): void {
  // Before the bundle is compiled, as the CLI does (see `noPretenuring`).
  noPretenuring();
  const loaded = loadWithCodeCache(path.join(dir, 'server.js'), undefined, 'server');
  if (!serves(args)) return;
  setTimeout(() => loaded.save(), KEEP_CODE_AFTER_MS).unref();
  process.once('exit', () => loaded.save());
}

startLanguageServer();
