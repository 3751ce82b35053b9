/**
 * Semantic tokens: defined terms, undefined terms, instrument citations and
 * section headings, so a theme colours them and an undefined term stands out
 * before any squiggle. The VS Code extension maps these types to TextMate
 * scopes (`semanticTokenScopes` in package.json) for themes without
 * semantic colouring rules; other editors see the names below.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import { sectionOfHeading } from '../model/sections';
import type { FeatureContext } from '../workspaceContext';
import { documentKind } from '../uri';
import { lineText } from '../positions';

export const TOKEN_TYPES = ['term', 'undefinedTerm', 'citation', 'section'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'deprecated', 'unknown', 'defaultLibrary'] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

interface Span {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

function conceptSpans(a: Analysis): Span[] {
  const spans: Span[] = [];
  for (const u of a.uses) {
    const modifiers: TokenModifier[] = [];
    if (u.deprecatedFor) modifiers.push('deprecated');
    if (!u.defined && !u.refs.length) modifiers.push('unknown');
    if (!u.defined && u.refs.length && u.refs.every((r) => r.entry.origin === 'builtin')) modifiers.push('defaultLibrary');
    spans.push({ start: u.start, end: u.end, type: u.defined ? 'term' : 'undefinedTerm', modifiers });
  }
  for (const c of a.citations) {
    const modifiers: TokenModifier[] = [];
    if (!c.target) modifiers.push('unknown');
    else if ((c.target.edition && !c.target.edition.current) || c.target.instrument.supersededBy) modifiers.push('deprecated');
    spans.push({ start: c.start, end: c.end, type: 'citation', modifiers });
  }
  for (const e of a.doc.definitions) spans.push({ start: e.labelRange[0], end: e.labelRange[1], type: 'term', modifiers: ['declaration'] });
  spans.sort((x, y) => x.start - y.start);
  // Headings hold uses and citations: the section token fills the gaps between them.
  const model = a.model?.model;
  const out: Span[] = [];
  // Headings come in document order and spans do not overlap, so their ends are in order too:
  // one pass over the spans serves every heading.
  let first = 0;
  for (const h of a.doc.markdown.headings) {
    const modifiers: TokenModifier[] = model && !sectionOfHeading(model, h) ? ['unknown'] : [];
    let at = h.start;
    while (first < spans.length && spans[first].end <= h.start) first++;
    for (let k = first; k < spans.length && spans[k].start < h.end; k++) {
      const s = spans[k];
      if (s.start > at) out.push({ start: at, end: s.start, type: 'section', modifiers });
      at = Math.max(at, s.end);
    }
    if (at < h.end) out.push({ start: at, end: h.end, type: 'section', modifiers });
  }
  return [...spans, ...out].sort((x, y) => x.start - y.start);
}

function termBaseSpans(ctx: FeatureContext, text: string): Span[] {
  const spans: Span[] = [];
  for (const e of ctx.termBaseEntryNodes(text)) {
    for (const l of e.labels) spans.push({ start: l.start, end: l.end, type: 'term', modifiers: l.kind === 'deprecated' ? ['declaration', 'deprecated'] : ['declaration'] });
    for (const r of e.relations) spans.push({ start: r.start, end: r.end, type: 'term', modifiers: [] });
  }
  return spans.sort((x, y) => x.start - y.start);
}

/** Encodes spans (sorted by start) as LSP relative tokens, one token per line of a span. */
function encode(document: TextDocument, spans: Span[]): SemanticTokens {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const push = (line: number, char: number, length: number, s: Span) => {
    if (length <= 0) return;
    const mods = s.modifiers.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0);
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, TOKEN_TYPES.indexOf(s.type), mods);
    prevLine = line;
    prevChar = char;
  };
  for (const s of spans) {
    // Tokens never overlap.
    if (s.start < lastEnd) continue;
    lastEnd = s.end;
    const start = document.positionAt(s.start);
    const end = document.positionAt(s.end);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      let to: number;
      if (line === end.line) to = end.character;
      else to = lineText(document, line).length;
      push(line, from, to - from, s);
    }
  }
  return { data };
}

/** Semantic tokens of a concept document or a term base. */
export function getSemanticTokens(ctx: FeatureContext, document: TextDocument): SemanticTokens {
  if (documentKind(document.uri) === 'termBase') return encode(document, termBaseSpans(ctx, document.getText()));
  if (documentKind(document.uri) !== 'concept') return { data: [] };
  return encode(document, conceptSpans(ctx.analyse(document)));
}
