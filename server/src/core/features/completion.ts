/**
 * Completion: instruments after `@`, terms after `«`, front-matter keys and
 * enum values. Documentation is filled in by `resolveCompletion`.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { InstrumentCatalog } from '../catalog/catalog';
import { FRONT_MATTER_KEYS, LANGUAGE_VALUES, STATUS_VALUES } from '../parse/conceptDocument';
import { instrumentMarkdown, termMarkdown } from './hover';
import { preferredLabel, type TermEntry } from '../terms/termBase';

/** An entry's labels in a language, lower case with single spaces, for filtering. */
function translatedLabels(entry: TermEntry, language: string): string[] {
  return (entry.translationLabels[language] ?? []).map((l) => l.toLowerCase().replace(/\s+/g, ' ').trim());
}
import { modelCompletions } from '../model/index';

export interface CompletionData {
  kind: 'instrument' | 'term';
  id: string;
  uri?: string;
}

const ID_CHAR = /[\p{L}\p{N}_:.#$%&+?<>~/-]/u;

export function getCompletions(
  a: Analysis,
  doc: TextDocument,
  offset: number,
  catalog: InstrumentCatalog,
  builtinModelIds: readonly string[],
  builtinTerms: readonly TermEntry[],
): CompletionList {
  const text = a.doc.text;
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const fm = a.doc.frontMatter;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);

  // Instruments after `@` (in prose or in a front-matter `source:`).
  let at = offset;
  while (at > lineStart && ID_CHAR.test(text[at - 1]) && offset - at < 80) at--;
  if (at > lineStart && text[at - 1] === '@' && (at - 1 === lineStart || !/[\p{L}\p{N}_]/u.test(text[at - 2]))) {
    const query = text.slice(at, offset);
    const range = { start: doc.positionAt(at), end: doc.positionAt(offset) };
    const cited = new Set(a.citations.map((c) => c.target?.instrument.id).filter((x): x is string => !!x));
    const items: CompletionItem[] = catalog.search(query, cited).map((inst, i) => {
      // The name and title in the document's language when the catalog has them.
      const local = a.language !== 'en' ? inst.titles[a.language] : undefined;
      const title = local?.title ?? inst.title;
      const name = local?.name ?? inst.name;
      return {
      label: inst.id,
      kind: CompletionItemKind.Reference,
      detail: name && name !== title ? `${name} — ${title}` : title,
      filterText: query ? `${query} ${inst.id}` : inst.id,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: inst.id },
      data: { kind: 'instrument', id: inst.id } satisfies CompletionData,
      };
    });
    // The list is filtered here (by id, abbreviation and title); ask again as the user types.
    return { isIncomplete: true, items };
  }

  // Terms after `«`.
  const open = linePrefix.lastIndexOf('«');
  if (open >= 0 && !linePrefix.slice(open).includes('»')) {
    const start = lineStart + open + 1;
    const query = text.slice(start, offset);
    const closed = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset)).match(/^[^«»]*»/);
    const replaceEnd = closed ? offset + closed[0].length : offset;
    const range = { start: doc.positionAt(start), end: doc.positionAt(replaceEnd) };
    const { items, more } = termItems(a, range, builtinTerms, query, MAX_TERM_ITEMS, a.language);
    // A long list is cut: the client asks again as the user types (isIncomplete).
    return { isIncomplete: more, items };
  }

  // Section headings, the `model:` value and the structured parts, from the reference model.
  const fromModel = modelCompletions(a, doc, offset);
  if (fromModel) return fromModel;

  // Front matter.
  if (fm && offset >= fm.start && offset <= fm.end) {
    const keyMatch = /^([A-Za-z_]*)$/.exec(linePrefix);
    if (keyMatch) {
      const range = { start: doc.positionAt(lineStart), end: doc.positionAt(offset) };
      return {
        isIncomplete: false,
        items: Object.entries(FRONT_MATTER_KEYS)
          .filter(([k]) => !fm.keyRanges.has(k))
          .map(([k, d]) => ({ label: k, kind: CompletionItemKind.Property, documentation: d, textEdit: { range, newText: `${k}: ` } })),
      };
    }
    const valueMatch = /^(status|language|model):\s*([\w-]*)$/.exec(linePrefix);
    if (valueMatch) {
      const values = valueMatch[1] === 'status' ? STATUS_VALUES : valueMatch[1] === 'language' ? LANGUAGE_VALUES : builtinModelIds;
      const start = offset - valueMatch[2].length;
      const range = { start: doc.positionAt(start), end: doc.positionAt(offset) };
      return { isIncomplete: false, items: values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: v } })) };
    }
  }
  return empty;
}

/** An entry ready for filtering: its key (to drop the same term met again), its labels in lower case with single spaces. */
interface Prepared {
  entry: TermEntry;
  key: string;
  labels: string[];
}

function prepare(entry: TermEntry): Prepared {
  const labels = [entry.term, ...entry.variants].map((l) => l.toLowerCase().replace(/\s+/g, ' ').trim());
  return { entry, key: labels[0], labels };
}

const byTerm = (x: Prepared, y: Prepared) => (x.entry.term < y.entry.term ? -1 : x.entry.term > y.entry.term ? 1 : 0);

/** Each term base's entries, prepared and sorted by term once (entries never change once read). */
const preparedLists = new WeakMap<readonly TermEntry[], Prepared[]>();

function preparedList(entries: readonly TermEntry[]): Prepared[] {
  let list = preparedLists.get(entries);
  if (!list) {
    list = entries.map(prepare).sort(byTerm);
    preparedLists.set(entries, list);
  }
  return list;
}

/** Prepares the term lists of an analysis for completion (done in the background by the server, so the first `«` is fast). */
export function prepareTermCompletion(a: Analysis, builtinTerms: readonly TermEntry[]): void {
  for (const t of [...a.defining, ...a.known]) if (t.base) preparedList(t.base.entries);
  preparedList(builtinTerms);
}

/** At most this many terms are offered at once; with more in scope, the list is filtered by what is typed after `«`. */
export const MAX_TERM_ITEMS = 200;

/**
 * The terms in scope that match `query` (the text typed after `«`), best first:
 * the document's own, then those of imported term bases, then known ones, then
 * the built-in ones; within each, a term or variant that starts with the query
 * before one that contains a word starting with it, before one that contains it
 * anywhere; then by term. An empty query matches every term. At most `max` items
 * are built; `more` says whether others matched.
 */
function termItems(a: Analysis, range: { start: { line: number; character: number }; end: { line: number; character: number } }, builtinTerms: readonly TermEntry[], query = '', max = Infinity, language = 'en'): { items: CompletionItem[]; more: boolean } {
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const groups: { lists: Prepared[][]; defined: boolean }[] = [
    { lists: [a.doc.definitions.map(prepare).sort(byTerm)], defined: true },
    { lists: a.defining.map((t) => preparedList(t.base?.entries ?? [])), defined: true },
    { lists: a.known.map((t) => preparedList(t.base?.entries ?? [])), defined: false },
    { lists: [preparedList(builtinTerms)], defined: false },
  ];
  const seen = new Set<string>();
  const chosen: { p: Prepared; defined: boolean; rank: number }[] = [];
  let more = false;
  for (let g = 0; g < groups.length && !more; g++) {
    const { lists, defined } = groups[g];
    const one = lists.length === 1 ? lists[0] : lists.flat().sort(byTerm); // stable: the first term base wins a tie
    const buckets: Prepared[][] = [[], [], []];
    for (const p of one) {
      // With nothing typed every term matches in order: no need to look past the limit.
      if (!q && chosen.length + buckets[0].length > max) break;
      if (seen.has(p.key)) continue;
      let rank = 0;
      if (q) {
        const labels = language === 'en' ? p.labels : [...p.labels, ...translatedLabels(p.entry, language)];
        if (labels.some((l) => l.startsWith(q))) rank = 0;
        else if (labels.some((l) => l.includes(' ' + q) || l.includes('-' + q))) rank = 1;
        else if (labels.some((l) => l.includes(q))) rank = 2;
        else continue;
      }
      seen.add(p.key);
      buckets[rank].push(p);
    }
    for (let r = 0; r < 3 && !more; r++) {
      for (const p of buckets[r]) {
        if (chosen.length >= max) {
          more = true;
          break;
        }
        chosen.push({ p, defined, rank: g * 3 + r });
      }
    }
  }
  const items = chosen.map(({ p: { entry }, defined, rank }): CompletionItem => {
    // In a Russian or French document, the label in that language (the English one stays findable).
    const label = preferredLabel(entry, language);
    return {
    label,
    kind: defined ? CompletionItemKind.Constant : CompletionItemKind.Text,
    detail: defined ? (entry.origin === 'document' ? 'defined in this document' : 'defined in an imported term base') : entry.origin === 'builtin' ? 'WCO term — not yet defined here' : 'known term — not yet defined here',
    // Labels in the document's language before the entries that have none in it.
    sortText: `${String(rank).padStart(2, '0')}${language === 'en' || label !== entry.term || entry.language === language ? 0 : 1}${label}`,
    filterText: [label, entry.term, ...entry.variants].join(' '),
    textEdit: { range, newText: `${label}»` },
    data: { kind: 'term', id: entry.term, uri: entry.uri } satisfies CompletionData,
    };
  });
  return { items, more };
}

/** Adds documentation to an item chosen in the list. */
export function resolveCompletion(item: CompletionItem, catalog: InstrumentCatalog, findTerm: (label: string, uri?: string) => TermEntry | undefined): CompletionItem {
  const data = item.data as CompletionData | undefined;
  if (data?.kind === 'instrument') {
    const target = catalog.get(data.id);
    if (target) item.documentation = { kind: 'markdown', value: instrumentMarkdown(target, catalog) };
  } else if (data?.kind === 'term') {
    const entry = findTerm(data.id, data.uri);
    if (entry) item.documentation = { kind: 'markdown', value: termMarkdown(entry, catalog, { defined: entry.origin !== 'builtin' }) };
  }
  return item;
}
