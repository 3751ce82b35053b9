/**
 * Offsets to LSP positions and lines, always through `TextDocument`, so every
 * line ending (CRLF, LF, a bare CR) counts as the client counts it and ranges
 * are UTF-16 code units.
 */
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The range of `document` between two offsets. */
export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The line an offset is on. */
export function lineAt(document: TextDocument, offset: number): number {
  return document.positionAt(offset).line;
}

/** The offset where a line starts. */
export function lineStart(document: TextDocument, line: number): number {
  return document.offsetAt({ line, character: 0 });
}

/** The text of a line, without its line break. */
export function lineText(document: TextDocument, line: number): string {
  const text = document.getText();
  const end = line + 1 < document.lineCount ? lineStart(document, line + 1) : text.length;
  return text.slice(lineStart(document, line), end).replace(/(\r\n|\r|\n)$/, '');
}
