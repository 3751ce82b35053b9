/**
 * The language server's side of its worker for closed documents (`closedCheckWorker.ts`, bundled as
 * `dist/closedCheckWorker.js` beside `dist/server.js`): started on the first closed document to check; jobs are
 * answered in the order they were sent. Before each job, the open files other than concept documents whose text
 * changed since they were last sent (an author typing in a term base) are sent, and those closed since are dropped,
 * so the worker reads what the server reads. A worker that fails or exits is not started again: `check` then answers
 * undefined and the caller checks on its own thread, as it does when the bundle is absent (running from source).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { BuiltinData, ServiceSettings, TermUseIndex } from '../core/index';
import { programId } from './checkCache';
import { termBaseCacheDir, type ServerStoreOptions } from './termBaseCache';

export const CLOSED_CHECK_WORKER_FILE = path.join(__dirname, 'closedCheckWorker.js');

/** What the worker needs to check one closed document as the server would. */
/** What the worker starts with: the built-in data, and how it keeps compiled term bases (under the server's program). */
export interface ClosedWorkerData {
  builtin: BuiltinData;
  termBases: ServerStoreOptions;
}

export interface ClosedCheckJob {
  type: 'check';
  id: number;
  uri: string;
  text: string;
  settings: ServiceSettings;
  lists: { termBases: readonly string[]; models: readonly string[]; catalogs: readonly string[] };
  /** Folders files may be read from (none: nothing is read). */
  roots: readonly string[];
  untrusted: boolean;
  /** False: only the document's uses of term-base entries are wanted (for code lens), not its diagnostics. */
  diagnostics?: boolean;
}

export type ClosedWorkerMessage = ClosedCheckJob | { type: 'open'; uri: string; text: string; version: number } | { type: 'closed'; uri: string };

/**
 * The diagnostics of a closed document as UTF-8 JSON (an array of `Diagnostic`, its memory handed over; absent when
 * only its uses were asked for) and its uses of term-base entries, or why the worker could not check it.
 */
export type ClosedCheckReply = { id: number; uri: string; json?: Uint8Array; uses: TermUseIndex } | { id: number; uri: string; error: string };

/** An open file as the server holds it. */
export interface OpenFile {
  uri: string;
  version: number;
  getText(): string;
}

export class ClosedCheckWorker {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ClosedCheckReply | undefined) => void>();
  /** The version of each open file as last sent to the worker. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly builtin: () => BuiltinData,
    private readonly log: (message: string) => void,
    private readonly file = CLOSED_CHECK_WORKER_FILE,
  ) {}

  /** Whether jobs go to the worker: its bundle is there and it has not failed. */
  get usable(): boolean {
    return !this.failed && fs.existsSync(this.file);
  }

  /**
   * Checks a closed document in the worker; `open`: the open files other than concept documents. Resolves to
   * undefined when the worker is not usable or stopped meanwhile (the caller then checks it itself).
   */
  check(job: Omit<ClosedCheckJob, 'type' | 'id'>, open: Iterable<OpenFile>): Promise<ClosedCheckReply | undefined> {
    const worker = this.start();
    if (!worker) return Promise.resolve(undefined);
    const still = new Set<string>();
    for (const f of open) {
      still.add(f.uri);
      if (this.sent.get(f.uri) === f.version) continue;
      this.sent.set(f.uri, f.version);
      worker.postMessage({ type: 'open', uri: f.uri, text: f.getText(), version: f.version } satisfies ClosedWorkerMessage);
    }
    for (const uri of [...this.sent.keys()]) {
      if (still.has(uri)) continue;
      this.sent.delete(uri);
      worker.postMessage({ type: 'closed', uri } satisfies ClosedWorkerMessage);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ ...job, type: 'check', id } satisfies ClosedCheckJob);
    });
  }

  /** Stops the worker (the server is shutting down). */
  dispose(): void {
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.usable) return undefined;
    // Loaded only here: a server that never checks a closed document does not pay for the module.
    const { Worker: WorkerThread } = require('node:worker_threads') as { Worker: typeof Worker };
    const worker = new WorkerThread(this.file, { workerData: { builtin: this.builtin(), termBases: { dir: termBaseCacheDir(), program: programId(), write: true } } satisfies ClosedWorkerData });
    // It never keeps the server alive: the server exits when its client goes.
    worker.unref();
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failed = true;
      this.sent.clear();
      this.log(`The worker for closed documents stopped (${why}); they are checked on the server's thread.`);
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const resolve of waiting) resolve(undefined);
    };
    worker.on('message', (reply: ClosedCheckReply) => {
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      resolve?.(reply);
    });
    worker.on('error', (e) => lost(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
