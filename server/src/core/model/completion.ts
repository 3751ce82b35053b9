/**
 * Completion from the reference model:
 * - after `#` in the body, the section headings the document still lacks, in
 *   the model's order, titled in the document's language;
 * - the `model:` value: every known model id;
 * - inside `maturity:`, dimension ids and their levels; inside `components:`,
 *   element ids, statuses, relation types and relation targets; inside
 *   `indicators:`, the fields of the indicator schema and their values.
 *
 * The front matter may not parse while the user types, so the context is read
 * from the lines (indentation and keys), not from the YAML tree.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { Locale } from '../l10n';
import type { ReferenceModel } from './referenceModel';
import { dimensionMarkdown, elementMarkdown, findReference, levelMarkdown, prose, referenceMarkdown, sectionMarkdown } from './hover';
import { matchSections, sectionTitle } from './sections';
import { COMPONENT_KEYS, levelsOf, MATURITY_ENTRY_KEYS, referenceIds } from './structuredParts';
import { mt } from './messages';

interface Line {
  text: string;
  start: number;
  /** Column where the content starts, after the indentation and any `- ` markers. */
  indent: number;
  key?: string;
}

function lineInfo(text: string, start: number): Line {
  const m = /^([ \t]*(?:-[ \t]+)*)([A-Za-z_][\w-]*)?\s*(:)?/.exec(text)!;
  return { text, start, indent: m[1].length, key: m[3] ? m[2] : undefined };
}

const markdown = (value: string) => ({ kind: 'markdown' as const, value });

export function modelCompletions(a: Analysis, doc: TextDocument, offset: number): CompletionList | undefined {
  const dm = a.model;
  if (!dm) return undefined;
  const text = a.doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const range = (s: number, e: number): Range => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  const fm = a.doc.frontMatter;
  const list = (items: CompletionItem[]): CompletionList => ({ isIncomplete: false, items });

  if (fm && offset >= fm.start && offset <= fm.end) {
    const m = /^model:[ \t]*([\w./-]*)$/.exec(linePrefix);
    if (m) {
      const r = range(offset - m[1].length, offset);
      return list(dm.available().map((s) => ({
        label: s.id,
        kind: CompletionItemKind.Module,
        detail: `${s.title ?? s.id} (${s.origin === 'builtin' ? 'built in' : 'workspace'})`,
        documentation: s.description ? markdown(prose(s.description)) : undefined,
        textEdit: { range: r, newText: s.id },
      })));
    }
    const model = dm.model;
    if (!model || !/^[ \t]/.test(linePrefix)) return undefined;
    return structuredCompletions(model, a, fm.start, lineStart, offset, linePrefix, range, dm.locale);
  }

  const model = dm.model;
  if (!model || offset < a.doc.bodyStart) return undefined;
  const h = /^(#{1,6})([ \t]*)([^#]*)$/.exec(linePrefix);
  if (!h) return undefined;
  const structure = matchSections(a.doc, model, lineStart);
  const language = a.language;
  const start = lineStart + h[1].length + h[2].length;
  const r = range(start, lineEnd);
  const items: CompletionItem[] = [];
  for (const s of model.sections) {
    if (structure.present.has(s.id)) continue;
    const title = sectionTitle(s, language);
    items.push({
      label: title,
      kind: CompletionItemKind.Module,
      detail: mt(dm.locale, s.required ? 'detail.required' : 'detail.optional'),
      documentation: markdown(sectionMarkdown(s, model, language, dm.locale)),
      sortText: String(s.order).padStart(6, '0'),
      filterText: [title, s.title, ...s.aliases].join(' '),
      textEdit: { range: r, newText: (h[2] ? '' : ' ') + title },
    });
  }
  return list(items);
}

function structuredCompletions(
  model: ReferenceModel,
  a: Analysis,
  fmStart: number,
  lineStart: number,
  offset: number,
  linePrefix: string,
  range: (s: number, e: number) => Range,
  locale?: Locale,
): CompletionList | undefined {
  const text = a.doc.text;
  // Lines of the front matter above the current one, nearest first.
  const above: Line[] = [];
  for (let end = lineStart - 1; end > fmStart; ) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    const t = text.slice(s, end).replace(/\r$/, '');
    if (t.trim() && !/^\s*#/.test(t)) above.push(lineInfo(t, s));
    end = s - 1;
  }
  const top = above.find((l) => l.indent === 0 && l.key)?.key;
  const cur = lineInfo(linePrefix, lineStart);
  const parentOf = (indent: number) => above.find((l) => l.indent < indent && l.key);
  const parent = parentOf(cur.indent);
  const list = (items: CompletionItem[]): CompletionList => ({ isIncomplete: false, items });
  const word = /[\w-]*$/.exec(linePrefix)![0];
  const wordRange = range(offset - word.length, offset);
  const keyPosition = /^[ \t]*(?:-[ \t]+)*[\w-]*$/.test(linePrefix);
  const valueMatch = /^[ \t]*(?:-[ \t]+)*([\w-]+):[ \t]*(?:\[[ \t]*(?:[\w-]+[ \t]*,[ \t]*)*)?([\w-]*)$/.exec(linePrefix);
  const keyItem = (label: string, detail: string, doc?: string, sort?: string): CompletionItem => ({
    label, kind: CompletionItemKind.Property, detail, documentation: doc ? markdown(doc) : undefined, sortText: sort, textEdit: { range: wordRange, newText: `${label}: ` },
  });
  const elements = (filter?: (type: string) => boolean): CompletionItem[] =>
    model.elements.filter((e) => !filter || filter(e.type)).map((e) => ({
      label: e.id, kind: CompletionItemKind.EnumMember, detail: `${e.name ?? e.id} (${e.type})`, documentation: markdown(elementMarkdown(e, model)),
      filterText: `${e.id} ${e.name ?? ''}`, textEdit: { range: wordRange, newText: e.id },
    }));

  if (top === 'maturity' && model.maturity) {
    const dims = new Map(model.maturity.dimensions.map((d) => [d.id, d]));
    const levelItems = (dimId: string | undefined): CompletionItem[] => {
      const dim = dimId ? dims.get(dimId) : undefined;
      return levelsOf(model, dim).map((l) => ({
        label: String(l.level), kind: CompletionItemKind.EnumMember, detail: l.name, documentation: markdown(levelMarkdown(l, dim, model, locale)),
        sortText: String(l.level).padStart(4, '0'), filterText: `${l.level} ${l.id ?? ''} ${l.name}`, textEdit: { range: wordRange, newText: String(l.level) },
      }));
    };
    if (valueMatch) {
      const [, key] = valueMatch;
      if (parent?.key === 'maturity' && dims.has(key)) return list(levelItems(key));
      if ((key === 'level' || key === 'target') && parent?.key && dims.has(parent.key)) return list(levelItems(parent.key));
      return undefined;
    }
    if (keyPosition) {
      if (!parent || parent.key === 'maturity') {
        const present = new Set(above.filter((l) => l.key && parentOf(l.indent)?.key === 'maturity' && l.indent === cur.indent).map((l) => l.key!));
        return list(model.maturity.dimensions.filter((d) => !present.has(d.id)).map((d) => keyItem(d.id, d.name ?? d.id, dimensionMarkdown(d, model, locale))));
      }
      if (parent.key && dims.has(parent.key)) return list(Object.entries(MATURITY_ENTRY_KEYS).map(([k, d]) => keyItem(k, d)));
    }
    return undefined;
  }

  if (top === 'components') {
    const statuses = model.components?.statuses ?? [];
    // The element of the component the cursor is in: the `element:` line of the current list item.
    const itemElement = (): string | undefined => {
      const own = /element:[ \t]*([\w-]+)/.exec(linePrefix);
      if (own && /^[ \t]*-/.test(linePrefix)) return own[1];
      for (const l of above) {
        const m = /element:[ \t]*([\w-]+)/.exec(l.text);
        if (m) return m[1];
        if (/^[ \t]*-[ \t]/.test(l.text) || l.indent === 0) break;
      }
      return undefined;
    };
    if (valueMatch) {
      const [, key] = valueMatch;
      if (key === 'element') return list(elements());
      if (key === 'status') {
        return list(statuses.map((s, i) => ({
          label: s.id, kind: CompletionItemKind.EnumMember, detail: s.description, sortText: String(i).padStart(3, '0'), textEdit: { range: wordRange, newText: s.id },
        })));
      }
      const rt = model.relationTypes.find((r) => r.id === key);
      if (rt && parent?.key === 'relations') return list(elements((t) => rt.to.includes(t)));
      return undefined;
    }
    if (keyPosition) {
      if (parent?.key === 'relations') {
        const el = model.elements.find((e) => e.id === itemElement());
        return list(model.relationTypes.filter((r) => !el || r.from.includes(el.type)).map((r) => keyItem(r.id, `${r.name ?? r.id}: ${r.from.join('/')} → ${r.to.join('/')}`, r.description ? prose(r.description) : undefined)));
      }
      if (parent?.key === 'components' || cur.indent > 0) {
        const fields = model.components?.fields ?? [];
        return list([
          ...Object.entries(COMPONENT_KEYS).map(([k, d], i) => keyItem(k, d, undefined, `0${i}`)),
          ...fields.map((f) => keyItem(f.id, f.description ?? f.types.join(' or '), undefined, `1${f.id}`)),
        ]);
      }
    }
    return undefined;
  }

  if (top === 'indicators' && model.indicators) {
    const fields = new Map(model.indicators.fields.map((f) => [f.id, f]));
    if (valueMatch) {
      const f = fields.get(valueMatch[1]);
      if (!f) return undefined;
      if (f.ref === 'element') return list(elements());
      if (f.ref === 'dimension') {
        return list((model.maturity?.dimensions ?? []).map((d) => ({
          label: d.id, kind: CompletionItemKind.EnumMember, detail: d.name, documentation: markdown(dimensionMarkdown(d, model, locale)), textEdit: { range: wordRange, newText: d.id },
        })));
      }
      if (f.ref === 'reference') {
        const ids = referenceIds(model);
        return list(ids.map((id, i) => {
          const item = findReference(model, id)!;
          return { label: id, kind: CompletionItemKind.EnumMember, detail: item.name, filterText: `${id} ${item.name}`, sortText: String(i).padStart(3, '0'), documentation: markdown(referenceMarkdown(item, model, locale)), textEdit: { range: wordRange, newText: id } };
        }));
      }
      if (f.values) return list(f.values.map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember, textEdit: { range: wordRange, newText: String(v) } })));
      return undefined;
    }
    if (keyPosition && cur.indent > 0) {
      // Keys already given in this indicator (the lines of the item above the cursor).
      const present = new Set<string>();
      if (!/^[ \t]*-/.test(linePrefix)) {
        for (const l of above) {
          if (l.key && l.indent === cur.indent) present.add(l.key);
          if (/^[ \t]*-[ \t]/.test(l.text) || l.indent < cur.indent) break;
        }
      }
      return list(model.indicators.fields.filter((f) => !present.has(f.id)).map((f, i) =>
        keyItem(f.id, `${f.required ? 'required' : 'optional'} · ${f.types.join(' or ')}`, f.description ? prose(f.description) : undefined, String(i).padStart(3, '0'))));
    }
    return undefined;
  }
  return undefined;
}
