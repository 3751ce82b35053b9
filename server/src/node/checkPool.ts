/**
 * `customs-concepts check` over several threads: this thread and `threads - 1` worker threads
 * (`checkWorker.ts`, bundled as `dist/checkWorker.js`) take documents from one queue. Each worker builds its own
 * language service from the same `CheckSetup` (term bases, models and catalogs loaded once per worker); what crosses
 * the boundary is plain data: the setup once, then a document's uri and text, and back its diagnostics and
 * dependencies. Each result is handed over as soon as it is known, with the document's place in the list.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { LanguageService } from '../core/index';
import { checkDocument, type CheckedResult, type CheckSetup } from './checkService';
import { WORKER_RESOURCE_LIMITS } from './workerHeap';

/** The worker's bundle, beside the CLI's bundle; absent when running from source, where everything runs on one thread. */
export const CHECK_WORKER_FILE = path.join(__dirname, 'checkWorker.js');

/** Documents a worker holds at once, so it never waits for this thread to hand it the next one. */
const WORKER_DEPTH = 2;
/** Below this much text to check, starting workers costs more than it saves (each loads the bundle and the term bases). */
export const POOL_MIN_BYTES = 1024 * 1024;

/** A document to check, read only when its turn comes (texts read all at once stay in memory until checked). */
export interface CheckJob<R extends ReadJob = ReadJob> {
  uri: string;
  /** Its size in bytes, to decide whether workers repay their start. */
  size: number;
  /** Reads it: undefined when it can no longer be read (the job has then said why, and is passed over). */
  read(): R | undefined;
}

/** A document's text as read for its check; kept by the job's caller until the result comes. */
export interface ReadJob {
  text: string;
}

/** Messages from a worker: a result, or the error that stopped one document (this thread then checks it). */
export type WorkerReply = { index: number; result: CheckedResult } | { index: number; error: string };
export interface WorkerJob {
  index: number;
  uri: string;
  text: string;
}

/**
 * One thread per processor not already busy, as `make --load-average` reckons it: on a machine whose load already
 * fills its processors, a second thread only competes with the first (measured: slower, with 30 % more CPU time for
 * the worker's start-up and its own compiled code). Windows reports no load average (zeros): every processor.
 */
export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
  return Math.max(1, Math.min(cores, cores - Math.floor(os.loadavg()[0])));
}

/**
 * How many threads to check `jobs` with: one when workers are unavailable or there is only one document; with
 * `jobs` unset (the machine's parallelism), one also when the documents are too small to repay starting workers.
 */
export function threadsFor(jobs: readonly CheckJob<ReadJob>[], requested: number | undefined): number {
  if (jobs.length < 2 || !fs.existsSync(CHECK_WORKER_FILE)) return 1;
  if (requested !== undefined) return Math.min(requested, jobs.length);
  let bytes = 0;
  for (const j of jobs) bytes += j.size;
  return bytes < POOL_MIN_BYTES ? 1 : Math.min(defaultThreads(), jobs.length);
}

/** Called with each result as soon as it is known; `index` is the document's place in the jobs, `read` what was checked. */
export type OnResult<R extends ReadJob = ReadJob> = (index: number, result: CheckedResult, read: R) => void;

/** Checks `jobs` on this thread alone. */
export function checkHere<R extends ReadJob>(service: () => LanguageService, setup: CheckSetup, jobs: readonly CheckJob<R>[], onResult: OnResult<R>): void {
  jobs.forEach((j, i) => {
    const read = j.read();
    if (read) onResult(i, checkDocument(service(), setup, j.uri, read.text, true), read);
  });
}

/**
 * Checks `jobs` on this thread and `threads - 1` workers. A document whose check failed in a worker, or that a
 * worker held when it died, is checked again on this thread, so a failure surfaces as it would on one thread.
 */
export async function checkInThreads<R extends ReadJob>(
  service: () => LanguageService,
  setup: CheckSetup,
  jobs: readonly CheckJob<R>[],
  threads: number,
  onResult: OnResult<R>,
): Promise<void> {
  const retry: number[] = [];
  /** What was read of the documents handed to a worker or waiting to be checked again here. */
  const reads = new Map<number, R>();
  let next = 0;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // Loaded only here: a check on one thread (most runs of the CLI) does not pay for the module.
  const { Worker: WorkerThread } = require('node:worker_threads') as { Worker: typeof Worker };
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
    const worker = new WorkerThread(CHECK_WORKER_FILE, { workerData: setup, resourceLimits: WORKER_RESOURCE_LIMITS });
    const held = new Set<number>();
    let alive = true;
    const feed = () => {
      while (alive && held.size < WORKER_DEPTH && next < jobs.length) {
        const index = next++;
        const read = jobs[index].read();
        if (!read) continue;
        reads.set(index, read);
        held.add(index);
        worker.postMessage({ index, uri: jobs[index].uri, text: read.text } satisfies WorkerJob);
      }
    };
    const lost = () => {
      if (!alive) return;
      alive = false;
      retry.push(...held);
      held.clear();
      signal();
    };
    worker.on('message', (reply: WorkerReply) => {
      held.delete(reply.index);
      if ('result' in reply) {
        const read = reads.get(reply.index)!;
        reads.delete(reply.index);
        onResult(reply.index, reply.result, read);
      } else retry.push(reply.index);
      feed();
      signal();
    });
    worker.on('error', lost);
    worker.on('exit', lost);
    feed();
    return { worker, held, isAlive: () => alive };
  });
  try {
    for (;;) {
      const index = retry.length ? retry.pop()! : next < jobs.length ? next++ : undefined;
      if (index !== undefined) {
        // A document given back by a worker was read already; it is not read twice.
        const read = reads.get(index) ?? jobs[index].read();
        reads.delete(index);
        if (read) onResult(index, checkDocument(service(), setup, jobs[index].uri, read.text, true), read);
        // Let the workers' replies in, and hand them more.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (!workers.some((w) => w.isAlive() && w.held.size)) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
