/**
 * Hover: a term's definition and provenance; an instrument's official data.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, TermEntryRef } from '../analysis';
import type { CitationTarget, InstrumentCatalog } from '../catalog/catalog';
import type { TermEntry } from '../terms/termBase';
import { modelHover } from '../model/index';
import { t, type Locale } from '../l10n';

/** The definition to show in a document's language, and the language it is in when that differs. */
export function definitionFor(entry: TermEntry, language: string | undefined): { text?: string; language?: string } {
  const langs = Object.keys(entry.definitions);
  if (!langs.length) return { text: entry.definition, language: language && language !== 'en' && entry.definition ? 'en' : undefined };
  if (language && entry.definitions[language]) return { text: entry.definitions[language] };
  const fallback = entry.definitions.en !== undefined ? 'en' : langs[0];
  return { text: entry.definitions[fallback], language: fallback !== (language ?? 'en') ? fallback : undefined };
}

export function termMarkdown(entry: TermEntry, catalog: InstrumentCatalog, opts: { defined: boolean; matched?: TermEntryRef; docUri?: string; language?: string; locale?: Locale }): string {
  const lines: string[] = [];
  const loc = opts.locale ?? 'en';
  const local = opts.language && opts.language !== 'en' ? entry.translations[opts.language] : undefined;
  const where =
    entry.origin === 'document' ? t(loc, 'hover.defined-document')
    : entry.origin === 'builtin' ? t(loc, opts.defined ? 'hover.builtin-defined' : 'hover.builtin-known')
    : t(loc, opts.defined ? 'hover.defined-in' : 'hover.known-from', { where: relativeName(entry.uri, opts.docUri) });
  lines.push(`**${escapeMd(local ?? entry.term)}**${local ? ` (${escapeMd(entry.term)})` : ''} — *${where}*`);
  if (opts.matched && opts.matched.kind !== 'preferred' && opts.matched.label !== local) {
    const what = opts.matched.kind === 'deprecated' ? 'a deprecated label' : opts.matched.kind === 'translation' ? 'a translation' : 'a variant';
    lines.push('', `«${escapeMd(opts.matched.label)}» is ${what} of this term.`);
  }
  const def = definitionFor(entry, opts.language);
  lines.push('', def.text ? `${def.language ? `*(${def.language})* ` : ''}${escapeMd(def.text.trim())}` : '*No definition text.*');
  const facts: string[] = [];
  if (entry.source) {
    const id = /@([\w.:-]*\w)/.exec(entry.source)?.[1];
    const inst = id ? catalog.get(id)?.instrument : undefined;
    facts.push(`*${t(loc, 'hover.source')}:* ${escapeMd(entry.source)}${inst ? ` — ${escapeMd(inst.name ?? inst.title)}` : ''}`);
  }
  if (entry.variants.length) facts.push(`*${t(loc, 'hover.variants')}:* ${entry.variants.map(escapeMd).join(', ')}`);
  if (entry.deprecated.length) facts.push(`*${t(loc, 'hover.deprecated')}:* ${entry.deprecated.map(escapeMd).join(', ')}`);
  const tr = Object.entries(entry.translations);
  if (tr.length) facts.push(`*${t(loc, 'hover.translations')}:* ${tr.map(([l, t]) => `${l}: ${escapeMd(t)}`).join(' · ')}`);
  if (entry.related.length) facts.push(`*${t(loc, 'hover.related')}:* ${entry.related.map(escapeMd).join(', ')}`);
  if (entry.broader.length) facts.push(`*${t(loc, 'hover.broader')}:* ${entry.broader.map(escapeMd).join(', ')}`);
  if (entry.confidence && entry.confidence !== 'high') facts.push(`*${t(loc, 'hover.confidence')}:* ${entry.confidence}${entry.note ? ' — ' + escapeMd(entry.note) : ''}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

export function instrumentMarkdown(target: CitationTarget, catalog: InstrumentCatalog, language?: string): string {
  const { instrument: i, edition } = target;
  const lines: string[] = [];
  const local = language ? i.titles[language] : undefined;
  lines.push(`**${escapeMd(i.name ?? i.title)}** (\`@${i.id}\`)`);
  if (i.name && i.name !== i.title) lines.push('', `*${escapeMd(i.title)}*`);
  if (local) {
    const doubt = local.confidence && local.confidence !== 'high' ? ` — ${local.confidence}${local.note ? ': ' + escapeMd(local.note) : ''}` : '';
    lines.push('', `${language}: *${escapeMd(local.title)}*${local.name ? ` (${escapeMd(local.name)})` : ''}${doubt}`);
  }
  const facts: string[] = [];
  if (i.kind) facts.push(`Kind: ${i.kind}`);
  if (i.owner) facts.push(`Owner: ${escapeMd(i.owner)}`);
  if (i.body) facts.push(`Body: ${escapeMd(i.body)}`);
  if (i.adopted) facts.push(`Adopted: ${i.adopted}`);
  if (i.inForce) facts.push(`In force: ${i.inForce}`);
  if (facts.length) lines.push('', facts.join(' · '));
  if (i.summary) lines.push('', escapeMd(i.summary));
  const more: string[] = [];
  if (edition) more.push(`*Edition cited:* ${escapeMd(edition.edition)}${edition.current ? ' (current)' : ' — superseded'}`);
  else if (i.editions.length) {
    const cur = i.editions.find((e) => e.current);
    if (cur) more.push(`*Current edition:* ${escapeMd(cur.edition)} (\`@${cur.id}\`)`);
  }
  if (i.partOf) {
    const parent = catalog.get(i.partOf)?.instrument;
    more.push(`*Part of:* \`@${i.partOf}\`${parent ? ' — ' + escapeMd(parent.name ?? parent.title) : ''}`);
  }
  if (i.supersededBy) more.push(`*Superseded by:* \`@${i.supersededBy}\``);
  if (i.abbreviations.length) more.push(`*Also cited as:* ${i.abbreviations.map(escapeMd).join(', ')}`);
  if (i.confidence && i.confidence !== 'high') more.push(`*Confidence:* ${i.confidence}${i.note ? ' — ' + escapeMd(i.note) : ''}`);
  if (i.source) more.push(`[Source](${i.source})`);
  if (more.length) lines.push('', more.join('  \n'));
  return lines.join('\n');
}

export function getHover(a: Analysis, doc: TextDocument, offset: number, catalog: InstrumentCatalog, locale: Locale = 'en'): Hover | null {
  const markdown = (value: string, start: number, end: number): Hover => ({
    contents: { kind: 'markdown', value } satisfies MarkupContent,
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  });
  const c = findAt(a.citations, offset);
  if (c) {
    if (c.target) return markdown(instrumentMarkdown(c.target, catalog, a.language), c.start, c.end);
    const closest = catalog.closest(c.id);
    return markdown(`\`@${c.id}\` is not in the instrument catalog.${closest.length ? ' Closest: ' + closest.map((x) => '`@' + x + '`').join(', ') : ''}`, c.start, c.end);
  }
  // An instrument named in prose: the same answer as its citation.
  const m = findAt(a.mentions, offset);
  if (m) return markdown(instrumentMarkdown({ instrument: m.instrument }, catalog, a.language), m.start, m.end);
  const u = findAt(a.uses, offset);
  if (u) {
    const best = u.refs[0];
    const label = doc.getText().slice(u.start, u.end);
    if (!best) return markdown(t(locale, 'hover.no-definition', { label: escapeMd(label) }), u.start, u.end);
    // When a defining entry exists, show it; mention the WCO meaning after it.
    let value = termMarkdown(best.entry, catalog, { defined: u.defined, matched: best, docUri: doc.uri, language: a.language, locale });
    const wco = u.refs.find((r) => r.entry.origin === 'builtin');
    if (wco && wco.entry !== best.entry) value += `\n\n---\n\n${termMarkdown(wco.entry, catalog, { defined: false, matched: wco, docUri: doc.uri, language: a.language, locale })}`;
    return markdown(value, u.start, u.end);
  }
  for (const e of a.doc.definitions) {
    if (offset >= e.labelRange[0] && offset <= e.labelRange[1]) {
      const uses = a.uses.filter((x) => x.refs.some((r) => r.entry === e)).length;
      return markdown(termMarkdown(e, catalog, { defined: true, docUri: doc.uri, language: a.language, locale }) + `\n\n*${t(locale, 'hover.uses')}:* ${uses}`, e.labelRange[0], e.labelRange[1]);
    }
  }
  for (const t of a.defining) {
    if (t.ref && offset >= t.ref.start && offset <= t.ref.end) {
      const text = t.base ? `Term base with ${t.base.entries.length} term${t.base.entries.length === 1 ? '' : 's'}.` : `Cannot be read: ${t.error ?? 'unknown error'}`;
      return markdown(`**${escapeMd(t.ref.path)}**\n\n${text}`, t.ref.start, t.ref.end);
    }
  }
  // Section headings, the `model:` value and the structured parts.
  return modelHover(a, doc, offset);
}

/** The item whose [start, end] contains the offset, by binary search over items sorted by start. */
export function findAt<T extends { start: number; end: number }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid];
    if (offset < it.start) hi = mid - 1;
    else if (offset > it.end) lo = mid + 1;
    else return it;
  }
  return undefined;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

function relativeName(uri: string, from?: string): string {
  if (from) {
    const dir = from.slice(0, from.lastIndexOf('/') + 1);
    if (uri.startsWith(dir)) return decodeURIComponent(uri.slice(dir.length));
  }
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
