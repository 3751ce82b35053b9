/**
 * The meaning of a term base, as every exchange format carries it: concepts,
 * each with labels (language and status), definitions per language, a source,
 * notes and relations. Exporters start from a term base read by the core's own
 * reader; importers end by writing `*.terms.yaml` text that the same reader
 * reads back to the same meaning.
 */
import { stringify } from 'yaml';
import type { TermBase, TermEntry } from '../core/index';

export type LabelStatus = 'preferred' | 'admitted' | 'deprecated';

export interface ConceptLabel {
  lang: string;
  text: string;
  status: LabelStatus;
}

export interface Concept {
  /** Labels in every language; in each language the preferred label comes first. */
  labels: ConceptLabel[];
  /** Definition per language. */
  definitions: Record<string, string>;
  source?: string;
  note?: string;
  confidence?: string;
  match?: 'exact' | 'inflected';
  exclude: string[];
  related: string[];
  broader: string[];
  narrower: string[];
}

export interface TermModel {
  /** Language of the `term:` labels (the term base's `language:`, default `en`). */
  language: string;
  concepts: Concept[];
}

/** An importer's complaint about its input, with the 1-based line it concerns. */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function emptyConcept(): Concept {
  return { labels: [], definitions: {}, exclude: [], related: [], broader: [], narrower: [] };
}

function conceptOf(entry: TermEntry, language: string): Concept {
  const c = emptyConcept();
  const add = (lang: string, text: string, status: LabelStatus) => {
    if (!c.labels.some((l) => l.lang === lang && l.text === text)) c.labels.push({ lang, text, status });
  };
  add(language, entry.term, 'preferred');
  for (const v of entry.variants) add(language, v, 'admitted');
  for (const d of entry.deprecated) add(language, d, 'deprecated');
  for (const [lang, labels] of Object.entries(entry.translationLabels)) {
    labels.forEach((text, i) => add(lang, text, i === 0 && lang !== language ? 'preferred' : 'admitted'));
  }
  if (Object.keys(entry.definitions).length) c.definitions = { ...entry.definitions };
  else if (entry.definition !== undefined) c.definitions[language] = entry.definition;
  c.source = entry.source;
  c.note = entry.note;
  c.confidence = entry.confidence;
  c.match = entry.match;
  c.exclude = [...entry.exclude];
  c.related = [...entry.related];
  c.broader = [...entry.broader];
  c.narrower = [...entry.narrower];
  return c;
}

/** The meaning of a term base read by the core's reader. */
export function termModelOf(base: TermBase): TermModel {
  const language = base.language ?? 'en';
  return { language, concepts: base.entries.map((e) => conceptOf(e, language)) };
}

/** The preferred label of a concept in a language, if it has one. */
export function preferredLabel(c: Concept, lang: string): string | undefined {
  return c.labels.find((l) => l.lang === lang && l.status === 'preferred')?.text;
}

/** Languages of a model: the term base's own first, then the others in alphabetical order. */
export function languagesOf(model: TermModel): string[] {
  const others = new Set<string>();
  for (const c of model.concepts) {
    for (const l of c.labels) others.add(l.lang);
    for (const l of Object.keys(c.definitions)) others.add(l);
  }
  others.delete(model.language);
  return [model.language, ...[...others].sort()];
}

/**
 * Writes a model as `*.terms.yaml` text. A term base keeps deprecated labels in
 * its own language only: a deprecated label in another language is returned in
 * `dropped` as a warning (kept as an admitted translation).
 */
export function termBaseText(model: TermModel, header: string): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const terms = model.concepts.map((c) => {
    const own = c.labels.filter((l) => l.lang === model.language);
    const entry: Record<string, unknown> = { term: own.find((l) => l.status === 'preferred')!.text };
    const defs = Object.entries(c.definitions);
    if (defs.length === 1 && defs[0][0] === model.language) entry.definition = defs[0][1];
    else if (defs.length) entry.definition = Object.fromEntries(defs);
    const variants = own.filter((l) => l.status === 'admitted').map((l) => l.text);
    const deprecated = own.filter((l) => l.status === 'deprecated').map((l) => l.text);
    if (variants.length) entry.variants = variants;
    if (deprecated.length) entry.deprecated = deprecated;
    if (c.source !== undefined) entry.source = c.source;
    for (const k of ['related', 'broader', 'narrower', 'exclude'] as const) if (c[k].length) entry[k] = c[k];
    const translations: Record<string, string | string[]> = {};
    for (const l of c.labels) {
      if (l.lang === model.language) continue;
      if (l.status === 'deprecated') warnings.push(`«${entry.term}»: the deprecated ${l.lang} label «${l.text}» is kept as an admitted one (a term base marks deprecated labels in its own language only).`);
    }
    for (const lang of [...new Set(c.labels.map((l) => l.lang))]) {
      if (lang === model.language) continue;
      const labels = c.labels.filter((l) => l.lang === lang);
      const sorted = [...labels.filter((l) => l.status === 'preferred'), ...labels.filter((l) => l.status !== 'preferred')].map((l) => l.text);
      translations[lang] = sorted.length === 1 ? sorted[0] : sorted;
    }
    if (Object.keys(translations).length) entry.translations = translations;
    if (c.match !== undefined) entry.match = c.match;
    if (c.confidence !== undefined) entry.confidence = c.confidence;
    if (c.note !== undefined) entry.note = c.note;
    return entry;
  });
  const body = stringify({ language: model.language, terms }, { lineWidth: 0, defaultStringType: 'PLAIN', flowCollectionPadding: false });
  return { text: header + body, warnings };
}

/** Checks what every importer must give: each concept has a preferred label in the term base's language. */
export function checkConcept(c: Concept, language: string, line: number | (() => number)): void {
  const own = c.labels.filter((l) => l.lang === language);
  if (!own.length) throw new ImportError(typeof line === 'number' ? line : line(), `This entry has no term in the term base's language \`${language}\`.`);
  // The first label of the language stands as preferred when none is marked.
  if (!own.some((l) => l.status === 'preferred')) own[0].status = 'preferred';
  // One preferred label per language: later ones become admitted.
  const seen = new Set<string>();
  for (const l of c.labels) {
    if (l.status !== 'preferred') continue;
    if (seen.has(l.lang)) l.status = 'admitted';
    seen.add(l.lang);
  }
}
