/**
 * Lines and positions inside one chunk of a concept document's body, counted exactly as
 * `TextDocument` counts them (`\r\n`, `\r` and `\n` end a line; never a position between the two
 * characters of a line break). A chunk starts a line, so a position in the chunk is its
 * chunk-relative line plus the line the chunk starts on: what a chunk reports can be placed, and
 * kept, without reading the whole document. The one exception to "positions through
 * `TextDocument.positionAt`" (see ARCHITECTURE.md).
 */
import type { Position } from 'vscode-languageserver-types';
import type { ChunkParse, ParsedChunk } from './parse/conceptDocument';
import { keptOn } from './keptOn';

/** The line offsets of a chunk's text, by chunk parse. */
const chunkLines = keptOn<ChunkParse, number[]>('lineStarts');

/** Where each line of a chunk's text starts (the first is 0). */
export function chunkLineStarts(chunk: ParsedChunk): number[] {
  let lines = chunkLines.get(chunk.parse);
  if (!lines) chunkLines.set(chunk.parse, (lines = lineStarts(chunk.text)));
  return lines;
}

/** Where each line of a text starts, as `TextDocument` counts lines (the first is 0). */
export function lineStarts(text: string): number[] {
  // Without a lone `\r` (most texts, CRLF ones included), a line starts after each `\n`: found by the engine's
  // own search, several times faster than reading every code unit here.
  for (let r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== 10) return lineStartsByUnit(text);
  const lines = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
  return lines;
}

/** `lineStarts`, code unit by code unit. */
function lineStartsByUnit(text: string): number[] {
  const lines = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(i + 1);
    }
  }
  return lines;
}

/** `TextDocument.positionAt` of a chunk-relative offset, for the chunk starting on `line` (a chunk starts a line). */
export function positionInChunk(chunk: ParsedChunk, line: number, offset: number): Position {
  return chunkPosition(chunk.text, chunkLineStarts(chunk), line, offset);
}

/** The same, given the chunk's line starts. */
export function chunkPosition(text: string, lines: readonly number[], line: number, offset: number): Position {
  offset = Math.max(Math.min(offset, text.length), 0);
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lines[mid] > offset) high = mid;
    else low = mid + 1;
  }
  const l = low - 1;
  // Never between the characters of a line break.
  while (offset > lines[l] && (text.charCodeAt(offset - 1) === 13 || text.charCodeAt(offset - 1) === 10)) offset--;
  return { line: line + l, character: offset - lines[l] };
}

/** The length of a chunk's line `l` (chunk-relative) without its line break. */
export function chunkLineLength(text: string, lines: readonly number[], l: number): number {
  if (l + 1 >= lines.length) return text.length - lines[l];
  let end = lines[l + 1];
  if (text.charCodeAt(end - 1) === 10) end--;
  if (text.charCodeAt(end - 1) === 13) end--;
  return end - lines[l];
}
