/**
 * `ClosedUses` (server/src/lsp/closedUses.ts), the uses of term-base entries the server knows for closed documents:
 * a look that began before its document was forgotten or opened is not recorded, an older look never replaces a newer
 * one, a file whose stamp changed is dropped even when no watcher said so, stale uses are looked at again (once the
 * author pauses) and the client is then asked to refresh once.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TermUseIndex } from '../../server/src/core/index';
import { ClosedUses, type ClosedUsesDeps } from '../../server/src/lsp/closedUses';

const uses = (n: number): TermUseIndex => ({ keys: ['k'], uses: Int32Array.from({ length: 5 * n }, (_, i) => (i % 5 === 0 ? 0 : i)) });

function setup(over: Partial<ClosedUsesDeps> = {}) {
  const stamps = new Map<string, string>([['a', 's1'], ['b', 's1']]);
  const open = new Set<string>();
  const looked: string[] = [];
  let refreshes = 0;
  const pending: ((v: { uses: TermUseIndex; version: string } | undefined) => void)[] = [];
  const d: ClosedUsesDeps = {
    prepare: async () => undefined,
    index: (uri) => (looked.push(uri), new Promise((resolve) => pending.push(resolve))),
    checkedInBackground: () => false,
    isOpen: (uri) => open.has(uri),
    stamp: (uri) => stamps.get(uri),
    refresh: () => void refreshes++,
    ...over,
  };
  return { u: new ClosedUses(d), stamps, open, looked, pending, refreshes: () => refreshes };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('ClosedUses', () => {
  it('drops a look that began before its document was forgotten or opened, and an older look after a newer one', () => {
    const { u, open } = setup();
    const look = u.begin();
    u.forget('a');
    u.set('a', uses(1), look, 's1');
    expect(u.get('a')).toBeUndefined();
    u.set('a', uses(2), u.begin(), 's1');
    expect(u.get('a')!.uses.length).toBe(10);
    const before = u.begin();
    u.changed();
    u.set('a', uses(3), u.begin(), 's1');
    u.set('a', uses(4), before, 's1');
    expect(u.get('a')!.uses.length).toBe(15);
    open.add('b');
    const l = u.begin();
    u.set('b', uses(1), l, 's1');
    open.delete('b');
    expect(u.get('b')).toBeUndefined();
  });

  it('drops what it knows of a file whose stamp changed, when the stamp is compared again', () => {
    const { u, stamps } = setup();
    u.set('a', uses(1), u.begin(), 's1');
    stamps.set('a', 's2');
    // Within a second the stamp is trusted; after, it is compared with the file.
    expect(u.get('a')).toBeDefined();
    const now = Date.now;
    Date.now = () => now() + 2000;
    try {
      expect(u.get('a')).toBeUndefined();
    } finally {
      Date.now = now;
    }
  });

  it("helps a walk from the last document back, two at a time, skipping known and open ones, until it is stopped", async () => {
    const stamps = new Map(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, 's1']));
    const { u, open, looked, pending } = setup({ stamp: (uri) => stamps.get(uri) });
    u.set('e', uses(1), u.begin(), 's1');
    open.add('d');
    const help = u.helpWalk(['a', 'b', 'c', 'd', 'e', 'f']);
    await settle();
    // Two in the worker: the last document, then the one before the known one (`e`).
    expect(looked).toEqual(['f', 'd']);
    pending.shift()!({ uses: uses(2), version: 's1' });
    // The open document gives nothing (as the worker does for one): the lane goes on.
    pending.shift()!(undefined);
    await settle();
    expect(looked).toEqual(['f', 'd', 'c', 'b']);
    expect(u.get('f')!.uses.length).toBe(10);
    expect(u.get('d')).toBeUndefined();
    // The walk on the server's thread got to the rest: nothing more is sent, what is in the worker is still recorded.
    help.stop();
    pending.shift()!({ uses: uses(3), version: 's1' });
    pending.shift()!({ uses: uses(4), version: 's1' });
    await settle();
    expect(looked).toEqual(['f', 'd', 'c', 'b']);
    expect(u.get('c')!.uses.length).toBe(15);
    expect(u.get('b')!.uses.length).toBe(20);
  });

  it('looks at stale documents again after a lens used them, then asks for one refresh', async () => {
    const { u, looked, pending, refreshes } = setup();
    u.set('a', uses(1), u.begin(), 's1');
    u.set('b', uses(1), u.begin(), 's1');
    // Fresh: nothing to do.
    u.served(['a', 'b']);
    await settle();
    expect(looked).toEqual([]);
    u.changed();
    u.served(['a', 'b']);
    u.served(['a', 'b']);
    await settle();
    expect(looked).toEqual(['a']);
    pending.shift()!({ uses: uses(2), version: 's1' });
    await settle();
    expect(looked).toEqual(['a', 'b']);
    expect(refreshes()).toBe(0);
    pending.shift()!({ uses: uses(3), version: 's1' });
    await settle();
    expect(refreshes()).toBe(1);
    expect(u.get('b')!.uses.length).toBe(15);
    // Fresh again: a lens served now asks nothing more.
    u.served(['a', 'b']);
    await settle();
    expect(looked).toEqual(['a', 'b']);
    expect(refreshes()).toBe(1);
  });

  it('looks at stale documents only while the pause says so, asking it again before each one', async () => {
    vi.useFakeTimers();
    try {
      let wait = 1500;
      const asked: number[] = [];
      const { u, looked, pending } = setup({ pause: () => (asked.push(wait), wait) });
      u.set('a', uses(1), u.begin(), 's1');
      u.set('b', uses(1), u.begin(), 's1');
      u.changed();
      u.served(['a', 'b']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(looked).toEqual([]);
      // Still typing: the pause starts again.
      await vi.advanceTimersByTimeAsync(1000);
      expect(looked).toEqual([]);
      wait = 0;
      await vi.advanceTimersByTimeAsync(1500);
      expect(looked).toEqual(['a']);
      // An edit while `a` is in the worker: `b` waits for the next pause.
      wait = 1500;
      pending.shift()!({ uses: uses(2), version: 's1' });
      await vi.advanceTimersByTimeAsync(1000);
      expect(looked).toEqual(['a']);
      wait = 0;
      await vi.advanceTimersByTimeAsync(1500);
      expect(looked).toEqual(['a', 'b']);
      expect(asked.filter((w) => w === 0).length).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets a document the worker could not look at, and keeps only the documents still listed', async () => {
    const { u, pending } = setup();
    u.set('a', uses(1), u.begin(), 's1');
    u.set('b', uses(1), u.begin(), 's1');
    u.changed();
    u.served(['a']);
    await settle();
    pending.shift()!(undefined);
    await settle();
    expect(u.get('a')).toBeUndefined();
    u.retain(new Set(['c']));
    expect(u.get('b')).toBeUndefined();
  });

  it('with background checks, leaves stale documents to them and refreshes when they are done', async () => {
    const { u, looked, refreshes } = setup({ checkedInBackground: () => true });
    u.set('a', uses(1), u.begin(), 's1');
    u.changed();
    u.served(['a']);
    await settle();
    expect(looked).toEqual([]);
    expect(refreshes()).toBe(0);
    u.backgroundDone();
    expect(refreshes()).toBe(1);
    u.backgroundDone();
    expect(refreshes()).toBe(1);
  });
});
