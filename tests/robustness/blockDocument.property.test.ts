/**
 * `BlockTextDocument` (the server's copy of an open document, in blocks) against `TextDocument` made fresh from
 * the expected text after every change: text, line count, `positionAt` and `offsetAt` everywhere, ranged
 * `getText`. Random texts and edits of line breaks (`\r\n`, lone `\r` and `\n`, a `\r` typed before a `\n` and
 * the reverse), surrogate pairs, guillemets and non-breaking hyphens; reversed and out-of-range ranges; whole-text
 * changes; several changes in one event; blocks of a few characters, so edits cross, empty and merge them.
 *
 * Seeded and reproducible: `FUZZ_SEED=<seed>`, `FUZZ_RUNS=<n>` (see fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { BlockTextDocument } from '../../server/src/blockDocument';
import { FUZZ_SCALE, FUZZ_SEED } from './fuzz';

const RUNS = 150 * FUZZ_SCALE;
const stats = { runs: 0, changes: 0 };
afterAll(() => console.log(`block document vs. TextDocument: ${stats.runs} runs, ${stats.changes} changes (seed ${FUZZ_SEED})`));

const URI_ = 'file:///w/blocks.concept.md';
const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '«', '»', '\u2011', '\u{1D538}', 'é', 'Ж', '#', '\t');
const text = (max: number) => fc.array(unit, { maxLength: max }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 14 }), character: fc.integer({ min: -1, max: 40 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: text(6) }) },
  { weight: 1, arbitrary: fc.record({ text: text(60) }) },
);
const event = fc.array(change, { minLength: 1, maxLength: 3 });

/** What the text becomes: each change applied to a document made fresh from the text before it. */
function applied(before: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  let t = before;
  for (const c of changes) {
    if (!('range' in c) || !c.range) {
      t = c.text;
      continue;
    }
    const fresh = TextDocument.create(URI_, 'markdown', 0, t);
    t = TextDocument.applyEdits(fresh, [{ range: c.range, newText: c.text }]);
  }
  return t;
}

function sameAs(doc: BlockTextDocument, expected: string, version: number): void {
  const ref = TextDocument.create(URI_, 'markdown', version, expected);
  expect(doc.getText()).toBe(expected);
  expect(doc.version).toBe(version);
  expect(doc.lineCount).toBe(ref.lineCount);
  for (let o = -1; o <= expected.length + 1; o++) expect(doc.positionAt(o)).toEqual(ref.positionAt(o));
  for (let line = -1; line <= ref.lineCount + 1; line++) {
    for (let character = -1; character <= 12; character++) {
      const p = { line, character };
      expect(doc.offsetAt(p)).toBe(ref.offsetAt(p));
    }
  }
}

describe('BlockTextDocument', () => {
  it('reads as TextDocument does after any edits, whatever the blocks', () => {
    fc.assert(
      fc.property(text(80), fc.array(event, { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), (initial, events, size) => {
        stats.runs++;
        // A document whose text is read only in ranges, then whole, after each event: both paths are compared.
        const doc = BlockTextDocument.create(URI_, 'markdown', 1, initial, size);
        let expected = initial;
        sameAs(doc, expected, 1);
        let version = 1;
        for (const changes of events) {
          stats.changes += changes.length;
          version++;
          expected = applied(expected, changes);
          BlockTextDocument.update(doc, changes, version);
          const ref = TextDocument.create(URI_, 'markdown', version, expected);
          // Ranged reads first, while the whole text is not made.
          for (let line = 0; line < ref.lineCount; line++) {
            const range = { start: { line, character: 1 }, end: { line: line + 2, character: 3 } };
            expect(doc.getText(range)).toBe(ref.getText(range));
            const back = { start: range.end, end: range.start };
            expect(doc.getText(back)).toBe(ref.getText(back));
          }
          expect(doc.textParts().length).toBe(expected.length);
          expect(doc.textParts().slice(2, 2 + 2 * size + 3)).toBe(expected.slice(2, 2 + 2 * size + 3));
          sameAs(doc, expected, version);
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('makes only the blocks an edit touches again, and the whole text only when asked', () => {
    const line = 'A line of a long document, with «single window» in it.\n';
    const initial = line.repeat(2000);
    const doc = BlockTextDocument.create(URI_, 'markdown', 1, initial);
    const before = doc.textParts();
    expect(doc.blockCount).toBeGreaterThan(10);
    const pos = doc.positionAt(initial.length / 2);
    BlockTextDocument.update(doc, [{ range: { start: pos, end: pos }, text: 'x' }], 2);
    expect(doc.joined).toBe(false);
    const after = doc.textParts();
    expect(after).not.toBe(before);
    expect(after.length).toBe(initial.length + 1);
    expect(doc.positionAt(doc.offsetAt(pos) + 1)).toEqual({ line: pos.line, character: pos.character + 1 });
    expect(doc.joined).toBe(false);
    expect(doc.getText()).toBe(initial.slice(0, initial.length / 2) + 'x' + initial.slice(initial.length / 2));
    expect(doc.joined).toBe(true);
    // The earlier version's parts are unchanged.
    expect(before.length).toBe(initial.length);
    expect(before.text()).toBe(initial);
  });
});
