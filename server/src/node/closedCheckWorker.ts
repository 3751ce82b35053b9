/**
 * The language server's worker for closed documents (`dist/closedCheckWorker.js`, started by `closedChecks.ts`):
 * the background check of concept documents that are not open runs here, so that a long one never keeps the
 * server from answering an edit. It builds its own language service from the built-in data it is started with
 * and sees the workspace as the server does: the open files the server sends it (term bases, models, catalogs:
 * their unsaved text), the rest from disk (confined to the folders it is told), nothing in Restricted Mode.
 * Each job brings the document's text, its settings and the workspace's lists; the reply is the diagnostics as
 * JSON, ready to be written to the client, and the document's uses of term-base entries (what a term base's code
 * lens counts; a job may ask for these alone). It keeps no document after replying.
 */
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DEFAULT_SETTINGS, languageIdOf, type WorkspaceFiles } from '../core/index';
import { readFileUri } from './files';
import { closedFilesStore } from './termBaseCache';
import { NO_ROOTS, RESTRICTED, statStamp } from '../workspaceIndex';
import type { ClosedCheckJob, ClosedCheckReply, ClosedWorkerData, ClosedWorkerMessage } from './closedChecks';

const port = parentPort!;
const encoder = new TextEncoder();

// Test hooks: `CUSTOMS_CONCEPTS_FAULT=closed-worker` makes the worker fail at start (the server then checks closed
// documents itself); `CUSTOMS_CONCEPTS_HOLD_CLOSED=FILE` holds each check until FILE exists, after writing
// `FILE.held`, so a test can edit while a closed document is being checked (tests/lsp/closedWorker.test.ts).
if ((process.env.CUSTOMS_CONCEPTS_FAULT ?? '').split(',').some((f) => f.trim() === 'closed-worker')) throw new Error('injected fault in the worker for closed documents (CUSTOMS_CONCEPTS_FAULT)');
const hold = process.env.CUSTOMS_CONCEPTS_HOLD_CLOSED;
const pause = new Int32Array(new SharedArrayBuffer(4));
function held(): void {
  if (!hold || fs.existsSync(hold)) return;
  fs.writeFileSync(hold + '.held', '');
  while (!fs.existsSync(hold)) Atomics.wait(pause, 0, 0, 20);
}
/** The built-in data, and where the compiled term bases go (see `ClosedWorkerData`). */
const data = workerData as ClosedWorkerData;
/** Open files as the server last sent them (not concept documents). */
const open = new Map<string, { text: string; version: number }>();
/** Files read from disk, kept while their stamp (time of change and size) and the folders read from are the same. */
const disk = new Map<string, { text: string; version: string | number }>();
let diskRoots = '';
let job: ClosedCheckJob | undefined;

const workspace: WorkspaceFiles = {
  read(uri) {
    if (!job || job.untrusted) return RESTRICTED;
    const o = open.get(uri);
    if (o) return { text: o.text, version: `open:${o.version}` };
    if (!job.roots.length) return NO_ROOTS;
    const known = disk.get(uri);
    if (known && statStamp(uri) === known.version) return known;
    const r = readFileUri(uri, job.roots);
    if ('text' in r) disk.set(uri, r);
    else disk.delete(uri);
    return r;
  },
  termBaseUris: () => job?.lists.termBases ?? [],
  modelUris: () => job?.lists.models ?? [],
  catalogUris: () => job?.lists.catalogs ?? [],
  openVersion: (uri) => open.get(uri)?.version,
};

const service = createLanguageService({
  builtin: data.builtin,
  workspace,
  settings: () => job?.settings ?? DEFAULT_SETTINGS,
  termBaseStore: closedFilesStore((uri) => open.has(uri), data.termBases),
});

port.on('message', (m: ClosedWorkerMessage) => {
  if (m.type === 'open') {
    open.set(m.uri, { text: m.text, version: m.version });
    service.invalidate(m.uri);
    return;
  }
  if (m.type === 'closed') {
    open.delete(m.uri);
    service.invalidate(m.uri);
    return;
  }
  job = m;
  const roots = m.roots.join('\n');
  if (roots !== diskRoots) {
    disk.clear();
    diskRoots = roots;
  }
  held();
  let reply: ClosedCheckReply;
  try {
    const doc = TextDocument.create(m.uri, languageIdOf(m.uri), 0, m.text);
    // Encoded here, into memory of its own that is handed over, not copied: the server only writes it out.
    const json = m.diagnostics === false ? undefined : encoder.encode(JSON.stringify(service.computeDiagnostics(doc)));
    // The uses come from the analysis the diagnostics made (kept until `invalidate`).
    reply = { id: m.id, uri: m.uri, json, uses: service.termUses(doc) ?? { keys: [], uses: new Int32Array(0) } };
    service.invalidate(m.uri);
  } catch (e) {
    reply = { id: m.id, uri: m.uri, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  const handed = 'uses' in reply ? [reply.uses.uses.buffer as ArrayBuffer, ...(reply.json ? [reply.json.buffer as ArrayBuffer] : [])].filter((b) => b.byteLength > 0) : [];
  port.postMessage(reply, handed);
});
