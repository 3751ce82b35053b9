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
import { labelKey } from '../terms/matcher';
import type { TermEntry } from '../terms/termBase';
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
    const items: CompletionItem[] = catalog.search(query).map((inst, i) => ({
      label: inst.id,
      kind: CompletionItemKind.Reference,
      detail: inst.name && inst.name !== inst.title ? `${inst.name} — ${inst.title}` : inst.title,
      filterText: query ? `${query} ${inst.id}` : inst.id,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: inst.id },
      data: { kind: 'instrument', id: inst.id } satisfies CompletionData,
    }));
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
    const { items, total } = termItems(a, range, builtinTerms, query, MAX_TERM_ITEMS);
    // A long list is cut: the client asks again as the user types (isIncomplete).
    return { isIncomplete: total > items.length, items };
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

/** An entry's term and variants in lower case with single spaces, for filtering; entries never change once read. */
const searchLabelCache = new WeakMap<TermEntry, { key: string; labels: string[] }>();

function searchInfo(entry: TermEntry): { key: string; labels: string[] } {
  let info = searchLabelCache.get(entry);
  if (!info) {
    info = { key: labelKey(entry.term), labels: [entry.term, ...entry.variants].map((l) => l.toLowerCase().replace(/\s+/g, ' ')) };
    searchLabelCache.set(entry, info);
  }
  return info;
}

/** At most this many terms are offered at once; with more in scope, the list is filtered by what is typed after `«`. */
export const MAX_TERM_ITEMS = 200;

/**
 * The terms in scope that match `query` (the text typed after `«`), best first:
 * the document's own, then those of imported term bases, then known ones, then
 * the built-in ones; within each, a term or variant that starts with the query
 * before one that contains it elsewhere. An empty query matches every term.
 */
function termItems(a: Analysis, range: { start: { line: number; character: number }; end: { line: number; character: number } }, builtinTerms: readonly TermEntry[], query = '', max = Infinity): { items: CompletionItem[]; total: number } {
  const found: { entry: TermEntry; defined: boolean; rank: number; sortText: string }[] = [];
  const seen = new Set<string>();
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  const add = (entry: TermEntry, defined: boolean, group: number) => {
    const { key, labels } = searchInfo(entry);
    if (seen.has(key)) return;
    let rank = 0;
    if (q) {
      if (labels.some((l) => l.startsWith(q))) rank = 0;
      else if (labels.some((l) => l.includes(' ' + q) || l.includes('-' + q))) rank = 1;
      else if (labels.some((l) => l.includes(q))) rank = 2;
      else return;
    }
    seen.add(key);
    rank += group * 3;
    found.push({ entry, defined, rank, sortText: `${String(rank).padStart(2, '0')}${entry.term}` });
  };
  for (const e of a.doc.definitions) add(e, true, 0);
  for (const t of a.defining) for (const e of t.base?.entries ?? []) add(e, true, 1);
  for (const t of a.known) for (const e of t.base?.entries ?? []) add(e, false, 2);
  for (const e of builtinTerms) add(e, false, 3);
  // Sorted stably by rank and term; only the items returned are built.
  found.sort((x, y) => x.rank - y.rank || (x.sortText < y.sortText ? -1 : x.sortText > y.sortText ? 1 : 0));
  const items = found.slice(0, max).map(({ entry, defined, sortText }): CompletionItem => ({
    label: entry.term,
    kind: defined ? CompletionItemKind.Constant : CompletionItemKind.Text,
    detail: defined ? (entry.origin === 'document' ? 'defined in this document' : 'defined in an imported term base') : entry.origin === 'builtin' ? 'WCO term — not yet defined here' : 'known term — not yet defined here',
    sortText,
    filterText: [entry.term, ...entry.variants].join(' '),
    textEdit: { range, newText: `${entry.term}»` },
    data: { kind: 'term', id: entry.term, uri: entry.uri } satisfies CompletionData,
  }));
  return { items, total: found.length };
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
