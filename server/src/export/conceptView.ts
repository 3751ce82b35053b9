/**
 * What the preview and the export show of a concept document, read from the
 * language service's analysis: the title block, every term use and citation
 * (document offsets), the glossary, the instruments cited, the coverage of the
 * reference model, the maturity self-assessment, the indicators, the adopted
 * components and the open problems. Plain data, computed once per document
 * version; the markdown-it plugin and the HTML export only read it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { matchSections, type LanguageService, type Locale, type TermEntry } from '../core/index';
import { labelsFor, type ExportLabels } from './labels';

export interface TermInfo {
  /** Anchor of the glossary entry (`term-…`). */
  anchor: string;
  /** Label in the document's language. */
  label: string;
  definition?: string;
  source?: string;
  variants: string[];
  translations: [string, string][];
  /** A definition in the document's scope covers it (else it is only known). */
  defined: boolean;
  confidence?: string;
  note?: string;
}

export interface UseView {
  start: number;
  end: number;
  /** Undefined for an explicit use nobody defines. */
  term?: TermInfo;
  defined: boolean;
}

export interface InstrumentInfo {
  id: string;
  anchor: string;
  title: string;
  /** Short name shown in the text: the instrument's name, its first abbreviation, or its id. */
  short: string;
  kind?: string;
  owner?: string;
  adopted?: string;
  inForce?: string;
  /** Edition cited, with whether it is the current one. */
  editions: { id: string; edition: string; current: boolean }[];
  supersededBy?: string;
  locators: string[];
  confidence?: string;
}

export interface CitationView {
  start: number;
  end: number;
  id: string;
  /** Undefined when the catalog does not know the id. */
  instrument?: InstrumentInfo;
}

export interface MaturityRow {
  id: string;
  name: string;
  level?: number;
  levelName?: string;
  target?: number;
  targetName?: string;
  evidence?: string;
}

export interface ComponentView {
  element: string;
  name: string;
  status?: string;
  /** Relations: [type, target element id]; from the document and, between adopted components, from the model. */
  relations: { type: string; target: string; fromModel: boolean }[];
}

export interface ProblemView {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface ConceptView {
  uri: string;
  /** The language of labels and sorting. */
  locale: Locale;
  labels: ExportLabels;
  title?: string;
  /** Title-block fields, in display order: [label, value]. */
  meta: [string, string][];
  /** Offset where the body starts (after the front matter). */
  bodyStart: number;
  uses: UseView[];
  citations: CitationView[];
  glossary: TermInfo[];
  instruments: InstrumentInfo[];
  /** Undefined when no reference model applies. */
  coverage?: { model: string; sections: { id: string; title: string; required: boolean; present: boolean; heading?: string; headingStart?: number; part?: string }[] };
  maturity?: { levels: { level: number; name: string }[]; rows: MaturityRow[]; provisional: boolean };
  indicators: Record<string, string>[];
  indicatorFields: string[];
  components: ComponentView[];
  problems: ProblemView[];
  errors: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** An id usable in an HTML anchor: letters and digits of any script kept, the rest folded to `-`. */
export function slug(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').toLowerCase()) {
    out += /[\p{L}\p{N}]/u.test(ch) ? ch : '-';
  }
  return out.replace(/-+/g, '-').replace(/^-|-$/g, '') || 'x';
}

function termLabel(entry: TermEntry, locale: Locale): string {
  return entry.translations[locale] ?? entry.term;
}

/**
 * Reads the structured front matter (maturity, indicators, components) as plain values.
 * Aliases are not expanded beyond a small count, as everywhere in the service.
 */
function frontMatterValues(yaml: { toJS(o: { maxAliasCount: number }): unknown } | undefined): Record<string, unknown> {
  if (!yaml) return {};
  try {
    const v = yaml.toJS({ maxAliasCount: 100 });
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `problems: false` skips the diagnostics (the preview shows no problems annex; the editor has them). */
export function buildConceptView(service: LanguageService, document: TextDocument, options: { locale?: Locale; problems?: boolean } = {}): ConceptView {
  const analysis = service.analyse(document);
  const doc = analysis.doc;
  const text = document.getText();
  const fm = frontMatterValues(doc.frontMatter?.yaml);
  const docLanguage = str(fm.language);
  const locale: Locale = options.locale ?? (docLanguage === 'fr' || docLanguage === 'ru' ? docLanguage : 'en');
  const labels = labelsFor(locale);

  // Terms, one per entry, in order of first use.
  const terms = new Map<TermEntry, TermInfo>();
  const anchors = new Set<string>();
  const termOf = (entry: TermEntry, defined: boolean): TermInfo => {
    let info = terms.get(entry);
    if (!info) {
      const label = termLabel(entry, locale);
      let anchor = `term-${slug(label)}`;
      for (let i = 2; anchors.has(anchor); i++) anchor = `term-${slug(label)}-${i}`;
      anchors.add(anchor);
      info = {
        anchor,
        label,
        definition: entry.definitions[locale] ?? entry.definition,
        source: entry.source,
        variants: [...entry.variants],
        translations: Object.entries(entry.translations).filter(([l]) => l !== locale),
        defined,
        confidence: entry.confidence,
        note: entry.note,
      };
      if (label !== entry.term) info.translations.unshift(['', entry.term]);
      terms.set(entry, info);
    }
    info.defined ||= defined;
    return info;
  };
  const uses: UseView[] = analysis.uses.map((u) => {
    const ref = u.refs[0];
    return { start: u.start, end: u.end, term: ref ? termOf(ref.entry, u.defined) : undefined, defined: u.defined };
  });

  // Instruments, one per instrument, in order of first citation.
  const instruments = new Map<string, InstrumentInfo>();
  const citations: CitationView[] = analysis.citations.map((c) => {
    const target = c.target;
    let info: InstrumentInfo | undefined;
    if (target) {
      const ins = target.instrument;
      info = instruments.get(ins.id);
      if (!info) {
        const localTitle = ins.titles[locale];
        info = {
          id: ins.id,
          anchor: `ref-${slug(ins.id)}`,
          title: localTitle?.title ?? ins.title,
          short: localTitle?.name ?? ins.name ?? ins.abbreviations[0] ?? ins.id,
          kind: ins.kind,
          owner: ins.owner ?? ins.body,
          adopted: ins.adopted,
          inForce: ins.inForce,
          editions: [],
          supersededBy: ins.supersededBy,
          locators: [],
          confidence: ins.confidence,
        };
        instruments.set(ins.id, info);
      }
      const ed = target.edition;
      if (ed && !info.editions.some((e) => e.id === ed.id)) info.editions.push({ ...ed });
      const locator = locatorAfter(text, c.end);
      if (locator && !info.locators.includes(locator)) info.locators.push(locator);
    }
    return { start: c.start, end: c.end, id: c.id, instrument: info };
  });

  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const glossary = [...terms.values()].sort((a, b) => collator.compare(a.label, b.label));

  // Coverage of the reference model.
  const model = analysis.model?.model;
  let coverage: ConceptView['coverage'];
  let maturity: ConceptView['maturity'];
  const components: ComponentView[] = [];
  if (model) {
    const structure = matchSections(doc, model);
    coverage = {
      model: model.title ?? model.id,
      sections: [...model.sections]
        .sort((a, b) => a.order - b.order)
        .map((s) => {
          const h = structure.present.get(s.id);
          return { id: s.id, title: s.translations[locale] ?? s.title, required: s.required, present: !!h, heading: h?.text, headingStart: h?.lineStart, part: s.part };
        }),
    };
    const m = model.maturity;
    const assessed = fm.maturity && typeof fm.maturity === 'object' ? (fm.maturity as Record<string, unknown>) : undefined;
    if (m && assessed) {
      const levelOf = (v: unknown) => m.levels.find((l) => l.level === Number(v) || l.id === v);
      const rows: MaturityRow[] = [];
      for (const d of m.dimensions) {
        const raw = assessed[d.id];
        const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : { level: raw };
        const level = levelOf(entry.level);
        const target = levelOf(entry.target);
        rows.push({ id: d.id, name: d.name ?? d.id, level: level?.level, levelName: level?.name, target: target?.level, targetName: target?.name, evidence: str(entry.evidence) });
      }
      maturity = { levels: m.levels.map((l) => ({ level: l.level, name: l.name })), rows, provisional: m.provisional };
    }
    const adopted = Array.isArray(fm.components) ? (fm.components as unknown[]) : [];
    const ids = new Set(adopted.map((c) => str((c as Record<string, unknown> | null)?.element)).filter((x): x is string => !!x));
    for (const c of adopted) {
      if (!c || typeof c !== 'object') continue;
      const rec = c as Record<string, unknown>;
      const id = str(rec.element);
      if (!id) continue;
      const el = model.elements.find((e) => e.id === id);
      const relations: ComponentView['relations'] = [];
      if (rec.relations && typeof rec.relations === 'object') {
        for (const [type, targets] of Object.entries(rec.relations as Record<string, unknown>)) {
          for (const t of Array.isArray(targets) ? targets : [targets]) if (str(t)) relations.push({ type, target: str(t)!, fromModel: false });
        }
      }
      for (const r of el?.relations ?? []) {
        if (ids.has(r.target) && !relations.some((x) => x.type === r.type && x.target === r.target)) relations.push({ type: r.type, target: r.target, fromModel: true });
      }
      components.push({ element: id, name: el?.name ?? id, status: str(rec.status), relations });
    }
  }

  const indicators: Record<string, string>[] = [];
  const indicatorFields: string[] = [];
  if (Array.isArray(fm.indicators)) {
    for (const i of fm.indicators) {
      if (!i || typeof i !== 'object') continue;
      const row: Record<string, string> = {};
      for (const [k, v] of Object.entries(i as Record<string, unknown>)) {
        const s = str(v);
        if (s === undefined) continue;
        row[k] = s;
        if (!indicatorFields.includes(k)) indicatorFields.push(k);
      }
      indicators.push(row);
    }
  }

  const problems: ProblemView[] = (options.problems === false ? [] : service.computeDiagnostics(document))
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity === DiagnosticSeverity.Error ? 'error' : 'warning', code: String(d.code ?? ''), message: d.message }));

  const meta: [string, string][] = [];
  for (const [key, label] of [
    ['status', labels.status],
    ['version', labels.version],
    ['date', labels.date],
    ['organisation', labels.organisation],
    ['language', labels.language],
  ] as const) {
    const v = str(fm[key]);
    if (v) meta.push([label, v]);
  }
  if (analysis.model?.model) meta.push([labels.model, analysis.model.model.title ?? analysis.model.model.id]);
  else if (str(fm.model)) meta.push([labels.model, str(fm.model)!]);

  return {
    uri: document.uri,
    locale,
    labels,
    title: str(fm.title),
    meta,
    bodyStart: doc.bodyStart,
    uses,
    citations,
    glossary,
    instruments: [...instruments.values()],
    coverage,
    maturity,
    indicators,
    indicatorFields,
    components,
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
  };
}

/** The locator of a bracketed citation `[@id, p. 5]`: the text after the comma up to `]` on the same line. */
function locatorAfter(text: string, end: number): string | undefined {
  if (text[end] !== ',') return undefined;
  const close = text.indexOf(']', end);
  const nl = text.indexOf('\n', end);
  if (close < 0 || (nl >= 0 && nl < close) || close - end > 200) return undefined;
  return text.slice(end + 1, close).trim() || undefined;
}
