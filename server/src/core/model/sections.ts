/**
 * Sections: a concept document's headings matched to the section kinds of its
 * reference model, and the problems of that match (missing, unknown, out of
 * order, required definitions absent), with the data of the quick fix that
 * inserts a missing section.
 *
 * Matching: a heading matches a section kind by its Pandoc header id `{#id}`,
 * or by its text compared with the kind's title, aliases and translations:
 * case-insensitively, ignoring a leading numbering (`2.`, `2.1`, `IV.`,
 * `Раздел 5.`), emphasis markers, quotes and hyphen variants; then by the
 * stems of its meaningful words (`headingMatch.ts`: "Competencies of digital
 * customs" is "Competencies"); then as a shortened title whose words all belong
 * to the labels of exactly one kind ("Indicators").
 *
 * The *section level* is the shallowest level among headings that match a
 * kind (or among all headings when none match). Only headings at that level
 * are reported as unknown or out of order; deeper headings are subsections,
 * and a shallower one is the document's title.
 */
import { ownString } from '../textParts';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Heading } from '../parse/markdown';
import { documentLength, documentSlice, type ChunkParse, type ConceptDocument } from '../parse/conceptDocument';
import type { Locale } from '../l10n';
import type { Problem } from '../yaml';
import { joinList, mt } from './messages';
import { guidanceFor, type ReferenceModel, type SectionKind } from './referenceModel';
import { createStemmers, frenchStems, headingStems, headingWords, isSubset, similarity, stemTable, stripHeading, wordStems, type Stemmers, type StemTable } from './headingMatch';
import { keptOn } from '../keptOn';

/** The comparison key of a heading or section label. */
export function sectionKey(label: string): string {
  return label
    .replace(/[*_`«»"“”„'’]/g, '')
    .replace(/^\s*(?:§\s*)?(?:\d+(?:\.\d+)*\.?|[IVXLCDM]+\.|[A-Za-z]\.|[A-Za-z]\))\s+/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[-\u2010\u2011\u2012\u2013\u2014]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[\s:.]+$/, '')
    .trim();
}

interface SectionLookup {
  byLabel: Map<string, SectionKind>;
  byId: Map<string, SectionKind>;
  /** By the sorted stems of a label's meaningful words (see `headingMatch.ts`), Latin words stemmed in English and in French. */
  byStems: Map<string, SectionKind>;
  /** The stems of each label of each kind, for similarity. */
  stems: Map<SectionKind, string[][]>;
  stemmers: Stemmers;
  /**
   * What was computed from a heading's text, by text: a document's headings are matched again after every edit,
   * and almost all of them are unchanged. Cleared when it grows large (headings typed letter by letter).
   */
  byText: Map<string, HeadingMemo>;
}

interface HeadingMemo {
  /** The heading's text (a copy: the memo is kept across documents and must not keep one alive). */
  text: string;
  /** `headingWords` of the text, read once for both stemmings. */
  words?: string[];
  /**
   * `headingStems` with Latin words stemmed in English, then in French; made when first asked (`stemsOf`): a heading
   * that matches a label as written is not stemmed, one that matches in English is not stemmed in French.
   */
  en?: string[];
  stems?: [string[], string[]];
  /** The kind the text matches (null: none); the `{#id}` is looked up apart. */
  section?: SectionKind | null;
  /** `closestSection`'s score of each kind. */
  scores?: Map<SectionKind, number>;
}

/**
 * Past this many texts the memo is emptied. A document's headings are matched again on every check, so one with more
 * headings than this would have stemmed all of them every time (the limit was 20,000).
 */
const MEMO_LIMIT = 100_000;
const NO_STEMS: readonly string[][] = [];

function memoOf(l: SectionLookup, text: string): HeadingMemo {
  let m = l.byText.get(text);
  if (!m) {
    if (l.byText.size >= MEMO_LIMIT) l.byText.clear();
    // Kept across documents: the stems are cut from a copy of the text, so the memo does not keep the document.
    const own = ownString(text);
    m = { text: own };
    l.byText.set(own, m);
  }
  return m;
}

/** A heading's stems with Latin words stemmed in English. */
function englishStemsOf(l: SectionLookup, m: HeadingMemo): string[] {
  return (m.en ??= wordStems((m.words ??= headingWords(m.text)), l.stemmers, 'en'));
}

/** A heading's stems with Latin words stemmed in English, then in French. */
function stemsOf(l: SectionLookup, m: HeadingMemo): [string[], string[]] {
  if (!m.stems) {
    const en = englishStemsOf(l, m);
    m.stems = [en, frenchStems((m.words ??= headingWords(m.text)), l.stemmers) ?? en];
  }
  return m.stems;
}

const lookups = new WeakMap<ReferenceModel, SectionLookup>();

function sectionLabels(s: SectionKind): string[] {
  return [s.title, ...s.aliases, ...Object.values(s.translations)];
}

/** The stems the section lookup of these models needs (bundled for the built-in models, see `createStemmers`). */
export function modelStemTable(models: readonly ReferenceModel[]): StemTable {
  return stemTable(models.flatMap((m) => m.sections.flatMap(sectionLabels)));
}

function lookupOf(model: ReferenceModel): SectionLookup {
  let l = lookups.get(model);
  if (!l) {
    const byLabel = new Map<string, SectionKind>();
    const byId = new Map<string, SectionKind>();
    const byStems = new Map<string, SectionKind>();
    const stems = new Map<SectionKind, string[][]>();
    const stemmers = createStemmers();
    for (const s of model.sections) {
      byId.set(s.id, s);
      const own: string[][] = [];
      for (const label of sectionLabels(s)) {
        const k = sectionKey(label);
        if (k && !byLabel.has(k)) byLabel.set(k, s);
        for (const latin of ['en', 'fr'] as const) {
          const st = headingStems(label, stemmers, latin);
          const sk = st.join(' ');
          if (sk && !byStems.has(sk)) byStems.set(sk, s);
          own.push(st);
        }
      }
      stems.set(s, own);
    }
    l = { byLabel, byId, byStems, stems, stemmers, byText: new Map() };
    lookups.set(model, l);
  }
  return l;
}

/** The section kind a heading stands for, if any: by `{#id}`, by its text, or by the stems of its meaningful words. */
export function sectionOfHeading(model: ReferenceModel, heading: Pick<Heading, 'text' | 'id'>): SectionKind | undefined {
  const l = lookupOf(model);
  const byId = heading.id ? l.byId.get(heading.id) : undefined;
  if (byId) return byId;
  const memo = memoOf(l, heading.text);
  if (memo.section === undefined) memo.section = sectionOfText(l, memo) ?? null;
  return memo.section ?? undefined;
}

function sectionOfText(l: SectionLookup, memo: HeadingMemo): SectionKind | undefined {
  const exact = l.byLabel.get(sectionKey(memo.text));
  if (exact) return exact;
  const en = englishStemsOf(l, memo);
  const byEnglish = en.length ? l.byStems.get(en.join(' ')) : undefined;
  if (byEnglish) return byEnglish;
  const stems = stemsOf(l, memo);
  const fr = stems[1];
  const byFrench = fr !== en && fr.length ? l.byStems.get(fr.join(' ')) : undefined;
  if (byFrench) return byFrench;
  // A shortened title: every meaningful word of the heading is in a label of exactly one section kind.
  // (Plain loops: a workspace asks this of every heading it has not seen, and closures here were most of what a check allocated for headings.)
  let only: SectionKind | undefined;
  for (const [section, labels] of l.stems) {
    let found = false;
    for (let i = 0; i < labels.length && !found; i++) for (let j = 0; j < stems.length && !found; j++) found = isSubset(stems[j], labels[i]);
    if (!found) continue;
    if (only !== undefined) return undefined;
    only = section;
  }
  return only;
}

/** The section kind among `candidates` that an unknown heading most looks like, if one is close enough (a quarter of the meaningful words in common). */
export function closestSection(model: ReferenceModel, text: string, candidates: readonly SectionKind[]): SectionKind | undefined {
  const l = lookupOf(model);
  const memo = memoOf(l, text);
  const scores = (memo.scores ??= new Map());
  let best: { section: SectionKind; score: number } | undefined;
  let tie = false;
  for (const section of candidates) {
    // The best score over both stemmings: a tie is another kind reaching the best score with either.
    let score = scores.get(section);
    if (score === undefined) {
      // (Plain loops: asked of every unknown heading for every missing section; the spread of mapped lists was most of its cost.)
      score = 0;
      const labels = l.stems.get(section) ?? NO_STEMS;
      const stems = stemsOf(l, memo);
      for (let i = 0; i < stems.length; i++) for (let j = 0; j < labels.length; j++) score = Math.max(score, similarity(stems[i], labels[j]));
      scores.set(section, score);
    }
    if (score < 1 / 4) continue;
    if (!best || score > best.score) {
      best = { section, score };
      tie = false;
    } else if (score === best.score && best.section !== section) tie = true;
  }
  return best && !tie ? best.section : undefined;
}

export function sectionById(model: ReferenceModel, id: string): SectionKind | undefined {
  return lookupOf(model).byId.get(id);
}

export interface HeadingMatch {
  heading: Heading;
  section?: SectionKind;
}

export interface SectionStructure {
  /** Level of the document's sections (1 when the document has no headings). */
  level: number;
  headings: HeadingMatch[];
  /** First heading of each section kind present. */
  present: Map<string, Heading>;
}

/** Matches the headings of a document to the model's section kinds. */
export function matchSections(doc: ConceptDocument, model: ReferenceModel, skipLineStart?: number): SectionStructure {
  const headings: HeadingMatch[] = doc.markdown.headings
    .filter((h) => h.lineStart !== skipLineStart)
    .map((heading) => ({ heading, section: sectionOfHeading(model, heading) }));
  const matched = headings.filter((h) => h.section);
  const pool = matched.length ? matched : headings;
  const level = pool.length ? Math.min(...pool.map((h) => h.heading.level)) : 1;
  const present = new Map<string, Heading>();
  for (const h of matched) if (!present.has(h.section!.id)) present.set(h.section!.id, h.heading);
  return { level, headings, present };
}

/** Data of a `missing-section` diagnostic: what the quick fix inserts, and where (an offset of the document when it was checked). */
export interface MissingSectionData {
  kind: 'missing-section';
  sectionId: string;
  title: string;
  insertOffset: number;
  insertText: string;
}

export function isMissingSectionData(data: unknown): data is MissingSectionData {
  const d = data as MissingSectionData | undefined;
  return !!d && d.kind === 'missing-section' && typeof d.insertOffset === 'number' && typeof d.insertText === 'string';
}

/** The edit that inserts a missing section (heading and body), from a diagnostic's `data`. */
export function missingSectionEdit(document: TextDocument, data: MissingSectionData): TextEdit {
  const offset = Math.max(0, Math.min(data.insertOffset, document.getText().length));
  const at = document.positionAt(offset);
  return { range: { start: at, end: at }, newText: data.insertText };
}

/** The title of a section kind in a document's language. */
export function sectionTitle(section: SectionKind, language?: string): string {
  return (language && section.translations[language]) || section.title;
}

/** The body inserted under a new heading: the kind's template, or its guidance as an HTML comment (not prose, so not checked). */
export function sectionBody(section: SectionKind, language?: string): string {
  // Asked for every missing section of every document checked: made once per section and language.
  let byLanguage = bodies.get(section);
  if (!byLanguage) bodies.set(section, (byLanguage = new Map()));
  let body = byLanguage.get(language);
  if (body === undefined) {
    if (section.template) body = section.template.replace(/\s+$/, '');
    else {
      const guidance = (guidanceFor(section, language) ?? `Write the ${section.title.toLowerCase()} of the concept here.`).replace(/\s+/g, ' ').trim().replace(/--+/g, '—');
      body = `<!-- ${guidance} -->`;
    }
    byLanguage.set(language, body);
  }
  return body;
}

/** `sectionBody` by section (a model's, kept while the model is) and language. */
const bodies = new WeakMap<SectionKind, Map<string | undefined, string>>();

/** Whether a chunk's text holds a CRLF, by chunk parse (one per chunk text). */
const chunkCrlf = keptOn<ChunkParse, boolean>('crlf');

/** The line break new lines are written with: CRLF when the document has one. Read chunk by chunk (each once per chunk text), not over the whole text. */
export function documentEol(doc: ConceptDocument): string {
  if (documentSlice(doc, 0, doc.bodyStart).includes('\r\n')) return '\r\n';
  // An indexed loop: this runs on every check, over every chunk of a document without CRLF.
  const chunks = doc.chunks;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    let crlf = chunkCrlf.get(c.parse);
    if (crlf === undefined) chunkCrlf.set(c.parse, (crlf = c.text.includes('\r\n')));
    if (crlf) return '\r\n';
  }
  return '\n';
}

/** Where a missing section goes and what is inserted there, following the model's order. */
export function missingSectionInsertion(doc: ConceptDocument, structure: SectionStructure, section: SectionKind, language?: string, eol = documentEol(doc)): { offset: number; text: string } {
  const next = structure.headings.find((h) => h.heading.level === structure.level && h.section && h.section.order > section.order);
  // Numbered like its neighbours: one more than the section-level heading before it.
  const before = structure.headings.filter((h) => h.heading.level === structure.level && (!next || h.heading.start < next.heading.start)).pop();
  const number = before ? nextNumber(before.heading.text) : undefined;
  const heading = `${'#'.repeat(Math.min(6, Math.max(1, structure.level)))} ${number ?? ''}${sectionTitle(section, language)}`;
  const body = sectionBody(section, language).split(/\r?\n/).join(eol);
  if (next) return { offset: next.heading.lineStart, text: `${heading}${eol}${eol}${body}${eol}${eol}` };
  const length = documentLength(doc);
  // A blank line separates the new heading from what precedes it.
  // Only the tail matters; testing the whole text would cost a scan of it per missing section.
  const tail = documentSlice(doc, Math.max(0, length - 256), length);
  const prefix = length === 0 || /\n[ \t]*\r?\n$/.test(tail) ? '' : tail.endsWith('\n') ? eol : eol + eol;
  return { offset: length, text: `${prefix}${heading}${eol}${eol}${body}${eol}` };
}

/**
 * Problems of the sections of a document: `missing-section`, `unknown-section`,
 * `section-order`, and `missing-term-definition` for the terms a present
 * section must define. `isDefined` says whether a definition in scope covers a term.
 */
export function sectionProblems(
  doc: ConceptDocument,
  model: ReferenceModel,
  anchor: [number, number],
  isDefined: (term: string) => boolean,
  locale?: Locale,
  effectiveLanguage?: string,
): Problem[] {
  const problems: Problem[] = [];
  const structure = matchSections(doc, model);
  const language = effectiveLanguage ?? doc.frontMatter?.values.language;
  // An unknown heading close to a required section that is missing is that section, misnamed:
  // one diagnostic on the heading instead of an unknown heading and a missing section.
  const missing = model.sections.filter((s) => s.required && !structure.present.has(s.id));
  const misnamed = new Map<Heading, SectionKind>();
  for (const { heading, section } of structure.headings) {
    if (section || heading.level !== structure.level) continue;
    const candidates = missing.filter((m) => ![...misnamed.values()].includes(m));
    const like = closestSection(model, heading.text, candidates);
    if (like) misnamed.set(heading, like);
  }
  const misnamedSections = new Set(misnamed.values());
  let eol: string | undefined;
  for (const [heading, section] of misnamed) {
    const title = sectionTitle(section, language);
    const prefix = numberingOf(heading.text);
    problems.push({
      start: heading.start, end: heading.end, code: 'misnamed-section', severity: 'warning',
      message: mt(locale, 'misnamed-section', { heading: heading.text, title, model: model.id }),
      data: { kind: 'misnamed-section', sectionId: section.id, title, newText: prefix + title, idText: ` {#${section.id}}` },
    });
  }
  for (const section of model.sections) {
    if (!section.required || structure.present.has(section.id) || misnamedSections.has(section)) continue;
    const ins = missingSectionInsertion(doc, structure, section, language, (eol ??= documentEol(doc)));
    const data: MissingSectionData = { kind: 'missing-section', sectionId: section.id, title: sectionTitle(section, language), insertOffset: ins.offset, insertText: ins.text };
    problems.push({
      start: anchor[0], end: anchor[1], code: 'missing-section', severity: 'warning',
      message: mt(locale, 'missing-section', { model: model.id, title: sectionTitle(section, language), defines: joinList(locale, section.defines.map((t) => '«' + t + '»'), 'and') }),
      data,
    });
  }
  let highest: { order: number; section: SectionKind } | undefined;
  for (const { heading, section } of structure.headings) {
    if (heading.level !== structure.level || misnamed.has(heading)) continue;
    if (!section) {
      problems.push({
        start: heading.start, end: heading.end, code: 'unknown-section', severity: 'information',
        message: mt(locale, 'unknown-section', { heading: heading.text, model: model.id }),
        data: { heading: heading.text },
      });
      continue;
    }
    if (highest && section.order < highest.order) {
      problems.push({
        start: heading.start, end: heading.end, code: 'section-order', severity: 'hint',
        message: mt(locale, 'section-order', { model: model.id, section: sectionTitle(section, language), before: sectionTitle(highest.section, language) }),
        data: { sectionId: section.id, before: highest.section.id },
      });
    } else {
      highest = { order: section.order, section };
    }
  }
  for (const section of model.sections) {
    const heading = structure.present.get(section.id);
    if (!heading) continue;
    for (const term of section.defines) {
      if (isDefined(term)) continue;
      problems.push({
        start: heading.start, end: heading.end, code: 'missing-term-definition', severity: 'warning',
        message: mt(locale, 'missing-term-definition', { heading: heading.text, term, model: model.id }),
        data: { term },
      });
    }
  }
  return problems;
}

/** The numbering that starts a heading (`5. `, `IV. `, `2.1 `), or ''. */
export function numberingOf(text: string): string {
  const stripped = stripHeading(text);
  const i = text.indexOf(stripped);
  return i > 0 && /\d|[IVXLCDM][.)]/.test(text.slice(0, i)) ? text.slice(0, i) : '';
}

/** The numbering of the heading after one numbered `text` (`4. ` → `5. `, `4) ` → `5) `), or undefined when it is not numbered with a plain number. */
function nextNumber(text: string): string | undefined {
  const m = /^\s*(\d+)([.)]?)(\s+)/.exec(text);
  return m ? `${Number(m[1]) + 1}${m[2]}${m[3]}` : undefined;
}
