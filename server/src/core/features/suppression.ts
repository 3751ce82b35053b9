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
import type { ConceptDocument } from '../parse/conceptDocument';
import type { Problem } from '../yaml';

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
export function conceptDirectives(doc: ConceptDocument): Directive[] {
  const out: Directive[] = [];
  for (const c of doc.markdown.comments) {
    const inner = c.text.replace(/^<!--/, '').replace(/-->$/, '');
    const d = parseDirective(inner, c.start, c.end);
    if (d) out.push(d);
  }
  if (doc.frontMatter) out.push(...yamlDirectives(doc.text, doc.frontMatter.start, doc.frontMatter.end));
  return out.sort((a, b) => a.start - b.start);
}

/** Directives in whole-line `#` comments of YAML text between two offsets. */
export function yamlDirectives(text: string, from = 0, to = text.length): Directive[] {
  const out: Directive[] = [];
  let lineStart = from;
  while (lineStart < to) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0 || nl > to) nl = to;
    const line = text.slice(lineStart, nl);
    const m = /^\s*#(.*?)\r?$/.exec(line);
    if (m && m[1].trim().startsWith(DIRECTIVE_PREFIX)) {
      const d = parseDirective(m[1], lineStart + line.indexOf('#'), lineStart + line.replace(/\r$/, '').length);
      if (d) out.push(d);
    }
    lineStart = nl + 1;
  }
  return out;
}

/** Line starts of a text, for offset → line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const covers = (d: Directive, code: string) => !d.codes || d.codes.has(code);

/** The problems no directive silences. */
export function suppressProblems(problems: Problem[], text: string, directives: readonly Directive[]): Problem[] {
  if (!directives.length) return problems;
  const starts = lineStarts(text);
  const lineRules: { line: number; d: Directive }[] = [];
  const blocks: Directive[] = [];
  for (const d of directives) {
    if (d.kind === 'disable-next-line') lineRules.push({ line: lineOf(starts, d.end) + 1, d });
    else if (d.kind === 'disable-line') lineRules.push({ line: lineOf(starts, d.start), d });
    else blocks.push(d);
  }
  return problems.filter((p) => {
    const code = p.code;
    const line = lineOf(starts, p.start);
    if (lineRules.some((r) => r.line === line && covers(r.d, code))) return false;
    let disabled = false;
    for (const b of blocks) {
      if (b.start > p.start) break;
      if (covers(b, code)) disabled = b.kind === 'disable';
    }
    return !disabled;
  });
}

/** The problems of a concept document that its suppression comments leave. */
export function suppressConceptProblems(problems: Problem[], doc: ConceptDocument): Problem[] {
  return suppressProblems(problems, doc.text, conceptDirectives(doc));
}

/** The problems of a YAML file (term base, model) that its suppression comments leave. */
export function suppressYamlProblems(problems: Problem[], text: string): Problem[] {
  return suppressProblems(problems, text, yamlDirectives(text));
}
