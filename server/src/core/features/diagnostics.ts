/**
 * Diagnostics of a concept document and of a term base. Each has a stable
 * `code` (see the README); tests match codes and ranges, never messages.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, TermUse } from '../analysis';
import type { ServiceSettings, SeverityName } from '../env';
import { fileName as shortName } from '../uri';
import type { InstrumentCatalog } from '../catalog/catalog';
import { labelKey, TermMatcher } from '../terms/matcher';
import { entryLabels, type TermBase, type TermEntry } from '../terms/termBase';
import type { Problem } from '../yaml';
import { modelProblems } from '../model/index';
import { t, type Locale } from '../l10n';

export const SOURCE = 'customs-concepts';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The text document of another file, for the positions of related information. */
export type DocumentOf = (uri: string) => TextDocument | undefined;

export function problemToDiagnostic(p: Problem, doc: TextDocument, documentOf?: DocumentOf): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.positionAt(p.start), end: doc.positionAt(p.end) },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (p.data !== undefined) d.data = p.data;
  if (p.related?.length && documentOf) {
    const rel: DiagnosticRelatedInformation[] = [];
    for (const r of p.related) {
      const other = r.uri === doc.uri ? doc : documentOf(r.uri);
      if (!other) continue;
      rel.push({ location: { uri: r.uri, range: { start: other.positionAt(r.start), end: other.positionAt(r.end) } }, message: r.message });
    }
    if (rel.length) d.relatedInformation = rel;
  }
  return d;
}

const useProblems = new WeakMap<TermUse, { locale: Locale; severity: SeverityName; problem: Problem | undefined }>();

/** The problem of one use (offsets to be set by the caller), if it has one. */
function useProblem(u: TermUse, surface: string, settings: ServiceSettings, loc: Locale): Problem | undefined {
  const label = surface.replace(/\s+/g, ' ');
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

/** Problems of a concept document, in its own offsets. */
export function conceptProblems(a: Analysis, settings: ServiceSettings, catalog: InstrumentCatalog): Problem[] {
  const { doc } = a;
  const loc: Locale = settings.locale ?? 'en';
  const problems: Problem[] = [...doc.problems];

  // Imported term bases.
  for (const tb of a.defining) {
    if (!tb.ref) continue;
    if (tb.error) {
      problems.push({ start: tb.ref.start, end: tb.ref.end, code: 'glossary-not-found', severity: 'error', message: t(loc, 'glossary-not-found', { path: tb.ref.path, reason: tb.error }) });
    } else if (tb.base && tb.base.problems.some((p) => p.severity === 'error')) {
      const n = tb.base.problems.filter((p) => p.severity === 'error').length;
      problems.push({ start: tb.ref.start, end: tb.ref.end, code: 'glossary-problems', severity: 'warning', message: t(loc, 'glossary-problems', { path: tb.ref.path, count: n }) });
    }
  }

  // Duplicate definitions among the document and the term bases that define for it.
  const reported = new Set<TermEntry>();
  for (const [key, entries] of a.duplicates) {
    const related = entries.map((e) => ({ uri: e.uri, start: e.labelRange[0], end: e.labelRange[1], message: t(loc, 'defined-here', { label: e.term }) }));
    const local = entries.filter((e) => e.uri === doc.uri);
    if (local.length) {
      for (const e of local) {
        if (reported.has(e)) continue;
        reported.add(e);
        problems.push({ start: e.labelRange[0], end: e.labelRange[1], code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.scope', { label: key, count: entries.length }), related });
      }
    } else {
      // Both definitions come from imported term bases: report on the later import.
      const lastBase = [...a.defining].reverse().find((t) => t.ref && t.uri === entries[entries.length - 1].uri);
      if (lastBase?.ref && entries.some((e) => e.uri !== entries[0].uri)) {
        problems.push({ start: lastBase.ref.start, end: lastBase.ref.end, code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.imports', { label: key }), related });
      }
    }
  }

  // Definitions that use the term they define.
  for (const e of doc.definitions) problems.push(...circularProblems(e, doc.text, loc));

  // Uses. What a use reports depends only on the use (its text, refs and state, fixed per
  // chunk text) and the settings, so it is kept per use across checks; only its place changes.
  // An implicit use of an undefined term is reported once per concept (its first mention) unless
  // the settings ask for every one; the later mentions are related information of the first.
  const report = settings.implicitUseReport ?? 'first';
  const firstImplicit = new Map<string, Problem>();
  const headings = doc.markdown.headings;
  const inHeading = (offset: number) => headings.some((h) => offset >= h.lineStart && offset < h.lineEnd);
  for (const u of a.uses) {
    const key = u.origin ?? u;
    let known = useProblems.get(key);
    if (!known || known.locale !== loc || known.severity !== settings.implicitUseSeverity) {
      known = { locale: loc, severity: settings.implicitUseSeverity, problem: useProblem(u, doc.text.slice(u.start, u.end), settings, loc) };
      useProblems.set(key, known);
    }
    const q = known.problem;
    if (!q) continue;
    const implicitUndefined = q.code === 'undefined-term' && !u.explicit;
    if (implicitUndefined && report !== 'all') {
      if (report === 'off') continue;
      // A heading is a title, not a use: its words are often the model's own section title.
      if (inHeading(u.start)) continue;
      const concept = u.refs[0] ? labelKey(u.refs[0].entry.term) : labelKey(doc.text.slice(u.start, u.end));
      const first = firstImplicit.get(concept);
      if (first) {
        if ((first.related ??= []).length < 50) first.related.push({ uri: doc.uri, start: u.start, end: u.end, message: t(loc, 'also-used-here', { label: doc.text.slice(u.start, u.end).replace(/\s+/g, ' ') }) });
        continue;
      }
      const p: Problem = { start: u.start, end: u.end, code: q.code, severity: q.severity, message: q.message, data: q.data };
      firstImplicit.set(concept, p);
      problems.push(p);
      continue;
    }
    problems.push(q.data === undefined ? { start: u.start, end: u.end, code: q.code, severity: q.severity, message: q.message } : { start: u.start, end: u.end, code: q.code, severity: q.severity, message: q.message, data: q.data });
  }

  // Instruments named in prose: the first mention of each instrument (headings aside) is
  // reported unless a citation stands right by it.
  const mentionSeverity = settings.instrumentMentionSeverity ?? 'information';
  if (mentionSeverity !== 'off' && a.mentions.length) {
    const seen = new Set<string>();
    for (const m of a.mentions) {
      if (m.heading || seen.has(m.instrument.id)) continue;
      seen.add(m.instrument.id);
      if (m.cited) continue;
      const name = doc.text.slice(m.start, m.end).replace(/\s+/g, ' ');
      problems.push({
        start: m.start, end: m.end, code: 'instrument-mention', severity: mentionSeverity,
        message: t(loc, 'instrument-mention', { name, id: m.instrument.id }),
        data: { id: m.instrument.id },
      });
    }
  }
  if (settings.unusedDefinitionSeverity !== 'off') {
    for (const i of a.unusedDefinitions) {
      const e = doc.definitions[i];
      problems.push({ start: e.labelRange[0], end: e.labelRange[1], code: 'unused-definition', severity: settings.unusedDefinitionSeverity, message: t(loc, 'unused-definition', { label: e.term }) });
    }
  }

  // Citations.
  for (const c of a.citations) {
    if (!c.target) {
      const closest = catalog.closest(c.id);
      problems.push({
        start: c.start, end: c.end, code: 'unknown-instrument', severity: 'error',
        message: t(loc, 'unknown-instrument', { id: c.id, suggestions: closest.map((x) => '`@' + x + '`').join(', ') }),
        data: { id: c.id, suggestions: closest },
      });
      continue;
    }
    const { instrument, edition } = c.target;
    if (edition && !edition.current) {
      const current = instrument.editions.find((e) => e.current);
      problems.push({
        start: c.start, end: c.end, code: 'superseded-instrument', severity: 'warning',
        message: t(loc, 'superseded-edition', { id: c.id, edition: edition.edition, name: instrument.name ?? instrument.title, current: current?.id ?? instrument.id }),
        data: { id: c.id, replacement: current?.id ?? instrument.id },
      });
    } else if (instrument.supersededBy) {
      const by = catalog.get(instrument.supersededBy)?.instrument;
      problems.push({
        start: c.start, end: c.end, code: 'superseded-instrument', severity: 'warning',
        message: t(loc, 'superseded-instrument', { id: c.id, name: instrument.name ?? instrument.title, by: instrument.supersededBy, byName: by ? by.name ?? by.title : '' }),
        data: { id: c.id, replacement: instrument.supersededBy },
      });
    }
  }
  // Sections and structured parts, against the document's reference model.
  problems.push(...modelProblems(a, catalog));
  problems.sort((x, y) => x.start - y.start || x.end - y.end);
  return problems;
}

/** A definition whose text uses one of the labels it defines. */
export function circularProblems(e: TermEntry, text: string, loc: Locale = 'en'): Problem[] {
  if (!e.definitionRange) return [];
  const m = new TermMatcher<true>();
  for (const l of entryLabels(e)) if (l.kind !== 'deprecated') m.add(l.label, true);
  const [s, en] = e.definitionRange;
  return m.scan(text, s, en).map((hit) => ({
    start: hit.start, end: hit.end, code: 'circular-definition', severity: 'warning' as const,
    message: t(loc, 'circular-definition', { label: e.term }),
  }));
}

/** Problems of a term base file on its own. */
export function termBaseProblems(base: TermBase, text: string, catalog: InstrumentCatalog, loc: Locale = 'en'): Problem[] {
  const problems: Problem[] = [...base.problems];
  const owners = new Map<string, TermEntry[]>();
  for (const e of base.entries) {
    const keys = new Set(entryLabels(e).map((l) => labelKey(l.label)));
    for (const k of keys) {
      const list = owners.get(k);
      if (list) list.push(e);
      else owners.set(k, [e]);
    }
    problems.push(...circularProblems(e, text, loc));
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
    const related = entries.map((e) => ({ uri: e.uri, start: e.labelRanges.get(findLabel(e, key)!)?.[0] ?? e.labelRange[0], end: e.labelRanges.get(findLabel(e, key)!)?.[1] ?? e.labelRange[1], message: t(loc, 'defined-here', { label: key }) }));
    for (const r of related.slice(1)) {
      problems.push({ start: r.start, end: r.end, code: 'duplicate-definition', severity: 'warning', message: t(loc, 'duplicate-definition.base', { label: key }), related });
    }
  }
  problems.sort((x, y) => x.start - y.start || x.end - y.end);
  return problems;
}

function findLabel(e: TermEntry, key: string): string | undefined {
  return entryLabels(e).find((l) => labelKey(l.label) === key)?.label;
}
