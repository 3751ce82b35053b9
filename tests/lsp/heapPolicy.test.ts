import { describe, expect, it } from 'vitest';
import { BURST_DOCUMENTS, BURST_HEAP_GROWING_PERCENT, BURST_WINDOW_MS, BurstHeapPolicy, growthGivenToNode } from '../../server/src/node/heapPolicy';

/** A policy on a hand-moved clock; `fire` runs the pending end of the run, as its timer would. */
function policy(enabled = true) {
  let now = 0;
  const set: number[] = [];
  let pending: (() => void) | undefined;
  const p = new BurstHeapPolicy(
    {
      setGrowingPercent: (x) => set.push(x),
      now: () => now,
      after: (ms, fn) => {
        expect(ms).toBe(BURST_WINDOW_MS);
        pending = fn;
        return { cancel: () => (pending = undefined) };
      },
    },
    enabled,
  );
  return { p, set, tick: (ms: number) => (now += ms), fire: () => pending?.(), pending: () => pending !== undefined };
}

describe('BurstHeapPolicy', () => {
  it('limits the growth once enough documents are checked close together, and gives it back after the run', () => {
    const h = policy();
    for (let i = 0; i < BURST_DOCUMENTS - 1; i++) (h.p.checked(), h.tick(10));
    expect(h.set).toEqual([]);
    h.p.checked();
    expect(h.set).toEqual([BURST_HEAP_GROWING_PERCENT]);
    expect(h.p.limiting).toBe(true);
    // More documents keep it (set once), and push the end of the run back.
    for (let i = 0; i < 100; i++) (h.p.checked(), h.tick(50));
    expect(h.set).toEqual([BURST_HEAP_GROWING_PERCENT]);
    h.fire();
    expect(h.set).toEqual([BURST_HEAP_GROWING_PERCENT, 0]);
    expect(h.p.limiting).toBe(false);
    // A new run starts from nothing.
    h.p.checked();
    expect(h.set).toHaveLength(2);
  });

  it('documents checked now and then (an edit, a file changed on disk) are no run', () => {
    const h = policy();
    for (let i = 0; i < 200; i++) (h.p.checked(), h.tick(BURST_WINDOW_MS / (BURST_DOCUMENTS - 2)));
    expect(h.set).toEqual([]);
    expect(h.pending()).toBe(false);
  });

  it('limits the growth at once for a run known in advance, for good, with no timer per document', () => {
    const h = policy();
    h.p.limitForRun();
    expect(h.set).toEqual([BURST_HEAP_GROWING_PERCENT]);
    expect(h.p.limiting).toBe(true);
    for (let i = 0; i < 100; i++) (h.p.checked(), h.tick(BURST_WINDOW_MS));
    expect(h.pending()).toBe(false);
    h.p.limitForRun();
    expect(h.set).toEqual([BURST_HEAP_GROWING_PERCENT]);
    // A run already limited by its documents is kept limited, its end cancelled.
    const g = policy();
    for (let i = 0; i < BURST_DOCUMENTS; i++) g.p.checked();
    expect(g.pending()).toBe(true);
    g.p.limitForRun();
    expect(g.pending()).toBe(false);
    g.fire();
    expect(g.set).toEqual([BURST_HEAP_GROWING_PERCENT]);
    expect(g.p.limiting).toBe(true);
    // Not when Node was given its own growth.
    const off = policy(false);
    off.p.limitForRun();
    expect(off.set).toEqual([]);
  });

  it('leaves the heap alone when Node was given its own growth', () => {
    expect(growthGivenToNode(['--heap-growing-percent=50'])).toBe(true);
    expect(growthGivenToNode(['--max-old-space-size=4096', '', '--heap_growing_percent=10'])).toBe(true);
    expect(growthGivenToNode(['--max-old-space-size=4096'])).toBe(false);
    const h = policy(false);
    for (let i = 0; i < 100; i++) h.p.checked();
    expect(h.set).toEqual([]);
  });
});
