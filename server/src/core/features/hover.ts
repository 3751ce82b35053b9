/**
 * Hover: a term's definition and provenance; an instrument's official data.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, TermEntryRef } from '../analysis';
import { findPart, type CitationTarget, type InstrumentCatalog } from '../catalog/catalog';
import type { TermEntry } from '../terms/termBase';
import { modelHover } from '../model/index';
import { t, toLocale, type Locale } from '../l10n';
import { confidenceLabel, ht, kindLabel } from './hoverMessages';

/**
 * The language a definition written without a language tag is in: a document's own definitions are in
 * its language; a term base's are in its declared `language:`; otherwise Cyrillic text is Russian and
 * the rest is taken as English (the language of the built-in base and the default of term bases).
 */
function untaggedLanguage(entry: TermEntry, docLanguage: string | undefined, baseLanguage: string | undefined): string {
  if (entry.origin === 'document' && docLanguage) return docLanguage;
  if (baseLanguage) return baseLanguage;
  const text = entry.definition ?? '';
  const cyrillic = (text.match(/[\u0400-\u04FF]/g) ?? []).length;
  return cyrillic * 2 > text.replace(/[^\p{L}]/gu, '').length ? 'ru' : 'en';
}

/** The definition to show in a document's language, and the language it is in when that differs. */
export function definitionFor(entry: TermEntry, language: string | undefined, baseLanguage?: string): { text?: string; language?: string } {
  const langs = Object.keys(entry.definitions);
  if (!langs.length) {
    if (!entry.definition) return {};
    const written = untaggedLanguage(entry, language, baseLanguage);
    return { text: entry.definition, language: written !== (language ?? 'en') ? written : undefined };
  }
  if (language && entry.definitions[language]) return { text: entry.definitions[language] };
  const fallback = entry.definitions.en !== undefined ? 'en' : langs[0];
  return { text: entry.definitions[fallback], language: fallback !== (language ?? 'en') ? fallback : undefined };
}

/** A confidence that is not high, and the note, as one hover line; every note is shown, whatever the confidence. */
function doubtLine(loc: Locale, confidence: string | undefined, note: string | undefined): string | undefined {
  const doubt = confidence && confidence !== 'high' ? `*${t(loc, 'hover.confidence')}:* ${confidenceLabel(loc, confidence)}` : undefined;
  if (doubt && note) return `${doubt} — ${escapeMd(note)}`;
  if (doubt) return doubt;
  return note ? `*${ht(loc, 'note')}:* ${escapeMd(note)}` : undefined;
}

export function termMarkdown(entry: TermEntry, catalog: InstrumentCatalog, opts: { defined: boolean; matched?: TermEntryRef; docUri?: string; language?: string; locale?: Locale; baseLanguage?: string }): string {
  const lines: string[] = [];
  const loc = opts.locale ?? 'en';
  const local = opts.language && opts.language !== 'en' ? entry.translations[opts.language] : undefined;
  const where =
    entry.origin === 'document' ? t(loc, 'hover.defined-document')
    : entry.origin === 'builtin' ? t(loc, opts.defined ? 'hover.builtin-defined' : 'hover.builtin-known')
    : t(loc, opts.defined ? 'hover.defined-in' : 'hover.known-from', { where: relativeName(entry.uri, opts.docUri) });
  lines.push(`**${escapeMd(local ?? entry.term)}**${local ? ` (${escapeMd(entry.term)})` : ''} — *${where}*`);
  if (opts.matched && opts.matched.kind !== 'preferred' && opts.matched.label !== local) {
    const what = opts.matched.kind === 'deprecated' ? 'matched.deprecated' : opts.matched.kind === 'translation' ? 'matched.translation' : 'matched.variant';
    lines.push('', ht(loc, what, { label: escapeMd(opts.matched.label) }));
  }
  const def = definitionFor(entry, opts.language, opts.baseLanguage);
  lines.push('', def.text ? `${def.language ? `*(${def.language})* ` : ''}${escapeMd(def.text.trim())}` : `*${ht(loc, 'no-definition-text')}*`);
  const facts: string[] = [];
  if (entry.source) {
    const id = /@([\w.:-]*\w)/.exec(entry.source)?.[1];
    const inst = id ? catalog.get(id)?.instrument : undefined;
    facts.push(`*${t(loc, 'hover.source')}:* ${escapeMd(entry.source)}${inst ? ` — ${escapeMd(inst.name ?? inst.title)}` : ''}`);
  }
  if (entry.variants.length) facts.push(`*${t(loc, 'hover.variants')}:* ${entry.variants.map(escapeMd).join(', ')}`);
  if (entry.deprecated.length) facts.push(`*${t(loc, 'hover.deprecated')}:* ${entry.deprecated.map(escapeMd).join(', ')}`);
  const tr = Object.entries(entry.translationLabels ?? {}).length ? Object.entries(entry.translationLabels) : Object.entries(entry.translations).map(([l, x]) => [l, [x]] as [string, string[]]);
  if (tr.length) {
    const shown = tr.map(([l, labels]) => {
      const c = entry.translationConfidence?.[l];
      const doubt = c && c.confidence !== 'high' ? ` (${t(loc, 'hover.confidence').toLowerCase()}: ${confidenceLabel(loc, c.confidence)})` : '';
      return `${l}: ${labels.map(escapeMd).join(' / ')}${doubt}`;
    });
    facts.push(`*${t(loc, 'hover.translations')}:* ${shown.join(' · ')}`);
    for (const [l] of tr) {
      const c = entry.translationConfidence?.[l];
      if (c?.note) facts.push(`*${l}:* ${escapeMd(c.note)}`);
    }
  }
  if (entry.related.length) facts.push(`*${t(loc, 'hover.related')}:* ${entry.related.map(escapeMd).join(', ')}`);
  if (entry.broader.length) facts.push(`*${t(loc, 'hover.broader')}:* ${entry.broader.map(escapeMd).join(', ')}`);
  const doubt = doubtLine(loc, entry.confidence, entry.note);
  if (doubt) facts.push(doubt);
  if (facts.length) lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

/** A source as a Markdown link (title and address), the title alone, or a bare link. */
function sourceMarkdown(loc: Locale, url: string | undefined, title: string | undefined): string | undefined {
  if (url && title) return `*${ht(loc, 'source')}:* [${escapeMd(title)}](${url})`;
  if (title) return `*${ht(loc, 'source')}:* ${escapeMd(title)}`;
  return url ? `[${ht(loc, 'source')}](${url})` : undefined;
}

export function instrumentMarkdown(target: CitationTarget, catalog: InstrumentCatalog, language?: string, opts: { locale?: Locale; locator?: string; docUri?: string } = {}): string {
  const { instrument: i, edition } = target;
  const loc = opts.locale ?? 'en';
  const lines: string[] = [];
  const local = language ? i.titles[language] : undefined;
  const found = opts.locator ? findPart(catalog, i, opts.locator) : undefined;
  if (found) {
    // `[@rkc, General Annex, Chapter 7]`: the chapter first, then the instrument it belongs to.
    const p = found.part;
    lines.push(`**${escapeMd(p.locator)}: ${escapeMd(p.title)}** — *${ht(loc, 'part-cited')}*`);
    if (p.summary) lines.push('', escapeMd(p.summary));
    const doubt = doubtLine(loc, p.confidence ?? found.of.confidence, p.note ?? (p.confidence && p.confidence !== 'high' ? found.of.partsNote : undefined));
    if (doubt) lines.push('', doubt);
    lines.push('', '---', '');
  }
  lines.push(`**${escapeMd(i.name ?? i.title)}** (\`@${i.id}\`)${i.origin === 'workspace' ? ` — *${ht(loc, 'workspace-catalog', { where: relativeName(i.uri, opts.docUri) })}*` : ''}`);
  if (i.name && i.name !== i.title) lines.push('', `*${escapeMd(i.title)}*`);
  if (local) {
    const doubt = local.confidence && local.confidence !== 'high' ? ` — ${confidenceLabel(loc, local.confidence)}${local.note ? ': ' + escapeMd(local.note) : ''}` : '';
    lines.push('', `${language}: *${escapeMd(local.title)}*${local.name ? ` (${escapeMd(local.name)})` : ''}${doubt}`);
  }
  if (opts.locator && !found) lines.push('', `*${ht(loc, 'part-unknown', { locator: escapeMd(opts.locator) })}*`);
  const facts: string[] = [];
  if (i.kind) facts.push(`${ht(loc, 'kind')}: ${kindLabel(loc, i.kind)}`);
  if (i.owner) facts.push(`${ht(loc, 'owner')}: ${escapeMd(i.owner)}`);
  if (i.body) facts.push(`${ht(loc, 'body')}: ${escapeMd(i.body)}`);
  if (i.adopted) facts.push(`${ht(loc, 'adopted')}: ${i.adopted}`);
  if (i.inForce) facts.push(`${ht(loc, 'in-force')}: ${i.inForce}`);
  if (facts.length) lines.push('', facts.join(' · '));
  if (i.summary) lines.push('', escapeMd(i.summary));
  const more: string[] = [];
  if (edition) {
    more.push(`*${ht(loc, 'edition-cited')}:* ${escapeMd(edition.edition)}${edition.current ? ` (${ht(loc, 'current')})` : ` — ${ht(loc, 'superseded')}`}`);
    if (edition.note) more.push(`*${ht(loc, 'note')}:* ${escapeMd(edition.note)}`);
  } else if (i.editions.length) {
    const cur = i.editions.find((e) => e.current);
    if (cur) more.push(`*${ht(loc, 'current-edition')}:* ${escapeMd(cur.edition)} (\`@${cur.id}\`)${cur.note ? ' — ' + escapeMd(cur.note) : ''}`);
  }
  if (i.partOf) {
    const parent = catalog.get(i.partOf)?.instrument;
    more.push(`*${ht(loc, 'part-of')}:* \`@${i.partOf}\`${parent ? ' — ' + escapeMd(parent.name ?? parent.title) : ''}`);
  }
  if (i.supersededBy) more.push(`*${ht(loc, 'superseded-by')}:* \`@${i.supersededBy}\``);
  if (i.abbreviations.length) more.push(`*${ht(loc, 'also-cited-as')}:* ${i.abbreviations.map(escapeMd).join(', ')}`);
  const doubt = doubtLine(loc, i.confidence, i.note);
  if (doubt) more.push(doubt);
  const src = sourceMarkdown(loc, i.source, i.sourceTitle);
  if (src) more.push(src);
  if (more.length) lines.push('', more.join('  \n'));
  return lines.join('\n');
}

/**
 * The locale of a document's hovers: its declared `language:`, else the language the settings give
 * documents, else the display locale. Hovers explain the document's terms, so they speak its language.
 */
export function hoverLocale(a: Analysis, settings: { language?: string; locale?: Locale }): Locale {
  const declared = a.doc.frontMatter?.values.language;
  return toLocale(typeof declared === 'string' && ['en', 'fr', 'ru'].includes(declared) ? declared : (settings.language ?? settings.locale));
}

/**
 * The Pandoc locator after a citation id: `[@rkc, General Annex, Chapter 7]` gives `General Annex, Chapter 7`.
 * Read from the text up to `]` or `;` on the same line, at most 200 characters; none outside brackets.
 */
export function locatorAfter(text: string, end: number): string | undefined {
  if (text[end] !== ',') return undefined;
  const open = text.lastIndexOf('[', end);
  const lineStart = text.lastIndexOf('\n', end) + 1;
  if (open < lineStart) return undefined;
  const limit = Math.min(text.length, end + 200);
  let i = end + 1;
  while (i < limit && text[i] !== ']' && text[i] !== ';' && text[i] !== '\n') i++;
  if (text[i] !== ']' && text[i] !== ';') return undefined;
  return text.slice(end + 1, i).trim() || undefined;
}

export function getHover(a: Analysis, doc: TextDocument, offset: number, catalog: InstrumentCatalog, locale: Locale = 'en'): Hover | null {
  const markdown = (value: string, start: number, end: number): Hover => ({
    contents: { kind: 'markdown', value } satisfies MarkupContent,
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
  });
  const here = a.near(offset);
  const c = findAt(here.citations, offset);
  if (c) {
    if (c.target) return markdown(instrumentMarkdown(c.target, catalog, a.language, { locale, locator: locatorAfter(doc.getText(), c.end), docUri: doc.uri }), c.start, c.end);
    const closest = catalog.closest(c.id);
    return markdown(ht(locale, 'not-in-catalog', { id: c.id, closest: closest.map((x) => '`@' + x + '`').join(', ') }), c.start, c.end);
  }
  // An instrument named in prose: the same answer as its citation.
  const m = findAt(here.mentions, offset);
  if (m) return markdown(instrumentMarkdown({ instrument: m.instrument }, catalog, a.language, { locale, docUri: doc.uri }), m.start, m.end);
  const baseLanguages = new Map<string, string>();
  for (const b of [...a.defining, ...a.known]) if (b.base?.language) baseLanguages.set(b.uri, b.base.language);
  const u = findAt(here.uses, offset);
  if (u) {
    const best = u.refs[0];
    const label = doc.getText().slice(u.start, u.end);
    if (!best) return markdown(t(locale, 'hover.no-definition', { label: escapeMd(label) }), u.start, u.end);
    // When a defining entry exists, show it; mention the WCO meaning after it.
    let value = termMarkdown(best.entry, catalog, { defined: u.defined, matched: best, docUri: doc.uri, language: a.language, locale, baseLanguage: baseLanguages.get(best.entry.uri) });
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
      const text = t.base ? ht(locale, 'term-base', { count: t.base.entries.length }) : ht(locale, 'cannot-read', { reason: t.error ?? 'unknown error' });
      return markdown(`**${escapeMd(t.ref.path)}**\n\n${text}`, t.ref.start, t.ref.end);
    }
  }
  // Section headings, the `model:` value and the structured parts.
  return modelHover(a, doc, offset, locale, catalog);
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
