/**
 * The server's copies of open documents, kept in step with the editor's edits (`BlockTextDocument`: the text in
 * blocks, so a keystroke in a long document does not make its whole text one string again).
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { BlockTextDocument } from './blockDocument';
import type { EditHint, VersionedEditHint } from './core/index';

export function syncedTextDocuments(onEdit: (document: TextDocument, hint: VersionedEditHint) => void) {
  return {
    create: (uri: string, languageId: string, version: number, content: string): TextDocument => BlockTextDocument.create(uri, languageId, version, content),
    update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      // A malformed change is refused before any is applied: the server's copy stays as it was, and the error is logged.
      for (const change of changes) {
        const problem = changeProblem(change);
        if (problem) throw new Error(`Refused a change of ${document.uri} (version ${version}): ${problem}; the server's copy of the document is unchanged.`);
      }
      const doc = document as BlockTextDocument;
      // One ranged change (typing): tell the analysis where it fell.
      let hint: (EditHint & { fromVersion: number }) | undefined;
      if (changes.length === 1 && 'range' in changes[0]) {
        const a = doc.offsetAt(changes[0].range.start);
        const b = doc.offsetAt(changes[0].range.end);
        const start = Math.min(a, b);
        hint = { fromVersion: doc.version, oldLength: doc.textParts().length, start, oldEnd: Math.max(a, b), newEnd: start + changes[0].text.length };
      }
      BlockTextDocument.update(doc, changes, version);
      // (The document object is changed in place, so the hint names the version it leads to.)
      if (hint) onEdit(doc, { ...hint, toVersion: version });
      return doc;
    },
  };
}

const isPlace = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isPosition = (p: unknown): boolean => typeof p === 'object' && p !== null && isPlace((p as { line?: unknown }).line) && isPlace((p as { character?: unknown }).character);

/** What is wrong with a content change as the protocol defines it (a text, and a range of two positions of non-negative integers), if anything. */
export function changeProblem(change: unknown): string | undefined {
  if (typeof change !== 'object' || change === null) return 'a change is not an object';
  const { text, range } = change as { text?: unknown; range?: unknown };
  if (typeof text !== 'string') return 'a change has no `text` string';
  if (range === undefined) return undefined;
  if (typeof range !== 'object' || range === null) return 'a change has a `range` that is not an object';
  const { start, end } = range as { start?: unknown; end?: unknown };
  if (!isPosition(start) || !isPosition(end)) return 'a change has a `range` whose positions are not `line` and `character` integers of 0 or more';
  return undefined;
}
