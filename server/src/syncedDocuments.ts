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
