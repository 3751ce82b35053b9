/**
 * Document links: each term-base path in a document's `glossaries:` opens
 * that term base; a `model:` that names a workspace model file opens it.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../workspaceContext';
import { documentKind } from '../uri';

export function getDocumentLinks(ctx: FeatureContext, document: TextDocument): DocumentLink[] {
  if (documentKind(document.uri) !== 'concept') return [];
  const a = ctx.analyse(document);
  const out: DocumentLink[] = [];
  for (const g of a.defining) {
    if (!g.ref || g.error) continue;
    // A quoted path: the link covers the path, not the quotes.
    const raw = a.doc.text.slice(g.ref.start, g.ref.end);
    const q = /^["']/.test(raw) ? 1 : 0;
    out.push({
      range: { start: document.positionAt(g.ref.start + q), end: document.positionAt(g.ref.end - q) },
      target: g.uri,
      tooltip: g.ref.path,
    });
  }
  const m = a.model;
  if (m?.explicit && m.valueRange && m.model && m.model.origin === 'workspace') {
    out.push({ range: { start: document.positionAt(m.valueRange[0]), end: document.positionAt(m.valueRange[1]) }, target: m.model.uri, tooltip: m.model.title ?? m.model.id });
  }
  return out;
}
