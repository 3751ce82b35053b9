/**
 * Document symbols (the outline) and workspace symbols.
 *
 * Outline of a concept document: the front matter with the terms it defines
 * and its indicators, then the sections, nested by heading level. Outline of
 * a term base: its entries. Workspace symbols: every term (term bases,
 * documents' own definitions, the built-in WCO base), every concept document,
 * and the section kinds and elements of reference models, filtered by a fuzzy
 * match of the query (its characters in order, word starts and runs ranked first).
 */
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isSeq, type Document } from 'yaml';
import { parseReferenceModel } from '../model/referenceModel';
import { sectionOfHeading } from '../model/sections';
import { deref, findPair, mapPairs, rangeOf, scalarString } from '../yaml';
import type { FeatureContext } from '../workspaceContext';
import { fileName, wt } from '../workspaceMessages';
import { documentKind } from '../uri';
import { toRange as range } from '../positions';

const MAX_WORKSPACE_SYMBOLS = 1000;

function shorten(text: string | undefined, max = 80): string | undefined {
  if (!text) return undefined;
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Indicators of the front matter: a list of maps (named by `name` or `id`) or a map keyed by id. */
function indicatorSymbols(document: TextDocument, y: Document, base: number): DocumentSymbol[] {
  const node = deref(findPair(y.contents, 'indicators')?.value, y);
  const out: DocumentSymbol[] = [];
  const push = (name: string | undefined, item: unknown, nameNode: unknown, detail?: string) => {
    const r = rangeOf(item, base);
    const sr = rangeOf(nameNode, base) ?? r;
    if (!name || !r || !sr) return;
    out.push({ name, detail, kind: SymbolKind.Number, range: range(document, Math.min(r[0], sr[0]), Math.max(r[1], sr[1])), selectionRange: range(document, sr[0], sr[1]) });
  };
  if (isSeq(node)) {
    for (const item of node.items) {
      const m = deref(item, y);
      if (!isMap(m)) {
        push(scalarString(m), m, m);
        continue;
      }
      const idNode = deref(findPair(m, 'id')?.value, y);
      const nameNode = deref(findPair(m, 'name')?.value, y);
      push(scalarString(nameNode) ?? scalarString(idNode), m, nameNode ?? idNode, scalarString(nameNode) ? scalarString(idNode) : undefined);
    }
  } else if (isMap(node)) {
    for (const p of mapPairs(node)) {
      const v = deref(p.value, y);
      push(scalarString(p.key), p.value ?? p.key, p.key, isMap(v) ? scalarString(deref(findPair(v, 'name')?.value, y)) : undefined);
    }
  }
  return out;
}

export function getDocumentSymbols(ctx: FeatureContext, document: TextDocument): DocumentSymbol[] {
  const locale = ctx.settings().locale;
  if (documentKind(document.uri) === 'termBase') {
    const base = ctx.termBases([], document).find((b) => b.uri === document.uri)?.base;
    // By label offset: a `find` per entry would be quadratic on a 100,000-term base.
    const byLabel = new Map(base?.entries.map((x) => [x.labelRange[0], x]));
    return ctx.termBaseEntryNodes(document).map((n) => {
      const e = byLabel.get(n.labelStart);
      const label = n.labels[0];
      return { name: label.label, detail: shorten(e?.definition), kind: SymbolKind.Constant, range: range(document, Math.min(n.start, label.start), Math.max(n.end, label.end)), selectionRange: range(document, label.start, label.end) };
    });
  }
  if (documentKind(document.uri) !== 'concept') return [];
  const a = ctx.analyse(document);
  const { doc } = a;
  const out: DocumentSymbol[] = [];
  const fm = doc.frontMatter;
  if (fm) {
    const children: DocumentSymbol[] = [];
    for (const e of doc.definitions) {
      const end = Math.max(e.labelRange[1], e.definitionRange?.[1] ?? 0, e.sourceRange?.[1] ?? 0);
      children.push({ name: e.term, detail: shorten(e.definition), kind: SymbolKind.Constant, range: range(document, e.labelRange[0], end), selectionRange: range(document, e.labelRange[0], e.labelRange[1]) });
    }
    if (fm.yaml) {
      const indicators = indicatorSymbols(document, fm.yaml, fm.start);
      const kr = fm.keyRanges.get('indicators');
      const vr = fm.valueRanges.get('indicators');
      if (indicators.length && kr) {
        children.push({ name: wt(locale, 'symbol.indicators'), kind: SymbolKind.Array, range: range(document, kr[0], Math.max(kr[1], vr?.[1] ?? 0)), selectionRange: range(document, kr[0], kr[1]), children: indicators });
      }
    }
    const title = fm.values.title ?? fm.values.concept;
    out.push({ name: wt(locale, 'symbol.front-matter'), detail: title, kind: SymbolKind.Module, range: range(document, 0, fm.blockEnd), selectionRange: range(document, 0, Math.min(3, fm.blockEnd)), children });
  }
  // Sections nest by heading level; a section ends where the next one of the same or a higher level starts.
  const text = document.getText();
  const model = a.model?.model;
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  const headings = doc.markdown.headings;
  // Where each section ends: the start of the next heading of the same or a higher level (one pass with a stack of
  // the sections still open; looking ahead from every heading was quadratic in a document of thousands).
  const ends = new Array<number>(headings.length).fill(text.length);
  const open: number[] = [];
  headings.forEach((h, i) => {
    while (open.length && headings[open[open.length - 1]].level >= h.level) ends[open.pop()!] = h.lineStart;
    open.push(i);
  });
  headings.forEach((h, i) => {
    let end = ends[i];
    while (end > h.lineEnd && /\s/.test(text[end - 1])) end--;
    const kind = model ? sectionOfHeading(model, h) : undefined;
    const symbol: DocumentSymbol = { name: h.text || '#', detail: kind?.id, kind: SymbolKind.String, range: range(document, h.lineStart, Math.max(end, h.lineEnd)), selectionRange: range(document, h.start, Math.max(h.start, h.end)), children: [] };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1].symbol.children!.push(symbol);
    else out.push(symbol);
    stack.push({ level: h.level, symbol });
  });
  return out;
}

/** A fuzzy score of `name` for `query` (higher is better), or -1 when the query's characters are not all in order in the name. */
export function fuzzyScore(query: string, name: string): number {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const n = name.toLowerCase();
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const found = n.indexOf(ch, at + 1);
    if (found < 0) return -1;
    if (found === 0) score += 8;
    else if (found === at + 1) score += 5;
    else if (!/[\p{L}\p{N}]/u.test(n[found - 1])) score += 4;
    else score -= Math.min(3, found - at - 1);
    at = found;
  }
  if (n.startsWith(q)) score += 10;
  return score - name.length / 100;
}

export function getWorkspaceSymbols(ctx: FeatureContext, query: string, modelUris: readonly string[] = []): WorkspaceSymbol[] {
  const locale = ctx.settings().locale;
  const candidates: { symbol: WorkspaceSymbol; score: number }[] = [];
  const consider = (name: string, make: () => WorkspaceSymbol | undefined) => {
    const score = fuzzyScore(query, name);
    if (score < 0) return;
    const symbol = make();
    if (symbol) candidates.push({ symbol, score });
  };
  // Symbols need no term matching: documents are parsed, not analysed.
  for (const b of ctx.termBases([])) {
    const container = b.builtin ? wt(locale, 'symbol.builtin') : fileName(b.uri);
    for (const e of b.base.entries) {
      consider(e.term, () => ({ name: e.term, kind: SymbolKind.Constant, containerName: container, location: { uri: b.uri, range: range(b.document, e.labelRange[0], e.labelRange[1]) } }));
    }
  }
  for (const c of ctx.parsedConcepts()) {
    const fm = c.doc.frontMatter;
    const title = fm?.values.title ?? fm?.values.concept ?? fileName(c.uri);
    const at = fm?.valueRanges.get(fm.values.title ? 'title' : 'concept') ?? [0, 0];
    consider(title, () => ({ name: title, kind: SymbolKind.File, containerName: fileName(c.uri), location: { uri: c.uri, range: range(c.document, at[0], at[1]) } }));
    for (const e of c.doc.definitions) {
      consider(e.term, () => ({ name: e.term, kind: SymbolKind.Constant, containerName: fileName(c.uri), location: { uri: c.uri, range: range(c.document, e.labelRange[0], e.labelRange[1]) } }));
    }
  }
  for (const uri of modelUris) {
    const document = ctx.textDocument(uri);
    if (!document) continue;
    const model = parseReferenceModel(uri, document.getText()).model;
    if (!model) continue;
    for (const s of model.sections) {
      if (s.uri !== uri || !s.idRange) continue;
      const r = s.idRange;
      consider(s.title, () => ({ name: s.title, kind: SymbolKind.Namespace, containerName: model.id, location: { uri, range: range(document, r[0], r[1]) } }));
    }
    for (const el of model.elements) {
      if (el.uri !== uri || !el.idRange) continue;
      const r = el.idRange;
      const name = el.name ?? el.id;
      consider(name, () => ({ name, kind: SymbolKind.Class, containerName: `${model.id} · ${el.type}`, location: { uri, range: range(document, r[0], r[1]) } }));
    }
  }
  return candidates
    .sort((x, y) => y.score - x.score || x.symbol.name.localeCompare(y.symbol.name))
    .slice(0, MAX_WORKSPACE_SYMBOLS)
    .map((c) => c.symbol);
}
