/**
 * Splits a Markdown body into chunks that parse the same alone as in context,
 * so each chunk's parse (and term scan) can be cached by its text and an edit
 * re-does only the chunk it touched.
 *
 * A chunk ends at a blank line, unless the blank line is inside a fenced code
 * block or a multi-line HTML block, or the next line is indented by four or more
 * columns (indented code or a list continuation that needs its context).
 * The one known difference from parsing the whole body at once: a reference
 * link `[text][ref]` whose definition lies in another chunk is read as text.
 */
export interface Chunk {
  /** Offset of the chunk in the document. */
  start: number;
  text: string;
}

// Each run of blanks belongs to exactly one part of the pattern, so a line such
// as `> > > …` or `-  -  …` is matched in linear time (no ambiguous backtracking).
const FENCE = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*)*(`{3,}|~{3,})/;
const HTML_OPEN = /^[ \t]{0,3}(?:<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<(script|pre|style|textarea)(?:[\s>]|$))/i;

function htmlClose(opening: string): string {
  if (opening.includes('<!--')) return '-->';
  if (opening.includes('<?')) return '?>';
  if (opening.includes('<![CDATA[')) return ']]>';
  const tag = /<(script|pre|style|textarea)/i.exec(opening);
  if (tag) return `</${tag[1].toLowerCase()}>`;
  return '>';
}

function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function indentOf(text: string, s: number, e: number): number {
  let col = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) col++;
    else if (c === 0x09) col += 4 - (col % 4);
    else break;
  }
  return col;
}

/**
 * `stopAt(offset)` is asked at each chunk boundary after the first; when it says
 * yes, splitting stops there and `stoppedAt` is that offset (the rest is not split).
 */
export function splitChunks(text: string, from: number, to = text.length, stopAt?: (offset: number) => boolean): Chunk[] & { stoppedAt?: number } {
  const chunks: Chunk[] & { stoppedAt?: number } = [];
  let chunkStart = from;
  let fence: string | undefined; // the fence run that closes the open code block
  let html: string | undefined; // the text that closes the open HTML block
  let lineStart = from;
  let prevBlank = false;
  while (lineStart < to) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0 || nl >= to) nl = to;
    const lineEnd = nl;
    const next = nl < to ? nl + 1 : to;
    const blank = isBlank(text, lineStart, lineEnd);
    if (fence) {
      const m = FENCE.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 200)));
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
    } else if (html) {
      if (text.slice(lineStart, lineEnd).toLowerCase().includes(html)) html = undefined;
    } else if (!blank) {
      // A chunk boundary falls before this line when the previous line was blank
      // and this line does not continue an indented construct.
      if (prevBlank && lineStart > chunkStart && indentOf(text, lineStart, lineEnd) < 4) {
        chunks.push({ start: chunkStart, text: text.slice(chunkStart, lineStart) });
        chunkStart = lineStart;
        if (stopAt?.(lineStart)) return Object.assign(chunks, { stoppedAt: lineStart });
      }
      const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
      const m = FENCE.exec(head);
      if (m) fence = m[1];
      else {
        const h = HTML_OPEN.exec(head);
        if (h) {
          const close = htmlClose(h[0]);
          if (!text.slice(lineStart + h[0].length, lineEnd).toLowerCase().includes(close)) html = close;
        }
      }
    }
    prevBlank = blank && !fence && !html;
    lineStart = next;
    if (nl === to) break;
  }
  if (chunkStart < to) chunks.push({ start: chunkStart, text: text.slice(chunkStart, to) });
  return chunks;
}
