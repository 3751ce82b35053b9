/**
 * Term bases as TBX-Basic (TBX v3, ISO 30042:2019, DCA style): a `conceptEntry`
 * per term, a `langSec` per language, a `termSec` per label with its
 * administrative status. Written with xmlbuilder2, read with saxes (line numbers
 * for every complaint, no entity expansion).
 *
 * What TBX-Basic has no data category for (broader and narrower concepts,
 * related concepts outside the file, `confidence`, `match`, `exclude`) travels
 * in concept-level `note`s of the form `broader: label`.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { create } from 'xmlbuilder2';
import { checkConcept, emptyConcept, ImportError, languagesOf, preferredLabel, type Concept, type LabelStatus, type TermModel } from './termModel';

const TBX_NS = 'urn:iso:std:iso:30042:ed-2';
const RNG = 'https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng';
const SCH = 'https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch';

const STATUS_VALUE: Record<LabelStatus, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts',
};
const STATUS_OF: Record<string, LabelStatus> = {
  'preferredTerm-admn-sts': 'preferred',
  'admittedTerm-admn-sts': 'admitted',
  'deprecatedTerm-admn-sts': 'deprecated',
  'supersededTerm-admn-sts': 'deprecated',
  'notRecommendedTerm-admn-sts': 'deprecated',
  'obsoleteTerm-admn-sts': 'deprecated',
};

/** Notes that carry what TBX-Basic has no category for; read back by their prefix. */
const NOTE_FIELDS = ['broader', 'narrower', 'related', 'confidence', 'match', 'exclude'] as const;

/** `termType` of a label: acronyms in capitals (AEO, ЕАЭС), the preferred label as full form, else a variant. */
function termType(text: string, status: LabelStatus): string {
  if (/^[\p{Lu}\d]{2,}s?$/u.test(text)) return 'acronym';
  return status === 'preferred' ? 'fullForm' : 'variant';
}

export function toTbx(model: TermModel, title: string): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ins('xml-model', `href="${RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"`)
    .ins('xml-model', `href="${SCH}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"`)
    .ele(TBX_NS, 'tbx', { type: 'TBX-Basic', style: 'dca', 'xml:lang': model.language });
  root.ele('tbxHeader').ele('fileDesc').ele('sourceDesc').ele('p').txt(title);
  const body = root.ele('text').ele('body');
  const idOf = new Map<string, string>();
  model.concepts.forEach((c, i) => {
    const label = preferredLabel(c, model.language);
    if (label !== undefined && !idOf.has(label)) idOf.set(label, `c${i + 1}`);
  });
  const languages = languagesOf(model);
  model.concepts.forEach((c, i) => {
    const entry = body.ele('conceptEntry', { id: `c${i + 1}` });
    if (c.source !== undefined) entry.ele('admin', { type: 'source' }).txt(c.source);
    for (const r of c.related) {
      const target = idOf.get(r);
      if (target) entry.ele('ref', { type: 'crossReference', target }).txt(r);
      else entry.ele('note').txt(`related: ${r}`);
    }
    for (const field of NOTE_FIELDS) {
      if (field === 'related') continue;
      const values = field === 'confidence' || field === 'match' ? (c[field] === undefined ? [] : [c[field]!]) : c[field];
      for (const v of values) entry.ele('note').txt(`${field}: ${v}`);
    }
    if (c.note !== undefined) entry.ele('note').txt(c.note);
    for (const lang of languages) {
      const labels = c.labels.filter((l) => l.lang === lang);
      const definition = c.definitions[lang];
      if (!labels.length && definition === undefined) continue;
      const sec = entry.ele('langSec', { 'xml:lang': lang });
      if (definition !== undefined) sec.ele('descrip', { type: 'definition' }).txt(definition);
      for (const l of labels) {
        const ts = sec.ele('termSec');
        ts.ele('term').txt(l.text);
        ts.ele('termNote', { type: 'administrativeStatus' }).txt(STATUS_VALUE[l.status]);
        ts.ele('termNote', { type: 'termType' }).txt(termType(l.text, l.status));
      }
    }
  });
  return root.end({ prettyPrint: true }) + '\n';
}

interface OpenElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  line: number;
}

/** Reads TBX-Basic (TBX v3, DCA style). Throws `ImportError` with the line of the first problem. */
export function fromTbx(text: string): TermModel {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: OpenElement[] = [];
  const model: TermModel = { language: 'en', concepts: [] };
  const refs: { concept: Concept; index: number; target: string; line: number }[] = [];
  const ids = new Map<string, Concept>();
  let concept: Concept | undefined;
  let conceptLine = 0;
  let lang: string | undefined;
  let label: { text?: string; status?: LabelStatus; line: number } | undefined;
  let sawRoot = false;
  let failure: ImportError | undefined;
  const fail = (line: number, message: string): never => {
    throw new ImportError(line, message);
  };
  const local = (name: string) => name.slice(name.indexOf(':') + 1);

  parser.on('error', (e) => {
    throw new ImportError(parser.line, `Malformed XML (column ${parser.column}): ${e.message.replace(/^(?:.*?:)?\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = local(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    const line = parser.line;
    if (!sawRoot) {
      sawRoot = true;
      if (name === 'martif') fail(line, 'This is TBX v2 (`martif`); only TBX v3 (`<tbx>`, ISO 30042:2019) is read. Convert it to TBX v3 first.');
      if (name !== 'tbx') fail(line, `Not a TBX file: the root element is \`<${tag.name}>\`, expected \`<tbx>\`.`);
      if (attributes.style && attributes.style !== 'dca') fail(line, `Only the DCA style of TBX is read (this file has style="${attributes.style}").`);
      if (attributes['xml:lang']) model.language = attributes['xml:lang'];
    }
    stack.push({ name, attributes, text: '', line });
    if (name === 'conceptEntry') {
      concept = emptyConcept();
      conceptLine = line;
      if (attributes.id) ids.set(attributes.id, concept);
    } else if (name === 'langSec') {
      lang = attributes['xml:lang'];
      if (!lang) fail(line, '`<langSec>` needs an `xml:lang` attribute.');
    } else if (name === 'termSec') {
      label = { line };
    }
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    const value = el.text.trim();
    const parent = stack[stack.length - 1]?.name;
    if (!concept) return;
    switch (el.name) {
      case 'term':
        if (label) label.text = value;
        break;
      case 'termNote':
        if (label && el.attributes.type === 'administrativeStatus') {
          const status = STATUS_OF[value];
          if (!status) fail(el.line, `Unknown administrative status \`${value}\`; expected one of: ${Object.keys(STATUS_OF).join(', ')}.`);
          label.status = status;
        }
        break;
      case 'termSec':
        if (!label?.text) fail(el.line, 'This `<termSec>` has no term (an empty or missing `<term>`).');
        concept.labels.push({ lang: lang!, text: label!.text!, status: label!.status ?? 'admitted' });
        label = undefined;
        break;
      case 'descrip':
        if (el.attributes.type === 'definition' && value) concept.definitions[parent === 'conceptEntry' || !lang ? model.language : lang] = value;
        break;
      case 'admin':
        if (el.attributes.type === 'source' && value && concept.source === undefined) concept.source = value;
        break;
      case 'ref':
        if (el.attributes.type === 'crossReference' && parent === 'conceptEntry') {
          if (value) concept.related.push(value);
          else if (el.attributes.target) refs.push({ concept, index: concept.related.push('') - 1, target: el.attributes.target, line: el.line });
        }
        break;
      case 'note':
        if (parent === 'conceptEntry') readNote(concept, value);
        break;
      case 'langSec':
        lang = undefined;
        break;
      case 'conceptEntry':
        if (!concept.labels.length) fail(conceptLine, 'This `<conceptEntry>` has no term: it needs a `<langSec>` with a `<termSec>` and a `<term>`.');
        checkConcept(concept, model.language, conceptLine);
        model.concepts.push(concept);
        concept = undefined;
        break;
      default:
        break;
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof ImportError) failure = e;
    else throw e;
  }
  if (failure) throw failure;
  if (!sawRoot) throw new ImportError(1, 'The file has no XML element.');
  for (const r of refs) {
    const target = ids.get(r.target);
    const name = target && preferredLabel(target, model.language);
    if (!name) throw new ImportError(r.line, `The cross-reference points at \`${r.target}\`, which is no concept of this file.`);
    r.concept.related[r.index] = name;
  }
  return model;
}

function readNote(c: Concept, value: string): void {
  const m = /^(broader|narrower|related|confidence|match|exclude): (.+)$/s.exec(value);
  if (!m) {
    c.note = c.note === undefined ? value : `${c.note}\n${value}`;
    return;
  }
  const [, field, v] = m;
  if (field === 'confidence') c.confidence = v;
  else if (field === 'match') c.match = v === 'exact' ? 'exact' : 'inflected';
  else c[field as 'broader' | 'narrower' | 'related' | 'exclude'].push(v);
}
