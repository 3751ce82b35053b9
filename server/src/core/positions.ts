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
  // The line alone: a document kept in blocks does not make its whole text one string for it.
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
}
