/**
 * A fast reader for the plain shape of YAML that term bases, front matter,
 * models and the catalog are written in. It builds the `yaml` package's own
 * nodes (`Document`, `YAMLMap`, `YAMLSeq`, `Pair`, `Scalar`) with the same
 * ranges, values, scalar types and `flow` flags that `parseDocument` gives,
 * in a fraction of the time (`parseDocument` builds a token stream and a CST
 * first, which costs several hundred milliseconds on a 1 MB term base).
 *
 * It reads only what it can map exactly and gives up (returns `undefined`)
 * on anything else, so that the caller falls back to `parseDocument`, which
 * then reports the errors and warnings as before. It gives up on: anchors,
 * aliases, tags, directives, document markers, explicit keys, tabs, control
 * characters, a byte-order mark, lone CRs, whitespace-only lines, multi-line
 * plain or quoted scalars, multi-line or nested flow collections, escapes
 * other than the JSON ones, block scalars with a keep (`+`) or indentation
 * indicator or a comment on their header, more-indented folded lines, empty
 * sequence items, comments whose placement changes a range (after a key,
 * before a nested collection, more indented than the collection they
 * follow), a root that is not a block map at column 0, and keys longer than
 * 1,000 characters.
 *
 * `tests/core/yamlFast.test.ts` compares its trees with `parseDocument`'s on
 * every YAML file of the repository and on generated ones.
 */
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown (never escapes) when the text leaves the shape read here. */
const BAIL: unique symbol = Symbol('bail');

/**
 * Characters outside the printable set that the reader maps exactly (no C0
 * other than LF and CR, no tab, no DEL or C1, no U+2028/U+2029, no BOM), and
 * CRs not followed by LF. Linear: one character class, one lookahead of one.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ufefe\uff00-\ufffd]|\r(?!\n)/;

/** First characters of a plain scalar that the core schema may read as something other than a string. */
const MAYBE_NOT_STRING: ReadonlySet<string> = new Set('0123456789+-.~nNtTfF');

const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;

/**
 * Reads `text` as `parseDocument(text, options)` would, or returns undefined
 * when the text is outside the shape this reader maps exactly.
 */
export function fastParseDocument(text: string, options: Options): Document.Parsed | undefined {
  if (text.length === 0 || UNSAFE.test(text)) return undefined;
  try {
    return new FastReader(text, options).read();
  } catch {
    // BAIL, or anything unexpected (a deep stack): the full parser decides.
    return undefined;
  }
}

interface Gap {
  /** Start of the next content line (text.length at the end). */
  line: number;
  /** Its indentation (-1 at the end of the text). */
  indent: number;
  /** Largest indentation of a comment line in the gap, -1 when none. */
  commentMax: number;
  /** Whether the gap holds any blank or comment line. */
  any: boolean;
}

class FastReader {
  private readonly t: string;
  private readonly n: number;
  private readonly doc: Document.Parsed;
  private readonly schema: Document['schema'];
  private readonly tags: { default?: boolean | 'key'; test?: RegExp; resolve: (...a: any[]) => unknown; format?: string }[];
  private readonly options: Options;

  constructor(text: string, options: Options) {
    this.t = text;
    this.n = text.length;
    this.options = options;
    const doc = new Document(undefined, options) as unknown as Document.Parsed;
    this.doc = doc;
    this.schema = doc.schema;
    this.tags = this.schema.tags as unknown as FastReader['tags'];
  }

  read(): Document.Parsed {
    const first = this.gap(0);
    if (first.indent !== 0) throw BAIL; // empty, or a root not at column 0
    const root = this.blockMap(0, first.line);
    if (this.next.indent !== -1) throw BAIL;
    const doc = this.doc;
    doc.contents = root as never;
    // After an empty value at the very end, the last line break belongs to that value's key.
    doc.range = [first.line, root.range![2], lastLeafIsEmpty(root) ? root.range![2] : this.n];
    const lc = this.options.lineCounter;
    if (lc) {
      lc.addNewLine(0);
      const t = this.t;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    }
    return doc;
  }

  /** The gap after the last value read (blank and comment lines up to the next content line). */
  private next: Gap = { line: 0, indent: -1, commentMax: -1, any: false };
  /** Whether the gap in `next` follows a scalar or flow value (no collection has looked at it yet). */
  private fresh = false;

  // ---- lines ---------------------------------------------------------------

  /** End of the line content at or after `i` (the CR of a CRLF, the LF, or the text's end). */
  private eol(i: number): number {
    const t = this.t;
    const lf = t.indexOf('\n', i);
    if (lf < 0) return this.n;
    return lf > i && t.charCodeAt(lf - 1) === CH_CR ? lf - 1 : lf;
  }

  /** Start of the line after the line end `e` (as returned by `eol`). */
  private after(e: number): number {
    if (e >= this.n) return this.n;
    return this.t.charCodeAt(e) === CH_CR ? e + 2 : e + 1;
  }

  private isEol(i: number): boolean {
    if (i >= this.n) return true;
    const c = this.t.charCodeAt(i);
    return c === CH_LF || c === CH_CR;
  }

  /** Skips blank and comment lines from the line start `i`; records and returns the gap. */
  private gap(i: number): Gap {
    this.fresh = true;
    const t = this.t;
    const n = this.n;
    let commentMax = -1;
    let any = false;
    for (;;) {
      if (i >= n) return (this.next = { line: n, indent: -1, commentMax, any });
      let k = i;
      while (t.charCodeAt(k) === CH_SPACE) k++;
      const c = t.charCodeAt(k);
      if (k >= n || c === CH_LF || c === CH_CR) {
        if (k > i) throw BAIL; // whitespace-only line
        any = true;
        i = this.after(k);
        continue;
      }
      if (c === 0x23 /* # */) {
        commentMax = Math.max(commentMax, k - i);
        any = true;
        i = this.after(this.eol(k));
        continue;
      }
      if (k === i && (c === 0x2d /* - */ || c === 0x2e /* . */) && t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === c && (i + 3 >= n || this.isSpaceOrEol(i + 3))) throw BAIL; // document marker
      return (this.next = { line: i, indent: k - i, commentMax, any });
    }
  }

  private isSpaceOrEol(i: number): boolean {
    return this.isEol(i) || this.t.charCodeAt(i) === CH_SPACE;
  }

  private isSeqIndicator(i: number): boolean {
    return this.t.charCodeAt(i) === 0x2d /* - */ && this.isSpaceOrEol(i + 1);
  }

  /**
   * After a value that ends at `e` on its line: trailing spaces, an optional
   * comment, the line break. Returns the start of the next line (the value's
   * `range[2]`) and reads the gap after it.
   */
  private lineEnd(e: number, commentNeedsSpace: boolean): number {
    const t = this.t;
    let i = e;
    while (t.charCodeAt(i) === CH_SPACE) i++;
    if (i < this.n && t.charCodeAt(i) === 0x23 /* # */) {
      if (i === e && commentNeedsSpace) throw BAIL;
      i = this.eol(i);
    }
    if (!this.isEol(i)) throw BAIL;
    const next = this.after(i);
    this.gap(next);
    return next;
  }

  /**
   * Whether the collection at `indent` ends at the gap just read (and the gap
   * leaves its range alone), continues, or the text leaves the shape.
   */
  private continues(indent: number): boolean {
    const g = this.next;
    // In the innermost collection, a comment more indented than it joins the previous value's end.
    if (this.fresh && g.commentMax > indent) throw BAIL;
    this.fresh = false;
    if (g.indent < indent) {
      // Comments at or past the indentation of a closing collection stay in it (its range grows).
      if (indent > 0 && g.commentMax >= indent) throw BAIL;
      return false;
    }
    if (g.indent > indent) throw BAIL; // continuation lines, or an error
    if (g.commentMax > indent) throw BAIL; // would join the previous value's end
    return true;
  }

  // ---- collections ---------------------------------------------------------

  /** A block map whose first key starts at `pos`, in column `indent`. */
  private blockMap(indent: number, pos: number): YAMLMap {
    const map = new YAMLMap(this.schema);
    const t = this.t;
    let end = pos;
    for (;;) {
      const key = this.flowScalarAt(pos, 'key');
      if (key.source === '<<' && key.type === Scalar.PLAIN) throw BAIL; // a merge key in other schemas: leave it to parseDocument
      const colon = key.range![1];
      if (t.charCodeAt(colon) !== 0x3a /* : */ || !this.isSpaceOrEol(colon + 1)) throw BAIL;
      if (colon - pos > 1000) throw BAIL;
      let i = colon + 1;
      while (t.charCodeAt(i) === CH_SPACE) i++;
      let value: Node;
      if (this.isEol(i)) {
        const nextLine = this.after(i);
        const g = this.gap(nextLine);
        const at = g.line + g.indent;
        // Blank and comment lines before a nested collection are its props (no range changes).
        if (g.indent >= indent && g.indent >= 0 && this.isSeqIndicator(at)) value = this.blockSeq(g.indent, at);
        else if (g.indent > indent) value = this.blockMap(g.indent, at);
        else if (g.any) throw BAIL; // an empty value followed by blank or comment lines
        else value = this.emptyScalar(i);
      } else {
        value = this.inlineValue(i, indent, false);
      }
      map.items.push(new Pair(key, value));
      end = value.range![2];
      if (!this.continues(indent)) break;
      pos = this.next.line + indent;
      if (this.isSeqIndicator(pos)) throw BAIL;
    }
    map.range = [key0(map), end, end];
    return map;
  }

  /** A block sequence whose first `-` is at `pos`, in column `indent`. */
  private blockSeq(indent: number, pos: number): YAMLSeq {
    const seq = new YAMLSeq(this.schema);
    const t = this.t;
    const start = pos;
    let end = pos;
    for (;;) {
      let i = pos + 1;
      if (this.isEol(i)) throw BAIL; // empty item, or its value on the next line
      while (t.charCodeAt(i) === CH_SPACE) i++;
      if (this.isEol(i) || t.charCodeAt(i) === 0x23 /* # */) throw BAIL;
      if (this.isSeqIndicator(i)) throw BAIL; // `- - a`
      const value = this.inlineValue(i, indent, true);
      seq.items.push(value);
      end = value.range![2];
      if (!this.continues(indent)) break;
      pos = this.next.line + indent;
      if (!this.isSeqIndicator(pos)) {
        // A key at the indentation of this sequence: it belongs to the parent map.
        if (indent > 0 && this.next.commentMax >= indent) throw BAIL;
        break;
      }
    }
    seq.range = [start, end, end];
    return seq;
  }

  /**
   * A value that starts at `pos` on the line of its key or `-`: a scalar, a
   * flow collection, a block scalar, or (in a sequence item) a compact map.
   */
  private inlineValue(pos: number, indent: number, inSeq: boolean): Node {
    const t = this.t;
    const c = t.charCodeAt(pos);
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return this.blockScalar(pos, indent);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      const coll = this.flowCollection(pos, indent);
      const e = coll.range![1];
      const next = this.lineEnd(e, true);
      coll.range = [pos, e, next];
      return coll;
    }
    const scalar = this.flowScalarAt(pos, 'value');
    const e = scalar.range![1];
    if (t.charCodeAt(e) === 0x3a /* : */ && this.isSpaceOrEol(e + 1)) {
      if (!inSeq) throw BAIL; // `a: b: c`
      const lineStart = t.lastIndexOf('\n', pos) + 1;
      const col = pos - lineStart;
      // Re-read it as the first key of a compact map (a key resolves like a value in the core schema).
      return this.blockMap(col, pos);
    }
    const next = this.lineEnd(e, scalar.type !== Scalar.PLAIN);
    scalar.range = [pos, e, next];
    return scalar;
  }

  private emptyScalar(pos: number): Scalar {
    const s = new Scalar(null);
    s.range = [pos, pos, pos];
    s.source = '';
    s.type = Scalar.PLAIN;
    return s;
  }

  // ---- scalars -------------------------------------------------------------

  /**
   * A plain or quoted scalar on one line starting at `pos`. `range` is
   * `[pos, valueEnd, valueEnd]`; the caller fixes `range[2]`.
   */
  private flowScalarAt(pos: number, ctx: 'key' | 'value' | 'flow' | 'flowKey'): Scalar {
    const t = this.t;
    const c = t.charCodeAt(pos);
    if (c === 0x22 /* " */) return this.doubleQuoted(pos, ctx);
    if (c === 0x27 /* ' */) return this.singleQuoted(pos, ctx);
    return this.plain(pos, ctx);
  }

  private plain(pos: number, ctx: 'key' | 'value' | 'flow' | 'flowKey'): Scalar {
    const t = this.t;
    const n = this.n;
    if (pos >= n) throw BAIL;
    const c0 = t[pos];
    if ('[]{},#&*!|>\'"%@`'.includes(c0)) throw BAIL;
    if ((c0 === '-' || c0 === '?' || c0 === ':') && (this.isSpaceOrEol(pos + 1) || ',[]{}'.includes(t[pos + 1]))) throw BAIL;
    const flow = ctx === 'flow' || ctx === 'flowKey';
    let i = pos;
    let last = pos; // end of the last non-space character
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === CH_LF || c === CH_CR) break;
      if (c === 0x3a /* : */) {
        const d = t.charCodeAt(i + 1);
        if (flow) {
          if (ctx === 'flowKey' && d === CH_SPACE) break;
          throw BAIL;
        }
        if (i + 1 >= n || d === CH_SPACE || d === CH_LF || d === CH_CR) break;
      } else if (c === 0x23 /* # */) {
        if (t.charCodeAt(i - 1) === CH_SPACE) {
          if (flow) throw BAIL;
          break;
        }
      } else if (flow && (c === 0x2c /* , */ || c === 0x5d /* ] */ || c === 0x7d /* } */)) {
        break;
      } else if (flow && (c === 0x5b /* [ */ || c === 0x7b /* { */)) {
        throw BAIL;
      }
      if (c !== CH_SPACE) last = i + 1;
    }
    if (flow && (i >= n || t.charCodeAt(i) === CH_LF || t.charCodeAt(i) === CH_CR)) throw BAIL; // multi-line flow collection
    if (!flow && (i >= n || t.charCodeAt(i) === CH_LF || t.charCodeAt(i) === CH_CR) && ctx === 'key') throw BAIL;
    const source = t.slice(pos, last);
    const scalar = this.resolvePlain(source, ctx === 'key' || ctx === 'flowKey');
    scalar.range = [pos, last, last];
    return scalar;
  }

  /** What `composeScalar` makes of a plain scalar (core schema, no tag). */
  private resolvePlain(source: string, atKey: boolean): Scalar {
    let scalar: Scalar;
    if (!MAYBE_NOT_STRING.has(source[0])) {
      scalar = new Scalar(source);
    } else {
      const tag = this.tags.find((tg) => (tg.default === true || (atKey && tg.default === 'key')) && tg.test?.test(source));
      if (!tag) {
        scalar = new Scalar(source);
      } else {
        const res = tag.resolve(source, () => {
          throw BAIL;
        }, this.doc.options);
        scalar = isScalar(res) ? (res as Scalar) : new Scalar(res);
        if (tag.format) scalar.format = tag.format;
      }
    }
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  /** Checks what follows a closing quote at `e` and builds the scalar. */
  private quoted(pos: number, e: number, value: string, type: Scalar.Type, ctx: 'key' | 'value' | 'flow' | 'flowKey'): Scalar {
    const t = this.t;
    const c = t.charCodeAt(e);
    if (ctx === 'key' || ctx === 'flowKey') {
      if (c !== 0x3a /* : */) throw BAIL;
    } else if (ctx === 'flow') {
      if (c !== CH_SPACE && c !== 0x2c /* , */ && c !== 0x5d /* ] */ && c !== 0x7d /* } */) throw BAIL;
    } else if (!this.isSpaceOrEol(e)) {
      throw BAIL;
    }
    const s = new Scalar(value);
    s.range = [pos, e, e];
    s.source = value;
    s.type = type;
    return s;
  }

  private doubleQuoted(pos: number, ctx: 'key' | 'value' | 'flow' | 'flowKey'): Scalar {
    const t = this.t;
    let value = '';
    let from = pos + 1;
    for (let i = pos + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22 /* " */) {
        value += t.slice(from, i);
        return this.quoted(pos, i + 1, value, Scalar.QUOTE_DOUBLE, ctx);
      }
      if (c === CH_LF || c === CH_CR) throw BAIL; // multi-line
      if (c === 0x5c /* \ */) {
        const esc = ESCAPES[t[i + 1]];
        if (esc === undefined) throw BAIL;
        value += t.slice(from, i) + esc;
        i++;
        from = i + 1;
      }
    }
    throw BAIL;
  }

  private singleQuoted(pos: number, ctx: 'key' | 'value' | 'flow' | 'flowKey'): Scalar {
    const t = this.t;
    let value = '';
    let from = pos + 1;
    for (let i = pos + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x27 /* ' */) {
        if (t.charCodeAt(i + 1) === 0x27) {
          value += t.slice(from, i + 1);
          i++;
          from = i + 1;
          continue;
        }
        value += t.slice(from, i);
        return this.quoted(pos, i + 1, value, Scalar.QUOTE_SINGLE, ctx);
      }
      if (c === CH_LF || c === CH_CR) throw BAIL;
    }
    throw BAIL;
  }

  /** `>` or `|` at `pos`, with an optional `-`; its content more indented than `indent`. */
  private blockScalar(pos: number, indent: number): Scalar {
    const t = this.t;
    const folded = t.charCodeAt(pos) === 0x3e;
    let i = pos + 1;
    let strip = false;
    if (t.charCodeAt(i) === 0x2d /* - */) {
      strip = true;
      i++;
    }
    while (t.charCodeAt(i) === CH_SPACE) i++;
    if (!this.isEol(i)) throw BAIL; // keep, indentation indicator, comment, or junk
    let line = this.after(i);
    if (line >= this.n) throw BAIL;
    // The first content line sets the indentation.
    let k = line;
    while (t.charCodeAt(k) === CH_SPACE) k++;
    const width = k - line;
    if (this.isEol(k) || width <= indent) throw BAIL; // leading blank line, or an empty scalar
    let blanks = 0;
    let end = line; // after the last content line
    let first = true;
    let value = '';
    while (line < this.n) {
      let s = line;
      while (t.charCodeAt(s) === CH_SPACE) s++;
      if (this.isEol(s)) {
        if (s > line) throw BAIL; // whitespace-only line
        blanks++;
        line = this.after(s);
        continue;
      }
      if (s - line < width) break;
      if (s - line > width && folded) throw BAIL; // more-indented folded line
      const e = this.eol(s);
      if (e >= this.n) throw BAIL; // last line without a line break
      const text = t.slice(line + width, e);
      if (first) value = text;
      else if (folded) value += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + text;
      else value += '\n'.repeat(blanks + 1) + text;
      first = false;
      blanks = 0;
      line = this.after(e);
      end = line;
    }
    if (!strip) value += '\n';
    const s = new Scalar(value);
    s.range = [pos, end, end];
    s.source = value;
    s.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    this.gap(end);
    return s;
  }

  /**
   * A flow collection of scalars at `pos`, in a block collection at `indent`; a
   * line may break after a comma (the next line more indented than `indent`).
   * `range` is `[pos, after the bracket, after the bracket]`.
   */
  private flowCollection(pos: number, indent: number): YAMLSeq | YAMLMap {
    const t = this.t;
    const isMap = t.charCodeAt(pos) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    let i = pos + 1;
    while (t.charCodeAt(i) === CH_SPACE) i++;
    if (t.charCodeAt(i) === close) {
      coll.range = [pos, i + 1, i + 1];
      return coll;
    }
    for (;;) {
      const item = this.flowScalarAt(i, isMap ? 'flowKey' : 'flow');
      let e = item.range![1];
      let value: Scalar | undefined;
      if (isMap) {
        if (t.charCodeAt(e) !== 0x3a || t.charCodeAt(e + 1) !== CH_SPACE) throw BAIL;
        let v = e + 1;
        while (t.charCodeAt(v) === CH_SPACE) v++;
        const vc = t.charCodeAt(v);
        if (vc === 0x2c || vc === close || vc === 0x5b || vc === 0x7b) throw BAIL; // empty or nested value
        value = this.flowScalarAt(v, 'flow');
        e = value.range![1];
      }
      let j = e;
      while (t.charCodeAt(j) === CH_SPACE) j++;
      const c = t.charCodeAt(j);
      if (c !== 0x2c && c !== close) throw BAIL;
      if (value) {
        value.range = [value.range![0], value.range![1], j];
        (coll as YAMLMap).items.push(new Pair(item, value));
      } else {
        item.range = [item.range![0], item.range![1], j];
        (coll as YAMLSeq).items.push(item);
      }
      if (c === close) {
        coll.range = [pos, j + 1, j + 1];
        return coll;
      }
      i = j + 1;
      while (t.charCodeAt(i) === CH_SPACE) i++;
      if (this.isEol(i)) {
        // A line break after a comma: the next line holds the next entry.
        if (i >= this.n) throw BAIL;
        const line = this.after(i);
        i = line;
        while (t.charCodeAt(i) === CH_SPACE) i++;
        if (i - line <= indent || this.isEol(i) || t.charCodeAt(i) === 0x23 /* # */) throw BAIL;
      }
      const d = t.charCodeAt(i);
      if (d === close || d === 0x2c) throw BAIL; // trailing comma, empty entry
    }
  }
}

function lastLeafIsEmpty(node: unknown): boolean {
  let n = node;
  for (;;) {
    if (n instanceof YAMLMap) n = n.items[n.items.length - 1]?.value;
    else if (n instanceof YAMLSeq) n = n.items[n.items.length - 1];
    else return n instanceof Scalar && n.source === '' && n.type === Scalar.PLAIN;
  }
}

function key0(map: YAMLMap): number {
  return (map.items[0].key as Node).range![0];
}

/** Double-quoted escapes mapped here (the JSON ones); any other escape leaves the fast path. */
const ESCAPES: Record<string, string | undefined> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
