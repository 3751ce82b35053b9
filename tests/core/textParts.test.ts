/**
 * A document kept in blocks (the server's `BlockTextDocument`) is checked after an edit of its body without its
 * whole text being made one string, and the check is the same as a fresh one; an edit of the front matter or of
 * the first line, which can change what the front matter is, reads the whole text.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlockTextDocument } from '../../server/src/blockDocument';
import { createLanguageService, type LanguageService } from '../../server/src/core/index';
import { loadBuiltinData } from '../../server/src/node/files';
import { syncedTextDocuments } from '../../server/src/syncedDocuments';

const builtin = loadBuiltinData();
const URI_ = 'file:///w/parts.concept.md';

const service = (): LanguageService => createLanguageService({ builtin, workspace: { read: () => ({ error: 'no such file.' }), termBaseUris: () => [] } });

const FRONT = ['---', 'concept: parts', 'title: Parts', 'terms:', '  data lake: A store of customs data (@rkc).', '---', ''].join('\n');
const BODY = Array.from({ length: 120 }, (_, i) =>
  i % 10 === 0 ? `## Section ${i}\n` : `Paragraph ${i}: digital customs and the single window, a «data lake» and @no-such-id.\n`,
).join('\n');

function edit(svc: LanguageService, doc: BlockTextDocument, at: number, text: string): BlockTextDocument {
  const sync = syncedTextDocuments((d, hint) => svc.noteEdit(d, hint));
  const pos = doc.positionAt(at);
  return sync.update(doc, [{ range: { start: pos, end: pos }, text }], doc.version + 1) as BlockTextDocument;
}

const fresh = (doc: BlockTextDocument) => service().computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, doc.getText()));

describe('checking a document kept in blocks', () => {
  it('reads an edit of the body from the blocks, and reports what a fresh check reports', () => {
    const svc = service();
    let doc = BlockTextDocument.create(URI_, 'markdown', 1, FRONT + '\n# Parts\n\n' + BODY, 512);
    svc.computeDiagnostics(doc);
    for (const [at, text] of [
      [FRONT.length + 300, 'x'],
      [FRONT.length + 1200, ' data lake '],
      [FRONT.length + 2400, '\n\n## A new heading\n\n'],
      [FRONT.length + 40, '\r\n'],
    ] as const) {
      doc = edit(svc, doc, at, text);
      const got = svc.computeDiagnostics(doc);
      expect(doc.joined).toBe(false);
      expect(got).toEqual(fresh(doc));
    }
    // The front matter edited: the whole text is read, and the check is still right.
    doc = edit(svc, doc, FRONT.indexOf('A store'), 'Still ');
    const got = svc.computeDiagnostics(doc);
    expect(doc.joined).toBe(true);
    expect(got).toEqual(fresh(doc));
  });

  it('reads an edit past the first line of a document without front matter from the blocks, and the first line whole', () => {
    const svc = service();
    let doc = BlockTextDocument.create(URI_, 'markdown', 1, '# Parts\n\n' + BODY, 512);
    svc.computeDiagnostics(doc);
    doc = edit(svc, doc, 900, 'y');
    let got = svc.computeDiagnostics(doc);
    expect(doc.joined).toBe(false);
    expect(got).toEqual(fresh(doc));
    // `---` typed on the first line may open a front matter.
    doc = edit(svc, doc, 0, '---\n');
    got = svc.computeDiagnostics(doc);
    expect(doc.joined).toBe(true);
    expect(got).toEqual(fresh(doc));
  });
});
