/**
 * Rename a term across the workspace: the label in its definition (front
 * matter or term base), every `«…»` and plain-prose use that matched this
 * label in every document that resolves to the same entry, and every mention
 * in related, broader and narrower lists.
 *
 * The result is a `WorkspaceEdit` with versioned `documentChanges`: an open
 * file carries the editor's version, so a client refuses the edit if the text
 * changed meanwhile; a file read from disk carries `null`. Edits within a file
 * never overlap, and each use keeps its case and plural (`labelRewrite.ts`).
 */
import type { Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../l10n';
import { labelKey } from '../terms/matcher';
import { entryLabels, type TermEntry } from '../terms/termBase';
import { entryId, type FeatureContext } from '../workspaceContext';
import { rewriteUse } from '../edit/labelRewrite';
import { occurrencesOf, targetAt } from './navigation';
import { fileName, wt } from '../workspaceMessages';
import { yamlScalar, type OffsetEdit } from '../edit/yamlEdits';

export type RenameRefusal = { error: string };

function refusal(target: ReturnType<typeof targetAt>, locale: Locale | undefined): RenameRefusal | undefined {
  if (!target || target.kind !== 'term') return { error: wt(locale, 'rename.not-a-term') };
  if (!target.entry) return { error: wt(locale, 'rename.undefined', { term: target.label }) };
  if (target.entry.origin === 'builtin') return { error: wt(locale, 'rename.builtin', { term: target.entry.term }) };
  return undefined;
}

/** Where a rename may start, with the label as placeholder; a refusal that says why otherwise. */
export function prepareRename(ctx: FeatureContext, document: TextDocument, position: Position, locale?: Locale): { range: Range; placeholder: string } | RenameRefusal {
  const target = targetAt(ctx, document, document.offsetAt(position));
  const refused = refusal(target, locale);
  if (refused || !target || target.kind !== 'term') return refused!;
  return { range: { start: document.positionAt(target.start), end: document.positionAt(target.end) }, placeholder: target.label };
}

/** Whether a new label can be written everywhere a label goes (prose, guillemets, YAML). */
function validName(name: string): boolean {
  return labelKey(name) !== '' && !/[\r\n«»"]/.test(name) && name.length <= 200;
}

/** Offsets edits of one file, sorted; an edit overlapping an earlier one is dropped, so the result is always applicable. */
export function nonOverlapping(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === e.end) continue;
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out;
}

/** Groups offset edits by file into versioned `documentChanges`. */
export function toWorkspaceEdit(ctx: FeatureContext, files: Map<string, { document: TextDocument; edits: OffsetEdit[] }>, current?: TextDocument): WorkspaceEdit {
  const documentChanges: TextDocumentEdit[] = [];
  for (const [uri, { document, edits }] of files) {
    const clean = nonOverlapping(edits).filter((e) => document.getText().slice(e.start, e.end) !== e.newText);
    if (!clean.length) continue;
    const textEdits: TextEdit[] = clean.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
    documentChanges.push({ textDocument: { uri, version: ctx.version(uri, current) }, edits: textEdits });
  }
  return { documentChanges };
}

/** The rename edit, or a refusal. */
export function getRenameEdits(ctx: FeatureContext, document: TextDocument, position: Position, newName: string, locale?: Locale): WorkspaceEdit | RenameRefusal {
  const target = targetAt(ctx, document, document.offsetAt(position));
  const refused = refusal(target, locale);
  if (refused || !target || target.kind !== 'term' || !target.entry) return refused!;
  const name = newName.trim();
  if (!validName(name)) return { error: wt(locale, 'rename.invalid') };
  const entry = target.entry;
  const oldKey = labelKey(target.label);
  const newKey = labelKey(name);

  // Another entry of the same file already owning the new label would merge two terms silently.
  if (newKey !== oldKey) {
    const siblings: TermEntry[] =
      entry.origin === 'document'
        ? ctx.concept(entry.uri, document)?.analysis.doc.definitions ?? []
        : ctx.termBases([], document).find((b) => b.uri === entry.uri)?.base.entries ?? [];
    const clash = siblings.find((e) => entryId(e) !== entryId(entry) && entryLabels(e).some((l) => labelKey(l.label) === newKey));
    if (clash) return { error: wt(locale, 'rename.exists', { term: clash.term, file: fileName(entry.uri) }) };
  }

  const files = new Map<string, { document: TextDocument; edits: OffsetEdit[] }>();
  for (const o of occurrencesOf(ctx, entry, document)) {
    if (labelKey(o.label) !== oldKey) continue;
    const text = o.document.getText();
    const raw = text.slice(o.start, o.end);
    const newText = o.site === 'use' ? rewriteUse(raw, o.label, name) : yamlScalar(name, raw);
    let f = files.get(o.uri);
    if (!f) files.set(o.uri, (f = { document: o.document, edits: [] }));
    f.edits.push({ start: o.start, end: o.end, newText });
  }
  return toWorkspaceEdit(ctx, files, document);
}
