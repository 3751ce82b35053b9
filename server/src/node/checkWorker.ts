/**
 * A check worker (`dist/checkWorker.js`), started by `checkPool.ts`: builds the language service once from the
 * `CheckSetup` it is started with, then checks each document it is sent and replies with its diagnostics and
 * dependencies. It keeps no document after replying.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkDocument, createCheckService, type CheckSetup } from './checkService';
import type { WorkerJob, WorkerReply } from './checkPool';

const setup = workerData as CheckSetup;
const service = createCheckService(setup);
const port = parentPort!;
port.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = { index: job.index, result: checkDocument(service, setup, job.uri, job.text) };
  } catch (e) {
    reply = { index: job.index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
