/**
 * The edit warm-up (server/src/lsp/warmUp.ts): after opening a long document, the server types into a copy
 * of it while idle. The copy is never published, is forgotten at the end, and leaves the document's own
 * diagnostics exactly as a server that never warmed up gives them.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LanguageService, VersionedEditHint } from '../../server/src/core/index';
import { EditWarmUp, WARM_UP_EDITS, WARM_UP_MIN_LENGTH, WARM_UP_STEP_MS, proseLineNearMiddle, warmUpUri } from '../../server/src/lsp/warmUp';
import { startClient } from './harness';
import { testSession } from './session';

/** The warm-up's clock: each check of the recording service moves it by what `cost` says for that check. */
const clock = { now: 0 };

/** A service that records what the warm-up asks of it. */
function recordingService(fail = false, cost: (check: number) => number = () => 1) {
  const checked: { uri: string; version: number; text: string }[] = [];
  const hints: VersionedEditHint[] = [];
  const forgotten: string[] = [];
  const service = {
    computeDiagnostics(doc: TextDocument) {
      if (fail) throw new Error('broken');
      clock.now += cost(checked.length);
      checked.push({ uri: doc.uri, version: doc.version, text: doc.getText() });
      return [];
    },
    noteEdit: (_doc: TextDocument, hint: VersionedEditHint) => void hints.push(hint),
    invalidate: (uri: string) => void forgotten.push(uri),
  } as unknown as LanguageService;
  return { service, checked, hints, forgotten };
}

function driver(service: LanguageService) {
  const queue: (() => void)[] = [];
  let activity = 0;
  const done: number[] = [];
  const warmUp = new EditWarmUp({
    service: () => service,
    runSafeSync: (fn, fallback) => {
      try {
        return fn();
      } catch {
        return fallback;
      }
    },
    activity: () => activity,
    now: () => clock.now,
    later: (fn) => void queue.push(fn),
    done: (edits) => void done.push(edits),
  });
  return {
    warmUp,
    done,
    touch: () => activity++,
    /** Runs queued steps, at most `limit` of them. */
    run(limit = Infinity) {
      for (let i = 0; i < limit && queue.length; i++) queue.shift()!();
    },
  };
}

const paragraph = 'Customs administrations exchange declarations through the single window of the union.\n\n';
const longText = '---\ntitle: Long\n---\n\n# Long\n\n' + paragraph.repeat(Math.ceil(WARM_UP_MIN_LENGTH / paragraph.length) + 1);

describe('edit warm-up', () => {
  it('names the copy beside the document, and has no name for uris without a folder', () => {
    expect(warmUpUri('file:///w/a%20b/doc.concept.md')).toBe('file:///w/a%20b/.customs-concepts-warm-up~doc.concept.md');
    expect(warmUpUri('untitled:Untitled-1')).toBeUndefined();
    expect(warmUpUri('file:///w/doc.concept.md?x=1')).toBeUndefined();
    expect(warmUpUri('file:///w/')).toBeUndefined();
  });

  it('types into a paragraph line near the middle', () => {
    const text = ['# T', '', '- a list item that is long enough to be typed into, but a list', 'A paragraph line long enough to be typed into by the warm-up.', '', '| a | table |'].join('\n');
    expect(proseLineNearMiddle(text)).toEqual({ line: 3, character: 10 });
    expect(proseLineNearMiddle('# only\n\n- short')).toBeUndefined();
  });

  it('checks a copy, types into it one character per step, then forgets it, once per process', () => {
    const rec = recordingService();
    const d = driver(rec.service);
    const doc = TextDocument.create('file:///w/long.concept.md', 'markdown', 7, longText);
    d.warmUp.start(doc);
    d.run();
    const copy = 'file:///w/.customs-concepts-warm-up~long.concept.md';
    expect(rec.checked.map((c) => c.uri)).toEqual(Array(WARM_UP_EDITS + 1).fill(copy));
    expect(rec.checked.map((c) => c.version)).toEqual(Array.from({ length: WARM_UP_EDITS + 1 }, (_, i) => i + 1));
    expect(rec.checked[0].text).toBe(longText);
    // Each step adds one character at the end of what was typed, in the line found.
    const { line } = proseLineNearMiddle(longText)!;
    const lastText = rec.checked.at(-1)!.text;
    expect(lastText.length).toBe(longText.length + WARM_UP_EDITS);
    expect(lastText.split('\n')[line].slice(10, 10 + WARM_UP_EDITS)).toBe(' and customs declaration '.slice(0, WARM_UP_EDITS));
    expect(rec.hints.map((h) => [h.fromVersion, h.toVersion, h.newEnd - h.start])).toEqual(Array.from({ length: WARM_UP_EDITS }, (_, i) => [i + 1, i + 2, 1]));
    expect(rec.forgotten).toEqual([copy]);
    expect(d.warmUp.finished).toBe(true);
    expect(d.done).toEqual([WARM_UP_EDITS]);
    // The original document is never touched, and a second long document is not warmed up again.
    expect(doc.getText()).toBe(longText);
    d.warmUp.start(TextDocument.create('file:///w/other.concept.md', 'markdown', 1, longText));
    d.run();
    expect(rec.checked).toHaveLength(WARM_UP_EDITS + 1);
  });

  it('ends for the process at an edit of the copy slower than its limit (a long first check does not count)', () => {
    // The first check (the copy as opened) is slow, the next two edits fast, the third over the limit.
    const rec = recordingService(false, (check) => (check === 0 ? 10 * WARM_UP_STEP_MS : check === 3 ? WARM_UP_STEP_MS + 1 : WARM_UP_STEP_MS));
    const d = driver(rec.service);
    d.warmUp.start(TextDocument.create('file:///w/long.concept.md', 'markdown', 1, longText));
    d.run();
    expect(rec.checked).toHaveLength(4);
    expect(rec.forgotten).toEqual(['file:///w/.customs-concepts-warm-up~long.concept.md']);
    expect(d.warmUp.finished).toBe(true);
    expect(d.done).toEqual([]);
    d.warmUp.start(TextDocument.create('file:///w/other.concept.md', 'markdown', 1, longText));
    d.run();
    expect(rec.checked).toHaveLength(4);
  });

  it('leaves short documents alone', () => {
    const rec = recordingService();
    const d = driver(rec.service);
    d.warmUp.start(TextDocument.create('file:///w/short.concept.md', 'markdown', 1, longText.slice(0, WARM_UP_MIN_LENGTH - 1)));
    d.run();
    expect(rec.checked).toEqual([]);
  });

  it('stops at the first document opened or edited, forgets the copy, and starts again at the next pause', () => {
    const rec = recordingService();
    const d = driver(rec.service);
    const doc = TextDocument.create('file:///w/long.concept.md', 'markdown', 1, longText);
    d.warmUp.start(doc);
    d.run(3);
    d.touch();
    d.run();
    expect(rec.checked).toHaveLength(3);
    expect(rec.forgotten).toHaveLength(1);
    expect(d.warmUp.finished).toBe(false);
    expect(d.done).toEqual([]);
    d.warmUp.start(doc);
    d.run();
    expect(d.warmUp.finished).toBe(true);
    expect(rec.checked).toHaveLength(3 + WARM_UP_EDITS + 1);
    expect(rec.checked[3].version).toBe(1);
  });

  it('gives up on a service that fails, after forgetting the copy', () => {
    const rec = recordingService(true);
    const d = driver(rec.service);
    d.warmUp.start(TextDocument.create('file:///w/long.concept.md', 'markdown', 1, longText));
    d.run();
    expect(rec.forgotten).toHaveLength(1);
    expect(d.warmUp.finished).toBe(true);
    // Not reported as done, and not tried again.
    expect(d.done).toEqual([]);
    d.warmUp.start(TextDocument.create('file:///w/long.concept.md', 'markdown', 2, longText));
    d.run();
    expect(rec.forgotten).toHaveLength(1);
  });
});

const session = testSession();

describe('edit warm-up, over the protocol', () => {
  it('publishes nothing for the copy and leaves the document checked as by a server that never warmed up', async () => {
    const term = 'terms:\n  - term: single window\n    definition: One entry point for trade data.\n    deprecated: [one-stop shop]\n';
    const dir = session.workspace('cc-warm-up-', { 'g.terms.yaml': term });
    const settings = { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } };
    const text = longText.replace('title: Long', 'title: Long\nglossaries: [g.terms.yaml]') + 'The one-stop shop and the «data lake» close it.\n';
    const uri = URI.file(path.join(dir, 'long.concept.md')).toString();
    const at = { line: proseLineNearMiddle(text)!.line, character: 0 };
    const edit = { range: { start: at, end: at }, text: 'one-stop shop ' };

    const warmed = await session.start(dir, settings);
    await warmed.open(uri, text);
    await warmed.diagnostics(uri, (p) => p.version === 1);
    // Waits on the server's word that the warm-up ran to its end.
    await expect.poll(() => warmed.logs.some((l) => l.startsWith('Edit warm-up:')), { timeout: 30_000, interval: 50 }).toBe(true);
    await warmed.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [edit] });
    const after = await warmed.diagnostics(uri, (p) => p.version === 2);

    const fresh = await startClient(dir, settings);
    try {
      await fresh.open(uri, text);
      await fresh.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [edit] });
      const expected = await fresh.diagnostics(uri, (p) => p.version === 2);
      expect(after.diagnostics).toEqual(expected.diagnostics);
      // The edit's own use of the deprecated label is reported where it was typed.
      expect(after.diagnostics.some((x) => x.code === 'deprecated-term' && x.range.start.line === edit.range.start.line)).toBe(true);
    } finally {
      await fresh.stop();
    }
    expect(warmed.published.filter((p) => p.uri !== uri)).toEqual([]);
  }, 60_000);

  it('warms up for a client that pulls diagnostics (as VS Code does), after the pause that follows its pull', async () => {
    const dir = session.workspace('cc-warm-up-pull-');
    const pull = { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } } };
    const uri = URI.file(path.join(dir, 'long.concept.md')).toString();
    const at = { line: proseLineNearMiddle(longText)!.line, character: 0 };
    const edit = { range: { start: at, end: at }, text: 'The smart border. ' };
    const pulled = async (client: Awaited<ReturnType<typeof startClient>>) =>
      ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] }).items;

    const warmed = await session.start(dir, pull);
    await warmed.open(uri, longText);
    await pulled(warmed);
    await expect.poll(() => warmed.logs.some((l) => l.startsWith('Edit warm-up:')), { timeout: 30_000, interval: 50 }).toBe(true);
    await warmed.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [edit] });
    const after = await pulled(warmed);

    const fresh = await startClient(dir, pull);
    try {
      await fresh.open(uri, longText);
      await fresh.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [edit] });
      expect(after).toEqual(await pulled(fresh));
    } finally {
      await fresh.stop();
    }
    // Pulled, never pushed.
    expect(warmed.published).toEqual([]);
  }, 60_000);
});
