/**
 * The concept markdown-it plugin, on rendered HTML: title block, term uses as
 * `<dfn>` with the definition as title, undefined terms, citations, and the
 * text around them kept as written (CRLF, Cyrillic, markup, code spans).
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { conceptFigures } from '../../server/src/export/charts';
import { buildConceptView } from '../../server/src/export/conceptView';
import { conceptPlugin } from '../../server/src/export/markdownItPlugin';
import { modelWorkspace } from '../core/modelHelpers';

const FRONT = `---
title: Digital customs — a test concept
status: draft
language: en
terms:
  digital customs:
    definition: Customs work done on data, with "quotes" & <tags>.
    variants: [digital customs administration]
  risk management:
    definition: Choosing what to check by likelihood and impact.
---
`;

function render(body: string, mode: 'preview' | 'export' = 'export', front = FRONT, path = 'doc.concept.md'): string {
  const ws = modelWorkspace({ [path]: front + body });
  const doc = ws.doc(path);
  const view = buildConceptView(ws.service, doc);
  const md = new MarkdownIt({ html: true });
  md.use(conceptPlugin, { view: () => view, mode, figures: conceptFigures });
  return md.render(doc.getText(), {});
}

/** The visible text of some HTML. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('concept markdown-it plugin', () => {
  it('renders the front matter as a title block instead of a rule and a heading', () => {
    const html = render('# Introduction\n\nText.\n');
    expect(html).toMatch(/^<header class="cc-title-block"><h1 class="cc-title">Digital customs — a test concept<\/h1>/);
    expect(html).toContain('<dt>Status</dt><dd>draft</dd>');
    expect(html).toContain('<dt>Language</dt><dd>en</dd>');
    expect(html).toContain('<dt>Reference model</dt><dd>Digital customs reference model (WCO-based)</dd>');
    expect(html).not.toContain('<hr>');
    expect(html).not.toContain('definition:');
  });

  it('wraps an explicit use in a dfn titled with the escaped definition, linked to its glossary entry', () => {
    const html = render('# Introduction\n\nWe move to «digital customs» soon.\n');
    expect(html).toContain(
      'We move to «<a class="cc-term-link" href="#term-digital-customs"><dfn class="cc-term" title="Customs work done on data, with &quot;quotes&quot; &amp; &lt;tags&gt;." data-term="digital customs">digital customs</dfn></a>» soon.',
    );
  });

  it('has no glossary links in the preview, only the dfn', () => {
    const html = render('# Introduction\n\nWe move to «digital customs» soon.\n', 'preview');
    expect(html).toContain('«<dfn class="cc-term" title="Customs work done on data');
    expect(html).not.toContain('cc-term-link');
  });

  it('wraps an implicit use that a line break splits', () => {
    const html = render('# Introduction\n\nThe plan is digital\ncustoms for all.\n');
    expect(html).toMatch(/The plan is <a class="cc-term-link" href="#term-digital-customs"><dfn class="cc-term" [^>]*>digital\ncustoms<\/dfn><\/a> for all\./);
  });

  it('marks an explicit use nobody defines', () => {
    const html = render('# Introduction\n\nWe keep «paper forms» for now.\n');
    expect(html).toContain('«<dfn class="cc-term cc-undefined" title="Not defined in this document’s scope">paper forms</dfn>»');
  });

  it('links a citation to its instrument with the instrument title, and marks an unknown one', () => {
    const html = render('# Introduction\n\nAs @rkc says, and [@wco-dm, version 3] too; @no-such-thing does not.\n');
    expect(html).toMatch(/As <a class="cc-cite" href="#ref-rkc" title="International Convention on the Simplification and Harmonization of Customs Procedures[^"]*" data-instrument="rkc">Revised Kyoto Convention<\/a> says/);
    expect(html).toMatch(/\[<a class="cc-cite" href="#ref-wco-dm" title="WCO Data Model" data-instrument="wco-dm">WCO Data Model<\/a>, version 3\]/);
    expect(html).toContain('<span class="cc-cite cc-unknown" title="Instrument not in the catalog">@no-such-thing</span>');
  });

  it('leaves code spans alone and never nests a link in a link', () => {
    const html = render('# Introduction\n\n`«digital customs»` and [risk management](https://example.org) and «risk management».\n');
    expect(html).toContain('<code>«digital customs»</code>');
    expect(html).toContain('<a href="https://example.org"><dfn class="cc-term" title="Choosing what to check by likelihood and impact." data-term="risk management">risk management</dfn></a>');
    expect(html).toContain('«<a class="cc-term-link" href="#term-risk-management"><dfn');
  });

  it('loses no text: markup between words, escapes and entities stay as markdown-it renders them', () => {
    const body = '# Introduction\n\n**Digital** customs, digital *customs*, \\«digital customs\\» &amp; «risk management» in a list:\n\n- digital customs\n- > risk management\n';
    const plain = new MarkdownIt({ html: true }).render(body);
    expect(textOf(render(body)).replace(/^[\s\S]*?<\/header>/, '')).toContain(textOf(plain).trim().split('\n')[0]);
    expect(textOf(render(body))).toContain(textOf(plain).trim());
  });

  it('gives the same HTML for CRLF line endings', () => {
    const body = '# Introduction\n\nThe plan is digital\ncustoms, see @rkc and «risk management».\n';
    const lf = render(body);
    const crlf = render(body.replace(/\n/g, '\r\n'), 'export', FRONT.replace(/\n/g, '\r\n'));
    expect(crlf).toBe(lf);
    expect(lf).toContain('data-term="risk management"');
  });

  it('renders a Russian document with its own labels and Cyrillic terms', () => {
    const front = `---
title: Цифровая таможня
status: draft
language: ru
terms:
  цифровая таможня:
    definition: Таможенное администрирование на основе данных.
---
`;
    const html = render('# Введение\n\nПереход к «цифровой таможне» и к цифровой\nтаможне.\n', 'export', front);
    expect(html).toContain('<dt>Статус</dt><dd>draft</dd>');
    expect(html).toContain('«<a class="cc-term-link" href="#term-цифровая-таможня"><dfn class="cc-term" title="Таможенное администрирование на основе данных." data-term="цифровая таможня">цифровой таможне</dfn></a>»');
    expect(html).toMatch(/к <a class="cc-term-link" href="#term-цифровая-таможня"><dfn [^>]*>цифровой\nтаможне<\/dfn><\/a>\./);
  });

  it('puts the maturity chart after the maturity section heading in the preview, and the instruments at the end', () => {
    const front = FRONT.replace('---\n', '---\nmaturity: {strategy-governance: 2, business-processes: {level: 1, target: 3}, data-management: 2, ict-infrastructure: 3}\n').replace(/\n---\n$/, '\n---\n');
    const html = render('# Maturity self-assessment\n\nWhere we stand, per @rkc.\n\n# Next\n', 'preview', front);
    expect(html).toMatch(/<h1>Maturity self-assessment<\/h1>\n<figure class="cc-figure cc-maturity"><svg /);
    // One axis per dimension of the model, named as the model names it.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('>Business processes</text>');
    expect(svg).toContain('aria-label');
    expect(html).toMatch(/<section class="cc-references"><h2>Instruments cited<\/h2><ul><li id="ref-rkc"><strong>Revised Kyoto Convention<\/strong>/);
  });

  it('renders nothing special for a document the view does not cover', () => {
    const md = new MarkdownIt();
    md.use(conceptPlugin, { view: () => undefined, mode: 'preview' });
    expect(md.render('---\ntitle: x\n---\n\n«digital customs»\n')).toBe(new MarkdownIt().render('---\ntitle: x\n---\n\n«digital customs»\n'));
  });
});
