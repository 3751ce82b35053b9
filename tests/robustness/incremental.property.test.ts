/**
 * Incremental equals from scratch: the real server process receives random
 * sequences of incremental `didChange` edits over the example documents; the
 * diagnostics it publishes for the last version must be exactly those of the
 * final text opened fresh under a second uri (codes, ranges, severities,
 * messages, related information), and so must the document symbols.
 *
 * Seeded and reproducible: `FUZZ_SEED=<seed>` replays a failure, `FUZZ_RUNS=<n>`
 * runs n times as many sequences (see fuzz.ts).
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startClient, type Client } from '../lsp/harness';
import { applyRaw, EXAMPLE_DOCS, EXAMPLES, FUZZ_SCALE, FUZZ_SEED, rawEdit } from './fuzz';

const RUNS = 500 * FUZZ_SCALE;

let client: Client;
const stats = { runs: 0, edits: 0, notifications: 0, waits: 0 };

beforeAll(async () => {
  client = await startClient(EXAMPLES, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
});
afterAll(async () => {
  await client?.stop();
  console.log(`incremental vs. from scratch: ${stats.runs} runs, ${stats.edits} edits in ${stats.notifications} didChange notifications (seed ${FUZZ_SEED})`);
});

/** A diagnostic without the things that name its document, for comparing two uris. */
function normalise(diagnostics: Diagnostic[], uri: string): unknown[] {
  return diagnostics.map((d) => JSON.parse(JSON.stringify(d).split(JSON.stringify(uri).slice(1, -1)).join('<doc>')));
}

let serial = 0;

/** One notification: one to three changes, each applied to the text left by the previous one. */
const notification = fc.record({ changes: fc.array(rawEdit, { minLength: 1, maxLength: 3 }), wait: fc.boolean() });

describe('incremental edits over the real server', () => {
  it('publish, for the last version, the diagnostics and symbols of the final text opened fresh', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: EXAMPLE_DOCS.length - 1 }), fc.array(notification, { minLength: 1, maxLength: 20 }), async (example, notifications) => {
        const { file, text } = EXAMPLE_DOCS[example];
        const n = ++serial;
        const uri = URI.file(path.join(path.dirname(file), `__fuzz-${n}.concept.md`)).toString();
        const fresh = URI.file(path.join(path.dirname(file), `__fresh-${n}.concept.md`)).toString();
        let current = text;
        let version = 1;
        await client.open(uri, text);
        try {
          for (const step of notifications) {
            const changes = [];
            for (const raw of step.changes) {
              // The server applies the changes of one notification in order, each to the text the previous one left.
              const next = applyRaw(current, raw);
              changes.push(next.change);
              current = next.text;
              stats.edits++;
            }
            version++;
            await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
            stats.notifications++;
            // Sometimes let the server catch up, so its caches see intermediate versions.
            if (step.wait) {
              stats.waits++;
              await client.diagnostics(uri, (p) => p.version === version, 20_000);
            }
          }
          const last: PublishDiagnosticsParams = await client.diagnostics(uri, (p) => p.version === version, 20_000);
          await client.open(fresh, current);
          const scratch: PublishDiagnosticsParams = await client.diagnostics(fresh, (p) => p.version === 1, 20_000);
          expect(normalise(last.diagnostics, uri)).toEqual(normalise(scratch.diagnostics, fresh));
          const symbols = (u: string) => client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }) as Promise<DocumentSymbol[]>;
          expect(await symbols(uri)).toEqual(await symbols(fresh));
          stats.runs++;
        } catch (e) {
          throw new Error(`${e instanceof Error ? e.message : String(e)}\nfinal text: ${JSON.stringify(current)}`);
        } finally {
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fresh } });
        }
      }),
      {
        seed: FUZZ_SEED,
        numRuns: RUNS,
        reporter: (details) => {
          if (details.failed) {
            console.error(`incremental property failed; replay with FUZZ_SEED=${details.seed} (path ${details.counterexamplePath})`);
            throw new Error(`${fc.defaultReportMessage(details)}\nGot error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
          }
        },
      },
    );
    expect(stats.runs).toBeGreaterThanOrEqual(RUNS);
    // No handler failed on the way (runSafe would have logged it).
    expect(client.logs.filter((l) => / failed: /.test(l))).toEqual([]);
  }, 600_000);
});
