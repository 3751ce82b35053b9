/**
 * A reference model (`*.model.yaml`) read into a `ReferenceModel`: section
 * kinds, element types, relation types and elements, the schemas of the
 * structured front-matter parts (components, maturity, indicators).
 *
 * Reading never fails: the JSON Schema reports what is malformed (see
 * `schema.ts`), and this reader keeps every part it can understand, with the
 * offsets of ids and references so later checks can point at them.
 */
import type { Document } from 'yaml';
import { deref, findPair, isMap, isScalar, isSeq, mapPairs, parseYaml, rangeOf, scalarString, type Problem } from '../yaml';
import { validateModelSchema } from './schema';

export type Offsets = [number, number];

/** Where a model comes from: shipped with the server, or a file of the workspace. */
export type ModelOrigin = 'builtin' | 'workspace';

export interface SectionKind {
  id: string;
  title: string;
  aliases: string[];
  /** Title by language code (`ru`, `fr`…). */
  translations: Record<string, string>;
  required: boolean;
  /** Position in the expected order: smaller comes first. */
  order: number;
  /** Terms a document containing this section must define. */
  defines: string[];
  /** The structured front-matter part the section explains. */
  part?: 'maturity' | 'indicators' | 'components';
  guidance?: string;
  /** Guidance by language code (`fr`, `ru`…), for documents in that language (`guidanceTranslations`). */
  guidanceTranslations: Record<string, string>;
  template?: string;
  /** The file that declares the section (models may extend others). */
  uri: string;
  idRange?: Offsets;
  /** Offsets of the title, each alias and each translation, for duplicate checks. */
  labelRanges: { label: string; range: Offsets }[];
}

export interface ElementType {
  id: string;
  name?: string;
  /** The name in other languages, by language code. */
  nameTranslations: Record<string, string>;
  description?: string;
  uri: string;
  idRange?: Offsets;
}

export interface RelationType {
  id: string;
  name?: string;
  /** The name in other languages, by language code. */
  nameTranslations: Record<string, string>;
  description?: string;
  /** Element types a relation may start from, and lead to. */
  from: string[];
  to: string[];
  acyclic: boolean;
  uri: string;
  idRange?: Offsets;
  typeRefs: { id: string; range: Offsets }[];
}

export interface ElementRelation {
  type: string;
  target: string;
  typeRange?: Offsets;
  targetRange?: Offsets;
}

export interface ModelElement {
  id: string;
  type: string;
  name?: string;
  description?: string;
  /** Catalog ids of the instruments the element applies. */
  instruments: string[];
  instrumentRanges: Offsets[];
  /** The locator written after each id (`tfa, Art. 7.2`), or undefined; parallel to `instruments`. */
  instrumentLocators: (string | undefined)[];
  relations: ElementRelation[];
  uri: string;
  idRange?: Offsets;
  typeRange?: Offsets;
}

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'citation';

/** A field of an indicator or of an adopted component. */
export interface FieldSpec {
  id: string;
  types: FieldType[];
  required: boolean;
  values?: (string | number)[];
  ref?: 'element' | 'dimension' | 'reference';
  description?: string;
  idRange?: Offsets;
}

/** A dimension of a reference indicator system (such as the four dimensions of the WCO PMM). */
export interface ReferenceDimension {
  id: string;
  name: string;
  description?: string;
}

/** An indicator of a reference system that a concept's own indicator may refer to (`pmm: …`). */
export interface ReferenceIndicator {
  id: string;
  name: string;
  /** Id of its `ReferenceDimension`. */
  dimension?: string;
  /** The expected outcome it measures. */
  outcome?: string;
  description?: string;
  confidence?: string;
  note?: string;
}

/** An indicator system a model points to (`indicators.reference`), e.g. the WCO Performance Measurement Mechanism. */
export interface IndicatorReference {
  name?: string;
  source?: string;
  provenance?: string;
  confidence?: string;
  dimensions: ReferenceDimension[];
  indicators: ReferenceIndicator[];
}

export interface MaturityLevel {
  level: number;
  id?: string;
  name: string;
  description?: string;
}

export interface MaturityDimension {
  id: string;
  name?: string;
  description?: string;
  /** Levels of this dimension when they differ from the model's. */
  levels?: MaturityLevel[];
  idRange?: Offsets;
}

export interface MaturityModel {
  provenance: string;
  provisional: boolean;
  confidence?: 'high' | 'medium' | 'low';
  source?: string;
  sourceRange?: Offsets;
  levels: MaturityLevel[];
  dimensions: MaturityDimension[];
  uri: string;
  /** Offsets of each level number and id, for duplicate checks. */
  levelRanges: { key: string; range: Offsets }[];
}

export interface ComponentSchema {
  statuses: { id: string; description?: string; range?: Offsets }[];
  /** Fields besides `element`, `status` and `relations`. */
  fields: FieldSpec[];
  uri: string;
}

export interface IndicatorSchema {
  fields: FieldSpec[];
  /** Groups of fields of which an indicator must give at least one. */
  requireOneOf: { ids: string[]; ranges: Offsets[] }[];
  /** The reference indicator system, if the model names one. */
  reference?: IndicatorReference;
  uri: string;
}

export interface ReferenceModel {
  id: string;
  uri: string;
  origin: ModelOrigin;
  title?: string;
  version?: string;
  description?: string;
  source?: string;
  sourceRange?: Offsets;
  extendsId?: string;
  extendsRange?: Offsets;
  idRange?: Offsets;
  sections: SectionKind[];
  elementTypes: ElementType[];
  relationTypes: RelationType[];
  elements: ModelElement[];
  components?: ComponentSchema;
  maturity?: MaturityModel;
  indicators?: IndicatorSchema;
  /** Uris of this model and the models it extends, nearest first (set when merged). */
  chain: string[];
}

export interface ParsedModel {
  /** Undefined when the file has no usable `id`. */
  model?: ReferenceModel;
  /** The `id` of the file, even when the rest is unusable. */
  id?: string;
  problems: Problem[];
}

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'integer', 'boolean', 'date', 'citation'];

/** Reads a `*.model.yaml` text. Problems carry offsets of `text`. */
export function parseReferenceModel(uri: string, text: string, origin: ModelOrigin = 'workspace'): ParsedModel {
  const { doc: y, problems: yamlProblems } = parseYaml(text, 0);
  const root = y.contents;
  const parsed = (p: Omit<ParsedModel, 'problems'>): ParsedModel => withSchemaProblems(p, yamlProblems, origin === 'builtin' ? undefined : () => validateModelSchema(y, text));
  if (!isMap(root)) return parsed({});
  const str = (node: unknown, key: string): string | undefined => {
    const v = deref(findPair(node, key)?.value, y);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  };
  const idNode = deref(findPair(root, 'id')?.value, y);
  const id = isScalar(idNode) && typeof idNode.value === 'string' ? idNode.value : undefined;
  if (!id) return parsed({});
  const versionNode = deref(findPair(root, 'version')?.value, y);
  const extendsNode = deref(findPair(root, 'extends')?.value, y);
  const sourceNode = deref(findPair(root, 'source')?.value, y);
  const model: ReferenceModel = {
    id,
    uri,
    origin,
    title: str(root, 'title'),
    version: scalarString(versionNode),
    description: str(root, 'description'),
    source: str(root, 'source'),
    sourceRange: isScalar(sourceNode) ? rangeOf(sourceNode, 0) : undefined,
    extendsId: isScalar(extendsNode) && typeof extendsNode.value === 'string' ? extendsNode.value : undefined,
    extendsRange: rangeOf(extendsNode, 0),
    idRange: rangeOf(idNode, 0),
    sections: readSections(root, y, uri),
    elementTypes: listOf(root, 'elementTypes', y).flatMap((n) => {
      const it = readId(n, y);
      return it ? [{ id: it.id, idRange: it.range, name: str(n, 'name'), nameTranslations: textsByLanguage(findPair(n, 'translations')?.value, y), description: str(n, 'description'), uri }] : [];
    }),
    relationTypes: listOf(root, 'relationTypes', y).flatMap((n) => {
      const it = readId(n, y);
      if (!it) return [];
      const from = idList(findPair(n, 'from')?.value, y);
      const to = idList(findPair(n, 'to')?.value, y);
      const acyclic = deref(findPair(n, 'acyclic')?.value, y);
      return [{
        id: it.id, idRange: it.range, name: str(n, 'name'), nameTranslations: textsByLanguage(findPair(n, 'translations')?.value, y), description: str(n, 'description'), uri,
        from: from.map((x) => x.id), to: to.map((x) => x.id), acyclic: isScalar(acyclic) && acyclic.value === true,
        typeRefs: [...from, ...to],
      }];
    }),
    elements: listOf(root, 'elements', y).flatMap((n) => readElement(n, y, uri)),
    chain: [uri],
  };
  const components = deref(findPair(root, 'components')?.value, y);
  if (isMap(components)) {
    model.components = {
      uri,
      statuses: listOf(components, 'statuses', y).flatMap((s) => {
        const it = readId(s, y);
        return it ? [{ id: it.id, range: it.range, description: str(s, 'description') }] : [];
      }),
      fields: listOf(components, 'fields', y).flatMap((f) => readField(f, y)),
    };
  }
  const maturity = deref(findPair(root, 'maturity')?.value, y);
  if (isMap(maturity)) {
    const conf = str(maturity, 'confidence');
    const provisional = deref(findPair(maturity, 'provisional')?.value, y);
    const levelRanges: { key: string; range: Offsets }[] = [];
    const msource = deref(findPair(maturity, 'source')?.value, y);
    model.maturity = {
      uri,
      provenance: str(maturity, 'provenance') ?? '',
      provisional: isScalar(provisional) && provisional.value === true,
      confidence: conf === 'high' || conf === 'medium' || conf === 'low' ? conf : undefined,
      source: str(maturity, 'source'),
      sourceRange: isScalar(msource) ? rangeOf(msource, 0) : undefined,
      levels: readLevels(findPair(maturity, 'levels')?.value, y, levelRanges),
      dimensions: listOf(maturity, 'dimensions', y).flatMap((d) => {
        const it = readId(d, y);
        if (!it) return [];
        const levelsNode = findPair(d, 'levels')?.value;
        return [{ id: it.id, idRange: it.range, name: str(d, 'name'), description: str(d, 'description'), levels: levelsNode ? readLevels(levelsNode, y, []) : undefined }];
      }),
      levelRanges,
    };
  }
  const indicators = deref(findPair(root, 'indicators')?.value, y);
  if (isMap(indicators)) {
    model.indicators = {
      uri,
      fields: listOf(indicators, 'fields', y).flatMap((f) => readField(f, y)),
      requireOneOf: listOf(indicators, 'requireOneOf', y).map((g) => {
        const ids = idList(g, y);
        return { ids: ids.map((x) => x.id), ranges: ids.map((x) => x.range) };
      }),
      reference: readIndicatorReference(deref(findPair(indicators, 'reference')?.value, y), y),
    };
  }
  return parsed({ model, id });
}

/**
 * The problems of a parsed model: its YAML problems, then its schema problems.
 * A built-in model is ours and valid (tests/core/model.test.ts validates it against
 * the schema), so it is not validated. A workspace model is validated when its
 * problems are first asked for: finding a model by id reads every workspace model,
 * and compiling the schema with Ajv costs ~100 ms, which only a model that is used
 * or checked should cost.
 */
function withSchemaProblems(p: Omit<ParsedModel, 'problems'>, yamlProblems: Problem[], validate: (() => Problem[]) | undefined): ParsedModel {
  if (!validate) return { ...p, problems: yamlProblems };
  const out = p as ParsedModel;
  Object.defineProperty(out, 'problems', {
    configurable: true,
    enumerable: true,
    get(): Problem[] {
      const problems = [...yamlProblems, ...validate()];
      Object.defineProperty(out, 'problems', { value: problems, writable: true, enumerable: true, configurable: true });
      return problems;
    },
  });
  return out;
}

function listOf(node: unknown, key: string, y: Document): unknown[] {
  const v = deref(findPair(node, key)?.value, y);
  return isSeq(v) ? v.items.map((i) => deref(i, y)) : [];
}

function readId(node: unknown, y: Document): { id: string; range: Offsets } | undefined {
  const v = deref(findPair(node, 'id')?.value, y);
  if (!isScalar(v) || typeof v.value !== 'string' || !v.value) return undefined;
  return { id: v.value, range: rangeOf(v, 0)! };
}

/** A scalar id or a list of scalar ids, with their offsets. */
function idList(node: unknown, y: Document): { id: string; range: Offsets }[] {
  const n = deref(node, y);
  const items = isSeq(n) ? n.items.map((i) => deref(i, y)) : [n];
  const out: { id: string; range: Offsets }[] = [];
  for (const i of items) {
    if (isScalar(i) && typeof i.value === 'string' && i.value) out.push({ id: i.value, range: rangeOf(i, 0)! });
  }
  return out;
}

function stringList(node: unknown, y: Document): { value: string; range: Offsets }[] {
  const n = deref(node, y);
  if (!isSeq(n)) return [];
  const out: { value: string; range: Offsets }[] = [];
  for (const item of n.items) {
    const i = deref(item, y);
    if (isScalar(i) && typeof i.value === 'string' && i.value.trim()) out.push({ value: i.value, range: rangeOf(i, 0)! });
  }
  return out;
}

/** A map of texts by language code (`{ru: …, fr: …}`); blank and non-text values are left out. */
function textsByLanguage(node: unknown, y: Document): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of mapPairs(deref(node, y))) {
    const lang = scalarString(p.key);
    const v = deref(p.value, y);
    if (lang && isScalar(v) && typeof v.value === 'string' && v.value.trim()) out[lang] = v.value;
  }
  return out;
}

function readSections(root: unknown, y: Document, uri: string): SectionKind[] {
  const out: SectionKind[] = [];
  let previousOrder = 0;
  for (const n of listOf(root, 'sections', y)) {
    const it = readId(n, y);
    const titleNode = deref(findPair(n, 'title')?.value, y);
    if (!it || !isScalar(titleNode) || typeof titleNode.value !== 'string') continue;
    const orderNode = deref(findPair(n, 'order')?.value, y);
    const order = isScalar(orderNode) && typeof orderNode.value === 'number' ? orderNode.value : previousOrder + 1;
    previousOrder = order;
    const requiredNode = deref(findPair(n, 'required')?.value, y);
    const aliases = stringList(findPair(n, 'aliases')?.value, y);
    const translations: Record<string, string> = {};
    const labelRanges = [{ label: titleNode.value, range: rangeOf(titleNode, 0)! }, ...aliases.map((a) => ({ label: a.value, range: a.range }))];
    for (const p of mapPairs(deref(findPair(n, 'translations')?.value, y))) {
      const lang = scalarString(p.key);
      const v = deref(p.value, y);
      if (lang && isScalar(v) && typeof v.value === 'string' && v.value.trim()) {
        translations[lang] = v.value;
        labelRanges.push({ label: v.value, range: rangeOf(v, 0)! });
      }
    }
    const partNode = deref(findPair(n, 'part')?.value, y);
    const part = isScalar(partNode) && (partNode.value === 'maturity' || partNode.value === 'indicators' || partNode.value === 'components') ? partNode.value : undefined;
    const text = (key: string) => {
      const v = deref(findPair(n, key)?.value, y);
      return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    };
    const guidanceTranslations = textsByLanguage(findPair(n, 'guidanceTranslations')?.value ?? findPair(n, 'guidance_translations')?.value, y);
    out.push({
      id: it.id,
      idRange: it.range,
      title: titleNode.value,
      aliases: aliases.map((a) => a.value),
      translations,
      required: isScalar(requiredNode) && requiredNode.value === true,
      order,
      defines: stringList(findPair(n, 'defines')?.value, y).map((d) => d.value),
      part,
      guidance: text('guidance'),
      guidanceTranslations,
      template: text('template'),
      uri,
      labelRanges,
    });
  }
  return out;
}

function readElement(n: unknown, y: Document, uri: string): ModelElement[] {
  const it = readId(n, y);
  const typeNode = deref(findPair(n, 'type')?.value, y);
  if (!it || !isScalar(typeNode) || typeof typeNode.value !== 'string') return [];
  const relations: ElementRelation[] = [];
  for (const p of mapPairs(deref(findPair(n, 'relations')?.value, y))) {
    const type = scalarString(p.key);
    if (!type) continue;
    for (const t of idList(p.value, y)) relations.push({ type, target: t.id, typeRange: rangeOf(p.key, 0), targetRange: t.range });
  }
  // `tfa, Art. 7.2`: the id, then the locator of the part cited.
  const instruments = idList(findPair(n, 'instruments')?.value, y).map((x) => {
    const comma = x.id.indexOf(',');
    // With a locator, the range stays the whole scalar (quotes included), which a problem then underlines.
    return comma < 0 ? { ...x, locator: undefined } : { id: x.id.slice(0, comma).trim(), locator: x.id.slice(comma + 1).trim() || undefined, range: x.range };
  });
  const text = (key: string) => {
    const v = deref(findPair(n, key)?.value, y);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  };
  return [{
    id: it.id,
    idRange: it.range,
    type: typeNode.value,
    typeRange: rangeOf(typeNode, 0),
    name: text('name'),
    description: text('description'),
    instruments: instruments.map((i) => i.id),
    instrumentRanges: instruments.map((i) => i.range),
    instrumentLocators: instruments.map((i) => i.locator),
    relations,
    uri,
  }];
}

function readField(n: unknown, y: Document): FieldSpec[] {
  const it = readId(n, y);
  if (!it) return [];
  const typeNode = deref(findPair(n, 'type')?.value, y);
  const rawTypes = isSeq(typeNode) ? typeNode.items.map((i) => scalarString(deref(i, y))) : [scalarString(typeNode)];
  const types = rawTypes.filter((t): t is FieldType => FIELD_TYPES.includes(t as FieldType));
  const requiredNode = deref(findPair(n, 'required')?.value, y);
  const valuesNode = deref(findPair(n, 'values')?.value, y);
  const values = isSeq(valuesNode)
    ? valuesNode.items.map((i) => deref(i, y)).flatMap((i) => (isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number') ? [i.value] : []))
    : undefined;
  const refNode = deref(findPair(n, 'ref')?.value, y);
  const ref = isScalar(refNode) && (refNode.value === 'element' || refNode.value === 'dimension' || refNode.value === 'reference') ? refNode.value : undefined;
  const descNode = deref(findPair(n, 'description')?.value, y);
  return [{
    id: it.id,
    idRange: it.range,
    types: types.length ? types : ['string'],
    required: isScalar(requiredNode) && requiredNode.value === true,
    values: values?.length ? values : undefined,
    ref,
    description: isScalar(descNode) && typeof descNode.value === 'string' ? descNode.value : undefined,
  }];
}

function readLevels(node: unknown, y: Document, ranges: { key: string; range: Offsets }[]): MaturityLevel[] {
  const n = deref(node, y);
  if (!isSeq(n)) return [];
  const out: MaturityLevel[] = [];
  for (const item of n.items) {
    const l = deref(item, y);
    const levelNode = deref(findPair(l, 'level')?.value, y);
    const nameNode = deref(findPair(l, 'name')?.value, y);
    if (!isScalar(levelNode) || typeof levelNode.value !== 'number' || !Number.isInteger(levelNode.value)) continue;
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string') continue;
    const idNode = deref(findPair(l, 'id')?.value, y);
    const descNode = deref(findPair(l, 'description')?.value, y);
    const level: MaturityLevel = { level: levelNode.value, name: nameNode.value };
    ranges.push({ key: '#' + levelNode.value, range: rangeOf(levelNode, 0)! });
    if (isScalar(idNode) && typeof idNode.value === 'string') {
      level.id = idNode.value;
      ranges.push({ key: idNode.value.toLowerCase(), range: rangeOf(idNode, 0)! });
    }
    if (isScalar(descNode) && typeof descNode.value === 'string') level.description = descNode.value;
    out.push(level);
  }
  return out.sort((a, b) => a.level - b.level);
}

/** `indicators.reference`: the dimensions and indicators of a reference system, each with an id and a name. */
function readIndicatorReference(node: unknown, y: Document): IndicatorReference | undefined {
  if (!isMap(node)) return undefined;
  const text = (n: unknown, key: string) => {
    const v = deref(findPair(n, key)?.value, y);
    return isScalar(v) && typeof v.value === 'string' && v.value.trim() ? v.value : undefined;
  };
  const named = (key: string) => listOf(node, key, y).flatMap((n) => {
    const id = readId(n, y)?.id;
    const name = text(n, 'name');
    return id && name ? [{ n, id, name }] : [];
  });
  return {
    name: text(node, 'name'),
    source: text(node, 'source'),
    provenance: text(node, 'provenance'),
    confidence: text(node, 'confidence'),
    dimensions: named('dimensions').map(({ n, id, name }) => ({ id, name, description: text(n, 'description') })),
    indicators: named('indicators').map(({ n, id, name }) => ({
      id, name, dimension: text(n, 'dimension'), outcome: text(n, 'outcome'), description: text(n, 'description'), confidence: text(n, 'confidence'), note: text(n, 'note'),
    })),
  };
}

/** A section's guidance in a document's language, else the model's own. */
export function guidanceFor(section: SectionKind, language?: string): string | undefined {
  return (language && section.guidanceTranslations?.[language]) || section.guidance;
}
