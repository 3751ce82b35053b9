/**
 * The concept overview: where a document stands against its reference model,
 * its terms and its citations, in one answer (`customsConcepts/conceptOverview`).
 * It reads the document's `Analysis` and its diagnostics; it scans nothing again.
 *
 * Sections come in the model's order: each kind present, missing (with the
 * quick fix's edit that adds it), empty (a heading with nothing under it but
 * comments) or out of order; headings the model does not know follow.
 * Terms are grouped by concept (the preferred label of the entry a use resolves
 * to first): defined here, adopted from an imported term base, used without a
 * definition, or defined and unused. Citations are grouped by id.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { InstrumentCatalog } from '../catalog/catalog';
import { labelKey } from '../terms/matcher';
import type { TermEntry } from '../terms/termBase';
import { matchSections, missingSectionInsertion, sectionTitle } from '../model/sections';
import { guidanceFor } from '../model/referenceModel';
import { findLevel, levelsOf } from '../model/structuredParts';
import { deref, findPair, isMap, isSeq, rangeOf, scalarString } from '../yaml';
import type { FeatureContext } from '../workspaceContext';
import type { CitationStatus, ConceptOverview, OverviewCitation, OverviewIndicator, OverviewMaturityDimension, OverviewSection, OverviewTerm } from '../../../../shared/overview';

export function getConceptOverview(ctx: FeatureContext, document: TextDocument, a: Analysis, diagnostics: readonly Diagnostic[], catalog: InstrumentCatalog): ConceptOverview {
  const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const language = a.language;
  const sections = overviewSections(document, a, range);
  const terms = overviewTerms(ctx, document, a, range);
  const citations = overviewCitations(a, catalog, language, range);
  const parts = structuredParts(a, range);
  const dm = a.model;
  const required = sections.filter((s) => s.required && s.id !== null);
  const concepts = terms.filter((t) => t.uses > 0);
  return {
    uri: document.uri,
    version: document.version,
    title: a.doc.frontMatter?.values.title,
    language,
    ...(dm ? { model: { id: dm.model?.id ?? dm.requested, title: dm.model?.title, uri: dm.model?.uri, usable: !!dm.model } } : {}),
    sections,
    terms,
    citations,
    ...parts,
    coverage: {
      sectionsRequired: required.length,
      sectionsPresent: required.filter((s) => s.state !== 'missing').length,
      termsUsed: concepts.length,
      termsDefined: concepts.filter((t) => t.state === 'defined' || t.state === 'adopted').length,
      errors: diagnostics.filter((d) => d.severity === 1).length,
      warnings: diagnostics.filter((d) => d.severity === 2).length,
    },
  };
}

/** Whether the text between two offsets holds nothing but blank lines and HTML comments. */
function isBlank(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0 || close + 3 > end) return false;
      i = close + 3;
      continue;
    }
    return false;
  }
  return true;
}

function overviewSections(document: TextDocument, a: Analysis, range: (s: number, e: number) => Range): OverviewSection[] {
  const model = a.model?.model;
  if (!model) return [];
  const { doc } = a;
  const language = a.language;
  const structure = matchSections(doc, model);
  const top = structure.headings.filter((h) => h.heading.level === structure.level);
  const headings = doc.markdown.headings;
  // A section is empty when nothing but comments stands between its heading and the next heading of its level or above.
  const bodyEnd = (lineEnd: number, level: number): number => headings.find((h) => h.lineStart >= lineEnd && h.level <= level)?.lineStart ?? doc.text.length;
  const outOfOrder = new Set<string>();
  let highest = -Infinity;
  for (const { section } of top) {
    if (!section) continue;
    if (section.order < highest) outOfOrder.add(section.id);
    else highest = section.order;
  }
  const out: OverviewSection[] = [];
  for (const section of model.sections) {
    const heading = structure.present.get(section.id);
    const guidance = guidanceFor(section, language);
    const base = { id: section.id, required: section.required, ...(guidance ? { guidance: guidance.replace(/\s+/g, ' ').trim() } : {}) };
    if (!heading) {
      if (!section.required) continue;
      const ins = missingSectionInsertion(doc, structure, section, language);
      const at = document.positionAt(ins.offset);
      out.push({ ...base, title: sectionTitle(section, language), state: 'missing', add: { changes: { [document.uri]: [{ range: { start: at, end: at }, newText: ins.text }] } } });
      continue;
    }
    const empty = isBlank(doc.text, heading.lineEnd, bodyEnd(heading.lineEnd, heading.level));
    out.push({ ...base, title: heading.text, state: outOfOrder.has(section.id) ? 'out-of-order' : empty ? 'empty' : 'present', range: range(heading.start, heading.end) });
  }
  for (const { heading, section } of top) {
    if (section) continue;
    out.push({ id: null, title: heading.text, required: false, state: 'present', range: range(heading.start, heading.end) });
  }
  return out;
}

function overviewTerms(ctx: FeatureContext, document: TextDocument, a: Analysis, range: (s: number, e: number) => Range): OverviewTerm[] {
  const byConcept = new Map<string, OverviewTerm & { entry?: TermEntry }>();
  const locate = (entry: TermEntry) => {
    const file = entry.uri === document.uri ? document : ctx.textDocument(entry.uri, document);
    return file ? { uri: entry.uri, range: { start: file.positionAt(entry.labelRange[0]), end: file.positionAt(entry.labelRange[1]) } } : undefined;
  };
  const unused = new Set(a.unusedDefinitions);
  a.doc.definitions.forEach((entry, i) => {
    const key = labelKey(entry.term);
    if (byConcept.has(key)) return;
    byConcept.set(key, { label: entry.term, state: unused.has(i) ? 'unused' : 'defined', uses: 0, definition: locate(entry), entry });
  });
  for (const use of a.uses) {
    const ref = use.refs[0];
    const key = ref ? ref.concept : labelKey(document.getText().slice(use.start, use.end));
    let term = byConcept.get(key);
    if (!term) {
      const state = use.defined ? (ref?.entry.origin === 'document' ? 'defined' : 'adopted') : 'undefined';
      term = { label: ref?.entry.term ?? a.doc.text.slice(use.start, use.end), state, uses: 0, ...(ref ? { entry: ref.entry } : {}) };
      if (ref) {
        term.definition = locate(ref.entry);
        if (ref.entry.origin === 'builtin') term.builtin = true;
      }
      byConcept.set(key, term);
    }
    term.uses++;
    term.firstUse ??= range(use.start, use.end);
  }
  const rank = { undefined: 0, unused: 1, defined: 2, adopted: 3 } as const;
  return [...byConcept.values()]
    .map(({ entry: _entry, ...t }) => t)
    .sort((x, y) => rank[x.state] - rank[y.state] || x.label.localeCompare(y.label, a.language));
}

function overviewCitations(a: Analysis, catalog: InstrumentCatalog, language: string, range: (s: number, e: number) => Range): OverviewCitation[] {
  const byId = new Map<string, OverviewCitation>();
  for (const c of a.citations) {
    const key = c.id.toLowerCase();
    let item = byId.get(key);
    if (!item) {
      const t = c.target;
      let status: CitationStatus = 'unknown';
      let replacement: string | undefined;
      if (t) {
        const currentEdition = t.instrument.editions.find((e) => e.current);
        if (t.edition && !t.edition.current) {
          status = 'superseded';
          replacement = currentEdition?.id ?? t.instrument.id;
        } else if (t.instrument.supersededBy) {
          status = 'superseded';
          replacement = t.instrument.supersededBy;
        } else status = 'current';
      }
      const inst = t?.instrument;
      const title = inst ? (inst.titles[language]?.name ?? inst.titles[language]?.title ?? inst.name ?? inst.title) : undefined;
      item = { id: c.id, status, ...(title ? { title } : {}), ...(replacement && catalog.get(replacement) ? { replacement } : {}), ranges: [] };
      byId.set(key, item);
    }
    item.ranges.push(range(c.start, c.end));
  }
  return [...byId.values()];
}

function structuredParts(a: Analysis, range: (s: number, e: number) => Range): { maturity?: OverviewMaturityDimension[]; indicators?: OverviewIndicator[] } {
  const model = a.model?.model;
  const fm = a.doc.frontMatter;
  const y = fm?.yaml;
  if (!model || !fm) return {};
  const out: { maturity?: OverviewMaturityDimension[]; indicators?: OverviewIndicator[] } = {};
  const root = y && isMap(y.contents) ? y.contents : undefined;
  if (model.maturity) {
    const assessed = root && y ? deref(findPair(root, 'maturity')?.value, y) : undefined;
    out.maturity = model.maturity.dimensions.map((dim) => {
      const levels = levelsOf(model, dim);
      const entry: OverviewMaturityDimension = { id: dim.id, name: dim.name ?? dim.id, maxLevel: Math.max(0, ...levels.map((l) => l.level)) };
      const v = isMap(assessed) && y ? deref(findPair(assessed, dim.id)?.value, y) : undefined;
      const levelNode = isMap(v) && y ? deref(findPair(v, 'level')?.value, y) : v;
      const targetNode = isMap(v) && y ? deref(findPair(v, 'target')?.value, y) : undefined;
      const level = findLevel(levels, scalarValue(levelNode));
      if (level) Object.assign(entry, { level: level.level, levelName: level.name });
      const target = findLevel(levels, scalarValue(targetNode));
      if (target) entry.target = target.level;
      return entry;
    });
  }
  if (model.indicators && root && y) {
    const schema = model.indicators;
    const list = deref(findPair(root, 'indicators')?.value, y);
    out.indicators = [];
    if (isSeq(list)) {
      list.items.forEach((item, i) => {
        const it = deref(item, y);
        if (!isMap(it)) return;
        const has = (id: string) => findPair(it, id) !== undefined;
        const missing = schema.fields.filter((f) => f.required && !has(f.id)).map((f) => f.id);
        for (const g of schema.requireOneOf) if (g.ids.length && !g.ids.some(has)) missing.push(g.ids.join(' | '));
        const r = rangeOf(it, fm.start);
        const name = scalarString(deref(findPair(it, 'name')?.value, y));
        out.indicators!.push({ id: scalarString(deref(findPair(it, 'id')?.value, y)) ?? `#${i + 1}`, ...(name ? { name } : {}), missing, ...(r ? { range: range(r[0], r[1]) } : {}) });
      });
    }
  }
  return out;
}

function scalarValue(node: unknown): unknown {
  return node && typeof node === 'object' && 'value' in node ? (node as { value: unknown }).value : undefined;
}
