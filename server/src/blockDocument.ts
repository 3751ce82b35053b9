/**
 * The server's copy of an open document, kept in blocks of a few thousand characters.
 *
 * `TextDocument` of vscode-languageserver-textdocument keeps the text as one string: an edit makes it
 * `before + typed + after`, which V8 copies into one new string the first time anything reads it. For a 1 MB
 * document that is a new 1–2 MB string per keystroke, most of what a check after an edit allocated, and the
 * reason the collector ran its longest pauses while typing. Here an edit makes only the blocks it touches again;
 * the core reads the text in parts (`textParts()`, see `core/textParts.ts`) where it can, and the whole text is
 * made once per version when something asks for it (`getText()`).
 *
 * Positions are those of `TextDocument` (UTF-16 code units; lines end at `\r\n`, `\r` or `\n`; a position inside a
 * line break or past a line's end is moved before its line break). Line starts are kept in one array and, after an
 * edit, found again only from the edit's start to just past its new text (whatever joins or splits a `\r\n`),
 * then moved; `tests/robustness/blockDocument.property.test.ts` compares everything with `TextDocument`.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineStarts } from './core/chunkLines';
import type { PartedTextDocument, TextParts } from './core/textParts';

/** The size blocks are cut to; a block that grows past twice this is cut again. */
export const BLOCK_SIZE = 8192;

const LF = 10;
const CR = 13;

/** The text of one version: blocks and their starts, never changed once made (an edit makes new arrays). */
class Blocks implements TextParts {
  private whole: string | undefined;

  constructor(
    readonly blocks: readonly string[],
    readonly starts: readonly number[],
    readonly length: number,
    private readonly size: number,
  ) {}

  static of(text: string, size: number): Blocks {
    const blocks: string[] = [];
    const starts: number[] = [];
    for (let i = 0; i < text.length; i += size) {
      starts.push(i);
      blocks.push(text.slice(i, i + size));
    }
    if (!blocks.length) {
      blocks.push('');
      starts.push(0);
    }
    const b = new Blocks(blocks, starts, text.length, size);
    b.whole = text;
    return b;
  }

  /** Whether the whole text of this version was made. */
  get joined(): boolean {
    return this.whole !== undefined;
  }

  /** The block holding `offset` (the last one for the end of the text). */
  blockAt(offset: number): number {
    return Math.max(0, firstAtLeast(this.starts, offset + 1) - 1);
  }

  charCodeAt(offset: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    const k = this.blockAt(offset);
    return this.blocks[k].charCodeAt(offset - this.starts[k]);
  }

  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    const k = this.blockAt(start);
    const from = start - this.starts[k];
    if (end <= this.starts[k] + this.blocks[k].length) return this.blocks[k].slice(from, end - this.starts[k]);
    const parts = [this.blocks[k].slice(from)];
    let j = k + 1;
    for (; j < this.blocks.length && this.starts[j] + this.blocks[j].length <= end; j++) parts.push(this.blocks[j]);
    if (j < this.blocks.length && this.starts[j] < end) parts.push(this.blocks[j].slice(0, end - this.starts[j]));
    return parts.join('');
  }

  text(): string {
    return (this.whole ??= this.blocks.join(''));
  }

  /** The text with `start`–`end` replaced by `inserted`: the blocks it touches are made again, the others shared. */
  edited(start: number, end: number, inserted: string): Blocks {
    const i = this.blockAt(start);
    const j = this.blockAt(end);
    const merged = this.blocks[i].slice(0, start - this.starts[i]) + inserted + this.blocks[j].slice(end - this.starts[j]);
    const size = this.size;
    const pieces: string[] = [];
    if (merged.length <= 2 * size) pieces.push(merged);
    else for (let p = 0; p < merged.length; p += size) pieces.push(merged.slice(p, p + size));
    const blocks = this.blocks.slice(0, i);
    for (const p of pieces) if (p.length) blocks.push(p);
    for (let k = j + 1; k < this.blocks.length; k++) blocks.push(this.blocks[k]);
    const length = this.length - (end - start) + inserted.length;
    // Deletions leave small blocks behind: when there are many more than the text needs, they are cut again.
    if (!blocks.length || blocks.length > 2 * Math.ceil(length / size) + 16) return Blocks.of(blocks.join(''), size);
    const starts: number[] = new Array(blocks.length);
    let at = 0;
    for (let k = 0; k < blocks.length; k++) {
      starts[k] = at;
      at += blocks[k].length;
    }
    return new Blocks(blocks, starts, length, size);
  }
}

/** The first index of a sorted list whose value is at least `value` (the length when there is none). */
function firstAtLeast(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class BlockTextDocument implements PartedTextDocument {
  private text: Blocks;
  /** Where each line starts. */
  private lines: number[];

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
    private readonly blockSize: number,
  ) {
    this.text = Blocks.of(content, blockSize);
    this.lines = lineStarts(content);
  }

  /** `blockSize`: the size blocks are cut to (smaller ones in tests). */
  static create(uri: string, languageId: string, version: number, content: string, blockSize = BLOCK_SIZE): BlockTextDocument {
    return new BlockTextDocument(uri, languageId, version, content, Math.max(1, Math.floor(blockSize)));
  }

  /** Whether the whole text of the current version was made as one string (by `getText()`, or by the core). */
  get joined(): boolean {
    return this.text.joined;
  }

  /** How many blocks hold the text. */
  get blockCount(): number {
    return this.text.blocks.length;
  }

  /** Applies the changes in order (as `TextDocument.update` does, in place) and takes the new version. */
  static update(document: BlockTextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): BlockTextDocument {
    for (const change of changes) {
      if ('range' in change && change.range) document.replace(change.range, change.text);
      else document.reset(change.text);
    }
    document._version = version;
    return document;
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  textParts(): TextParts {
    return this.text;
  }

  getText(range?: Range): string {
    if (!range) return this.text.text();
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return this.text.slice(Math.min(a, b), Math.max(a, b));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const lines = this.lines;
    // The last line starting at or before the offset (the first starts at 0).
    const line = firstAtLeast(lines, offset + 1) - 1;
    offset = this.beforeLineBreak(offset, lines[line]);
    return { line, character: offset - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lines;
    if (position.line >= lines.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.text.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, next), lineOffset);
  }

  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset) {
      const c = this.text.charCodeAt(offset - 1);
      if (c !== CR && c !== LF) break;
      offset--;
    }
    return offset;
  }

  private reset(content: string): void {
    this.text = Blocks.of(content, this.blockSize);
    this.lines = lineStarts(content);
  }

  private replace(range: Range, inserted: string): void {
    let s = this.offsetAt(range.start);
    let e = this.offsetAt(range.end);
    if (e < s) [s, e] = [e, s];
    this.text = this.text.edited(s, e, inserted);
    const delta = inserted.length - (e - s);
    // A line starts at p when the unit before it is `\n`, or `\r` not followed by `\n`: the starts that can change
    // are those from s to e + 1 (old offsets); they are found again from s to s + inserted.length + 1 (new offsets).
    const lines = this.lines;
    const a = firstAtLeast(lines, s);
    const b = firstAtLeast(lines, e + 2);
    const end = Math.min(s + inserted.length + 1, this.text.length);
    const around = this.text.slice(Math.max(0, s - 1), Math.min(end + 1, this.text.length));
    const base = Math.max(0, s - 1);
    const found: number[] = [];
    for (let p = Math.max(s, 1); p <= end; p++) {
      const c = around.charCodeAt(p - 1 - base);
      if (c === LF || (c === CR && around.charCodeAt(p - base) !== LF)) found.push(p);
    }
    if (s === 0) found.unshift(0);
    if (found.length === b - a) for (let k = 0; k < found.length; k++) lines[a + k] = found[k];
    else lines.splice(a, b - a, ...found);
    if (delta) for (let k = a + found.length; k < lines.length; k++) lines[k] += delta;
  }
}
