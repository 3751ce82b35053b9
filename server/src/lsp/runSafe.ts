/**
 * Every handler of the server runs inside `runSafe`: a failing feature logs and
 * answers its fallback, never takes the server down; a request the client has
 * cancelled answers `RequestCancelled` (a `ResponseError`) without running on.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { Cancelled } from '../core/index';

export type RunSafe = <T>(what: string, fallback: T, fn: () => T | Promise<T>, token?: CancellationToken) => Promise<T>;

/** The answer to a cancelled request. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * `faults`: handler names (as given to `runSafe`) that throw, a test hook read once
 * at start-up from `CUSTOMS_CONCEPTS_FAULT=hover,completion`, to show that a failing
 * feature costs one empty answer and a log line (tests/robustness/server.test.ts).
 */
export function createRunSafe(connection: Connection, faults: ReadonlySet<string>): RunSafe {
  return async (what, fallback, fn, token) => {
    if (token?.isCancellationRequested) throw cancelled();
    try {
      if (faults.has(what)) throw new Error(`injected fault in ${what} (CUSTOMS_CONCEPTS_FAULT)`);
      return await fn();
    } catch (e) {
      if (e instanceof Cancelled || token?.isCancellationRequested) throw cancelled();
      connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

/** Faults named by `CUSTOMS_CONCEPTS_FAULT`. */
export function faultsFromEnv(): Set<string> {
  return new Set((process.env.CUSTOMS_CONCEPTS_FAULT ?? '').split(',').map((f) => f.trim()).filter(Boolean));
}

/** The synchronous form, for work between requests (background checks, dependency look-ups): logs and falls back. */
export function createRunSafeSync(connection: Connection): <T>(fn: () => T, fallback: T) => T {
  return (fn, fallback) => {
    try {
      return fn();
    } catch (e) {
      connection.console.error(String(e instanceof Error ? e.stack : e));
      return fallback;
    }
  };
}
