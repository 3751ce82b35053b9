/** HTML fragments of the preview and the export: title block, figures, annexes. Every value from a document is escaped. */
import type { ConceptView, InstrumentInfo } from './conceptView';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

export function titleBlock(view: ConceptView): string {
  const rows = view.meta.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('');
  return `<header class="cc-title-block">${view.title ? `<h1 class="cc-title">${e(view.title)}</h1>` : ''}${rows ? `<dl class="cc-meta">${rows}</dl>` : ''}</header>\n`;
}

export function figuresHtml(svg: string, cls: string): string {
  return `<figure class="${cls}">${svg}</figure>\n`;
}

function years(ins: InstrumentInfo, view: ConceptView): string {
  const l = view.labels;
  return [ins.adopted && `${l.adopted} ${ins.adopted}`, ins.inForce && `${l.inForce} ${ins.inForce}`].filter(Boolean).join(', ');
}

function status(ins: InstrumentInfo, view: ConceptView): string {
  const l = view.labels;
  const parts: string[] = [];
  for (const ed of ins.editions) parts.push(`${e(ed.edition)}: ${ed.current ? l.current : l.supersededEdition}`);
  if (ins.supersededBy) parts.push(`${l.supersededBy} ${e(ins.supersededBy)}`);
  return parts.length ? parts.join('; ') : e(l.current);
}

/** The list of instruments that ends the preview (each one the target of its citations). */
export function instrumentsList(view: ConceptView): string {
  const items = view.instruments
    .map((ins) => `<li id="${ins.anchor}"><strong>${e(ins.short)}</strong>: ${e(ins.title)}${ins.kind ? ` (${e(ins.kind)})` : ''}${years(ins, view) ? `, ${e(years(ins, view))}` : ''}</li>`)
    .join('');
  return `<section class="cc-references"><h2>${e(view.labels.annexB.replace(/^[^.]*\.\s*/, ''))}</h2><ul>${items}</ul></section>\n`;
}

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function glossaryAnnex(view: ConceptView): string {
  const l = view.labels;
  const entries = view.glossary
    .map((t) => {
      const parts = [`<dt id="${t.anchor}">${e(t.label)}${t.defined ? '' : ` <span class="cc-flag">${e(l.notDefined)}</span>`}</dt>`];
      parts.push(`<dd>${t.definition ? e(t.definition) : `<em>${e(l.none)}</em>`}`);
      const extra: string[] = [];
      if (t.source) extra.push(`${e(l.source)}: ${e(t.source)}`);
      if (t.variants.length) extra.push(`${e(l.variants)}: ${t.variants.map(e).join(', ')}`);
      if (t.translations.length) extra.push(`${e(l.translations)}: ${t.translations.map(([lang, v]) => (lang ? `${e(v)} (${e(lang)})` : e(v))).join('; ')}`);
      if (t.confidence === 'low') extra.push(`<em>${e(l.lowConfidence)}</em>${t.note ? `: ${e(t.note)}` : ''}`);
      if (extra.length) parts.push(`<div class="cc-entry-extra">${extra.join(' · ')}</div>`);
      parts.push('</dd>');
      return parts.join('');
    })
    .join('');
  return annex('annex-a', l.annexA, entries ? `<dl class="cc-glossary">${entries}</dl>` : `<p>${e(l.none)}</p>`);
}

export function instrumentsAnnex(view: ConceptView): string {
  const l = view.labels;
  const rows = view.instruments.map((ins) => [
    `<span id="${ins.anchor}"><strong>${e(ins.short)}</strong> ${e(ins.title)}</span>${ins.confidence === 'low' ? ` <em>(${e(l.lowConfidence)})</em>` : ''}`,
    e(ins.kind ?? ''),
    e(ins.owner ?? ''),
    e(years(ins, view)),
    status(ins, view),
    ins.locators.map(e).join('; '),
  ]);
  return annex('annex-b', l.annexB, rows.length ? table([l.instrument, l.kind, l.owner, l.years, l.statusCol, l.locators], rows) : `<p>${e(l.none)}</p>`);
}

export function coverageAnnex(view: ConceptView): string {
  const l = view.labels;
  const c = view.coverage;
  if (!c) return annex('annex-c', l.annexC, `<p>${e(l.none)}</p>`);
  const rows = c.sections.map((s) => [
    e(s.title),
    s.required ? e(l.required) : e(l.optional),
    s.present ? `<span class="cc-present">✓ ${e(l.present)}</span>` : `<span class="${s.required ? 'cc-missing' : 'cc-absent'}">✗ ${e(l.missing)}</span>`,
    e(s.heading ?? ''),
  ]);
  return annex('annex-c', l.annexC, `<p>${e(l.model)}: ${e(c.model)}</p>${table([l.section, l.required, l.present, l.heading], rows, 'cc-coverage')}`);
}

export function maturityAnnex(view: ConceptView, radar: string | undefined): string {
  const l = view.labels;
  const parts: string[] = [];
  const m = view.maturity;
  if (radar) parts.push(figuresHtml(radar, 'cc-figure cc-maturity'));
  if (m) {
    parts.push(
      table(
        [l.dimension, l.level, l.target, l.evidence],
        m.rows.map((r) => [e(r.name), r.level !== undefined ? `${r.level} ${e(r.levelName ?? '')}` : '', r.target !== undefined ? `${r.target} ${e(r.targetName ?? '')}` : '', e(r.evidence ?? '')]),
        'cc-maturity-table',
      ),
    );
    if (m.provisional) parts.push(`<p><em>${e(l.provisional)}</em></p>`);
  }
  if (view.indicators.length) {
    parts.push(`<h3>${e(l.indicators)}</h3>`);
    // Four columns whatever the model's fields: the rest of each indicator goes in its last cell.
    const main = ['id', 'name', 'baseline', 'target'];
    const rest = view.indicatorFields.filter((f) => !main.includes(f));
    const rows = view.indicators.map((row) => [
      `<code>${e(row.id ?? '')}</code>`,
      e(row.name ?? ''),
      `${e(row.baseline ?? '')} → ${e(row.target ?? '')}${row.unit ? ` ${e(row.unit)}` : ''}${row.year ? ` (${e(row.year)})` : ''}`,
      rest.filter((f) => row[f] !== undefined && f !== 'unit' && f !== 'year').map((f) => `<strong>${e(f)}</strong>: ${e(row[f])}`).join('<br>'),
    ]);
    parts.push(table(['id', l.indicators, l.baselineTarget, l.details], rows, 'cc-indicators'));
  }
  return annex('annex-d', l.annexD, parts.length ? parts.join('\n') : `<p>${e(l.none)}</p>`);
}

export function componentsAnnex(view: ConceptView, diagram: string | undefined): string {
  const l = view.labels;
  if (!view.components.length) return annex('annex-e', l.annexE, `<p>${e(l.none)}</p>`);
  const rows = view.components.map((c) => [e(c.name), e(c.status ?? ''), c.relations.map((r) => `${e(r.type)} → ${e(r.target)}`).join('<br>')]);
  return annex('annex-e', l.annexE, `${diagram ? figuresHtml(diagram, 'cc-figure cc-components') : ''}${table([l.component, l.statusCol, l.relations], rows)}`);
}

export function problemsAnnex(view: ConceptView): string {
  const l = view.labels;
  if (!view.problems.length) return annex('annex-problems', l.annexProblems, `<p>${e(l.noProblems)}</p>`);
  const rows = view.problems.map((p) => [`${p.line}:${p.column}`, `<span class="cc-${p.severity}">${e(p.severity === 'error' ? l.error : l.warning)}</span>`, `<code>${e(p.code)}</code> ${e(p.message)}`]);
  return annex('annex-problems', l.annexProblems, `<p>${e(l.problemsIntro)}</p>${table([l.location, l.severity, l.message], rows)}`);
}

function annex(id: string, title: string, body: string): string {
  return `<section class="cc-annex" id="${id}"><h1>${e(title)}</h1>\n${body}\n</section>\n`;
}
