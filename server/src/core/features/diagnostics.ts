/**
 * Diagnostics of a concept document and of a term base. Each has a stable
 * `code` (see the README); tests match codes and ranges, never messages.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedChunk, Analysis, ChunkFindings, ResolvedCitation, TermUse } from '../analysis';
import { chunkHolding, documentLength, documentSlice, type ConceptDocument, type ParsedChunk } from '../parse/conceptDocument';
import { conceptDirectives, suppressor } from '../suppression';
import { chunkLineStarts, chunkPosition, lineStarts } from '../chunkLines';
import type { ServiceSettings, SeverityName } from '../env';
import { fileName as shortName } from '../uri';
import type { InstrumentCatalog } from '../catalog/catalog';
import { labelKey, mayHoldLabel, TermMatcher } from '../terms/matcher';
import { entryLabels, type TermBase, type TermEntry } from '../terms/termBase';
import type { Problem } from '../yaml';
import { modelProblems } from '../model/index';
import { t, type Locale } from '../l10n';
import { ownString } from '../textParts';
import { keptOn } from '../keptOn';

export const SOURCE = 'customs-concepts';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The text document of another file, for the positions of related information. */
export type DocumentOf = (uri: string) => TextDocument | undefined;

/**
 * `at`: the positions of `doc`'s offsets (by default `doc.positionAt`; a concept document's diagnostics read them
 * from its chunks, `documentPositions`).
 */
export function problemToDiagnostic(p: Problem, doc: TextDocument, documentOf?: DocumentOf, at: (offset: number) => Position = (o) => doc.positionAt(o)): Diagnostic {
  const d: Diagnostic = {
    range: { start: at(p.start), end: at(p.end) },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.data !== undefined) d.data = p.data;
  if (p.related?.length && documentOf) {
    const rel: DiagnosticRelatedInformation[] = [];
    for (const r of p.related) {
      if (r.uri === doc.uri) {
        rel.push({ location: { uri: r.uri, range: { start: at(r.start), end: at(r.end) } }, message: r.message });
        continue;
      }
      const other = documentOf(r.uri);
      if (!other) continue;
      rel.push({ location: { uri: r.uri, range: { start: other.positionAt(r.start), end: other.positionAt(r.end) } }, message: r.message });
    }
    if (rel.length) d.relatedInformation = rel;
  }
  return d;
}

/** Whitespace that `useProblem` writes as one space: any but a lone space. */
const SPACING = /[^\S ]| {2}/;

/** The problem of one use (offsets to be set by the caller), if it has one. */
function useProblem(u: TermUse, surface: string, settings: ServiceSettings, loc: Locale): Problem | undefined {
  // Most surfaces have single spaces only: they are their own label (no new string).
  const label = SPACING.test(surface) ? surface.replace(/\s+/g, ' ') : surface;
  if (u.deprecatedFor) {
    return { start: 0, end: 0, code: 'deprecated-term', severity: 'warning', message: t(loc, 'deprecated-term', { label, preferred: u.deprecatedFor.term }), data: { replacement: u.deprecatedFor.term } };
  }
  if (u.defined) return undefined;
  // General vocabulary of customs law is explained on hover, never reported as undefined.
  if (u.refs.length && u.refs.every((r) => r.entry.role === 'general')) return undefined;
  if (u.explicit) {
    const known = u.refs[0];
    return {
      start: 0, end: 0, code: 'undefined-term', severity: 'error',
      message: !known
        ? t(loc, 'undefined-term.explicit.unknown', { label })
        : known.entry.origin === 'builtin'
          ? t(loc, 'undefined-term.explicit.builtin', { label })
          : t(loc, 'undefined-term.explicit.known', { label, where: shortName(known.entry.uri) }),
      data: { term: label, known: !!known },
    };
  }
  if (settings.implicitUseSeverity === 'off') return undefined;
  const known = u.refs[0];
  return {
    start: 0, end: 0, code: 'undefined-term', severity: settings.implicitUseSeverity,
    message: t(loc, 'undefined-term.implicit', { label, where: known?.entry.origin === 'builtin' ? t(loc, 'where.builtin') : shortName(known?.entry.uri ?? '') }),
    data: { term: label, known: true, implicit: true },
  };
}

/**
 * Where problems of each kind stand among problems at the same range (the order they are listed in):
 * the document's own (front matter), imported term bases, duplicates, circular definitions, uses,
 * instrument mentions, unused definitions, citations, the reference model.
 */
const enum Rank { Document, Glossary, Duplicate, Circular, Use, Mention, Unused, Citation, Model }

interface Ranked {
  p: Problem;
  rank: Rank;
}

/** An implicit use of an undefined term, reported on its concept's first use only (chunk-relative). */
interface ImplicitUse {
  problem: Problem;
  /** The related information's message when it is a later use. */
  also: string;
}

/**
 * What one chunk reports, from its findings and the settings alone, chunk-relative. Kept per findings object
 * (one per chunk text and scope), so an edit rebuilds it only for the chunks it touched.
 */
interface ChunkReport {
  /** Locale and the settings read. */
  key: string;
  /** Problems the chunk reports whatever the rest of the document holds, sorted as listed. */
  local: Ranked[];
  /** Implicit uses of undefined terms by concept, in order, at most `MAX_RELATED + 1` each (the rest can never be listed). */
  implicit: { concept: string; uses: ImplicitUse[] }[];
  /** Instruments named outside headings, in order, with the problem of an uncited first mention. */
  mentions: { id: string; cited: boolean; problem: Problem }[];
  /** `local` as diagnostics for the chunk starting on `line`. */
  placed?: { line: number; diagnostics: Diagnostic[] };
}

const MAX_RELATED = 50;

const reports = keptOn<ChunkFindings, ChunkReport>('report');

function chunkReport(c: AnalysedChunk, settings: ServiceSettings, catalog: InstrumentCatalog, loc: Locale, key: string): ChunkReport {
  const known = reports.get(c.found);
  // (Built apart: a function with closures allocates their context on every call, kept report or not.)
  return known && known.key === key ? known : newChunkReport(c, settings, catalog, loc, key);
}

function newChunkReport(c: AnalysedChunk, settings: ServiceSettings, catalog: InstrumentCatalog, loc: Locale, key: string): ChunkReport {
  const { chunk, found } = c;
  const text = chunk.text;
  const report = settings.implicitUseReport ?? 'first';
  const local: Ranked[] = [];
  const implicit = new Map<string, ImplicitUse[]>();
  const headings = chunk.parse.markdown.headings;
  const inHeading = (offset: number) => headings.some((h) => offset >= h.lineStart && offset < h.lineEnd);
  for (const u of found.rel) {
    // Most uses are of defined terms: no problem, and no surface to cut out of the text.
    if (u.defined && !u.deprecatedFor) continue;
    const surface = text.slice(u.start, u.end);
    const q = useProblem(u, surface, settings, loc);
    if (!q) continue;
    // An implicit use of an undefined term is reported once per concept (its first mention) unless
    // the settings ask for every one; the later mentions are related information of the first.
    if (q.code === 'undefined-term' && !u.explicit && report !== 'all') {
      // A heading is a title, not a use: its words are often the model's own section title.
      if (report === 'off' || inHeading(u.start)) continue;
      const concept = u.refs[0] ? u.refs[0].concept : labelKey(surface);
      let list = implicit.get(concept);
      if (!list) implicit.set(concept, (list = []));
      if (list.length <= MAX_RELATED) list.push({ problem: { ...q, start: u.start, end: u.end }, also: t(loc, 'also-used-here', { label: surface.replace(/\s+/g, ' ') }) });
      continue;
    }
    local.push({ p: { ...q, start: u.start, end: u.end }, rank: Rank.Use });
  }
  for (const c of found.citations) {
    const p = citationProblem(c, loc, catalog);
    if (p) local.push({ p, rank: Rank.Citation });
  }
  local.sort((x, y) => x.p.start - y.p.start || x.p.end - y.p.end || x.rank - y.rank);
  const mentions: ChunkReport['mentions'] = [];
  for (const m of found.mentions) {
    if (m.heading) continue;
    const name = text.slice(m.start, m.end).replace(/\s+/g, ' ');
    mentions.push({
      id: m.instrument.id, cited: m.cited,
      problem: { start: m.start, end: m.end, code: 'instrument-mention', severity: 'information', message: t(loc, 'instrument-mention', { name, id: m.instrument.id }), data: { id: m.instrument.id } },
    });
  }
  const out: ChunkReport = { key, local, implicit: [...implicit].map(([concept, uses]) => ({ concept, uses })), mentions };
  reports.set(found, out);
  return out;
}

/** The problem of a citation (unknown, or of a superseded instrument or edition), in the citation's offsets. */
function citationProblem(c: ResolvedCitation, loc: Locale, catalog: InstrumentCatalog): Problem | undefined {
  if (!c.target) {
    const closest = catalog.closest(c.id);
    return {
      start: c.start, end: c.end, code: 'unknown-instrument', severity: 'error',
      message: t(loc, 'unknown-instrument', { id: c.id, suggestions: closest.map((x) => '`@' + x + '`').join(', ') }),
      data: { id: c.id, suggestions: closest },
    };
  }
  const { instrument, edition } = c.target;
  if (edition && !edition.current) {
    const current = instrument.editions.find((e) => e.current);
    return {
      start: c.start, end: c.end, code: 'superseded-instrument', severity: 'warning',
      message: t(loc, 'superseded-edition', { id: c.id, edition: edition.edition, name: instrument.name ?? instrument.title, current: current?.id ?? instrument.id }),
      data: { id: c.id, replacement: current?.id ?? instrument.id },
    };
  }
  if (instrument.supersededBy) {
    const by = catalog.get(instrument.supersededBy)?.instrument;
    return {
      start: c.start, end: c.end, code: 'superseded-instrument', severity: 'warning',
      message: t(loc, 'superseded-instrument', { id: c.id, name: instrument.name ?? instrument.title, by: instrument.supersededBy, byName: by ? by.name ?? by.title : '' }),
      data: { id: c.id, replacement: instrument.supersededBy },
    };
  }
  return undefined;
}
/** The diagnostics of a chunk's own problems, for the chunk starting on `line` (kept while it stays on that line). */
function placed(report: ChunkReport, chunk: ParsedChunk, line: number): Diagnostic[] {
  if (report.placed?.line === line) return report.placed.diagnostics;
  const lines = chunkLineStarts(chunk);
  const diagnostics = report.local.map(({ p }) => {
    const d: Diagnostic = {
      range: { start: chunkPosition(chunk.text, lines, line, p.start), end: chunkPosition(chunk.text, lines, line, p.end) },
      severity: SEVERITY[p.severity as Exclude<SeverityName, 'off'>],
      code: p.code,
      source: SOURCE,
      message: p.message,
    };
    if (p.data !== undefined) d.data = p.data;
    return d;
  });
  report.placed = { line, diagnostics };
  return diagnostics;
}

/** Where the offsets and the chunks of a concept document are, as its `TextDocument` would say (`documentPositions`). */
export interface DocumentPositions {
  /** `document.positionAt(offset)`. */
  at(offset: number): Position;
  /** The line the body's chunk `i` starts on. */
  chunkLine(i: number): number;
}

/**
 * `document.positionAt` for a concept document, read from the line starts of its front matter and of each chunk of
 * its body (kept per chunk: `chunkLines.ts`), each chunk starting a line: a `TextDocument` made for one check (the
 * CLI, a closed document) would otherwise split the whole text into lines for the positions of the diagnostics that
 * are not a chunk's own (~5 % of the check of a 1 MB document, in alternating pairs of the benchmark's `engine`
 * stage). `document.positionAt` itself when the chunks do not cover the body end to end from a line start (not a
 * document this parser makes).
 */
export function documentPositions(document: TextDocument, doc: ConceptDocument): DocumentPositions {
  // (The text is read in parts: an edited document's whole text is never made for this.)
  const { chunks, bodyStart } = doc;
  const whole: DocumentPositions = { at: (o) => document.positionAt(o), chunkLine: (i) => document.positionAt(chunks[i].start).line };
  const front = documentSlice(doc, 0, bodyStart);
  const before = front.charCodeAt(bodyStart - 1);
  if (!chunks.length || chunks[0].start !== bodyStart || (bodyStart > 0 && before !== 10 && before !== 13) || (before === 13 && chunks[0].text.charCodeAt(0) === 10)) return whole;
  for (let i = 1; i < chunks.length; i++) if (chunks[i - 1].start + chunks[i - 1].text.length !== chunks[i].start) return whole;
  const last = chunks[chunks.length - 1];
  if (last.start + last.text.length !== documentLength(doc)) return whole;
  const frontLines = lineStarts(front);
  // The line each chunk starts on.
  const startLines: number[] = [];
  let line = frontLines.length - 1;
  for (const c of chunks) {
    startLines.push(line);
    line += chunkLineStarts(c).length - 1;
  }
  return {
    at(offset) {
      if (offset < bodyStart) return chunkPosition(front, frontLines, 0, offset);
      const i = chunkHolding(chunks, offset);
      const c = chunks[i];
      return chunkPosition(c.text, chunkLineStarts(c), startLines[i], offset - c.start);
    },
    chunkLine: (i) => startLines[i],
  };
}

/** Circular definitions of a document's entry, kept per entry (entries keep their identity while the front matter is unchanged). */
const circularOf = keptOn<TermEntry, { text: string; loc: Locale; problems: Problem[] }>('circular');

/**
 * The diagnostics of a concept document, its suppression comments applied. What each chunk of the body
 * reports on its own is kept per chunk (chunk-relative problems, and diagnostics per line the chunk starts on),
 * so an edit rebuilds the diagnostics of the chunks it touched and of what depends on the whole document:
 * the front matter's, the first use of each undefined concept (with its later uses), the first mention of
 * each instrument, unused definitions and the reference model's.
 */
/** Where a diagnostic is and what it says, in short: two diagnostics with the same key may still differ (`sameDiagnostic`). */
function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.range.start.line}:${d.range.start.character}\u0000${d.message}`;
}

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range) => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/** A value as `JSON.stringify` writes it inside an array: what it cannot write (a number not finite, undefined, a function) is `null`. */
function inArray(v: unknown): unknown {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
}

/** Whether `JSON.stringify` writes a property of this value (not undefined, a function or a symbol). */
const written = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/**
 * Whether `JSON.stringify` writes `a` and `b` the same (plain data: objects, arrays, strings, numbers, booleans,
 * null), without writing them: the check after an edit compares ~150 diagnostics' `data` (two strings each made and
 * dropped).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  a = inArray(a);
  b = inArray(b);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  // The properties written, in their order.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && !written(x[kx[i]])) i++;
    while (j < ky.length && !written(y[ky[j]])) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !sameJson(x[kx[i]], y[ky[j]])) return false;
    i++;
    j++;
  }
}

/** Whether two diagnostics are written the same in JSON (compared field by field, nothing serialised). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.severity !== b.severity || a.source !== b.source || a.message !== b.message || !sameRange(a.range, b.range)) return false;
  if ((a.data === undefined) !== (b.data === undefined) || (a.data !== undefined && !sameJson(a.data, b.data))) return false;
  const x = a.relatedInformation;
  const y = b.relatedInformation;
  if (x === undefined || y === undefined) return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i].message !== y[i].message || x[i].location.uri !== y[i].location.uri || !sameRange(x[i].location.range, y[i].location.range)) return false;
  }
  return true;
}

/** A document of this many chunks or more keeps its document-level diagnostics from its first check (about 200 KB of prose). */
const KEEP_FROM_FIRST_CHUNKS = 500;

/**
 * The document-level diagnostics of a document's last check, and where to keep this check's. A diagnostic that
 * says the same at the same place is handed back as the same object, so what keeps a diagnostic's JSON (the
 * server's message encoder) does not serialise it again: after an edit of one line, the reference model's
 * problems, the first uses of concepts and the front matter's are mostly what they were. Keys are made from a
 * document's second check on, or from its first for a document of `KEEP_FROM_FIRST_CHUNKS` chunks or more.
 */
export interface DiagnosticsMemo {
  previous: ReadonlyMap<string, Diagnostic> | undefined;
  keep(next: Map<string, Diagnostic>): void;
}

export function conceptDiagnostics(a: Analysis, settings: ServiceSettings, catalog: InstrumentCatalog, document: TextDocument, documentOf?: DocumentOf, memo?: DiagnosticsMemo): Diagnostic[] {
  const { doc } = a;
  const loc: Locale = settings.locale ?? 'en';
  // Problems that depend on more than one chunk, or on no chunk, in the order they are listed.
  const global: Ranked[] = [];
  const add = (rank: Rank, p: Problem) => global.push({ p, rank });
  for (const p of doc.problems) add(Rank.Document, p);

  // Imported term bases.
  for (const tb of a.defining) {
    if (!tb.ref) continue;
    if (tb.error) {
      add(Rank.Glossary, { start: tb.ref.start, end: tb.ref.end, code: 'glossary-not-found', severity: 'error', message: t(loc, 'glossary-not-found', { path: tb.ref.path, reason: tb.error }) });
    } else if (tb.base && tb.base.problems.some((p) => p.severity === 'error')) {
      const n = tb.base.problems.filter((p) => p.severity === 'error').length;
      add(Rank.Glossary, { start: tb.ref.start, end: tb.ref.end, code: 'glossary-problems', severity: 'warning', message: t(loc, 'glossary-problems', { path: tb.ref.path, count: n }) });
    }
  }

  // Duplicate definitions among the document and the term bases that define for it.
  const reported = new Set<TermEntry>();
  for (const [key, entries] of a.duplicates) {
    // The first `MAX_RELATED` places: each of a label's definitions is reported, and listing every other one with each
    // made the report grow with the square of their number (400 definitions of one label: 160,000 places).
    const related = entries.slice(0, MAX_RELATED).map((e) => ({ uri: e.uri, start: e.labelRange[0], end: e.labelRange[1], message: t(loc, 'defined-here', { label: e.term }) }));
    const local = entries.filter((e) => e.uri === doc.uri);
    if (local.length) {
      for (const e of local) {
        if (reported.has(e)) continue;
        reported.add(e);
        add(Rank.Duplicate, { start: e.labelRange[0], end: e.labelRange[1], code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.scope', { label: key, count: entries.length }), related });
      }
    } else {
      // Both definitions come from imported term bases: report on the later import.
      const lastBase = [...a.defining].reverse().find((t) => t.ref && t.uri === entries[entries.length - 1].uri);
      if (lastBase?.ref && entries.some((e) => e.uri !== entries[0].uri)) {
        add(Rank.Duplicate, { start: lastBase.ref.start, end: lastBase.ref.end, code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.imports', { label: key }), related });
      }
    }
  }

  // Definitions that use the term they define.
  for (const e of doc.definitions) {
    const [s, en] = e.definitionRange ?? [0, 0];
    const defText = documentSlice(doc, s, en);
    let known = circularOf.get(e);
    if (!known || known.text !== defText || known.loc !== loc) circularOf.set(e, (known = { text: defText, loc, problems: circularProblems(e, doc.text, loc) }));
    for (const p of known.problems) add(Rank.Circular, p);
  }

  // The chunks: what each reports alone, and what the first use of a concept and the first mention of an instrument report.
  const key = `${loc}\u0001${settings.implicitUseSeverity}\u0001${settings.implicitUseReport ?? 'first'}`;
  const chunkReports = a.chunks.map((c) => chunkReport(c, settings, catalog, loc, key));
  const firstImplicit = new Map<string, Problem>();
  for (let i = 0; i < chunkReports.length; i++) {
    const b = a.chunks[i].chunk.start;
    for (const { concept, uses } of chunkReports[i].implicit) {
      let first = firstImplicit.get(concept);
      let k = 0;
      if (!first) {
        const q = uses[k++].problem;
        first = { start: q.start + b, end: q.end + b, code: q.code, severity: q.severity, message: q.message, data: q.data };
        firstImplicit.set(concept, first);
        add(Rank.Use, first);
      }
      for (; k < uses.length && (first.related ??= []).length < MAX_RELATED; k++) {
        first.related.push({ uri: doc.uri, start: uses[k].problem.start + b, end: uses[k].problem.end + b, message: uses[k].also });
      }
    }
  }
  // Instruments named in prose: the first mention of each instrument (headings aside) is
  // reported unless a citation stands right by it.
  const mentionSeverity = settings.instrumentMentionSeverity ?? 'information';
  if (mentionSeverity !== 'off') {
    const seen = new Set<string>();
    for (let i = 0; i < chunkReports.length; i++) {
      const b = a.chunks[i].chunk.start;
      for (const m of chunkReports[i].mentions) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        if (!m.cited) add(Rank.Mention, { ...m.problem, start: m.problem.start + b, end: m.problem.end + b, severity: mentionSeverity });
      }
    }
  }
  if (settings.unusedDefinitionSeverity !== 'off') {
    for (const i of a.unusedDefinitions) {
      const e = doc.definitions[i];
      add(Rank.Unused, { start: e.labelRange[0], end: e.labelRange[1], code: 'unused-definition', severity: settings.unusedDefinitionSeverity, message: t(loc, 'unused-definition', { label: e.term }) });
    }
  }
  // Citations in the front matter (`source:` fields); those of the body are the chunks'.
  for (const c of doc.frontMatterCitations) {
    const p = citationProblem({ ...c, target: catalog.get(c.id) }, loc, catalog);
    if (p) add(Rank.Citation, p);
  }
  // Sections and structured parts, against the document's reference model.
  for (const p of modelProblems(a, catalog)) add(Rank.Model, p);
  global.sort((x, y) => x.p.start - y.p.start || x.p.end - y.p.end || x.rank - y.rank);

  // Merged in document order with the chunks' own, through the suppression comments.
  let positions: DocumentPositions | undefined;
  const placing = () => (positions ??= documentPositions(document, doc));
  const at = (offset: number) => placing().at(offset);
  const keep = suppressor(document, conceptDirectives(doc, document), (o) => at(o).line);
  const out: Diagnostic[] = [];
  // A document's first check keeps nothing (most are checked once: the CLI, closed documents); keeping starts with its
  // second, or with its first for a long document (one opened to be edited: its first edit then finds these).
  const previous = memo?.previous;
  const next = memo && (previous || a.chunks.length >= KEEP_FROM_FIRST_CHUNKS) ? new Map<string, Diagnostic>() : undefined;
  const documentLevel = (p: Problem): Diagnostic => {
    const d = problemToDiagnostic(p, document, documentOf, at);
    if (!next) return d;
    const k = diagnosticKey(d);
    // One diagnostic per key is kept (two equal diagnostics in one check stay two objects).
    if (next.has(k)) return d;
    const before = previous?.get(k);
    const same = before && sameDiagnostic(before, d) ? before : d;
    next.set(k, same);
    return same;
  };
  let g = 0;
  const flushGlobal = (start: number, end: number, rank: number) => {
    for (; g < global.length; g++) {
      const { p, rank: r } = global[g];
      if (p.start > start || (p.start === start && (p.end > end || (p.end === end && r >= rank)))) break;
      if (!keep || keep(p.start, p.code)) out.push(documentLevel(p));
    }
  };
  for (let i = 0; i < chunkReports.length; i++) {
    const report = chunkReports[i];
    if (report.local.length) {
      const chunk = a.chunks[i].chunk;
      const diagnostics = placed(report, chunk, placing().chunkLine(i));
      const b = chunk.start;
      for (let k = 0; k < report.local.length; k++) {
        const { p, rank } = report.local[k];
        flushGlobal(p.start + b, p.end + b, rank);
        if (!keep || keep(p.start + b, p.code)) out.push(diagnostics[k]);
      }
    }
  }
  flushGlobal(Infinity, Infinity, Infinity);
  memo?.keep(next ?? new Map());
  return out;
}

/** A definition whose text uses one of the labels it defines. */
export function circularProblems(e: TermEntry, text: string, loc: Locale = 'en'): Problem[] {
  if (!e.definitionRange) return [];
  const labels: string[] = [];
  for (const l of entryLabels(e)) if (l.kind !== 'deprecated') labels.push(l.label);
  const [s, en] = e.definitionRange;
  // Most definitions hold none of their labels' first words: no matcher is built for them.
  if (!mayHoldLabel(labels, text, s, en)) return [];
  const m = new TermMatcher<true>();
  for (const label of labels) m.add(label, true);
  return m.scan(text, s, en).map((hit) => ({
    start: hit.start, end: hit.end, code: 'circular-definition', severity: 'warning' as const,
    message: t(loc, 'circular-definition', { label: e.term }),
  }));
}

/**
 * `circularProblems` of the entries of term base files, by the entry's labels and definition text: a keystroke in
 * a large term base changes one entry, and every other keeps its answer instead of getting a matcher and a scan of
 * its own again (5,000 of them per check of a 5,000-term base). Owned by a language service; emptied when it
 * holds `limit` answers, so edits cannot make it grow without end.
 */
export class CircularMemo {
  /** The spans of the circular uses, relative to the start of the definition. */
  private readonly spans = new Map<string, readonly (readonly [number, number])[]>();

  constructor(private readonly limit = 50_000) {}

  problems(e: TermEntry, text: string, loc: Locale): Problem[] {
    if (!e.definitionRange) return [];
    const [s, en] = e.definitionRange;
    // A scan of `text[s, en)` depends on that text alone (a word cut by its end is keyed as cut), and on the labels.
    let key = '';
    for (const l of entryLabels(e)) if (l.kind !== 'deprecated') key += l.label + '\u0001';
    key += '\u0002' + text.slice(s, en);
    let spans = this.spans.get(key);
    if (spans === undefined) {
      if (this.spans.size >= this.limit) this.spans.clear();
      spans = circularProblems(e, text, loc).map((p) => [p.start - s, p.end - s] as const);
      this.spans.set(ownString(key), spans);
    }
    if (!spans.length) return [];
    const message = t(loc, 'circular-definition', { label: e.term });
    return spans.map(([a, b]) => ({ start: a + s, end: b + s, code: 'circular-definition', severity: 'warning' as const, message }));
  }
}

/**
 * Problems of a term base file on its own; `circular`: the service's memo of circular definitions, if it keeps one;
 * `keyOf`: `labelKey`, or the service's memo of it (a keystroke in a term base asks again for the key of every label).
 */
export function termBaseProblems(base: TermBase, text: string, catalog: InstrumentCatalog, loc: Locale = 'en', circular?: CircularMemo, keyOf: (label: string) => string = labelKey): Problem[] {
  const problems: Problem[] = [...base.problems];
  const owners = new Map<string, TermEntry[]>();
  for (const e of base.entries) {
    const keys = new Set(entryLabels(e).map((l) => keyOf(l.label)));
    for (const k of keys) {
      const list = owners.get(k);
      if (list) list.push(e);
      else owners.set(k, [e]);
    }
    problems.push(...(circular ? circular.problems(e, text, loc) : circularProblems(e, text, loc)));
    if (e.source) {
      for (const m of e.source.matchAll(/@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu)) {
        if (!catalog.get(m[1]) && e.sourceRange) {
          const closest = catalog.closest(m[1]);
          problems.push({ start: e.sourceRange[0], end: e.sourceRange[1], code: 'unknown-instrument', severity: 'error', message: t(loc, 'unknown-instrument', { id: m[1], suggestions: closest.map((x) => '`@' + x + '`').join(', ') }), data: { id: m[1], suggestions: closest } });
        }
      }
    }
  }
  for (const [key, entries] of owners) {
    if (entries.length < 2) continue;
    const places = entries.map((e) => {
      const range = e.labelRanges.get(findLabel(e, key)!);
      return { uri: e.uri, start: range?.[0] ?? e.labelRange[0], end: range?.[1] ?? e.labelRange[1], message: t(loc, 'defined-here', { label: key }) };
    });
    // Every definition after the first is reported, each with the first `MAX_RELATED` places (all of them made the
    // report grow with the square of their number).
    const related = places.slice(0, MAX_RELATED);
    for (const r of places.slice(1)) {
      problems.push({ start: r.start, end: r.end, code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.base', { label: key }), related });
    }
  }
  problems.sort((x, y) => x.start - y.start || x.end - y.end);
  return problems;
}

function findLabel(e: TermEntry, key: string): string | undefined {
  return entryLabels(e).find((l) => labelKey(l.label) === key)?.label;
}
