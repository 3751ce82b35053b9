/**
 * The wait before the check after a change (`editDelay`): the debounce after a pause, at least the last check's cost
 * inside a burst — also for a change that was waiting while a check ran (handled right after it ended), which with no
 * debounce otherwise made every later change of the burst a check and a publication of its own.
 */
import { describe, expect, it } from 'vitest';
import { editDelay } from '../../server/src/lsp/diagnostics';

describe('the wait before checking an edited document', () => {
  it('is the debounce for an edit after a pause', () => {
    // A keystroke 120 ms after the last, 100 ms after the last check ended (it took 8 ms).
    expect(editDelay(0, 8, 120, 100)).toBe(0);
    expect(editDelay(50, 8, 120, 100)).toBe(50);
    // The benchmark's pattern: the next edit once the client has read the last diagnostics.
    expect(editDelay(0, 6, 12, 5)).toBe(0);
  });

  it('is at least the last check for edits that come faster than a check', () => {
    expect(editDelay(0, 8, 0.2, Infinity)).toBe(8);
    expect(editDelay(50, 80, 10, Infinity)).toBe(80);
    expect(editDelay(50, 8, 2, Infinity)).toBe(50);
  });

  it('is at least the last check for an edit handled right after a check of its document ended', () => {
    // The change was queued while the check ran: its gap to the previous change (the check's 20 ms) is no pause.
    expect(editDelay(0, 12, 20.3, 0.2)).toBe(12);
    expect(editDelay(0, 12, 20.3, 0)).toBe(12);
    // A first keystroke sent while the opening of a long document was checked (500 ms) waits 50 ms, not the check's cost.
    expect(editDelay(0, 500, 505, 0.1)).toBe(50);
    expect(editDelay(80, 500, 505, 0.1)).toBe(80);
    // A clock set back makes no burst.
    expect(editDelay(0, 12, 20.3, -5)).toBe(0);
  });
});
