/**
 * The server's copies of open documents, kept in step with the editor's edits.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { EditHint, VersionedEditHint } from './core/index';

/**
 * `TextDocument.update` (vscode-languageserver-textdocument 1.0.12) keeps its line
 * index incrementally and miscounts it when an edit joins a `\r` and a `\n` into
 * one CRLF across the edit's boundary (inserting `\r` before a line break, say):
 * every later position, in diagnostics and in the client's next edits, is then one
 * line off, and the server's text drifts from the editor's. Such an edit rebuilds
 * the document from its text; any other edit takes the fast path.
 * Found by tests/robustness/incremental.property.test.ts.
 */
export function syncedTextDocuments(onEdit: (document: TextDocument, hint: VersionedEditHint) => void) {
  return {
    create: TextDocument.create,
    update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      let doc = document;
      // One ranged change (typing): tell the analysis where it fell.
      let hint: (EditHint & { fromVersion: number }) | undefined;
      if (changes.length === 1 && 'range' in changes[0]) {
        const start = document.offsetAt(changes[0].range.start);
        const oldEnd = Math.max(start, document.offsetAt(changes[0].range.end));
        hint = { fromVersion: document.version, oldLength: document.getText().length, start, oldEnd, newEnd: start + changes[0].text.length };
      }
      for (const change of changes) {
        let joins = false;
        if ('range' in change) {
          const text = doc.getText();
          const s = doc.offsetAt(change.range.start);
          const e = Math.max(s, doc.offsetAt(change.range.end));
          const before = text[s - 1];
          const after = text[e];
          const first = change.text.length ? change.text[0] : after;
          const last = change.text.length ? change.text[change.text.length - 1] : before;
          joins = (before === '\r' && first === '\n') || (last === '\r' && after === '\n');
        }
        doc = TextDocument.update(doc, [change], version);
        if (joins) doc = TextDocument.create(doc.uri, doc.languageId, version, doc.getText());
      }
      // (`TextDocument.update` changes the document object in place, so the hint names the version it leads to.)
      if (hint) onEdit(doc, { ...hint, toVersion: version });
      return changes.length ? doc : TextDocument.update(doc, [], version);
    },
  };
}
