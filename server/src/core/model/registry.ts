/**
 * The reference models a language service knows: the built-in ones and the
 * `*.model.yaml` files of the workspace, parsed once per version, resolved by
 * id (a workspace model shadows a built-in one of the same id), merged along
 * their `extends` chain, and checked for broken references.
 *
 * A model is *usable* by documents when neither it nor any model it extends
 * has an error; otherwise documents that name it get `model-problems` and are
 * not checked against it.
 */
import type { WorkspaceFiles } from '../env';
import { fileName as shortName, documentKind, resolveGlossary } from '../uri';
import type { InstrumentCatalog } from '../catalog/catalog';
import { documentSlice, type ConceptDocument } from '../parse/conceptDocument';
import type { Locale } from '../l10n';
import type { Problem } from '../yaml';
import { mt } from './messages';
import { parseReferenceModel, type Offsets, type ParsedModel, type ReferenceModel, type SectionKind } from './referenceModel';
import { sectionKey } from './sections';

/** The model a document follows when its front matter names none. */
export const DEFAULT_MODEL_ID = 'wco-digital-customs';

export interface ModelSource {
  uri: string;
  text: string;
  /** The model already read from `text` (a built-in model from the bundled snapshot). */
  parsed?: ParsedModel;
}

export interface ModelSummary {
  id: string;
  title?: string;
  description?: string;
  uri: string;
  origin: 'builtin' | 'workspace';
}

/** A problem found in some model file of a chain. */
export type ModelProblem = Problem & { uri: string };

/** What a concept document's `model:` resolves to. */
export interface DocumentModel {
  /** The id (or path) the document names, or the default id. */
  requested: string;
  /** Whether the front matter names the model. */
  explicit: boolean;
  /** Offsets of the `model:` value, and of the whole `model: …` entry, in the document. */
  valueRange?: Offsets;
  entryRange?: Offsets;
  /** The merged, usable model; undefined when it cannot be used (see `problem`). */
  model?: ReferenceModel;
  /** Files whose change may change this resolution. */
  uris: string[];
  /** `unknown-model` or `model-problems`, in the document's offsets. */
  problem?: Problem;
  /** All models a document could name. */
  available(): ModelSummary[];
  /** Language of the messages for this document. */
  locale?: Locale;
}

interface Resolved {
  model?: ReferenceModel;
  chain: string[];
  broken?: { reason: 'errors' | 'unknown' | 'cycle'; uri: string; id?: string; errors?: number };
}

export class ModelRegistry {
  private readonly builtins: { uri: string; parsed: ParsedModel }[];
  private readonly parsed = new Map<string, { version: string | number; parsed: ParsedModel }>();
  private readonly merged = new Map<string, { key: string; model: ReferenceModel; errors: number }>();

  constructor(
    builtins: readonly ModelSource[],
    private readonly files: WorkspaceFiles,
    private readonly catalog: InstrumentCatalog,
  ) {
    this.builtins = builtins.map((b) => ({ uri: b.uri, parsed: b.parsed ?? parseReferenceModel(b.uri, b.text, 'builtin') }));
  }

  /** Parsed built-in models (with their own problems, for tests). */
  builtinModels(): readonly { uri: string; parsed: ParsedModel }[] {
    return this.builtins;
  }

  /** Reads and parses a workspace model file (cached by the file's version). */
  load(uri: string): { version: string | number; parsed: ParsedModel } | { error: string } {
    const builtin = this.builtins.find((b) => b.uri === uri);
    if (builtin) return { version: 'builtin', parsed: builtin.parsed };
    const read = this.files.read(uri);
    if ('error' in read) return { error: read.error };
    const cached = this.parsed.get(uri);
    if (cached && cached.version === read.version) return cached;
    const entry = { version: read.version, parsed: parseReferenceModel(uri, read.text, 'workspace') };
    this.parsed.set(uri, entry);
    return entry;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }

  private workspaceUris(): string[] {
    return [...(this.files.modelUris?.() ?? [])].sort();
  }

  /** The model with an id: workspace files first (in path order), then the built-in models. */
  find(id: string, exclude?: string): { uri: string; parsed: ParsedModel } | undefined {
    for (const uri of this.workspaceUris()) {
      if (uri === exclude) continue;
      const l = this.load(uri);
      if ('parsed' in l && l.parsed.id === id) return { uri, parsed: l.parsed };
    }
    return this.builtins.find((b) => b.parsed.id === id && b.uri !== exclude);
  }

  /** Every model a document could name, one per id. */
  summaries(): ModelSummary[] {
    const out = new Map<string, ModelSummary>();
    const add = (uri: string, p: ParsedModel) => {
      if (!p.id || out.has(p.id)) return;
      out.set(p.id, { id: p.id, title: p.model?.title, description: p.model?.description, uri, origin: p.model?.origin ?? 'workspace' });
    };
    for (const uri of this.workspaceUris()) {
      const l = this.load(uri);
      if ('parsed' in l) add(uri, l.parsed);
    }
    for (const b of this.builtins) add(b.uri, b.parsed);
    return [...out.values()];
  }

  /** The model of a file merged with the models it extends. */
  resolve(uri: string, parsed: ParsedModel, visiting: ReadonlySet<string> = new Set()): Resolved {
    const own = parsed.model;
    const ownErrors = parsed.problems.filter((p) => p.severity === 'error').length + (own ? ownProblems(own).filter((p) => p.severity === 'error').length : 0);
    if (!own) return { chain: [uri], broken: { reason: 'errors', uri, errors: Math.max(1, ownErrors) } };
    let parent: Resolved | undefined;
    if (own.extendsId) {
      const found = this.find(own.extendsId, uri);
      if (!found) return { chain: [uri], broken: { reason: 'unknown', uri, id: own.extendsId } };
      if (visiting.has(found.uri) || found.uri === uri) return { chain: [uri, found.uri], broken: { reason: 'cycle', uri, id: own.extendsId } };
      parent = this.resolve(found.uri, found.parsed, new Set([...visiting, uri]));
      if (parent.broken) return { chain: [uri, ...parent.chain], broken: parent.broken };
    }
    const key = [uri, ...(parent?.chain ?? [])].map((u) => `${u}@${this.versionOf(u)}`).join('|');
    let entry = this.merged.get(uri);
    if (!entry || entry.key !== key) {
      const model = parent?.model ? mergeModels(parent.model, own) : { ...own, chain: [uri] };
      const errors = referenceProblems(model, this.catalog).filter((p) => p.severity === 'error').length;
      entry = { key, model, errors };
      this.merged.set(uri, entry);
    }
    if (ownErrors + entry.errors > 0) return { chain: entry.model.chain, broken: { reason: 'errors', uri, errors: ownErrors + entry.errors } };
    return { model: entry.model, chain: entry.model.chain };
  }

  private versionOf(uri: string): string | number {
    if (this.builtins.some((b) => b.uri === uri)) return 'builtin';
    return this.parsed.get(uri)?.version ?? '-';
  }

  /** Which model a concept document follows; undefined when the document is not checked against a model. */
  forDocument(doc: ConceptDocument, locale?: Locale): DocumentModel | undefined {
    const fm = doc.frontMatter;
    // A Markdown file with no front matter is not a concept unless its name says so.
    if (!fm && documentKind(doc.uri, true) !== 'concept') return undefined;
    const value = fm?.values.model?.trim();
    const valueRange = fm?.valueRanges.get('model');
    const keyRange = fm?.keyRanges.get('model');
    const requested = value || DEFAULT_MODEL_ID;
    const explicit = !!value;
    const result: DocumentModel = {
      requested,
      explicit,
      valueRange: value ? valueRange : undefined,
      entryRange: keyRange ? [keyRange[0], valueRange?.[1] ?? keyRange[1]] : undefined,
      uris: this.workspaceUris(),
      available: () => this.summaries(),
      locale,
    };
    const at = result.valueRange ?? result.entryRange ?? [0, 0];
    if (!value && valueRange && valueRange[1] > valueRange[0] && documentSlice(doc, valueRange[0], valueRange[1]).trim()) {
      // A list or a map where an id belongs: say so rather than silently use the default.
      result.problem = { start: valueRange[0], end: valueRange[1], code: 'invalid-value', severity: 'error', message: mt(locale, 'model.invalid') };
      return result;
    }
    let target: { uri: string; parsed: ParsedModel } | undefined;
    if (documentKind(requested) === 'model') {
      const uri = resolveGlossary(doc.uri, requested);
      const l = uri ? this.load(uri) : { error: 'the path is not valid.' };
      if (uri) result.uris.push(uri);
      if ('error' in l) {
        result.problem = { start: at[0], end: at[1], code: 'unknown-model', severity: 'error', message: mt(locale, 'unknown-model.file', { path: requested, reason: l.error }), data: { id: requested } };
        return result;
      }
      target = { uri: uri!, parsed: l.parsed };
    } else {
      target = this.find(requested);
      if (!target) {
        // Without built-in models (a bare service), an unnamed default is simply not checked.
        if (explicit) {
          const ids = this.summaries().map((s) => s.id);
          result.problem = {
            start: at[0], end: at[1], code: 'unknown-model', severity: 'error',
            message: mt(locale, 'unknown-model.id', { id: requested, known: ids.map((i) => '`' + i + '`').join(', ') }),
            data: { id: requested, known: ids },
          };
        }
        return result;
      }
    }
    const r = this.resolve(target.uri, target.parsed);
    for (const u of r.chain) if (!result.uris.includes(u)) result.uris.push(u);
    if (r.broken) {
      const name = target.parsed.id ?? requested;
      const why =
        r.broken.reason === 'unknown' ? mt(locale, 'model-problems.unknown', { id: r.broken.id ?? '' })
        : r.broken.reason === 'cycle' ? mt(locale, 'model-problems.cycle', { id: r.broken.id ?? '' })
        : mt(locale, 'model-problems.errors', {
          where: r.broken.uri === target.uri ? mt(locale, 'model-problems.self') : mt(locale, 'model-problems.parent', { file: shortName(r.broken.uri) }),
          count: r.broken.errors ?? 1,
        });
      result.problem = {
        start: at[0], end: at[1], code: 'model-problems', severity: 'warning',
        message: mt(locale, 'model-problems', { id: name, why, file: shortName(r.broken.uri) }),
        data: { id: name, uri: r.broken.uri },
      };
      return result;
    }
    result.model = r.model;
    return result;
  }

  /** Every problem of a model file, given its current text. */
  fileProblems(uri: string, text: string): Problem[] {
    const parsed = parseReferenceModel(uri, text, 'workspace');
    const problems: Problem[] = [...parsed.problems];
    const own = parsed.model;
    if (!own) return sortProblems(problems);
    problems.push(...ownProblems(own));
    let merged: ReferenceModel | undefined = { ...own, chain: [uri] };
    if (own.extendsId && own.extendsRange) {
      const [s, e] = own.extendsRange;
      const found = this.find(own.extendsId, uri);
      if (!found) {
        const ids = this.summaries().map((x) => x.id).filter((x) => x !== own.id);
        problems.push({ start: s, end: e, code: 'dangling-reference', severity: 'error', message: `No reference model has the id \`${own.extendsId}\`.${ids.length ? ` Known models: ${ids.map((i) => '`' + i + '`').join(', ')}.` : ''}` });
        merged = undefined;
      } else {
        const r = this.resolve(found.uri, found.parsed, new Set([uri]));
        if (r.broken?.reason === 'cycle' || r.chain.includes(uri)) {
          problems.push({ start: s, end: e, code: 'relation-cycle', severity: 'error', message: `\`extends\` makes a cycle: \`${own.extendsId}\` extends this model, directly or not.` });
          merged = undefined;
        } else if (r.broken) {
          problems.push({ start: s, end: e, code: 'model-problems', severity: 'warning', message: `The model \`${own.extendsId}\` (${shortName(found.uri)}) has problems; this model is checked once they are fixed.` });
          merged = undefined;
        } else if (r.model) {
          merged = mergeModels(r.model, own);
        }
      }
    }
    if (merged) for (const p of referenceProblems(merged, this.catalog)) if (p.uri === uri) problems.push(stripUri(p));
    // Two workspace models with one id: documents get the first in path order.
    if (own.idRange) {
      const other = this.find(own.id, uri);
      if (other && other.parsed.model?.origin === 'workspace' && other.uri < uri) {
        problems.push({ start: own.idRange[0], end: own.idRange[1], code: 'duplicate-id', severity: 'warning', message: `Another model file (${shortName(other.uri)}) has the id \`${own.id}\`; documents naming it use that one.` });
      }
    }
    return sortProblems(problems);
  }
}

function stripUri(p: ModelProblem): Problem {
  const { uri: _uri, ...rest } = p;
  return rest;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A child model over its parent: lists merged by id (the child wins), structured-part schemas replaced. */
export function mergeModels(parent: ReferenceModel, child: ReferenceModel): ReferenceModel {
  const byId = <T extends { id: string }>(a: readonly T[], b: readonly T[]): T[] => {
    const m = new Map<string, T>();
    for (const x of a) m.set(x.id, x);
    for (const x of b) m.set(x.id, x);
    return [...m.values()];
  };
  const sections: SectionKind[] = byId(parent.sections, child.sections);
  // A stable sort keeps the parent's list order among equal orders.
  sections.sort((x, y) => x.order - y.order);
  return {
    ...child,
    title: child.title ?? parent.title,
    description: child.description ?? parent.description,
    sections,
    elementTypes: byId(parent.elementTypes, child.elementTypes),
    relationTypes: byId(parent.relationTypes, child.relationTypes),
    elements: byId(parent.elements, child.elements),
    components: child.components ?? parent.components,
    maturity: child.maturity ?? parent.maturity,
    indicators: child.indicators ?? parent.indicators,
    chain: [child.uri, ...parent.chain],
  };
}

/** Duplicate ids inside one model file. */
export function ownProblems(model: ReferenceModel): Problem[] {
  const problems: Problem[] = [];
  const dup = (what: string, items: { id: string; range?: Offsets }[]) => {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.id) && it.range) {
        problems.push({ start: it.range[0], end: it.range[1], code: 'duplicate-id', severity: 'error', message: `The ${what} id \`${it.id}\` is used twice in this model.` });
      }
      seen.add(it.id);
    }
  };
  dup('section', model.sections.map((s) => ({ id: s.id, range: s.idRange })));
  dup('element type', model.elementTypes.map((s) => ({ id: s.id, range: s.idRange })));
  dup('relation type', model.relationTypes.map((s) => ({ id: s.id, range: s.idRange })));
  dup('element', model.elements.map((s) => ({ id: s.id, range: s.idRange })));
  if (model.components) {
    dup('status', model.components.statuses.map((s) => ({ id: s.id, range: s.range })));
    dup('component field', model.components.fields.map((s) => ({ id: s.id, range: s.idRange })));
  }
  if (model.indicators) dup('indicator field', model.indicators.fields.map((s) => ({ id: s.id, range: s.idRange })));
  if (model.maturity) {
    dup('dimension', model.maturity.dimensions.map((s) => ({ id: s.id, range: s.idRange })));
    dup('level', model.maturity.levelRanges.map((l) => ({ id: l.key, range: l.range })));
  }
  return problems;
}

/** Broken references of a merged model, each tagged with the file where it is written. */
export function referenceProblems(model: ReferenceModel, catalog: InstrumentCatalog): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const types = new Map(model.elementTypes.map((t) => [t.id, t]));
  const relTypes = new Map(model.relationTypes.map((t) => [t.id, t]));
  const elements = new Map(model.elements.map((e) => [e.id, e]));
  const push = (uri: string, range: Offsets | undefined, code: string, message: string, severity: Problem['severity'] = 'error') => {
    if (range) problems.push({ uri, start: range[0], end: range[1], code, severity, message });
  };

  // Two section kinds answering to the same heading would make matching ambiguous.
  const labels = new Map<string, SectionKind>();
  for (const s of model.sections) {
    for (const l of s.labelRanges) {
      const k = sectionKey(l.label);
      const first = labels.get(k);
      if (first && first.id !== s.id) push(s.uri, l.range, 'duplicate-id', `The heading «${l.label}» already stands for the section \`${first.id}\`.`);
      else if (!first) labels.set(k, s);
    }
  }
  for (const rt of model.relationTypes) {
    for (const ref of rt.typeRefs) if (!types.has(ref.id)) push(rt.uri, ref.range, 'dangling-reference', `No element type has the id \`${ref.id}\`.`);
  }
  for (const e of model.elements) {
    if (!types.has(e.type)) push(e.uri, e.typeRange, 'dangling-reference', `No element type has the id \`${e.type}\`. Types: ${[...types.keys()].map((t) => '`' + t + '`').join(', ') || 'none'}.`);
    e.instruments.forEach((id, i) => {
      if (!catalog.get(id)) {
        const closest = catalog.closest(id);
        push(e.uri, e.instrumentRanges[i], 'unknown-instrument', `Unknown instrument \`${id}\`.` + (closest.length ? ` Did you mean ${closest.map((x) => '`' + x + '`').join(', ')}?` : ''));
      }
    });
    for (const r of e.relations) {
      const rt = relTypes.get(r.type);
      if (!rt) {
        push(e.uri, r.typeRange, 'dangling-reference', `No relation type has the id \`${r.type}\`.`);
        continue;
      }
      const target = elements.get(r.target);
      if (!target) {
        push(e.uri, r.targetRange, 'dangling-reference', `No element has the id \`${r.target}\`.`);
        continue;
      }
      if (!rt.from.includes(e.type) || !rt.to.includes(target.type)) {
        push(e.uri, r.targetRange, 'invalid-value', `\`${rt.id}\` may lead from ${rt.from.map((t) => '`' + t + '`').join(', ')} to ${rt.to.map((t) => '`' + t + '`').join(', ')}, not from \`${e.type}\` to \`${target.type}\`.`);
      }
    }
  }
  for (const rt of model.relationTypes) {
    if (!rt.acyclic) continue;
    const edges = model.elements.flatMap((e) => e.relations.filter((r) => r.type === rt.id && elements.has(r.target)).map((r) => ({ from: e.id, to: r.target, uri: e.uri, range: r.targetRange })));
    for (const edge of cyclicEdges(edges)) push(edge.uri, edge.range, 'relation-cycle', `\`${rt.id}\` must not form a cycle: \`${edge.from}\` → \`${edge.to}\` closes one.`);
  }
  if (model.indicators) {
    const fields = new Set(model.indicators.fields.map((f) => f.id));
    for (const g of model.indicators.requireOneOf) g.ids.forEach((id, i) => {
      if (!fields.has(id)) push(model.indicators!.uri, g.ranges[i], 'dangling-reference', `No indicator field has the id \`${id}\`.`);
    });
  }
  const citations = (uri: string, source: string | undefined, range: Offsets | undefined) => {
    if (!source) return;
    for (const m of source.matchAll(/(?<![\w@])@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu)) {
      if (!catalog.get(m[1])) push(uri, range, 'unknown-instrument', `Unknown instrument \`@${m[1]}\`.`);
    }
  };
  citations(model.uri, model.source, model.sourceRange);
  if (model.maturity) citations(model.maturity.uri, model.maturity.source, model.maturity.sourceRange);
  return problems;
}

/** Edges that lie on a cycle (Tarjan's strongly connected components). */
export function cyclicEdges<E extends { from: string; to: string }>(edges: readonly E[]): E[] {
  const out = new Map<string, E[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let compCount = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const e of out.get(v) ?? []) {
      if (!index.has(e.to)) {
        visit(e.to);
        low.set(v, Math.min(low.get(v)!, low.get(e.to)!));
      } else if (onStack.has(e.to)) {
        low.set(v, Math.min(low.get(v)!, index.get(e.to)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        comp.set(w, compCount);
        if (w === v) break;
      }
      compCount++;
    }
  };
  for (const e of edges) if (!index.has(e.from)) visit(e.from);
  return edges.filter((e) => e.from === e.to || (comp.get(e.from) !== undefined && comp.get(e.from) === comp.get(e.to)));
}
