/**
 * Semantic tokens: defined terms, undefined terms, instrument citations and
 * section headings, so a theme colours them and an undefined term stands out
 * before any squiggle. The VS Code extension maps these types to TextMate
 * scopes (`semanticTokenScopes` in package.json) for themes without
 * semantic colouring rules; other editors see the names below.
 */
import type { Position, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ChunkFindings, ResolvedCitation, TermUse } from '../analysis';
import { chunkLineLength, chunkLineStarts, chunkPosition } from '../chunkLines';
import type { ReferenceModel } from '../model/referenceModel';
import type { ParsedChunk } from '../parse/conceptDocument';
import type { Heading } from '../parse/markdown';
import { sectionOfHeading } from '../model/sections';
import type { FeatureContext } from '../workspaceContext';
import { documentKind } from '../uri';
import { lineText } from '../positions';
import { keptOn } from '../keptOn';

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

/** The token of a use. */
function useSpan(u: TermUse): Span {
  const modifiers: TokenModifier[] = [];
  if (u.deprecatedFor) modifiers.push('deprecated');
  if (!u.defined && !u.refs.length) modifiers.push('unknown');
  if (!u.defined && u.refs.length && u.refs.every((r) => r.entry.origin === 'builtin')) modifiers.push('defaultLibrary');
  return { start: u.start, end: u.end, type: u.defined ? 'term' : 'undefinedTerm', modifiers };
}

/** The token of a citation. */
function citationSpan(c: ResolvedCitation): Span {
  const modifiers: TokenModifier[] = [];
  if (!c.target) modifiers.push('unknown');
  else if ((c.target.edition && !c.target.edition.current) || c.target.instrument.supersededBy) modifiers.push('deprecated');
  return { start: c.start, end: c.end, type: 'citation', modifiers };
}

/** Spans sorted by start, with the section tokens of `headings` filling the gaps their spans leave. */
function withSections(spans: Span[], headings: readonly Heading[], model: ReferenceModel | undefined): Span[] {
  spans.sort((x, y) => x.start - y.start);
  if (!headings.length) return spans;
  const out: Span[] = [];
  // Headings come in document order and spans do not overlap, so their ends are in order too:
  // one pass over the spans serves every heading.
  let first = 0;
  for (const h of headings) {
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

/** A chunk's tokens as `[line, character, length, type, modifiers]` quintuples, lines relative to the chunk. */
interface ChunkTokens {
  model: ReferenceModel | undefined;
  tokens: number[];
}

/**
 * Tokens per chunk findings (the uses and citations of one chunk text in one scope), so an edit encodes only
 * the chunks it touched; the section modifiers depend on the model, which the entry records.
 */
const chunkTokens = keptOn<ChunkFindings, ChunkTokens>('tokens');

function tokensOfChunk(chunk: ParsedChunk, found: ChunkFindings, model: ReferenceModel | undefined): number[] {
  const kept = chunkTokens.get(found);
  if (kept && kept.model === model) return kept.tokens;
  const spans: Span[] = found.rel.map(useSpan);
  for (const c of found.citations) spans.push(citationSpan(c));
  const text = chunk.text;
  const lines = chunkLineStarts(chunk);
  const tokens: number[] = [];
  encodeSpans(withSections(spans, chunk.parse.markdown.headings, model), (offset) => chunkPosition(text, lines, 0, offset), (line) => chunkLineLength(text, lines, line), (line, char, length, type, mods) => {
    tokens.push(line, char, length, type, mods);
  });
  chunkTokens.set(found, { model, tokens });
  return tokens;
}

/** Calls `emit` with each token of `spans` (sorted by start): one per line a span covers, overlapping spans skipped. */
function encodeSpans(spans: readonly Span[], positionAt: (offset: number) => Position, lineLength: (line: number) => number, emit: (line: number, char: number, length: number, type: number, mods: number) => void): void {
  let lastEnd = -1;
  for (const s of spans) {
    // Tokens never overlap.
    if (s.start < lastEnd) continue;
    lastEnd = s.end;
    const start = positionAt(s.start);
    const end = positionAt(s.end);
    const type = TOKEN_TYPES.indexOf(s.type);
    const mods = s.modifiers.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : lineLength(line);
      if (to - from > 0) emit(line, from, to - from, type, mods);
    }
  }
}

/** The tokens of a concept document: the front matter's, then each chunk's (kept per chunk), in LSP's relative encoding. */
function conceptTokens(a: Analysis, document: TextDocument): SemanticTokens {
  // The front matter: definitions and the citations of its `source:` fields, at document positions.
  const front: Span[] = a.frontMatterCitations.map(citationSpan);
  for (const e of a.doc.definitions) front.push({ start: e.labelRange[0], end: e.labelRange[1], type: 'term', modifiers: ['declaration'] });
  front.sort((x, y) => x.start - y.start);
  const frontTokens: number[] = [];
  encodeSpans(front, (o) => document.positionAt(o), (line) => lineText(document, line).length, (line, char, length, type, mods) => {
    frontTokens.push(line, char, length, type, mods);
  });
  // Then each chunk's, moved to the line the chunk starts on; one array of the final size, filled in place.
  const model = a.model?.model;
  const parts: { line: number; tokens: number[] }[] = [{ line: 0, tokens: frontTokens }];
  let size = frontTokens.length;
  for (const { chunk, found } of a.chunks) {
    const tokens = tokensOfChunk(chunk, found, model);
    if (!tokens.length) continue;
    parts.push({ line: document.positionAt(chunk.start).line, tokens });
    size += tokens.length;
  }
  const data: number[] = new Array(size);
  let k = 0;
  let prevLine = 0;
  let prevChar = 0;
  for (const { line: base, tokens } of parts) {
    for (let i = 0; i < tokens.length; i += 5) {
      const line = base + tokens[i];
      const char = tokens[i + 1];
      data[k++] = line - prevLine;
      data[k++] = line === prevLine ? char - prevChar : char;
      data[k++] = tokens[i + 2];
      data[k++] = tokens[i + 3];
      data[k++] = tokens[i + 4];
      prevLine = line;
      prevChar = char;
    }
  }
  return { data };
}

function termBaseSpans(ctx: FeatureContext, document: TextDocument): Span[] {
  const spans: Span[] = [];
  for (const e of ctx.termBaseEntryNodes(document)) {
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
  encodeSpans(spans, (o) => document.positionAt(o), (line) => lineText(document, line).length, (line, char, length, type, mods) => {
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
    prevLine = line;
    prevChar = char;
  });
  return { data };
}

/** Semantic tokens of a concept document or a term base. */
export function getSemanticTokens(ctx: FeatureContext, document: TextDocument): SemanticTokens {
  if (documentKind(document.uri) === 'termBase') return encode(document, termBaseSpans(ctx, document));
  if (documentKind(document.uri) !== 'concept') return { data: [] };
  return conceptTokens(ctx.analyse(document), document);
}
