/**
 * A hover as one text, for inline snapshots: the range it covers, then its
 * Markdown. The range is written as `line:character` (from 0, UTF-16 code
 * units, as LSP counts them) with the text it covers, so a snapshot shows both
 * where the answer applies and what it says.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';

/** The hover's range and Markdown as one text; `no hover` when there is none. `normalise` rewrites the Markdown (e.g. a temporary folder's uri). */
export function hoverText(doc: TextDocument, hover: Hover | null | undefined, normalise: (markdown: string) => string = (m) => m): string {
  if (!hover) return 'no hover';
  const c = hover.contents;
  const markdown = typeof c === 'object' && 'kind' in c ? (c as MarkupContent).value : JSON.stringify(c);
  const r = hover.range;
  const range = r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} «${doc.getText(r)}»` : 'no range';
  return `range ${range}\n\n${normalise(markdown)}`;
}
