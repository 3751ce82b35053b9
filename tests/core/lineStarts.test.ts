/**
 * `lineStarts` (core/chunkLines.ts) counts lines as `TextDocument` does: `\n`, `\r\n` and a lone `\r` end
 * a line. It searches for `\n` alone when the text has no lone `\r`, and reads every code unit otherwise;
 * both ways must give the lines `TextDocument` gives. `documentPositions` (features/diagnostics.ts) places a concept
 * document's offsets from the line starts of its front matter and chunks: the positions `TextDocument` gives too.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts } from '../../server/src/core/chunkLines';
import { documentPositions } from '../../server/src/core/features/diagnostics';
import { parseConceptDocument } from '../../server/src/core/parse/conceptDocument';
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

/** Pieces of concept documents: front matter, headings, paragraphs, lists, fences, every kind of line break. */
const docPiece = fc.constantFrom(
  '---\nconcept: c\n---\n',
  '---\r\nconcept: c\r\n---\r\n',
  '---\rconcept: c\r---\r',
  '# Heading\n',
  '## Раздел\r\n',
  'A paragraph of «text» with @wco-rkc.\n',
  'é😀 line\r',
  '\n',
  '\r\n',
  '\r',
  '- item\n- item\n',
  '```\ncode\n```\n',
  '<!-- note -->\n',
  'no break at the end',
);

describe('documentPositions', () => {
  it('gives every offset of a concept document the position TextDocument gives, read from its chunks', () => {
    fc.assert(
      fc.property(fc.array(docPiece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const document = TextDocument.create('file:///t.concept.md', 'markdown', 1, text);
        const doc = parseConceptDocument(document.uri, text);
        const { at, chunkLine } = documentPositions(document, doc);
        for (let o = -1; o <= text.length + 1; o++) expect(at(o), `offset ${o} of ${JSON.stringify(text)}`).toEqual(document.positionAt(o));
        doc.chunks.forEach((c, i) => expect(chunkLine(i), `chunk ${i} of ${JSON.stringify(text)}`).toBe(document.positionAt(c.start).line));
      }),
      { seed: FUZZ_SEED, numRuns: 1000 * FUZZ_SCALE },
    );
  });

  it('reads the chunks, not the whole document, for a document whose body starts a line', () => {
    const text = '---\nconcept: c\n---\n# A\n\nText.\r\n\r\n## B\rMore text.\n';
    const document = TextDocument.create('file:///t.concept.md', 'markdown', 1, text);
    const positionAt = vi.spyOn(document, 'positionAt');
    const { at, chunkLine } = documentPositions(document, parseConceptDocument(document.uri, text));
    expect(chunkLine(2)).toBe(7);
    expect(at(text.indexOf('More'))).toEqual({ line: 8, character: 0 });
    expect(at(text.indexOf('concept'))).toEqual({ line: 1, character: 0 });
    expect(at(text.length)).toEqual({ line: 9, character: 0 });
    expect(positionAt).not.toHaveBeenCalled();
  });
});
