/**
 * Folding ranges: the front matter, each section (a heading down to the next
 * heading of the same or a higher level), and each `customs-concepts-disable`
 * … `enable` block.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../workspaceContext';
import { conceptDirectives } from '../suppression';
import { documentKind } from '../uri';
import { lineAt, lineText } from '../positions';

export function getFoldingRanges(ctx: FeatureContext, document: TextDocument): FoldingRange[] {
  if (documentKind(document.uri) !== 'concept') return [];
  const a = ctx.analyse(document);
  const { doc } = a;
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) => lineAt(document, offset);
  if (doc.frontMatter) {
    const first = lineOf(0);
    const last = lineOf(Math.max(0, doc.frontMatter.blockEnd - 1));
    if (last > first) out.push({ startLine: first, endLine: last });
  }
  // The last line of a section is its last non-blank line.
  const lastContent = (from: number, to: number) => {
    let l = to;
    while (l > from && lineText(document, l).trim() === '') l--;
    return l;
  };
  const headings = doc.markdown.headings;
  headings.forEach((h, i) => {
    const start = lineOf(h.lineStart);
    let j = i + 1;
    while (j < headings.length && headings[j].level > h.level) j++;
    const next = headings[j];
    const endLine = lastContent(start, next ? lineOf(next.lineStart) - 1 : document.lineCount - 1);
    if (endLine > start) out.push({ startLine: start, endLine });
  });
  const open: number[] = [];
  for (const d of conceptDirectives(doc, document)) {
    if (d.kind === 'disable') open.push(lineOf(d.start));
    else if (d.kind === 'enable' && open.length) {
      const start = open.pop()!;
      const end = lineOf(d.end);
      if (end > start) out.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}
