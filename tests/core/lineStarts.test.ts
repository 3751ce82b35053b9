/**
 * `lineStarts` (core/chunkLines.ts) counts lines as `TextDocument` does: `\n`, `\r\n` and a lone `\r` end
 * a line. It searches for `\n` alone when the text has no lone `\r`, and reads every code unit otherwise;
 * both ways must give the lines `TextDocument` gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts } from '../../server/src/core/chunkLines';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

function byTextDocument(text: string): number[] {
  const doc = TextDocument.create('file:///t.md', 'markdown', 1, text);
  return Array.from({ length: doc.lineCount }, (_, line) => doc.offsetAt({ line, character: 0 }));
}

const piece = fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\n\r', '\r\r\n', '\u2028', '😀', 'line of text');

describe('lineStarts', () => {
  it('gives the lines TextDocument gives, with and without a lone carriage return', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(lineStarts(text)).toEqual(byTextDocument(text));
      }),
      { seed: FUZZ_SEED, numRuns: 2000 * FUZZ_SCALE },
    );
  });

  it('counts CRLF, LF and a lone CR each as one line break', () => {
    expect(lineStarts('a\r\nb\nc\rd')).toEqual([0, 3, 5, 7]);
    expect(lineStarts('a\r\nb\r\n')).toEqual([0, 3, 6]);
    expect(lineStarts('\r')).toEqual([0, 1]);
    expect(lineStarts('')).toEqual([0]);
  });
});
