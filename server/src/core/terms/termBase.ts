/**
 * Term bases (`*.terms.yaml`) and the `terms:` map of a document's front matter:
 * both read into the same `TermEntry` shape, with the offsets of every part so
 * diagnostics, hover and navigation can point at them.
 */
import { deref, findPair, isMap, isScalar, isSeq, mapPairs, parseYaml, rangeOf, scalarString, type Problem } from '../yaml';
import type { Document } from 'yaml';
import { labelKey } from './matcher';

export type LabelKind = 'preferred' | 'variant' | 'deprecated' | 'translation';
/** `key`: a key concept of the field, which a concept document is expected to define; `general`: general vocabulary, explained on hover but never reported as undefined. */
export type TermRole = 'key' | 'general';
export type DefinitionOrigin = 'document' | 'termBase' | 'builtin';

export interface TermEntry {
  /** Preferred label. */
  term: string;
  definition?: string;
  variants: string[];
  deprecated: string[];
  source?: string;
  related: string[];
  broader: string[];
  narrower: string[];
  /** Preferred label per language, for display. */
  translations: Record<string, string>;
  /** Every label per language (preferred first), for matching documents in that language. */
  translationLabels: Record<string, string[]>;
  /** Definition per language, when the entry gives several. */
  definitions: Record<string, string>;
  /** `exact`: only the label as written (case aside) is a use; no plural or inflected forms. */
  match?: 'exact' | 'inflected';
  /** Forms that look like the term but are not uses of it. */
  exclude: string[];
  confidence?: string;
  note?: string;
  /** Whether a document is expected to define the term (default `key`). */
  role?: TermRole;
  /** The language of `term`, `variants` and `deprecated` (the term base's `language:`, or the document's); undefined: English. */
  language?: string;
  /** How well each translation is established, where it is not an official rendering (`translation_confidence`). */
  translationConfidence?: Record<string, { confidence: string; note?: string }>;
  /** Where the entry lives. */
  uri: string;
  origin: DefinitionOrigin;
  /** Offsets of the preferred label in its file. */
  labelRange: [number, number];
  /** Offsets of the definition value in its file (raw text). */
  definitionRange?: [number, number];
  /** Offsets of the source value in its file. */
  sourceRange?: [number, number];
  /** Offsets of each variant/deprecated label node, by label text. */
  labelRanges: Map<string, [number, number]>;
}

export interface TermBase {
  uri: string;
  entries: TermEntry[];
  problems: Problem[];
  /** Declared language of the labels (`language:` at top level), if any. */
  language?: string;
}

const TERM_FIELDS: ReadonlySet<string> = new Set([
  'term', 'definition', 'variants', 'deprecated', 'source', 'related', 'broader', 'narrower', 'translations',
  'confidence', 'note', 'match', 'exclude', 'prefLabel', 'altLabel', 'scopeNote', 'example', 'role', 'translation_confidence',
]);
/** The fields of a term entry, listed in messages. */
const TERM_FIELD_LIST = [...TERM_FIELDS].join(', ');

function stringList(node: unknown, doc: Document, base: number, field: string, problems: Problem[], ranges?: Map<string, [number, number]>): string[] {
  const n = deref(node, doc);
  const out: string[] = [];
  if (n === undefined || (isScalar(n) && n.value === null)) return out;
  if (isScalar(n)) {
    const s = scalarString(n);
    if (s !== undefined) {
      out.push(s);
      const r = rangeOf(n, base);
      if (r && ranges) ranges.set(s, r);
    }
    return out;
  }
  if (!isSeq(n)) {
    const r = rangeOf(n, base);
    if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: `\`${field}\` must be a list of labels.` });
    return out;
  }
  for (const item of n.items) {
    const it = deref(item, doc);
    const s = scalarString(it);
    const r = rangeOf(it, base);
    if (s === undefined || s.trim() === '') {
      if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: `Each entry of \`${field}\` must be a non-empty text.` });
      continue;
    }
    out.push(s);
    if (r && ranges) ranges.set(s, r);
  }
  return out;
}

/**
 * Reads one term entry's fields from a YAML map. `labelNode` is the node holding
 * the preferred label (the `term:` value, or the map key in front matter).
 */
export function readTermEntry(
  term: string,
  labelRange: [number, number],
  body: unknown,
  doc: Document,
  base: number,
  uri: string,
  origin: DefinitionOrigin,
  problems: Problem[],
  language?: string,
): TermEntry {
  const entry: TermEntry = {
    term,
    variants: [],
    deprecated: [],
    related: [],
    broader: [],
    narrower: [],
    translations: {},
    translationLabels: {},
    definitions: {},
    exclude: [],
    uri,
    origin,
    labelRange,
    labelRanges: new Map([[term, labelRange]]),
  };
  if (language && language !== 'en') entry.language = language;
  const b = deref(body, doc);
  if (b === undefined || (isScalar(b) && b.value === null)) return entry;
  if (isScalar(b)) {
    // Shorthand: `term: definition text`.
    entry.definition = scalarString(b);
    entry.definitionRange = rangeOf(b, base);
    return entry;
  }
  if (!isMap(b)) {
    const r = rangeOf(b, base);
    if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: `The entry of «${term}» must be a map of fields (definition, source, variants…).` });
    return entry;
  }
  for (const pair of mapPairs(b)) {
    const key = scalarString(pair.key);
    const keyRange = rangeOf(pair.key, base);
    if (key === undefined) continue;
    if (!TERM_FIELDS.has(key)) {
      if (keyRange) problems.push({ start: keyRange[0], end: keyRange[1], code: 'unknown-key', severity: 'warning', message: `Unknown term field \`${key}\`; expected one of: ${TERM_FIELD_LIST}.` });
      continue;
    }
    const value = deref(pair.value, doc);
    if (key === 'definition' && isMap(value)) {
      // A definition per language: `definition: {en: …, ru: …}`.
      for (const dp of mapPairs(value)) {
        const lang = scalarString(dp.key);
        const text = scalarString(deref(dp.value, doc));
        if (lang && text) entry.definitions[lang] = text;
      }
      const first = findPair(value, 'en') ?? mapPairs(value)[0];
      entry.definition = entry.definitions.en ?? Object.values(entry.definitions)[0];
      entry.definitionRange = rangeOf(deref(first?.value, doc), base);
      continue;
    }
    if ((key === 'prefLabel' || key === 'altLabel') && isMap(value)) {
      // SKOS style: labels per language.
      for (const lp of mapPairs(value)) {
        const lang = scalarString(lp.key);
        if (!lang) continue;
        const labels = stringList(lp.value, doc, base, `${key}.${lang}`, problems);
        if (lang === (entry.language ?? 'en') && key === 'altLabel') entry.variants.push(...labels);
        else if (labels.length) {
          const list = (entry.translationLabels[lang] ??= []);
          if (key === 'prefLabel') {
            list.unshift(...labels);
            entry.translations[lang] ??= labels[0];
          } else list.push(...labels);
        }
      }
      continue;
    }
    switch (key) {
      case 'match': {
        const s = scalarString(value);
        if (s === 'exact' || s === 'inflected') entry.match = s;
        else {
          const r = rangeOf(value, base) ?? keyRange;
          if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`match` must be `exact` or `inflected`.' });
        }
        break;
      }
      case 'role': {
        const s = scalarString(value);
        if (s === 'key' || s === 'general') entry.role = s;
        else {
          const r = rangeOf(value, base) ?? keyRange;
          if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`role` must be `key` (a concept documents are expected to define) or `general` (general vocabulary).' });
        }
        break;
      }
      case 'exclude':
        entry.exclude.push(...stringList(value, doc, base, key, problems));
        break;
      case 'definition':
      case 'source':
      case 'confidence':
      case 'note': {
        const s = scalarString(value);
        if (s === undefined) {
          const r = rangeOf(value, base) ?? keyRange;
          if (r && !(isScalar(value) && value.value === null)) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: `\`${key}\` must be a text.` });
          break;
        }
        if (key === 'definition') {
          entry.definition = s;
          entry.definitionRange = rangeOf(value, base);
        } else if (key === 'source') {
          entry.source = s;
          entry.sourceRange = rangeOf(value, base);
        }
        else if (key === 'confidence') entry.confidence = s;
        else entry.note = s;
        break;
      }
      case 'variants':
      case 'altLabel':
        entry.variants.push(...stringList(value, doc, base, key, problems, entry.labelRanges));
        break;
      case 'deprecated':
        entry.deprecated.push(...stringList(value, doc, base, key, problems, entry.labelRanges));
        break;
      case 'related':
      case 'broader':
      case 'narrower':
        entry[key].push(...stringList(value, doc, base, key, problems));
        break;
      case 'translation_confidence':
        readTranslationConfidence(entry, value, doc);
        break;
      case 'translations':
        if (isMap(value)) {
          for (const tp of mapPairs(value)) {
            const lang = scalarString(tp.key);
            if (!lang) continue;
            // A label, or a list of labels (the first is preferred).
            const labels = stringList(tp.value, doc, base, `translations.${lang}`, problems);
            if (labels.length) {
              entry.translations[lang] ??= labels[0];
              const list = (entry.translationLabels[lang] ??= []);
              for (const l of labels) if (!list.includes(l)) list.push(l);
            }
          }
        } else if (value !== undefined && !(isScalar(value) && value.value === null)) {
          const r = rangeOf(value, base);
          if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`translations` must map a language code (en, fr, ru) to a label.' });
        }
        break;
      default:
        break;
    }
  }
  return entry;
}

/**
 * Parses a `*.terms.yaml` file. Never throws: problems describe what could not be read.
 * `tree`: this text's YAML tree when the caller has one (see `parseYaml`'s `reuse`).
 */
export function parseTermBase(uri: string, text: string, origin: DefinitionOrigin = 'termBase', tree?: Document): TermBase {
  const { doc, problems } = parseYaml(text, 0, tree);
  const base: TermBase = { uri, entries: [], problems };
  const root = doc.contents;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return base;
  if (!isMap(root)) {
    const r = rangeOf(root, 0) ?? [0, 0];
    problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: 'A term base is a map with a `terms:` list.' });
    return base;
  }
  const lang = scalarString(deref(findPair(root, 'language')?.value, doc));
  if (lang) base.language = lang;
  const termsPair = findPair(root, 'terms');
  const terms = deref(termsPair?.value, doc);
  if (!termsPair) {
    problems.push({ start: 0, end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')), code: 'invalid-value', severity: 'error', message: 'A term base needs a `terms:` list.' });
    return base;
  }
  if (!isSeq(terms)) {
    const r = rangeOf(terms, 0) ?? rangeOf(termsPair.key, 0) ?? [0, 0];
    if (!(isScalar(terms) && terms.value === null)) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: '`terms:` must be a list of entries, each with a `term:` label.' });
    return base;
  }
  for (const item of terms.items) {
    const node = deref(item, doc);
    if (!isMap(node)) {
      const r = rangeOf(node, 0);
      if (r) problems.push({ start: r[0], end: r[1], code: 'invalid-value', severity: 'error', message: 'Each entry of `terms:` must be a map with a `term:` label.' });
      continue;
    }
    const labelPair = findPair(node, 'term') ?? findPair(node, 'prefLabel');
    let labelNode = deref(labelPair?.value, doc);
    if (isMap(labelNode)) {
      // `prefLabel: {en: …, ru: …}`: the English label (or the first) names the entry.
      const en = findPair(labelNode, 'en') ?? mapPairs(labelNode)[0];
      labelNode = deref(en?.value, doc);
    }
    const label = scalarString(labelNode);
    const labelRange = rangeOf(labelNode, 0) ?? rangeOf(node, 0)!;
    if (!label || labelKey(label) === '') {
      problems.push({ start: labelRange[0], end: labelRange[1], code: 'invalid-value', severity: 'error', message: 'This entry has no `term:` label (a text with at least one letter or digit).' });
      continue;
    }
    const entry = readTermEntry(label, labelRange, node, doc, 0, uri, origin, problems, base.language);
    base.entries.push(entry);
  }
  return base;
}

/**
 * Every label of an entry with its kind, preferred label first; with a language,
 * the entry's labels in that language too (as `translation`). The entry's own
 * labels (`term`, `variants`, `deprecated`, in its `language`) always count: texts mix languages.
 */
export function entryLabels(entry: TermEntry, language?: string): { label: string; kind: LabelKind }[] {
  const labels = [
    { label: entry.term, kind: 'preferred' as LabelKind },
    ...entry.variants.map((label) => ({ label, kind: 'variant' as LabelKind })),
    ...entry.deprecated.map((label) => ({ label, kind: 'deprecated' as LabelKind })),
  ];
  const translated = language ? entry.translationLabels[language] : undefined;
  if (translated) for (const label of translated) if (!labels.some((l) => l.label === label)) labels.push({ label, kind: 'translation' });
  return labels;
}

/** Every non-deprecated label of an entry, in every language: each names the entry's concept. */
export function conceptLabels(entry: TermEntry): string[] {
  const out = [entry.term, ...entry.variants];
  for (const list of Object.values(entry.translationLabels)) out.push(...list);
  return out;
}

/** The preferred label of an entry in a language: its `term` when that is the entry's language, else its translation, else its `term`. */
export function preferredLabel(entry: TermEntry, language?: string): string {
  if (!language || language === (entry.language ?? 'en')) return entry.term;
  return entry.translations[language] ?? entry.term;
}

/** `translation_confidence: {ru: {confidence: medium, note: …}}`; malformed parts are left to the JSON Schema. */
function readTranslationConfidence(entry: TermEntry, value: unknown, doc: Document): void {
  for (const p of mapPairs(value)) {
    const lang = scalarString(p.key);
    const v = deref(p.value, doc);
    const confidence = scalarString(deref(findPair(v, 'confidence')?.value, doc));
    if (!lang || !confidence) continue;
    (entry.translationConfidence ??= {})[lang] = { confidence, note: scalarString(deref(findPair(v, 'note')?.value, doc)) };
  }
}
