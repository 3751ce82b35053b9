/**
 * Term bases as a SKOS thesaurus in Turtle (written and read with n3): a
 * `skos:ConceptScheme`, a `skos:Concept` per term with one `skos:prefLabel` per
 * language, variants as `skos:altLabel`, deprecated labels as `skos:hiddenLabel`,
 * `skos:definition` per language and `skos:broader`/`narrower`/`related`.
 * Relations to terms outside the file point at concepts that are not in the
 * scheme and carry only a label; `confidence`, `match` and `exclude` use this
 * project's own vocabulary.
 */
import { DataFactory, Parser, Writer, type Quad, type Quad_Object } from 'n3';
import { checkConcept, emptyConcept, ImportError, preferredLabel, type Concept, type LabelStatus, type TermModel } from './termModel';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
/** This project's vocabulary for what SKOS has no property for. */
export const CC = 'https://github.com/customs-concepts/customs-concepts#';

const LABEL_PROPERTY: Record<LabelStatus, string> = { preferred: 'prefLabel', admitted: 'altLabel', deprecated: 'hiddenLabel' };
const RELATIONS = ['broader', 'narrower', 'related'] as const;

const { namedNode, literal, quad } = DataFactory;

/** A readable local name from a label: ASCII letters and digits joined by `-`. */
function slug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function toSkos(model: TermModel, baseIri: string, title: string): string {
  const used = new Set<string>();
  const mint = (label: string, n: number) => {
    let name = slug(label) || `concept-${n}`;
    if (/^\d/.test(name)) name = `c-${name}`;
    let unique = name;
    for (let k = 2; used.has(unique); k++) unique = `${name}-${k}`;
    used.add(unique);
    return baseIri + unique;
  };
  const scheme = namedNode(baseIri + 'scheme');
  used.add('scheme');
  const iriOf = new Map<string, string>();
  const iris = model.concepts.map((c, i) => {
    const label = preferredLabel(c, model.language)!;
    const iri = mint(label, i + 1);
    if (!iriOf.has(label)) iriOf.set(label, iri);
    return iri;
  });
  const quads: Quad[] = [
    quad(scheme, namedNode(RDF_TYPE), namedNode(SKOS + 'ConceptScheme')),
    quad(scheme, namedNode(DCT + 'title'), literal(title)),
    quad(scheme, namedNode(DCT + 'language'), literal(model.language)),
  ];
  const outside: Quad[] = [];
  model.concepts.forEach((c, i) => {
    const s = namedNode(iris[i]);
    const add = (p: string, o: Quad_Object) => quads.push(quad(s, namedNode(p), o));
    add(RDF_TYPE, namedNode(SKOS + 'Concept'));
    add(SKOS + 'inScheme', scheme);
    for (const l of c.labels) add(SKOS + LABEL_PROPERTY[l.status], literal(l.text, l.lang));
    for (const [lang, text] of Object.entries(c.definitions)) add(SKOS + 'definition', literal(text, lang));
    if (c.source !== undefined) add(DCT + 'source', literal(c.source));
    if (c.note !== undefined) add(SKOS + 'note', literal(c.note));
    for (const rel of RELATIONS) {
      for (const target of c[rel]) {
        let iri = iriOf.get(target);
        if (!iri) {
          iri = mint(target, 0);
          iriOf.set(target, iri);
          outside.push(quad(namedNode(iri), namedNode(RDF_TYPE), namedNode(SKOS + 'Concept')), quad(namedNode(iri), namedNode(SKOS + 'prefLabel'), literal(target, model.language)));
        }
        add(SKOS + rel, namedNode(iri));
      }
    }
    if (c.confidence !== undefined) add(CC + 'confidence', literal(c.confidence));
    if (c.match !== undefined) add(CC + 'match', literal(c.match));
    for (const x of c.exclude) add(CC + 'exclude', literal(x));
  });
  const writer = new Writer({ prefixes: { skos: SKOS, dct: DCT, cc: CC, '': baseIri } });
  writer.addQuads([...quads, ...outside]);
  let result = '';
  writer.end((error, text) => {
    if (error) throw error;
    result = text;
  });
  return result;
}

/** Reads a SKOS thesaurus in Turtle. Throws `ImportError` with the line of the first problem. */
export function fromSkos(text: string): TermModel {
  let quads: Quad[];
  try {
    quads = new Parser({ format: 'text/turtle' }).parse(text);
  } catch (e) {
    const line = (e as { context?: { line?: number } }).context?.line ?? 1;
    throw new ImportError(line, `Turtle syntax error: ${(e as Error).message}`);
  }
  const lineOf = (iri: string) => {
    let at = text.indexOf(`<${iri}>`);
    if (at < 0) {
      const local = /[\p{L}\p{N}_.-]*$/u.exec(iri)![0];
      const m = new RegExp(`:${local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).exec(text);
      at = m ? m.index : 0;
    }
    return text.slice(0, at).split('\n').length;
  };
  const schemes = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === SKOS + 'ConceptScheme').map((q) => q.subject.value);
  if (schemes.length !== 1) throw new ImportError(1, schemes.length ? 'The file has several `skos:ConceptScheme`s; one term base is one scheme.' : 'The file has no `skos:ConceptScheme`.');
  const scheme = schemes[0];
  const model: TermModel = { language: quads.find((q) => q.subject.value === scheme && q.predicate.value === DCT + 'language')?.object.value ?? 'en', concepts: [] };
  const members: string[] = [];
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value) ?? [];
    if (!list.length) bySubject.set(q.subject.value, list);
    list.push(q);
    if (q.predicate.value === SKOS + 'inScheme' && q.object.value === scheme) members.push(q.subject.value);
    if (q.predicate.value === SKOS + 'topConceptOf' && q.object.value === scheme) members.push(q.subject.value);
  }
  const labelOf = (iri: string): string | undefined => {
    const labels = (bySubject.get(iri) ?? []).filter((q) => q.predicate.value === SKOS + 'prefLabel');
    return (labels.find((q) => q.object.termType === 'Literal' && q.object.language === model.language) ?? labels[0])?.object.value;
  };
  for (const iri of [...new Set(members)]) {
    const c: Concept = emptyConcept();
    for (const q of bySubject.get(iri) ?? []) {
      const p = q.predicate.value;
      const o = q.object;
      const lang = o.termType === 'Literal' ? o.language || model.language : model.language;
      if (p === SKOS + 'prefLabel') c.labels.push({ lang, text: o.value, status: 'preferred' });
      else if (p === SKOS + 'altLabel') c.labels.push({ lang, text: o.value, status: 'admitted' });
      else if (p === SKOS + 'hiddenLabel') c.labels.push({ lang, text: o.value, status: 'deprecated' });
      else if (p === SKOS + 'definition') c.definitions[lang] = o.value;
      else if (p === DCT + 'source') c.source = o.value;
      else if (p === SKOS + 'note') c.note = o.value;
      else if (p === CC + 'confidence') c.confidence = o.value;
      else if (p === CC + 'match') c.match = o.value === 'exact' ? 'exact' : 'inflected';
      else if (p === CC + 'exclude') c.exclude.push(o.value);
      else if (p.startsWith(SKOS) && (RELATIONS as readonly string[]).includes(p.slice(SKOS.length))) {
        const target = o.termType === 'Literal' ? o.value : labelOf(o.value);
        if (target === undefined) throw new ImportError(lineOf(iri), `skos:${p.slice(SKOS.length)} of <${iri}> points at <${o.value}>, which has no skos:prefLabel.`);
        c[p.slice(SKOS.length) as (typeof RELATIONS)[number]].push(target);
      }
    }
    if (!c.labels.length) throw new ImportError(lineOf(iri), `The concept <${iri}> has no label (skos:prefLabel).`);
    checkConcept(c, model.language, () => lineOf(iri));
    model.concepts.push(c);
  }
  return model;
}
