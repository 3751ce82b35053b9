/**
 * How far V8's old generation grows between full collections while the server checks many
 * documents in a row (a client opening a folder's documents at once, the background check of
 * closed ones).
 *
 * V8 lets it grow up to four times what survived the last full collection when the program
 * allocates fast. Checking 1,000 opened 20 KB documents keeps about 110 MB alive (their texts, the
 * analyses of the last few, the built-in data), yet the server reached 480 MB of resident memory,
 * most of it garbage not yet collected. Growing by 30% at most keeps it near 250 MB for as much
 * time (the collector marks concurrently). The limit holds only during such a run: while one
 * 1 MB document is edited, the same limit made a check after an edit twice as slow at the 90th
 * percentile (more full collections of a larger live set), so typing keeps V8's own policy.
 *
 * An explicit `--heap-growing-percent` given to Node (command line or `NODE_OPTIONS`) is left alone.
 */
import * as v8 from 'node:v8';

/** The growth allowed during a run of checks, in percent of what survived the last full collection. */
export const BURST_HEAP_GROWING_PERCENT = 30;
/** A run: this many documents checked one after another, each within `BURST_WINDOW_MS` of the first. */
export const BURST_DOCUMENTS = 16;
/** The run ends (and V8's own policy is back) this long after its last document. */
export const BURST_WINDOW_MS = 2000;

export interface HeapPolicyDeps {
  /** Sets V8's `--heap-growing-percent` (0: V8's own, dynamic, growth). */
  setGrowingPercent(percent: number): void;
  now(): number;
  /** Runs `fn` once after `ms`, unless cancelled; must not keep the process alive. */
  after(ms: number, fn: () => void): { cancel(): void };
}

const nodeDeps: HeapPolicyDeps = {
  setGrowingPercent: (percent) => v8.setFlagsFromString(`--heap-growing-percent=${percent}`),
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Whether Node was told how far the heap grows (then the server does not change it). */
export function growthGivenToNode(argv: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]): boolean {
  return argv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
}

export class BurstHeapPolicy {
  /** When the last `BURST_DOCUMENTS` documents were checked. */
  private readonly times: number[] = [];
  private limited = false;
  /** Limited for the rest of the process (`limitForRun`). */
  private forRun = false;
  private end: { cancel(): void } | undefined;

  constructor(
    private readonly deps: HeapPolicyDeps = nodeDeps,
    private readonly enabled = !growthGivenToNode(),
  ) {}

  /** Whether the growth is limited now (a run of checks is under way). */
  get limiting(): boolean {
    return this.limited;
  }

  /**
   * A run of checks known in advance (the CLI on a folder): the growth is limited from now on, for the rest of the
   * process. Limited only once 16 documents were checked, the CLI on two threads let the first full collection of
   * each thread (at ~0.2 s, while the term bases are loaded) set V8's own limit, up to four times what survived it,
   * which then held for the whole run: the main thread's heap grew to 75 MB, most of it garbage, without another.
   */
  limitForRun(): void {
    if (!this.enabled || this.forRun) return;
    this.end?.cancel();
    this.end = undefined;
    this.forRun = true;
    if (!this.limited) this.deps.setGrowingPercent(BURST_HEAP_GROWING_PERCENT);
    this.limited = true;
  }

  /** A document was checked as part of a batch (opened ones, closed ones in the background). */
  checked(): void {
    if (!this.enabled || this.forRun) return;
    const now = this.deps.now();
    this.times.push(now);
    if (this.times.length > BURST_DOCUMENTS) this.times.shift();
    if (!this.limited && this.times.length === BURST_DOCUMENTS && now - this.times[0] <= BURST_WINDOW_MS) {
      this.limited = true;
      this.deps.setGrowingPercent(BURST_HEAP_GROWING_PERCENT);
    }
    if (!this.limited) return;
    this.end?.cancel();
    this.end = this.deps.after(BURST_WINDOW_MS, () => {
      this.limited = false;
      this.end = undefined;
      this.times.length = 0;
      this.deps.setGrowingPercent(0);
    });
  }
}
