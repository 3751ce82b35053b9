/**
 * The HTML export: one self-contained file (styles and figures inline, nothing
 * fetched) with the title block, the body rendered by the concept plugin, and
 * the annexes: glossary, instruments cited, coverage of the reference model,
 * maturity and indicators, components, open problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, Locale } from '../core/index';
import { conceptFigures } from './charts';
import { buildConceptView, type ConceptView } from './conceptView';
import { componentsAnnex, coverageAnnex, escapeHtml, glossaryAnnex, instrumentsAnnex, maturityAnnex, problemsAnnex } from './htmlParts';
import { conceptPlugin } from './markdownItPlugin';

/** The concept styles (`media/concept.css`), beside the bundle or in the source tree. */
export function conceptCss(): string {
  for (const p of [path.join(__dirname, '..', 'media', 'concept.css'), path.join(__dirname, '..', '..', '..', 'media', 'concept.css')]) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      // next candidate
    }
  }
  return '';
}

const PRINT_CSS = `
body { font-family: 'DejaVu Serif', Georgia, serif; line-height: 1.45; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #111; }
h1, h2, h3 { font-family: 'DejaVu Sans', Arial, sans-serif; color: #1f3a5f; }
code { font-size: 0.9em; }
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  .cc-annex table { font-size: 8.5pt; }
  .cc-annex { break-before: page; }
  .cc-figure, tr { break-inside: avoid; }
  a { color: inherit; }
}
`;

/** The body of the document rendered by the concept plugin (export mode). */
export function renderBody(view: ConceptView, text: string): string {
  const md = new MarkdownIt({ html: true, linkify: false });
  md.use(conceptPlugin, { view: () => view, mode: 'export' });
  return md.render(text, {});
}

export function exportHtml(service: LanguageService, document: TextDocument, options: { locale?: Locale } = {}): { html: string; view: ConceptView } {
  const view = buildConceptView(service, document, options);
  const figures = conceptFigures(view);
  const body = renderBody(view, document.getText());
  const annexes = [glossaryAnnex(view), instrumentsAnnex(view), coverageAnnex(view), maturityAnnex(view, figures.radar), componentsAnnex(view, figures.components), problemsAnnex(view)].join('');
  const html = `<!DOCTYPE html>
<html lang="${view.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Customs Concepts">
<title>${escapeHtml(view.title ?? '')}</title>
<style>${PRINT_CSS}${conceptCss()}</style>
</head>
<body>
<main>
${body}</main>
${annexes}</body>
</html>
`;
  return { html, view };
}
