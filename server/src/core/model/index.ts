/**
 * Reference models: what the rest of the core uses.
 *
 * - `ModelRegistry` (registry.ts) knows the built-in and workspace models and
 *   resolves a document's `model:`; `Analysis.model` carries the result.
 * - `modelProblems` adds the model's diagnostics to a concept document's.
 * - `modelCompletions` and `modelHover` answer inside headings and the
 *   structured front-matter parts.
 * - `missingSectionEdit` builds the quick fix of a `missing-section` diagnostic.
 */
import type { Analysis } from '../analysis';
import type { InstrumentCatalog } from '../catalog/catalog';
import type { Problem } from '../yaml';
import { documentFirstLineEnd, documentLength } from '../parse/conceptDocument';
import { matchSections, missingSectionInsertion, sectionById, sectionProblems } from './sections';
import { structuredPartProblems } from './structuredParts';

export { DEFAULT_MODEL_ID, ModelRegistry, type DocumentModel, type ModelSource, type ModelSummary } from './registry';
export { isMissingSectionData, missingSectionEdit, matchSections, sectionOfHeading, type MissingSectionData } from './sections';
export { parseReferenceModel, type ReferenceModel } from './referenceModel';
export { modelSchemaValidator } from './schema';
export { modelCompletions } from './completion';
export { modelHover } from './hover';

/**
 * The insertion that adds a missing section, recomputed from the current
 * analysis (for quick fixes that must not trust a stale diagnostic): an
 * offset edit, or undefined when the section is unknown or already present.
 */
export function missingSectionFix(a: Analysis, sectionId: string): { start: number; end: number; newText: string } | undefined {
  const model = a.model?.model;
  const section = model ? sectionById(model, sectionId) : undefined;
  if (!model || !section) return undefined;
  const structure = matchSections(a.doc, model);
  if (structure.present.has(section.id)) return undefined;
  const ins = missingSectionInsertion(a.doc, structure, section, a.language);
  return { start: ins.offset, end: ins.offset, newText: ins.text };
}

/** Problems of a concept document against its reference model (none when it follows no model). */
export function modelProblems(a: Analysis, catalog: InstrumentCatalog): Problem[] {
  const dm = a.model;
  if (!dm) return [];
  const problems: Problem[] = [];
  if (dm.problem) problems.push(dm.problem);
  const model = dm.model;
  if (!model) return problems;
  const { doc } = a;
  const first = doc.markdown.headings[0];
  const anchor: [number, number] =
    dm.entryRange ?? (first ? [first.start, first.end] : doc.frontMatter ? [0, Math.min(3, documentLength(doc))] : [0, documentFirstLineEnd(doc)]);
  const isDefined = (term: string) => a.isConceptDefined(term);
  problems.push(...sectionProblems(doc, model, anchor, isDefined, dm.locale, a.language));
  problems.push(...structuredPartProblems(doc, model, catalog, dm.locale));
  return problems;
}
