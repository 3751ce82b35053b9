/**
 * Lines as the client counts them, whatever the line ending: CRLF, LF, or a bare
 * CR (old Mac files, some generators). Suppression comments and folding must
 * find the same lines in all three.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/index';
import { builtin } from './helpers';

const ENDINGS = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
const service = () => createLanguageService({ builtin, workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] } });
const doc = (lines: string[], eol: string) => TextDocument.create('file:///ws/doc.concept.md', 'markdown', 1, lines.join(eol) + eol);

describe.each(Object.entries(ENDINGS))('with %s line endings', (_, eol) => {
  it('disable-next-line silences the next line, and only it', () => {
    const lines = ['# Scope', '', 'The «alpha» is here.', '<!-- customs-concepts-disable-next-line undefined-term -->', 'The «beta» is here.', 'The «gamma» is here.'];
    const found = service()
      .computeDiagnostics(doc(lines, eol))
      .filter((d) => d.code === 'undefined-term')
      .map((d) => [d.range.start.line, d.range.start.character]);
    expect(found).toEqual([
      [2, 5],
      [5, 5],
    ]);
  });

  it('disable-line and disable … enable silence their lines', () => {
    const lines = ['# Scope', '', 'The «alpha» is here. <!-- customs-concepts-disable-line undefined-term -->', '<!-- customs-concepts-disable undefined-term -->', 'The «beta» is here.', '<!-- customs-concepts-enable undefined-term -->', 'The «gamma» is here.'];
    const found = service()
      .computeDiagnostics(doc(lines, eol))
      .filter((d) => d.code === 'undefined-term')
      .map((d) => d.range.start.line);
    expect(found).toEqual([6]);
  });

  it('folds each section down to its last line of content, and disable … enable blocks', () => {
    const lines = ['# A', '', 'text', '', '## B', '', 'more', '', '<!-- customs-concepts-disable -->', 'quiet', '<!-- customs-concepts-enable -->', '', '# C', 'end'];
    const ranges = service().getFoldingRanges(doc(lines, eol)).map((r) => [r.startLine, r.endLine, r.kind ?? '']);
    expect(ranges).toEqual([
      [0, 10, ''],
      [4, 10, ''],
      [8, 10, 'region'],
      [12, 13, ''],
    ]);
  });

  it('gives a semantic token per line of a term wrapped over two lines, without the line break', () => {
    const lines = ['# Scope', '', 'The single', 'window is here.'];
    const data = service().getSemanticTokens(doc(lines, eol)).data;
    const tokens: [number, number, number][] = [];
    for (let i = 0, line = 0, char = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      tokens.push([line, char, data[i + 2]]);
    }
    expect(tokens).toContainEqual([2, 4, 6]);
    expect(tokens).toContainEqual([3, 0, 6]);
  });
});
