/**
 * The heap limits of the CLI's check workers.
 *
 * A worker checks one document after another, and what one document needs dies before the next: a young generation
 * of 8 MB collects it as well as V8's default (up to 48 MB on 64-bit machines) and keeps less memory mapped. Measured
 * on the benchmark's 1,000 documents with the CLI on two threads (2 cores, alternating, four runs each): peak RSS
 * 332–334 → 293–302 MB, the same time (3.32–3.52 against 3.40–3.47 s); 4 MB saved no more and was slower. The
 * server's worker for closed documents keeps V8's default: with 8 MB the folder's closed documents took 4–6 % longer
 * (5.58–5.72 against 5.24–5.49 s) for 20–60 MB less.
 */
import type { ResourceLimits } from 'node:worker_threads';

export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
