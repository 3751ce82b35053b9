/**
 * The Markdown side of a concept document, read with markdown-it (CommonMark).
 *
 * What we need from Markdown is small: where prose is (so term uses and
 * citations are found only there, not in code, HTML, link targets or front
 * matter) and where the headings are. markdown-it gives block structure with
 * line numbers; inline constructs are located by wrapping its inline rules so
 * each records the span it consumed.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

export interface Heading {
  level: number;
  /** Heading text without the markers and without a trailing `{#id}`. */
  text: string;
  /** Pandoc header id from `{#id}`, if any. */
  id?: string;
  /** Offsets of the heading's text. */
  start: number;
  end: number;
  /** Offsets of the whole heading line(s). */
  lineStart: number;
  lineEnd: number;
}

export interface ProseRegion {
  start: number;
  end: number;
}

export interface MarkdownStructure {
  headings: Heading[];
  /** Where prose is: sorted, non-overlapping. */
  regions: ProseRegion[];
  /** Ranges inside prose regions that are not prose (code spans, inline HTML, link targets), sorted. */
  exclusions: [number, number][];
  /** HTML comments anywhere in the body (block or inline), with their text, for suppression comments. */
  comments: { start: number; end: number; text: string }[];
}

interface InlineEnv {
  spans: [number, number][];
}

type InlineRule = (state: { pos: number; posMax: number; src: string; pending: string; env: InlineEnv; md: MarkdownIt }, silent: boolean) => boolean;

function createParser(allInlineRules = false): MarkdownIt {
  const md = new MarkdownIt('commonmark', { html: true, linkify: false, typographer: false });
  md.enable(['table', 'strikethrough']);
  const ruler = md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[]; __cache__: unknown };
  for (const rule of ruler.__rules__) {
    const orig = rule.fn;
    if (rule.name === 'text' && !allInlineRules) rule.fn = textUpToSpan;
    else if (rule.name === 'backticks' || rule.name === 'html_inline' || rule.name === 'autolink' || rule.name === 'image') {
      rule.fn = (state, silent) => {
        const start = state.pos;
        const ok = orig(state, silent);
        if (ok && !silent && state.env?.spans) state.env.spans.push([start, state.pos]);
        return ok;
      };
    } else if (rule.name === 'link') {
      rule.fn = (state, silent) => {
        const start = state.pos;
        let labelEnd = -1;
        if (!silent && state.src.charCodeAt(start) === 0x5b /* [ */) {
          labelEnd = (md.helpers as unknown as { parseLinkLabel: (s: unknown, p: number, d: boolean) => number }).parseLinkLabel(state, start, true);
          state.pos = start;
        }
        const ok = orig(state, silent);
        // The label is prose; what follows it (the target or reference) is not.
        if (ok && !silent && labelEnd >= 0 && state.env?.spans) state.env.spans.push([labelEnd, state.pos]);
        return ok;
      };
    }
  }
  ruler.__cache__ = null;
  if (!allInlineRules) {
    // Only where links are matters, never their targets: a target is not encoded (markdown-it's `normalizeLink` parses
    // and percent-encodes each one). `validateLink` still sees the target as written (its schemes are ASCII letters).
    md.normalizeLink = (url) => url;
    md.normalizeLinkText = (text) => text;
    // Emphasis, strikethrough, line breaks and entities make tokens that mark nothing as not prose: off, their
    // characters are taken as text, and every span is where it was (a link or code span never depends on them).
    md.inline.ruler.disable(['emphasis', 'strikethrough', 'newline', 'entity']);
    md.inline.ruler2.disable(['balance_pairs', 'strikethrough', 'emphasis', 'fragments_join']);
  }
  // We run inline parsing ourselves, only where it matters; line endings and NUL are
  // normalised before parsing (same length), so markdown-it's own pass is not needed.
  md.core.ruler.disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
  return md;
}

/**
 * The characters an inline rule left on can start at (a backslash: an escape; a backtick: a code span; `[` a link, `!`
 * an image, `<` an autolink or HTML), and `]`, which ends a link's label (`parseLinkLabel` steps token by token to it).
 */
const SPAN_START = /[!<[\\\]`]/g;

/**
 * markdown-it's `text` rule for the rules left on: it stops only where one of them can start. The original stops at
 * every character some rule could start at (`*`, `_`, `~`, `&`, `:`, `-`, a line break…), one character at a time, and
 * each of those went round every rule before markdown-it took it as text; the text pending is the same.
 */
function textUpToSpan(state: { pos: number; posMax: number; src: string; pending: string }, silent: boolean): boolean {
  const { src, posMax } = state;
  const pos = state.pos;
  SPAN_START.lastIndex = pos;
  const found = SPAN_START.exec(src);
  const end = found === null || found.index > posMax ? posMax : found.index;
  if (end === pos) return false;
  if (!silent) state.pending += src.slice(pos, end);
  state.pos = end;
  return true;
}

let parser: MarkdownIt | undefined;
const parsers: (MarkdownIt | undefined)[] = [];

/**
 * For tests: whether markdown-it runs every inline rule and normalises link targets as it does by default (`true`), or
 * runs only the rules that can find a span (the default).
 */
export function useAllInlineRules(all: boolean): void {
  parsers[all ? 1 : 0] ??= createParser(all);
  parser = parsers[all ? 1 : 0];
}

/**
 * A trailing Pandoc header attribute `{#id …}`: what `/\s*\{#([\w:.-]+)[^}]*\}\s*$/`
 * would match, found in linear time. That RegExp backtracks quadratically on a
 * long heading (a run of blanks, or `{#` with no closing brace), which froze the server.
 */
export function pandocId(s: string): { index: number; 1: string } | null {
  const isBlank = (i: number) => /\s/.test(s[i]);
  const isIdChar = (i: number) => i < s.length && /[\w:.-]/.test(s[i]);
  let end = s.length;
  while (end > 0 && isBlank(end - 1)) end--;
  const close = end - 1;
  if (close < 0 || s[close] !== '}') return null;
  // The attribute cannot hold a `}`: it starts after the one before the last.
  for (let q = s.lastIndexOf('}', close - 1) + 1; q + 2 < close; q++) {
    if (s[q] !== '{' || s[q + 1] !== '#' || !isIdChar(q + 2)) continue;
    let idEnd = q + 2;
    while (idEnd < close && isIdChar(idEnd)) idEnd++;
    let index = q;
    while (index > 0 && isBlank(index - 1)) index--;
    return { index, 1: s.slice(q + 2, idEnd) };
  }
  return null;
}

/**
 * Reads the structure of `text`. Offsets refer to `text`; the caller blanks front
 * matter first (same length), so line numbers stay those of the document.
 */
export function parseMarkdown(text: string, options?: { parserOnly?: boolean }): MarkdownStructure {
  // markdown-it turns CRLF into LF, which would shift offsets; a same-length
  // normalisation keeps every offset valid (a CR before LF becomes a space).
  const src = text.includes('\r') ? text.replace(/\r\n/g, ' \n').replace(/\r/g, '\n') : text;
  const lineStarts = lineStartsOf(src);
  if (!options?.parserOnly) {
    const plain = plainParagraph(src, lineStarts);
    if (plain) return plain;
    const heading = headingTokens(src, lineStarts);
    if (heading) return readTokens(src, lineStarts, heading);
  }
  return readWithParser(src, lineStarts);
}

/** Letters, `«`, `@`, `(` and quotes: no block construct of CommonMark or of a table starts with one. */
const SAFE_LINE_START = /^[\p{L}«@("“„‘']$/u;

/**
 * Most chunks are one paragraph of prose: every line starts with a letter (after at
 * most three spaces on the first line) and no blank line is inside. markdown-it
 * would give one paragraph whose content is the lines trimmed: the block structure
 * is read off the text without the block parser, and only inline parsing runs, when
 * the content can hold a span. Anything else, or any doubt, returns undefined and
 * goes through markdown-it.
 * `tests/core/markdownFastPath.test.ts` compares both on generated and real texts.
 */
function plainParagraph(src: string, lineStarts: number[]): MarkdownStructure | undefined {
  if (src.includes('\0')) return undefined;
  let start = -1;
  let end = -1;
  let ended = false;
  for (let line = 0; line < lineStarts.length; line++) {
    const ls = lineStarts[line];
    const le = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : src.length;
    let i = ls;
    while (i < le && (src.charCodeAt(i) === 0x20 || src.charCodeAt(i) === 0x09)) i++;
    if (i === le) {
      // A blank line (spaces and tabs only, as markdown-it counts them) ends the paragraph.
      if (start >= 0) ended = true;
      continue;
    }
    if (ended) return undefined; // a second block after a blank line
    if (start < 0) {
      // The first line: at most three spaces of indentation, no tab.
      if (i - ls > 3 || src.lastIndexOf('\t', i) >= ls) return undefined;
      start = i;
    }
    const c = src.charCodeAt(i);
    if (!SAFE_LINE_START.test(c >= 0xd800 && c <= 0xdbff ? String.fromCodePoint(src.codePointAt(i)!) : src[i])) return undefined;
    // The end of the paragraph's content: its last line without trailing spaces and tabs
    // (markdown-it trims ASCII white space only: a trailing no-break space stays).
    let e = le;
    while (e > i && (src.charCodeAt(e - 1) === 0x20 || src.charCodeAt(e - 1) === 0x09)) e--;
    end = e;
  }
  const result: MarkdownStructure = { headings: [], regions: [], exclusions: [], comments: [] };
  if (start < 0) return result;
  result.regions.push({ start, end });
  // The paragraph's content is the text from `start` to `end` as it stands (markdown-it takes
  // its lines whole and trims the ends), so a content offset is `start` plus it.
  const content = src.slice(start, end);
  if (mayHoldSpans(content)) {
    recordSpans(src, content, (off) => start + off, result);
    result.exclusions = mergeSorted(result.exclusions);
  }
  return result;
}

/** Runs the inline rules over `content` and records what is not prose, in source offsets. */
function recordSpans(src: string, content: string, toSource: (offset: number) => number, result: MarkdownStructure): void {
  parser ??= parsers[0] ??= createParser();
  const env: InlineEnv = { spans: [] };
  parser.inline.parse(content, parser, env, []);
  for (const [s, e] of env.spans) {
    const ss = toSource(s);
    const se = toSource(e);
    result.exclusions.push([ss, se]);
    if (src.startsWith('<!--', ss)) result.comments.push({ start: ss, end: se, text: src.slice(ss, se) });
  }
}

/** Sorts spans and merges nested or touching ones (a code span inside a link label inside a link target...). */
function mergeSorted(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const x of spans) {
    const last = merged[merged.length - 1];
    if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
    else merged.push([x[0], x[1]]);
  }
  return merged;
}

/** The structure as markdown-it reads it (`src`: line endings already normalised). */
function readWithParser(src: string, lineStarts: number[]): MarkdownStructure {
  parser ??= parsers[0] ??= createParser();
  // What markdown-it's normalisation would do beyond line endings (same length, so offsets hold).
  return readTokens(src, lineStarts, parser.parse(src.includes('\0') ? src.replace(/\0/g, '\uFFFD') : src, {}));
}

/** What `readTokens` reads of a markdown-it token. */
type TokenLike = Pick<Token, 'type' | 'map' | 'content' | 'tag'>;

/**
 * A chunk that is one ATX heading line (blank lines around it): the tokens markdown-it's
 * heading rule would give, made without the block parser (the rule is followed step by step).
 */
function headingTokens(src: string, lineStarts: number[]): TokenLike[] | undefined {
  if (src.includes('\0')) return undefined;
  let heading = -1;
  for (let line = 0; line < lineStarts.length; line++) {
    const ls = lineStarts[line];
    const le = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : src.length;
    let i = ls;
    while (i < le && (src.charCodeAt(i) === 0x20 || src.charCodeAt(i) === 0x09)) i++;
    if (i === le) continue;
    if (heading >= 0 || i - ls > 3 || src.charCodeAt(i) !== 0x23 || src.lastIndexOf('\t', i) >= ls) return undefined;
    heading = line;
  }
  if (heading < 0) return undefined;
  const isSpace = (c: number) => c === 0x20 || c === 0x09;
  const ls = lineStarts[heading];
  let max = heading + 1 < lineStarts.length ? lineStarts[heading + 1] - 1 : src.length;
  let pos = ls;
  while (isSpace(src.charCodeAt(pos))) pos++;
  let level = 1;
  let ch = src.charCodeAt(++pos);
  while (ch === 0x23 && pos < max && level <= 6) {
    level++;
    ch = src.charCodeAt(++pos);
  }
  if (level > 6 || (pos < max && !isSpace(ch))) return undefined;
  while (max > pos && isSpace(src.charCodeAt(max - 1))) max--;
  let tmp = max;
  while (tmp > pos && src.charCodeAt(tmp - 1) === 0x23) tmp--;
  if (tmp > pos && isSpace(src.charCodeAt(tmp - 1))) max = tmp;
  let a = pos;
  let b = max;
  while (a < b && isSpace(src.charCodeAt(a))) a++;
  while (b > a && isSpace(src.charCodeAt(b - 1))) b--;
  const map: [number, number] = [heading, heading + 1];
  return [
    { type: 'heading_open', tag: `h${level}`, map, content: '' },
    { type: 'inline', tag: '', map, content: src.slice(a, b) },
    { type: 'heading_close', tag: `h${level}`, map: null, content: '' },
  ];
}

/** The structure of `src` from markdown-it's tokens (or tokens made as its rules make them). */
function readTokens(src: string, lineStarts: number[], tokens: readonly TokenLike[]): MarkdownStructure {
  const lineEnd = (line: number) => (line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : src.length);
  const result: MarkdownStructure = { headings: [], regions: [], exclusions: [], comments: [] };
  let lastRegionLine = -1;
  // Table cells carry no line map: they take their row's, and are found left to right.
  let rowLine = -1;
  let rowCursor = 0;
  // Per content line of the current inline token: where it starts in the content and in the source.
  const contentLineStarts: number[] = [];
  const lineOffsets: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.type === 'tr_open' && tok.map) {
      rowLine = tok.map[0];
      rowCursor = lineStarts[rowLine] ?? 0;
      continue;
    }
    if (tok.type === 'html_block' && tok.map) {
      collectComments(src, lineStarts[tok.map[0]], lineEnd(tok.map[1] - 1), result.comments);
      continue;
    }
    if (tok.type !== 'inline') continue;
    const content = tok.content;
    const inRow = !tok.map && rowLine >= 0 && content.indexOf('\n') < 0;
    if (!tok.map && !inRow) continue;
    const [first, last] = tok.map ?? [rowLine, rowLine + 1];
    // Map each content line to its source line (content lines are suffixes of source lines).
    contentLineStarts.length = 0;
    lineOffsets.length = 0;
    let contentStart = -1;
    let contentEnd = -1;
    for (let k = 0, cs = 0; ; k++) {
      const nl = content.indexOf('\n', cs);
      const ce = nl < 0 ? content.length : nl;
      contentLineStarts.push(cs);
      const line = first + k;
      if (line >= last || line >= lineStarts.length) break;
      const ls = lineStarts[line];
      const le = lineEnd(line);
      const length = ce - cs;
      let at: number;
      if (inRow) {
        const cl = content.slice(cs, ce);
        at = src.slice(ls, le).indexOf(cl, rowCursor - ls);
        if (at < 0) at = rowCursor - ls;
        rowCursor = ls + at + length;
      } else if (length === 0) {
        at = le - ls;
      } else if (le - length >= ls && endsWith(src, le, content, cs, ce)) {
        // The usual case: the content line is the end of its source line (the last place it can be).
        at = le - length - ls;
      } else {
        const sourceLine = src.slice(ls, le);
        at = sourceLine.lastIndexOf(content.slice(cs, ce));
        if (at < 0) at = Math.max(0, sourceLine.trimEnd().length - length);
      }
      lineOffsets.push(ls + at);
      if (contentStart < 0) contentStart = ls + at;
      contentEnd = ls + at + length;
      if (nl < 0) break;
      cs = nl + 1;
    }
    if (contentStart < 0) continue;
    const prev = tokens[t - 1];
    if (prev && prev.type === 'heading_open') {
      let htext = content;
      let id: string | undefined;
      let hend = contentEnd;
      const m = pandocId(htext);
      if (m) {
        id = m[1];
        htext = htext.slice(0, m.index);
        hend = contentStart + htext.length;
      }
      result.headings.push({
        level: Number(prev.tag.slice(1)),
        text: htext.trim(),
        id,
        start: contentStart,
        end: hend,
        lineStart: lineStarts[prev.map ? prev.map[0] : first],
        lineEnd: lineEnd(prev.map ? prev.map[1] - 1 : first),
      });
      // The `{#id}` is not prose.
      if (m) result.exclusions.push([hend, contentEnd]);
    }
    // Table cells share a line: keep one region per line range.
    if (first > lastRegionLine) {
      result.regions.push({ start: contentStart, end: contentEnd });
      lastRegionLine = last - 1;
    } else {
      const r = result.regions[result.regions.length - 1];
      r.end = Math.max(r.end, contentEnd);
    }
    if (mayHoldSpans(content)) {
      // Content offsets → source offsets, line by line.
      recordSpans(src, content, (off) => {
        let k = contentLineStarts.length - 1;
        while (k > 0 && contentLineStarts[k] > off) k--;
        if (k >= lineOffsets.length) return contentEnd;
        return lineOffsets[k] + (off - contentLineStarts[k]);
      }, result);
    }
  }
  result.exclusions = mergeSorted(result.exclusions);
  return result;
}

function lineStartsOf(src: string): number[] {
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return lineStarts;
}

/**
 * Whether inline parsing can find a span that is not prose in `content`. Only code
 * spans (a backtick), inline HTML and autolinks (`<`) and inline links and images
 * (`](`: the destination must follow the label's bracket) record spans; reference
 * links never do, since inline parsing runs without the block's reference
 * definitions. Text without any of these parses to no span, so it is not parsed.
 */
export function mayHoldSpans(content: string): boolean {
  return content.includes('`') || content.includes('<') || content.includes('](');
}

/** Whether `content[cs, ce)` equals the text of `src` that ends at `end`. */
function endsWith(src: string, end: number, content: string, cs: number, ce: number): boolean {
  for (let i = ce - 1, j = end - 1; i >= cs; i--, j--) if (content.charCodeAt(i) !== src.charCodeAt(j)) return false;
  return true;
}

function collectComments(src: string, from: number, to: number, out: { start: number; end: number; text: string }[]): void {
  for (let i = src.indexOf('<!--', from); i >= 0 && i < to; i = src.indexOf('<!--', i + 4)) {
    const close = src.indexOf('-->', i + 4);
    const end = close < 0 ? to : close + 3;
    out.push({ start: i, end, text: src.slice(i, end) });
    if (close < 0) break;
  }
}
