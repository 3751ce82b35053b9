/**
 * Go to definition and find references.
 *
 * A term is a `TermEntry`: a front-matter definition (seen by its document
 * only) or a term-base entry (seen by every document that imports the base or
 * knows it). A use belongs to the entry it resolves to first (`TermUse.refs[0]`),
 * the same entry hover shows, so a document's own definition shadows a term
 * base's. Entries are compared by file and offset (`entryId`), which stays
 * stable across re-parses of an unchanged file.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { Instrument } from '../catalog/catalog';
import type { SectionKind } from '../model/referenceModel';
import { sectionOfHeading } from '../model/sections';
import { labelKey } from '../terms/matcher';
import type { LabelKind, TermEntry } from '../terms/termBase';
import { entryId, type ConceptFile, type FeatureContext, type TermBaseFile } from '../workspaceContext';
import { findAt } from './hover';
import { frontMatterEntryNodes, type EntryNodes } from '../edit/yamlEdits';
import { documentKind } from '../uri';
import { toRange } from '../positions';

/** What the cursor is on. */
export type Target =
  | {
      kind: 'term';
      /** Undefined for an explicit use that nothing defines. */
      entry?: TermEntry;
      /** The label the place stands for (as written in the definition), and its kind. */
      label: string;
      labelKind: LabelKind | 'relation';
      site: 'use' | 'definition' | 'mention';
      start: number;
      end: number;
    }
  | { kind: 'instrument'; id: string; instrument?: Instrument; start: number; end: number }
  | { kind: 'glossary'; uri: string; start: number; end: number }
  | { kind: 'section'; section?: SectionKind; start: number; end: number };

/** One place that names a term. */
export interface TermOccurrence {
  uri: string;
  document: TextDocument;
  start: number;
  end: number;
  site: 'use' | 'definition' | 'mention';
  /** The label this place stands for (for a use: the label that matched). */
  label: string;
  labelKind: LabelKind | 'relation';
}

const SOURCE_CITATION = /@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu;

function within(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

/** The entry a relation mention names, seen from a term base: same file first, then the workspace, then the built-in base. */
function resolveMentionInBases(label: string, fromUri: string, bases: readonly TermBaseFile[]): TermEntry | undefined {
  const key = labelKey(label);
  const has = (e: TermEntry) => labelKey(e.term) === key || e.variants.some((v) => labelKey(v) === key);
  const own = bases.find((b) => b.uri === fromUri)?.base.entries.find(has);
  if (own) return own;
  for (const b of bases) {
    const hit = b.base.entries.find(has);
    if (hit) return hit;
  }
  return undefined;
}

function resolveMentionInDocument(label: string, a: Analysis, bases: readonly TermBaseFile[]): TermEntry | undefined {
  return a.lookup(label)?.[0]?.entry ?? resolveMentionInBases(label, a.doc.uri, bases);
}

/** What is at `offset` of a concept document or a term base. */
export function targetAt(ctx: FeatureContext, document: TextDocument, offset: number): Target | undefined {
  if (documentKind(document.uri) === 'termBase') return termBaseTargetAt(ctx, document, offset);
  if (documentKind(document.uri) !== 'concept') return undefined;
  const a = ctx.analyse(document);
  const here = a.near(offset);
  const c = findAt(here.citations, offset);
  if (c) return { kind: 'instrument', id: c.target?.instrument.id ?? c.id, instrument: c.target?.instrument, start: c.start, end: c.end };
  const u = findAt(here.uses, offset);
  if (u) {
    const best = u.refs[0];
    return { kind: 'term', entry: best?.entry, label: best?.label ?? a.doc.text.slice(u.start, u.end).replace(/\s+/g, ' '), labelKind: best?.kind ?? 'preferred', site: 'use', start: u.start, end: u.end };
  }
  const fm = a.doc.frontMatter;
  if (fm && offset >= fm.start && offset <= fm.end) {
    for (const nodes of frontMatterEntryNodes(a.doc)) {
      if (!within(offset, nodes.start, nodes.end)) continue;
      const entry = a.doc.definitions.find((e) => e.labelRange[0] === nodes.labelStart);
      for (const l of nodes.labels) if (within(offset, l.start, l.end)) return { kind: 'term', entry, label: l.label, labelKind: l.kind, site: 'definition', start: l.start, end: l.end };
      for (const r of nodes.relations) {
        if (within(offset, r.start, r.end)) return { kind: 'term', entry: resolveMentionInDocument(r.label, a, []), label: r.label, labelKind: 'relation', site: 'mention', start: r.start, end: r.end };
      }
    }
    for (const g of a.defining) {
      if (g.ref && within(offset, g.ref.start, g.ref.end)) return { kind: 'glossary', uri: g.uri, start: g.ref.start, end: g.ref.end };
    }
  }
  const heading = a.doc.markdown.headings.find((h) => within(offset, h.start, h.end));
  if (heading) {
    const model = a.model?.model;
    return { kind: 'section', section: model ? sectionOfHeading(model, heading) : undefined, start: heading.start, end: heading.end };
  }
  return undefined;
}

function termBaseTargetAt(ctx: FeatureContext, document: TextDocument, offset: number): Target | undefined {
  const text = document.getText();
  const file = ctx.termBases([], document).find((b) => b.uri === document.uri);
  if (!file) return undefined;
  for (const nodes of ctx.termBaseEntryNodes(document)) {
    if (!within(offset, nodes.start, nodes.end)) continue;
    const entry = file.base.entries.find((e) => e.labelRange[0] === nodes.labelStart);
    for (const l of nodes.labels) if (within(offset, l.start, l.end)) return { kind: 'term', entry, label: l.label, labelKind: l.kind, site: 'definition', start: l.start, end: l.end };
    for (const r of nodes.relations) {
      if (within(offset, r.start, r.end)) {
        const bases = ctx.termBases([], document);
        return { kind: 'term', entry: resolveMentionInBases(r.label, document.uri, bases), label: r.label, labelKind: 'relation', site: 'mention', start: r.start, end: r.end };
      }
    }
    if (entry?.sourceRange && within(offset, entry.sourceRange[0], entry.sourceRange[1])) {
      const [s, e] = entry.sourceRange;
      SOURCE_CITATION.lastIndex = 0;
      const slice = text.slice(s, e);
      for (let m = SOURCE_CITATION.exec(slice); m; m = SOURCE_CITATION.exec(slice)) {
        if (within(offset, s + m.index, s + m.index + m[0].length)) {
          const target = ctx.catalog.get(m[1]);
          return { kind: 'instrument', id: target?.instrument.id ?? m[1], instrument: target?.instrument, start: s + m.index, end: s + m.index + m[0].length };
        }
      }
    }
  }
  return undefined;
}

function location(ctx: FeatureContext, uri: string, start: number, end: number, current?: TextDocument): Location | undefined {
  const d = ctx.textDocument(uri, current);
  return d ? { uri, range: toRange(d, start, end) } : undefined;
}

/** Go to definition. */
export function findDefinition(ctx: FeatureContext, document: TextDocument, position: Position): Location[] {
  const offset = document.offsetAt(position);
  const target = targetAt(ctx, document, offset);
  if (!target) return [];
  switch (target.kind) {
    case 'term': {
      if (!target.entry) return [];
      const out: Location[] = [];
      const loc = location(ctx, target.entry.uri, target.entry.labelRange[0], target.entry.labelRange[1], document);
      if (loc) out.push(loc);
      if (target.site === 'use' && documentKind(document.uri) === 'concept') {
        // Other definitions of the same use in scope (duplicates) are definitions too.
        const u = findAt(ctx.analyse(document).near(offset).uses, offset);
        for (const r of u?.refs.slice(1) ?? []) {
          if (!r.defining || entryId(r.entry) === entryId(target.entry)) continue;
          const other = location(ctx, r.entry.uri, r.entry.labelRange[0], r.entry.labelRange[1], document);
          if (other && !out.some((l) => l.uri === other.uri && l.range.start.line === other.range.start.line)) out.push(other);
        }
      }
      return out;
    }
    case 'instrument': {
      const i = target.instrument;
      if (!i) return [];
      const loc = location(ctx, i.uri, i.idRange[0], i.idRange[1], document);
      return loc ? [loc] : [];
    }
    case 'glossary':
      return [{ uri: target.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    case 'section': {
      const s = target.section;
      if (!s?.idRange) return [];
      const loc = location(ctx, s.uri, s.idRange[0], s.idRange[1], document);
      return loc ? [loc] : [];
    }
  }
}

/** The YAML nodes of a term entry in its file. */
export function nodesOfEntry(ctx: FeatureContext, entry: TermEntry, concepts: readonly ConceptFile[], current?: TextDocument): { nodes: EntryNodes; document: TextDocument } | undefined {
  if (entry.origin === 'document') {
    const c = concepts.find((x) => x.uri === entry.uri);
    const doc = c?.analysis.doc ?? (current && current.uri === entry.uri ? ctx.analyse(current).doc : undefined);
    const document = c?.document ?? (current?.uri === entry.uri ? current : undefined);
    if (!doc || !document) return undefined;
    const nodes = frontMatterEntryNodes(doc).find((n) => n.labelStart === entry.labelRange[0]);
    return nodes ? { nodes, document } : undefined;
  }
  const document = ctx.textDocument(entry.uri, current);
  if (!document) return undefined;
  const nodes = ctx.termBaseEntryNodes(document).find((n) => n.labelStart === entry.labelRange[0]);
  return nodes ? { nodes, document } : undefined;
}

/**
 * Every place that names `entry`: its labels in its own file, its uses in
 * concept documents, and mentions in other entries' related, broader and
 * narrower lists.
 */
export function occurrencesOf(ctx: FeatureContext, entry: TermEntry, current?: TextDocument): TermOccurrence[] {
  const id = entryId(entry);
  const home = entry.origin === 'document' ? ctx.concept(entry.uri, current) : undefined;
  const concepts = entry.origin === 'document' ? (home ? [home] : []) : ctx.concepts(current);
  const bases = ctx.termBases(concepts, current);
  const out: TermOccurrence[] = [];
  const own = nodesOfEntry(ctx, entry, concepts, current);
  if (own) for (const l of own.nodes.labels) out.push({ uri: entry.uri, document: own.document, start: l.start, end: l.end, site: 'definition', label: l.label, labelKind: l.kind });
  for (const c of concepts) {
    for (const u of c.analysis.uses) {
      const best = u.refs[0];
      if (best && entryId(best.entry) === id) out.push({ uri: c.uri, document: c.document, start: u.start, end: u.end, site: 'use', label: best.label, labelKind: best.kind });
    }
    for (const nodes of frontMatterEntryNodes(c.analysis.doc)) {
      for (const r of nodes.relations) {
        const e = resolveMentionInDocument(r.label, c.analysis, bases);
        if (e && entryId(e) === id) out.push({ uri: c.uri, document: c.document, start: r.start, end: r.end, site: 'mention', label: r.label, labelKind: 'relation' });
      }
    }
  }
  if (entry.origin !== 'document') {
    for (const b of bases) {
      for (const nodes of ctx.termBaseEntryNodes(b.document)) {
        for (const r of nodes.relations) {
          const e = resolveMentionInBases(r.label, b.uri, bases);
          if (e && entryId(e) === id) out.push({ uri: b.uri, document: b.document, start: r.start, end: r.end, site: 'mention', label: r.label, labelKind: 'relation' });
        }
      }
    }
  }
  return out;
}

/** Every citation of an instrument (any of its editions) across the workspace, in documents and in term-base sources. */
export function citationsOf(ctx: FeatureContext, instrumentId: string, current?: TextDocument): { uri: string; document: TextDocument; start: number; end: number }[] {
  const out: { uri: string; document: TextDocument; start: number; end: number }[] = [];
  const concepts = ctx.concepts(current);
  for (const c of concepts) {
    for (const cit of c.analysis.citations) if (cit.target?.instrument.id === instrumentId) out.push({ uri: c.uri, document: c.document, start: cit.start, end: cit.end });
  }
  for (const b of ctx.termBases(concepts, current)) {
    if (b.builtin) continue;
    const text = b.document.getText();
    for (const e of b.base.entries) {
      if (!e.sourceRange) continue;
      const [s, en] = e.sourceRange;
      const slice = text.slice(s, en);
      SOURCE_CITATION.lastIndex = 0;
      for (let m = SOURCE_CITATION.exec(slice); m; m = SOURCE_CITATION.exec(slice)) {
        if (ctx.catalog.get(m[1])?.instrument.id === instrumentId) out.push({ uri: b.uri, document: b.document, start: s + m.index, end: s + m.index + m[0].length });
      }
    }
  }
  return out;
}

/** Find references. */
export function findReferences(ctx: FeatureContext, document: TextDocument, position: Position, includeDeclaration: boolean): Location[] {
  const target = targetAt(ctx, document, document.offsetAt(position));
  if (!target) return [];
  if (target.kind === 'term' && target.entry) {
    return occurrencesOf(ctx, target.entry, document)
      .filter((o) => includeDeclaration || !(o.site === 'definition' && o.labelKind === 'preferred'))
      .map((o) => ({ uri: o.uri, range: toRange(o.document, o.start, o.end) }));
  }
  if (target.kind === 'instrument' && target.instrument) {
    const out = citationsOf(ctx, target.instrument.id, document).map((o) => ({ uri: o.uri, range: toRange(o.document, o.start, o.end) }));
    if (includeDeclaration) {
      const decl = location(ctx, target.instrument.uri, target.instrument.idRange[0], target.instrument.idRange[1], document);
      if (decl) out.unshift(decl);
    }
    return out;
  }
  return [];
}
