/**
 * When the background check of closed documents goes on (`closedCheckWait`, server/src/lsp/diagnostics.ts): 300 ms
 * after the last opening, 1.5 s after the last edit of an open document, and never held by a clock set back.
 */
import { describe, expect, it } from 'vitest';
import { closedCheckWait, EDIT_IDLE_MS } from '../../server/src/lsp/diagnostics';

describe('closedCheckWait', () => {
  it('waits for the pause after openings, then for the longer one after an edit', () => {
    const opened = 10_000;
    // Openings only (no edit yet: the edit time is long past).
    expect(closedCheckWait(opened + 100, opened, 0)).toBe(200);
    expect(closedCheckWait(opened + 300, opened, 0)).toBe(0);
    // An edit (also the last activity): the longer pause, counted from it.
    const edited = 20_000;
    expect(closedCheckWait(edited + 400, edited, edited)).toBe(EDIT_IDLE_MS - 400);
    expect(EDIT_IDLE_MS - 400).toBeGreaterThan(0);
    expect(closedCheckWait(edited + EDIT_IDLE_MS, edited, edited)).toBe(0);
    // An opening after an edit long ago: the opening's pause alone.
    expect(closedCheckWait(edited + 10_000 + 50, edited + 10_000, edited)).toBe(250);
  });

  it('does not wait for a clock set back to catch up', () => {
    expect(closedCheckWait(5_000, 60_000, 60_000)).toBe(0);
    expect(closedCheckWait(5_000, 4_900, 60_000)).toBe(200);
  });
});
