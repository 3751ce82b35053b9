/**
 * Hover from the reference model: a heading's section kind, the `model:`
 * value, and inside the structured front-matter parts a maturity dimension or
 * level, an element, a status, a relation type or an indicator field.
 */
import type { Hover } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import { deref, isMap, isScalar, isSeq, mapPairs, rangeOf, scalarString } from '../yaml';
import { guidanceFor, type ElementType, type FieldSpec, type MaturityDimension, type MaturityLevel, type MaturityModel, type ModelElement, type ReferenceDimension, type ReferenceIndicator, type ReferenceModel, type RelationType, type SectionKind } from './referenceModel';
import { findPart, type InstrumentCatalog } from '../catalog/catalog';
import { sectionOfHeading, sectionTitle } from './sections';
import { COMPONENT_KEYS, findLevel, levelsOf, MATURITY_ENTRY_KEYS } from './structuredParts';
import type { Locale } from '../l10n';
import { mt, type ModelMessageId } from './messages';

/** The explanation of each key of an adopted component and of a maturity assessment, in the messages. */
const KEY_MESSAGES: Record<keyof typeof COMPONENT_KEYS | keyof typeof MATURITY_ENTRY_KEYS, ModelMessageId> = {
  element: 'hover.key.element', status: 'hover.key.status', relations: 'hover.key.relations',
  level: 'hover.key.level', target: 'hover.key.target', evidence: 'hover.key.evidence', note: 'hover.key.note',
};

export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** Guidance, descriptions and provenance are Markdown written by the model's authors: shown as such, with HTML tags neutralised. */
export function prose(s: string): string {
  return s.trim().replace(/</g, '&lt;');
}

export function sectionMarkdown(section: SectionKind, model: ReferenceModel, language?: string, locale?: Locale): string {
  const lines = [`**${escapeMd(sectionTitle(section, language))}** — *${mt(locale, 'hover.section', { required: section.required ? 1 : 0, model: model.id })}*`];
  const guidance = guidanceFor(section, language);
  if (guidance) lines.push('', prose(guidance));
  const facts: string[] = [];
  if (section.defines.length) facts.push(`*${mt(locale, 'hover.must-define')}:* ${section.defines.map((t) => '«' + escapeMd(t) + '»').join(', ')}`);
  if (section.part) facts.push(`*${mt(locale, 'hover.part-label')}:* ${mt(locale, 'hover.part', { part: section.part })}`);
  // A translation is often listed among the aliases too: each name is shown once.
  const other = [...new Set([section.title, ...section.aliases, ...Object.values(section.translations)])].filter((t) => t !== sectionTitle(section, language));
  facts.push(`*${mt(locale, 'hover.also-matched')}:* ${[...other.map(escapeMd), `\`{#${section.id}}\``].join(', ')}`);
  const position = model.sections.indexOf(section);
  if (position >= 0) facts.push(`*${mt(locale, 'hover.position-label')}:* ${mt(locale, 'hover.position', { n: position + 1, total: model.sections.length })}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

export function modelMarkdown(model: ReferenceModel, locale?: Locale): string {
  const lines = [`**${escapeMd(model.title ?? model.id)}** (\`${model.id}\`) — *${mt(locale, model.origin === 'builtin' ? 'hover.builtin-model' : 'hover.workspace-model')}*`];
  if (model.description) lines.push('', prose(model.description));
  const required = model.sections.filter((s) => s.required).length;
  const facts = [mt(locale, 'hover.model-sections', { count: model.sections.length, required }), mt(locale, 'hover.model-elements', { count: model.elements.length })];
  if (model.maturity) facts.push(mt(locale, 'hover.model-maturity', { dimensions: model.maturity.dimensions.length, levels: model.maturity.levels.length, provisional: model.maturity.provisional ? 1 : 0 }));
  if (model.chain.length > 1) facts.push(mt(locale, 'hover.model-extends', { id: model.extendsId ?? '' }));
  if (model.version) facts.push(mt(locale, 'hover.model-version', { version: escapeMd(model.version) }));
  if (model.source) facts.push(`*${mt(locale, 'hover.source-label')}:* ${escapeMd(model.source)}`);
  lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

/** An element's instruments as citations, each with the title of the part it names when the catalog knows it. */
function instrumentList(e: ModelElement, catalog: InstrumentCatalog | undefined): string {
  return e.instruments.map((id, i) => {
    const locator = e.instrumentLocators?.[i];
    if (!locator) return '`@' + id + '`';
    const inst = catalog?.get(id)?.instrument;
    const found = inst ? findPart(catalog!, inst, locator) : undefined;
    return '`[@' + id + ', ' + locator + ']`' + (found ? ` (${escapeMd(found.part.title)})` : '');
  }).join(', ');
}

/** The name of an element or relation type in the document's language, when the model gives it. */
function typeName(t: ElementType | RelationType, locale?: Locale): string {
  return (locale && t.nameTranslations[locale]) || t.name || t.id;
}

export function elementMarkdown(e: ModelElement, model: ReferenceModel, catalog?: InstrumentCatalog, locale?: Locale): string {
  const type = model.elementTypes.find((t) => t.id === e.type);
  const lines = [`**${escapeMd(e.name ?? e.id)}** (\`${e.id}\`) — *${mt(locale, 'hover.element-of', { type: escapeMd((type ? typeName(type, locale) : e.type).toLowerCase()), model: model.id })}*`];
  if (e.description) lines.push('', prose(e.description));
  const facts: string[] = [];
  const byType = new Map<string, string[]>();
  for (const r of e.relations) byType.set(r.type, [...(byType.get(r.type) ?? []), r.target]);
  for (const [t, targets] of byType) {
    const rt = model.relationTypes.find((x) => x.id === t);
    facts.push(`*${escapeMd(rt ? typeName(rt, locale) : t)}:* ${targets.map((x) => '`' + x + '`').join(', ')}`);
  }
  if (e.instruments.length) facts.push(`*${mt(locale, 'hover.instruments-label')}:* ${instrumentList(e, catalog)}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

/** A dimension or an indicator of the model's reference indicator system (`indicators.reference`). */
export function referenceMarkdown(item: ReferenceIndicator | ReferenceDimension, model: ReferenceModel, locale?: Locale): string {
  const ref = model.indicators?.reference;
  const system = ref?.name ?? 'reference indicators';
  const isDimension = !!ref?.dimensions.includes(item as ReferenceDimension);
  const lines = [`**${escapeMd(item.name)}** (\`${item.id}\`) — *${mt(locale, isDimension ? 'hover.reference-dimension' : 'hover.reference-indicator', { system })}*`];
  if (item.description) lines.push('', prose(item.description));
  const facts: string[] = [];
  if (!isDimension) {
    const i = item as ReferenceIndicator;
    const dim = ref?.dimensions.find((d) => d.id === i.dimension);
    if (dim) facts.push(`*${mt(locale, 'hover.dimension-label')}:* ${escapeMd(dim.name)}`);
    if (i.outcome) facts.push(`*${mt(locale, 'hover.outcome')}:* ${escapeMd(i.outcome)}`);
    if (i.confidence && i.confidence !== 'high') facts.push(`*${mt(locale, 'hover.confidence')}:* ${i.confidence}${i.note ? ' — ' + prose(i.note) : ''}`);
    else if (i.note) facts.push(prose(i.note));
  } else {
    const inDim = ref?.indicators.filter((x) => x.dimension === item.id) ?? [];
    if (inDim.length) facts.push(`*${mt(locale, 'hover.indicators-label')}:* ${inDim.map((x) => escapeMd(x.name)).join('; ')}`);
  }
  if (ref?.source) facts.push(`*${mt(locale, 'hover.source-label')}:* ${escapeMd(ref.source)}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  if (ref?.provenance) lines.push('', prose(ref.provenance));
  return lines.join('\n');
}

/** The dimension or indicator of the reference system with this id. */
export function findReference(model: ReferenceModel, id: string | undefined): ReferenceIndicator | ReferenceDimension | undefined {
  const r = model.indicators?.reference;
  return id ? (r?.indicators.find((x) => x.id === id) ?? r?.dimensions.find((x) => x.id === id)) : undefined;
}

function provenanceNote(m: MaturityModel, locale?: Locale): string {
  const head = m.provisional ? `*${mt(locale, 'hover.provisional')}* ` : '';
  return `${head}${prose(m.provenance)}${m.confidence ? ` *(${mt(locale, 'hover.confidence')}: ${m.confidence})*` : ''}`;
}

export function dimensionMarkdown(d: MaturityDimension, model: ReferenceModel, locale?: Locale): string {
  const lines = [`**${escapeMd(d.name ?? d.id)}** (\`${d.id}\`) — *${mt(locale, 'hover.dimension', { model: model.id })}*`];
  if (d.description) lines.push('', prose(d.description));
  const levels = levelsOf(model, d);
  if (levels.length) lines.push('', levels.map((l) => `${l.level}. **${escapeMd(l.name)}**${l.description ? ' — ' + prose(l.description) : ''}`).join('  \n'));
  if (model.maturity) lines.push('', provenanceNote(model.maturity, locale));
  return lines.join('\n');
}

export function levelMarkdown(l: MaturityLevel, d: MaturityDimension | undefined, model: ReferenceModel, locale?: Locale): string {
  const lines = [`**${mt(locale, 'hover.level', { level: l.level })}: ${escapeMd(l.name)}**${d ? ` — *${escapeMd(d.name ?? d.id)}*` : ''}`];
  if (l.description) lines.push('', prose(l.description));
  if (model.maturity) lines.push('', provenanceNote(model.maturity, locale));
  return lines.join('\n');
}

function fieldMarkdown(f: FieldSpec, what: 'indicator' | 'component', locale?: Locale): string {
  const lines = [`**${f.id}** — *${mt(locale, 'hover.field', { what, required: f.required ? 1 : 0 })}* (${f.types.join(' | ')}${f.ref ? `, ${f.ref} id` : ''})`];
  if (f.description) lines.push('', prose(f.description));
  if (f.values) lines.push('', `*${mt(locale, 'hover.values')}:* ${f.values.map((v) => '`' + String(v) + '`').join(', ')}`);
  return lines.join('\n');
}

export function modelHover(a: Analysis, doc: TextDocument, offset: number, hoverLocale?: Locale, catalog?: InstrumentCatalog): Hover | null {
  const dm = a.model;
  if (!dm) return null;
  const hover = (value: string, r: [number, number]): Hover => ({
    contents: { kind: 'markdown', value },
    range: { start: doc.positionAt(r[0]), end: doc.positionAt(r[1]) },
  });
  const inside = (r: [number, number] | undefined): r is [number, number] => !!r && offset >= r[0] && offset <= r[1];
  const model = dm.model;
  const locale = hoverLocale ?? dm.locale;
  if (inside(dm.valueRange)) {
    if (model) return hover(modelMarkdown(model, locale), dm.valueRange);
    return hover(dm.problem ? escapeMd(dm.problem.message) : `Reference model \`${dm.requested}\`.`, dm.valueRange);
  }
  if (!model) return null;
  const language = a.language;
  for (const h of a.doc.markdown.headings) {
    if (offset < h.lineStart) break;
    if (offset > h.lineEnd) continue;
    const s = sectionOfHeading(model, h);
    return s ? hover(sectionMarkdown(s, model, language, locale), [h.start, h.end]) : null;
  }
  const fm = a.doc.frontMatter;
  const y = fm?.yaml;
  if (!fm || !y || offset < fm.start || offset > fm.end || !isMap(y.contents)) return null;
  const base = fm.start;
  const at = (node: unknown): [number, number] | undefined => {
    const r = rangeOf(node, base);
    return inside(r) ? r : undefined;
  };
  const elements = new Map(model.elements.map((e) => [e.id, e]));
  const elementHover = (node: unknown): Hover | null => {
    const r = at(node);
    const e = r ? elements.get(scalarString(node) ?? '') : undefined;
    return r && e ? hover(elementMarkdown(e, model, catalog, locale), r) : null;
  };
  for (const pair of mapPairs(y.contents)) {
    const key = scalarString(pair.key);
    const value = deref(pair.value, y);
    if (key === 'maturity' && isMap(value) && model.maturity) {
      const dims = new Map(model.maturity.dimensions.map((d) => [d.id, d]));
      for (const p of mapPairs(value)) {
        const dim = dims.get(scalarString(p.key) ?? '');
        let r = at(p.key);
        if (r && dim) return hover(dimensionMarkdown(dim, model, locale), r);
        const v = deref(p.value, y);
        const levelNodes = isMap(v) ? mapPairs(v).filter((q) => ['level', 'target'].includes(scalarString(q.key) ?? '')).map((q) => deref(q.value, y)) : [v];
        if (isMap(v)) {
          for (const q of mapPairs(v)) {
            const k = scalarString(q.key) ?? '';
            r = at(q.key);
            if (r && k in MATURITY_ENTRY_KEYS) return hover(`**${k}** — *${mt(locale, 'hover.maturity-assessment')}*\n\n${mt(locale, KEY_MESSAGES[k])}`, r);
          }
        }
        for (const n of levelNodes) {
          r = at(n);
          const level = r && isScalar(n) ? findLevel(levelsOf(model, dim), n.value) : undefined;
          if (r && level) return hover(levelMarkdown(level, dim, model, locale), r);
        }
      }
    } else if (key === 'components' && isSeq(value)) {
      for (const item of value.items) {
        const it = deref(item, y);
        for (const p of mapPairs(it)) {
          const k = scalarString(p.key) ?? '';
          const v = deref(p.value, y);
          const kr = at(p.key);
          if (kr) {
            const f = model.components?.fields.find((x) => x.id === k);
            if (k in COMPONENT_KEYS) return hover(`**${k}** — *${mt(locale, 'hover.adopted-component')}*\n\n${mt(locale, KEY_MESSAGES[k])}`, kr);
            if (f) return hover(fieldMarkdown(f, 'component', locale), kr);
          }
          if (k === 'element') {
            const h = elementHover(v);
            if (h) return h;
          } else if (k === 'status') {
            const r = at(v);
            const s = model.components?.statuses.find((x) => x.id === scalarString(v));
            if (r && s) return hover(`**${s.id}** — *${mt(locale, 'hover.status')}*${s.description ? '\n\n' + prose(s.description) : ''}`, r);
          } else if (k === 'relations' && isMap(v)) {
            for (const q of mapPairs(v)) {
              const rr = at(q.key);
              const rt = model.relationTypes.find((x) => x.id === scalarString(q.key));
              if (rr && rt) return hover(`**${escapeMd(typeName(rt, locale))}** (\`${rt.id}\`) — *${mt(locale, 'hover.relation-type')}*\n\n${prose(rt.description ?? '')}\n\n${mt(locale, 'hover.relation-ends', { from: rt.from.join(', '), to: rt.to.join(', '), acyclic: rt.acyclic ? 1 : 0 })}`, rr);
              const tv = deref(q.value, y);
              for (const t of isSeq(tv) ? tv.items.map((i) => deref(i, y)) : [tv]) {
                const h = elementHover(t);
                if (h) return h;
              }
            }
          }
        }
      }
    } else if (key === 'indicators' && isSeq(value) && model.indicators) {
      const fields = new Map(model.indicators.fields.map((f) => [f.id, f]));
      for (const item of value.items) {
        for (const p of mapPairs(deref(item, y))) {
          const f = fields.get(scalarString(p.key) ?? '');
          if (!f) continue;
          const kr = at(p.key);
          if (kr) return hover(fieldMarkdown(f, 'indicator', locale), kr);
          const v = deref(p.value, y);
          if (f.ref === 'element') {
            const h = elementHover(v);
            if (h) return h;
          } else if (f.ref === 'dimension') {
            const r = at(v);
            const d = model.maturity?.dimensions.find((x) => x.id === scalarString(v));
            if (r && d) return hover(dimensionMarkdown(d, model, locale), r);
          } else if (f.ref === 'reference') {
            const r = at(v);
            const item = findReference(model, scalarString(v));
            if (r && item) return hover(referenceMarkdown(item, model, locale), r);
          }
        }
      }
    }
  }
  return null;
}
