/**
 * Suppression comments: an author silences a diagnostic where it is wrong,
 * with a reason, in the file itself, so the server and the CLI agree.
 *
 * In Markdown (HTML comments):
 *   <!-- customs-concepts-disable-next-line undefined-term -- a quoted title -->
 *   text with «smart border» <!-- customs-concepts-disable-line undefined-term -->
 *   <!-- customs-concepts-disable deprecated-term -->  …  <!-- customs-concepts-enable deprecated-term -->
 * In YAML (front matter and term bases), the same directives as whole-line `#` comments:
 *   # customs-concepts-disable-next-line duplicate-definition -- kept for the 2019 edition
 *
 * Codes are separated by spaces or commas; no code means every code. The
 * reason follows ` -- ` and is for readers only.
 */
import type { ChunkParse, ConceptDocument } from './parse/conceptDocument';
import type { Problem } from './yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineAt, lineStart, lineText } from './positions';
import { partsOf } from './textParts';
import { keptOn } from './keptOn';

export const DIRECTIVE_PREFIX = 'customs-concepts-';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Undefined: every code. */
  codes?: Set<string>;
  reason?: string;
  /** Offsets of the comment. */
  start: number;
  end: number;
}

const DIRECTIVE = /^customs-concepts-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;

/** Reads a directive from a comment's inner text; undefined when the comment is not one. */
export function parseDirective(inner: string, start: number, end: number): Directive | undefined {
  const m = DIRECTIVE.exec(inner.trim());
  if (!m) return undefined;
  let rest = m[2];
  let reason: string | undefined;
  const sep = rest.search(/(^|\s)--(\s|$)/);
  if (sep >= 0) {
    reason = rest.slice(sep).replace(/^\s*--/, '').trim() || undefined;
    rest = rest.slice(0, sep);
  }
  const codes = rest.split(/[\s,]+/).filter(Boolean);
  return { kind: m[1] as DirectiveKind, codes: codes.length ? new Set(codes) : undefined, reason, start, end };
}

/** The directives of a concept document: HTML comments in the body, `#` comments in the front matter. */
export function conceptDirectives(doc: ConceptDocument, document: TextDocument): Directive[] {
  const out: Directive[] = [];
  // Chunk by chunk, each chunk's directives read once per chunk text: an edit does not read every comment again.
  for (const chunk of doc.chunks) {
    const own = chunkDirectives(chunk.parse);
    const b = chunk.start;
    for (const d of own) out.push({ ...d, start: d.start + b, end: d.end + b });
  }
  if (doc.frontMatter) out.push(...yamlDirectives(document, doc.frontMatter.start, doc.frontMatter.end));
  return out.sort((a, b) => a.start - b.start);
}

/** The directives of one chunk, chunk-relative, by chunk parse. */
const directivesOfChunk = keptOn<ChunkParse, Directive[]>('directives');

function chunkDirectives(parse: ChunkParse): Directive[] {
  let out = directivesOfChunk.get(parse);
  if (!out) {
    out = [];
    for (const c of parse.markdown.comments) {
      if (!c.text.includes(DIRECTIVE_PREFIX)) continue;
      const d = parseDirective(c.text.replace(/^<!--/, '').replace(/-->$/, ''), c.start, c.end);
      if (d) out.push(d);
    }
    directivesOfChunk.set(parse, out);
  }
  return out;
}

/** Directives in whole-line `#` comments of YAML text between two offsets (lines as the document counts them). */
export function yamlDirectives(document: TextDocument, from = 0, to = document.getText().length): Directive[] {
  const out: Directive[] = [];
  // Most files have none: one search (of the range only) instead of a look at every line.
  // (A document kept in parts is read from them: a concept document's front matter.)
  const parts = partsOf(document);
  const all = parts ? undefined : document.getText();
  const found = (parts ? parts.slice(from, to) : from === 0 && to === all!.length ? all! : all!.slice(from, to)).indexOf(DIRECTIVE_PREFIX);
  if (found < 0) return out;
  const first = from + found;
  const last = lineAt(document, to);
  for (let line = lineAt(document, first); line <= last; line++) {
    const start = lineStart(document, line);
    if (start < from || start >= to) continue;
    const text = lineText(document, line);
    const m = /^\s*#(.*)$/.exec(text);
    if (m && m[1].trim().startsWith(DIRECTIVE_PREFIX)) {
      const d = parseDirective(m[1], start + text.indexOf('#'), start + text.length);
      if (d) out.push(d);
    }
  }
  return out;
}

const covers = (d: Directive, code: string) => !d.codes || d.codes.has(code);

/**
 * Whether a problem of `code` at `start` is silenced by none of `directives`; undefined when there are none. `lineOf`:
 * the line of an offset of `document` (a concept document's are read from its chunks, `documentPositions`).
 */
export function suppressor(document: TextDocument, directives: readonly Directive[], lineOf: (offset: number) => number = (o) => lineAt(document, o)): ((start: number, code: string) => boolean) | undefined {
  if (!directives.length) return undefined;
  const lineRules: { line: number; d: Directive }[] = [];
  const blocks: Directive[] = [];
  for (const d of directives) {
    if (d.kind === 'disable-next-line') lineRules.push({ line: lineOf(d.end) + 1, d });
    else if (d.kind === 'disable-line') lineRules.push({ line: lineOf(d.start), d });
    else blocks.push(d);
  }
  return (start, code) => {
    const line = lineOf(start);
    if (lineRules.some((r) => r.line === line && covers(r.d, code))) return false;
    let disabled = false;
    for (const b of blocks) {
      if (b.start > start) break;
      if (covers(b, code)) disabled = b.kind === 'disable';
    }
    return !disabled;
  };
}

/** The problems no directive silences. */
export function suppressProblems(problems: Problem[], document: TextDocument, directives: readonly Directive[]): Problem[] {
  const keep = suppressor(document, directives);
  return keep ? problems.filter((p) => keep(p.start, p.code)) : problems;
}

/** The problems of a YAML file (term base, model) that its suppression comments leave. */
export function suppressYamlProblems(problems: Problem[], document: TextDocument): Problem[] {
  return suppressProblems(problems, document, yamlDirectives(document));
}
