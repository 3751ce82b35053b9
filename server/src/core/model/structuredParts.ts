/**
 * The structured parts of a concept document's front matter, validated
 * against its reference model:
 *
 * ```yaml
 * maturity:                      # dimension -> level (number or level id)
 *   data-management: 2
 *   business-processes: {level: 3, target: 4, evidence: "…"}
 * indicators:                    # fields from the model's indicator schema
 *   - {id: release-time, name: …, unit: hours, method: …, baseline: 48, target: 12, source: "@trs-guide"}
 * components:                    # elements adopted from the model
 *   - element: risk-management-system
 *     status: operational        # one of the model's statuses
 *     relations: {dependsOn: [electronic-declaration-system]}
 * ```
 *
 * Every problem sits on the YAML node it concerns: `unknown-element` for an id
 * the model does not know, `invalid-value` for a wrong type, an out-of-range
 * level or a relation the model does not allow, `unknown-key` and
 * `missing-key` for fields, `duplicate-id`, `relation-cycle`, and
 * `unknown-instrument` for a citation in an indicator's source.
 */
import type { Document, Node } from 'yaml';
import { distance } from 'fastest-levenshtein';
import type { InstrumentCatalog } from '../catalog/catalog';
import { documentSlice, type ConceptDocument } from '../parse/conceptDocument';
import { deref, findPair, isMap, isScalar, isSeq, mapPairs, rangeOf, scalarString, type Problem } from '../yaml';
import type { FieldSpec, MaturityDimension, MaturityLevel, ModelElement, ReferenceModel } from './referenceModel';
import { cyclicEdges } from './registry';
import type { Locale } from '../l10n';
import { joinList, mt } from './messages';

/** Keys of an adopted component besides the model's extra fields. */
export const COMPONENT_KEYS: Record<string, string> = {
  element: 'Id of the model element adopted (required).',
  status: 'Status of the component in this concept (required).',
  relations: 'Relations of this component to other elements: relation type → element ids.',
};

/** Keys of a maturity entry written as a map. */
export const MATURITY_ENTRY_KEYS: Record<string, string> = {
  level: 'Level assessed today (required).',
  target: 'Level the concept aims at.',
  evidence: 'What the assessment rests on.',
  note: 'A remark.',
};

const CITATION = /(?<![\p{L}\p{N}_@.\-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*)/gu;

/** The levels that apply to a dimension. */
export function levelsOf(model: ReferenceModel, dimension: MaturityDimension | undefined): MaturityLevel[] {
  return dimension?.levels ?? model.maturity?.levels ?? [];
}

/** The level a value names: its number, or its id or name (case-insensitive). */
export function findLevel(levels: readonly MaturityLevel[], value: unknown): MaturityLevel | undefined {
  if (typeof value === 'number') return levels.find((l) => l.level === value);
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (/^\d+$/.test(v)) return levels.find((l) => l.level === Number(v));
  return levels.find((l) => l.id?.toLowerCase() === v || l.name.toLowerCase() === v);
}

/** Ids close to a mistyped one: a small edit distance, or a long enough common prefix (`data-mgmt` → `data-management`). */
export function closestIds(id: string, ids: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3));
  const lower = id.toLowerCase();
  const prefix = (c: string) => {
    let i = 0;
    while (i < c.length && i < lower.length && c[i] === lower[i]) i++;
    return i;
  };
  return ids
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()), p: prefix(c.toLowerCase()) }))
    .filter((x) => x.d <= limit || (x.p >= 4 && x.p * 2 >= id.length))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

export function structuredPartProblems(doc: ConceptDocument, model: ReferenceModel, catalog: InstrumentCatalog, locale?: Locale): Problem[] {
  const fm = doc.frontMatter;
  const y = fm?.yaml;
  if (!fm || !y || !isMap(y.contents)) return [];
  const ctx = new Ctx(doc, model, catalog, y, fm.start, locale);
  for (const pair of mapPairs(y.contents)) {
    const key = scalarString(pair.key);
    if (key === 'maturity') ctx.maturity(pair.key, deref(pair.value, y));
    else if (key === 'indicators') ctx.indicators(pair.key, deref(pair.value, y));
    else if (key === 'components') ctx.components(pair.key, deref(pair.value, y));
  }
  return ctx.problems;
}

class Ctx {
  readonly problems: Problem[] = [];
  private readonly elements: Map<string, ModelElement>;

  constructor(
    private readonly doc: ConceptDocument,
    private readonly model: ReferenceModel,
    private readonly catalog: InstrumentCatalog,
    private readonly y: Document,
    private readonly base: number,
    private readonly locale?: Locale,
  ) {
    this.elements = new Map(model.elements.map((e) => [e.id, e]));
  }

  private range(node: unknown): [number, number] | undefined {
    const r = rangeOf(node, this.base);
    return r && r[1] > r[0] ? r : undefined;
  }

  private report(node: unknown, code: string, severity: Problem['severity'], message: string, data?: unknown, fallback?: unknown): void {
    const r = this.range(node) ?? this.range(fallback);
    if (r) this.problems.push({ start: r[0], end: r[1], code, severity, message, ...(data !== undefined ? { data } : {}) });
  }

  private ids(list: readonly string[]): string {
    return list.map((s) => '`' + s + '`').join(', ');
  }

  private isEmpty(node: unknown): boolean {
    return node === undefined || node === null || (isScalar(node) && node.value === null);
  }

  maturity(keyNode: unknown, value: Node | undefined): void {
    const mm = this.model.maturity;
    if (!mm) {
      this.report(keyNode, 'unknown-key', 'warning', mt(this.locale, 'part.not-checked', { model: this.model.id, what: mt(this.locale, 'what.maturity'), key: 'maturity' }));
      return;
    }
    if (this.isEmpty(value)) return;
    if (!isMap(value)) {
      this.report(value, 'invalid-value', 'error', mt(this.locale, 'maturity.not-map'), undefined, keyNode);
      return;
    }
    const dims = new Map(mm.dimensions.map((d) => [d.id, d]));
    for (const pair of mapPairs(value)) {
      const id = scalarString(pair.key);
      if (id === undefined) continue;
      const dim = dims.get(id);
      if (!dim) {
        const suggestions = closestIds(id, [...dims.keys()]);
        this.report(pair.key, 'unknown-element', 'error', mt(this.locale, 'unknown.dimension', { id, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'dimension', id, suggestions });
        continue;
      }
      const v = deref(pair.value, this.y);
      const levels = levelsOf(this.model, dim);
      if (isMap(v)) {
        let hasLevel = false;
        for (const p of mapPairs(v)) {
          const k = scalarString(p.key);
          if (k === undefined) continue;
          if (!(k in MATURITY_ENTRY_KEYS)) {
            this.report(p.key, 'unknown-key', 'warning', mt(this.locale, 'unknown-key', { key: k, where: mt(this.locale, 'where.assessment'), known: Object.keys(MATURITY_ENTRY_KEYS).join(', ') }), { key: k });
          } else if (k === 'level' || k === 'target') {
            if (k === 'level') hasLevel = true;
            this.level(deref(p.value, this.y), levels, dim, p.key);
          } else {
            this.typed(deref(p.value, this.y), ['string'], k, p.key);
          }
        }
        if (!hasLevel) this.report(pair.key, 'missing-key', 'error', mt(this.locale, 'maturity.missing-level', { id }), { key: 'level' });
      } else {
        this.level(v, levels, dim, pair.key);
      }
    }
  }

  private level(node: Node | undefined, levels: readonly MaturityLevel[], dim: MaturityDimension, owner: unknown): void {
    const allowed = levels.map((l) => `${l.level} (${l.name})`).join(', ');
    if (this.isEmpty(node) || !isScalar(node)) {
      this.report(node, 'invalid-value', 'error', mt(this.locale, 'level.missing', { id: dim.id, levels: allowed }), undefined, owner);
      return;
    }
    if (!findLevel(levels, node.value)) {
      this.report(node, 'invalid-value', 'error', mt(this.locale, 'level.invalid', { value: String(node.value), id: dim.id, levels: allowed }), { levels: levels.map((l) => l.level) });
    }
  }

  indicators(keyNode: unknown, value: Node | undefined): void {
    const schema = this.model.indicators;
    if (!schema) {
      this.report(keyNode, 'unknown-key', 'warning', mt(this.locale, 'part.not-checked', { model: this.model.id, what: mt(this.locale, 'what.indicators'), key: 'indicators' }));
      return;
    }
    if (this.isEmpty(value)) return;
    if (!isSeq(value)) {
      this.report(value, 'invalid-value', 'error', mt(this.locale, 'indicators.not-list'), undefined, keyNode);
      return;
    }
    const fields = new Map(schema.fields.map((f) => [f.id, f]));
    const ids = new Set<string>();
    for (const item of value.items) {
      const it = deref(item, this.y);
      if (!isMap(it)) {
        this.report(it, 'invalid-value', 'error', mt(this.locale, 'indicator.not-map'));
        continue;
      }
      this.fields(it, fields, mt(this.locale, 'where.indicator'));
      const idNode = deref(findPair(it, 'id')?.value, this.y);
      const anchor = this.range(idNode) ? idNode : (mapPairs(it)[0]?.key ?? it);
      for (const f of schema.fields) {
        if (f.required && !findPair(it, f.id)) this.report(anchor, 'missing-key', 'error', mt(this.locale, 'indicator.missing-field', { key: f.id, description: !this.locale || this.locale === 'en' ? lowerFirst(f.description ?? '') : '' }), { key: f.id });
      }
      for (const g of schema.requireOneOf) {
        if (g.ids.length && !g.ids.some((id) => findPair(it, id))) {
          this.report(anchor, 'missing-key', 'error', mt(this.locale, 'indicator.one-of', { keys: joinList(this.locale, g.ids.map((x) => '`' + x + '`')) }), { key: g.ids[0], oneOf: g.ids });
        }
      }
      const id = scalarString(idNode);
      if (id !== undefined) {
        if (ids.has(id)) this.report(idNode, 'duplicate-id', 'warning', mt(this.locale, 'indicator.duplicate', { id }));
        ids.add(id);
      }
    }
  }

  components(keyNode: unknown, value: Node | undefined): void {
    if (!this.model.elements.length) {
      this.report(keyNode, 'unknown-key', 'warning', mt(this.locale, 'part.not-checked', { model: this.model.id, what: mt(this.locale, 'what.elements'), key: 'components' }));
      return;
    }
    if (this.isEmpty(value)) return;
    if (!isSeq(value)) {
      this.report(value, 'invalid-value', 'error', mt(this.locale, 'components.not-list'), undefined, keyNode);
      return;
    }
    const schema = this.model.components;
    const statuses = schema?.statuses.map((s) => s.id);
    const extra = new Map((schema?.fields ?? []).map((f) => [f.id, f]));
    const relTypes = new Map(this.model.relationTypes.map((r) => [r.id, r]));
    const adopted = new Set<string>();
    const edges: { type: string; from: string; to: string; range?: [number, number] }[] = [];
    for (const item of value.items) {
      const it = deref(item, this.y);
      if (!isMap(it)) {
        this.report(it, 'invalid-value', 'error', mt(this.locale, 'component.not-map'));
        continue;
      }
      let element: ModelElement | undefined;
      const elementPair = findPair(it, 'element');
      const elementNode = deref(elementPair?.value, this.y);
      const anchor = mapPairs(it)[0]?.key ?? it;
      if (!elementPair) {
        this.report(anchor, 'missing-key', 'error', mt(this.locale, 'component.missing-element'), { key: 'element' });
      } else if (!isScalar(elementNode) || typeof elementNode.value !== 'string') {
        this.report(elementNode, 'invalid-value', 'error', mt(this.locale, 'component.element-not-id'), undefined, elementPair.key);
      } else {
        const id = elementNode.value;
        element = this.elements.get(id);
        if (!element) {
          const suggestions = closestIds(id, [...this.elements.keys()]);
          this.report(elementNode, 'unknown-element', 'error', mt(this.locale, 'unknown.element', { id, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'element', id, suggestions });
        } else if (adopted.has(id)) {
          this.report(elementNode, 'duplicate-id', 'warning', mt(this.locale, 'component.duplicate', { id }));
        }
        adopted.add(id);
      }
      const statusPair = findPair(it, 'status');
      if (!statusPair) {
        this.report(elementNode ?? anchor, 'missing-key', 'error', mt(this.locale, 'component.missing-status', { statuses: statuses?.join(', ') ?? '' }), { key: 'status' }, anchor);
      }
      for (const p of mapPairs(it)) {
        const k = scalarString(p.key);
        if (k === undefined || k === 'element') continue;
        const v = deref(p.value, this.y);
        if (k === 'status') {
          if (!isScalar(v) || typeof v.value !== 'string') this.report(v, 'invalid-value', 'error', statuses ? mt(this.locale, 'field.values', { key: 'status', values: statuses.join(', ') }) : mt(this.locale, 'field.type', { key: 'status', types: mt(this.locale, 'type.string') }), undefined, p.key);
          else if (statuses && !statuses.includes(v.value)) this.report(v, 'invalid-value', 'error', mt(this.locale, 'status.invalid', { value: v.value, model: this.model.id, statuses: statuses.join(', ') }), { values: statuses });
        } else if (k === 'relations') {
          this.relations(v, p.key, element, relTypes, edges);
        } else {
          const f = extra.get(k);
          if (!f) this.report(p.key, 'unknown-key', 'warning', mt(this.locale, 'unknown-key', { key: k, where: mt(this.locale, 'where.component'), known: [...Object.keys(COMPONENT_KEYS), ...extra.keys()].join(', ') }), { key: k });
          else this.field(v, f, p.key);
        }
      }
    }
    // Relations declared by the document, together with the model's, must not close a cycle where the model forbids one.
    for (const rt of this.model.relationTypes) {
      if (!rt.acyclic) continue;
      const own = edges.filter((e) => e.type === rt.id);
      if (!own.length) continue;
      const modelEdges = this.model.elements.flatMap((e) => e.relations.filter((r) => r.type === rt.id).map((r) => ({ type: rt.id, from: e.id, to: r.target, range: undefined as [number, number] | undefined })));
      for (const e of cyclicEdges([...modelEdges, ...own])) {
        if (e.range) this.problems.push({ start: e.range[0], end: e.range[1], code: 'relation-cycle', severity: 'error', message: mt(this.locale, 'relation-cycle', { type: rt.id, from: e.from, to: e.to }) });
      }
    }
  }

  private relations(
    v: Node | undefined,
    keyNode: unknown,
    element: ModelElement | undefined,
    relTypes: Map<string, ReferenceModel['relationTypes'][number]>,
    edges: { type: string; from: string; to: string; range?: [number, number] }[],
  ): void {
    if (this.isEmpty(v)) return;
    if (!isMap(v)) {
      this.report(v, 'invalid-value', 'error', mt(this.locale, 'relations.not-map'), undefined, keyNode);
      return;
    }
    for (const p of mapPairs(v)) {
      const type = scalarString(p.key);
      if (type === undefined) continue;
      const rt = relTypes.get(type);
      if (!rt) {
        const suggestions = closestIds(type, [...relTypes.keys()]);
        this.report(p.key, 'unknown-element', 'error', mt(this.locale, 'unknown.relation-type', { id: type, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'relationType', id: type, suggestions });
        continue;
      }
      if (element && !rt.from.includes(element.type)) {
        this.report(p.key, 'invalid-value', 'error', mt(this.locale, 'relation.from', { type, allowed: this.ids(rt.from), elementType: element.type, id: element.id }));
        continue;
      }
      const tv = deref(p.value, this.y);
      const targets = isSeq(tv) ? tv.items.map((i) => deref(i, this.y)) : [tv];
      for (const t of targets) {
        if (!isScalar(t) || typeof t.value !== 'string') {
          this.report(t, 'invalid-value', 'error', mt(this.locale, 'relation.target-not-id'), undefined, p.key);
          continue;
        }
        const target = this.elements.get(t.value);
        if (!target) {
          const suggestions = closestIds(t.value, [...this.elements.keys()]);
          this.report(t, 'unknown-element', 'error', mt(this.locale, 'unknown.element', { id: t.value, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'element', id: t.value, suggestions });
          continue;
        }
        if (!rt.to.includes(target.type)) {
          this.report(t, 'invalid-value', 'error', mt(this.locale, 'relation.to', { type, allowed: this.ids(rt.to), elementType: target.type, id: target.id }));
          continue;
        }
        if (element) edges.push({ type, from: element.id, to: target.id, range: this.range(t) });
      }
    }
  }

  private fields(it: Node, fields: Map<string, FieldSpec>, what: string): void {
    for (const p of mapPairs(it)) {
      const k = scalarString(p.key);
      if (k === undefined) continue;
      const f = fields.get(k);
      if (!f) {
        const suggestions = closestIds(k, [...fields.keys()]);
        this.report(p.key, 'unknown-key', 'warning', mt(this.locale, 'unknown-key', { key: k, where: what, suggestions: this.ids(suggestions), known: [...fields.keys()].join(', ') }), { key: k, suggestions });
        continue;
      }
      this.field(deref(p.value, this.y), f, p.key);
    }
  }

  /** Checks a value against a field of the model. */
  private field(v: Node | undefined, f: FieldSpec, keyNode: unknown): void {
    if (!this.typed(v, f.types, f.id, keyNode)) return;
    const value = isScalar(v) ? v.value : undefined;
    if (f.values && !f.values.some((x) => x === value)) {
      this.report(v, 'invalid-value', 'error', mt(this.locale, 'field.values', { key: f.id, values: f.values.join(', ') }), { values: f.values });
      return;
    }
    if (f.ref === 'element' && typeof value === 'string' && !this.elements.has(value)) {
      const suggestions = closestIds(value, [...this.elements.keys()]);
      this.report(v, 'unknown-element', 'error', mt(this.locale, 'unknown.element', { id: value, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'element', id: value, suggestions });
    }
    if (f.ref === 'dimension' && typeof value === 'string') {
      const dims = this.model.maturity?.dimensions.map((d) => d.id) ?? [];
      if (!dims.includes(value)) {
        const suggestions = closestIds(value, dims);
        this.report(v, 'unknown-element', 'error', mt(this.locale, 'unknown.dimension', { id: value, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'dimension', id: value, suggestions });
      }
    }
    if (f.ref === 'reference' && typeof value === 'string') {
      const ids = referenceIds(this.model);
      if (!ids.includes(value)) {
        const suggestions = closestIds(value, ids);
        const system = this.model.indicators?.reference?.name ?? 'the reference indicator system';
        this.report(v, 'unknown-element', 'error', mt(this.locale, 'unknown.reference', { id: value, system, model: this.model.id, suggestions: this.ids(suggestions) }), { kind: 'reference', id: value, suggestions });
      }
    }
    if (f.types.includes('citation') && typeof value === 'string' && isScalar(v)) this.citations(v);
  }

  /** Whether a value has one of the types; reports `invalid-value` when not. */
  private typed(v: Node | undefined, types: readonly string[], name: string, keyNode: unknown): boolean {
    const value = isScalar(v) ? v.value : undefined;
    const ok = types.some((t) => {
      switch (t) {
        case 'string':
        case 'citation':
          return typeof value === 'string' && value.trim() !== '';
        case 'number':
          return typeof value === 'number' && Number.isFinite(value);
        case 'integer':
          return typeof value === 'number' && Number.isInteger(value);
        case 'boolean':
          return typeof value === 'boolean';
        case 'date':
          return typeof value === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value);
        default:
          return false;
      }
    });
    if (!ok) {
      const word = (t: string) => mt(this.locale, t === 'citation' ? 'type.string' : (`type.${t}` as 'type.string'));
      this.report(v, 'invalid-value', 'error', mt(this.locale, 'field.type', { key: name, types: joinList(this.locale, [...new Set(types.map(word))]) }), undefined, keyNode);
    }
    return ok;
  }

  /** `@id` citations inside a scalar, each checked against the catalog at its exact place. */
  private citations(v: Node): void {
    const r = rangeOf(v, this.base);
    if (!r) return;
    const raw = documentSlice(this.doc, r[0], r[1]);
    CITATION.lastIndex = 0;
    for (let m = CITATION.exec(raw); m; m = CITATION.exec(raw)) {
      if (this.catalog.get(m[1])) continue;
      const closest = this.catalog.closest(m[1]);
      this.problems.push({
        start: r[0] + m.index, end: r[0] + m.index + m[0].length, code: 'unknown-instrument', severity: 'error',
        message: mt(this.locale, 'unknown-instrument', { id: m[1], suggestions: closest.map((x) => '`@' + x + '`').join(', ') }),
        data: { id: m[1], suggestions: closest },
      });
    }
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/** Ids a field with `ref: reference` may take: the reference system's indicators, then its dimensions. */
export function referenceIds(model: ReferenceModel): string[] {
  const r = model.indicators?.reference;
  return r ? [...r.indicators.map((i) => i.id), ...r.dimensions.map((d) => d.id)] : [];
}
