/**
 * The server's message encoder on stdio (`server/src/lsp/messageEncoder.ts`): diagnostics are written from
 * the JSON kept per diagnostic object. Whatever it writes must be the message `JSON.stringify` writes, on
 * the diagnostics the language service really hands back while a document is edited (where most objects
 * are the same from one check to the next), and a kept diagnostic can no longer be changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Message } from 'vscode-languageserver/node';
import { createMessageEncoder, EncodedDiagnostics, KEEP_FROM_FIRST } from '../../server/src/lsp/messageEncoder';
import { workspace } from '../core/helpers';

const root = path.resolve(__dirname, '../..');
const utf8 = { charset: 'utf-8' as const };

async function written(encoder: ReturnType<typeof createMessageEncoder>, msg: Message, charset: 'utf-8' | 'ascii' = 'utf-8'): Promise<string> {
  return Buffer.from(await (encoder as { encode(m: Message, o: { charset: 'utf-8' | 'ascii' }): Promise<Uint8Array> }).encode(msg, { charset })).toString(charset === 'ascii' ? 'latin1' : 'utf8');
}

const diagnostic = (line: number, message: string) => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 2, code: 'undefined-term', source: 'customs-concepts', message, data: { term: message } });

describe('message encoder', () => {
  it('writes a publishDiagnostics notification as JSON.stringify does, reusing the JSON of the same objects', async () => {
    const encoder = createMessageEncoder();
    const a = diagnostic(1, '«цифровая таможня» — не определён');
    const b = diagnostic(2, 'guillemets « » and "quotes" \\ and \u2028');
    const first: Message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d%C3%A9j%C3%A0/a.concept.md', version: 3, diagnostics: [a, b] } } as Message;
    expect(await written(encoder, first)).toBe(JSON.stringify(first));
    const c = diagnostic(3, 'new');
    // The same document again (its diagnostics are kept from now on), then a third time (the kept JSON is used).
    const second = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d%C3%A9j%C3%A0/a.concept.md', diagnostics: [b, c, a] } } as Message;
    expect(await written(encoder, second)).toBe(JSON.stringify(second));
    const third = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d%C3%A9j%C3%A0/a.concept.md', version: 4, diagnostics: [a, b, c] } } as Message;
    expect(await written(encoder, third)).toBe(JSON.stringify(third));
    const empty = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.concept.md', version: 4, diagnostics: [] } } as Message;
    expect(await written(encoder, empty)).toBe(JSON.stringify(empty));
  });

  it('writes a full pull report as JSON.stringify does; other messages and other charsets unchanged', async () => {
    const encoder = createMessageEncoder();
    const d = diagnostic(0, 'x');
    const report = { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: 'r1', items: [d, d] } } as Message;
    expect(await written(encoder, report)).toBe(JSON.stringify(report));
    const unchanged = { jsonrpc: '2.0', id: 8, result: { kind: 'unchanged', resultId: 'r1' } } as Message;
    expect(await written(encoder, unchanged)).toBe(JSON.stringify(unchanged));
    const completion = { jsonrpc: '2.0', id: 9, result: { isIncomplete: false, items: [{ label: 'a' }] } } as Message;
    expect(await written(encoder, completion)).toBe(JSON.stringify(completion));
    const odd = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics: [null, 1] } } as unknown as Message;
    expect(await written(encoder, odd)).toBe(JSON.stringify(odd));
    const fresh = diagnostic(0, 'y');
    const ascii = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics: [fresh] } } as Message;
    expect(await written(encoder, ascii, 'ascii')).toBe(JSON.stringify(ascii));
    // Only what the encoder keeps is frozen: the diagnostic sent in ASCII was not kept.
    expect(Object.isFrozen(fresh)).toBe(false);
  });

  it('writes diagnostics the worker wrote as JSON as they are, and keeps nothing of a publication without a version', async () => {
    const encoder = createMessageEncoder();
    const d = [diagnostic(1, '«единое окно»'), diagnostic(2, 'b')];
    const json = JSON.stringify(d);
    const pre = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///closed.concept.md', diagnostics: new EncodedDiagnostics(new TextEncoder().encode(json)) } } as unknown as Message;
    const plain = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///closed.concept.md', diagnostics: d } } as Message;
    expect(await written(encoder, pre)).toBe(JSON.stringify(plain));
    // Any other writer serialises what `toJSON` gives: the same message.
    expect(JSON.stringify(pre)).toBe(JSON.stringify(plain));
    // A closed document published again and again (no version): written whole each time, nothing kept or frozen.
    for (let i = 0; i < 3; i++) expect(await written(encoder, plain)).toBe(JSON.stringify(plain));
    expect(Object.isFrozen(d[0])).toBe(false);
  });

  it('keeps nothing of the first diagnostics of a document, and keeps from its second publication on', async () => {
    const encoder = createMessageEncoder();
    // Open documents are published with their version (a closed one without: never kept, see above).
    const publish = (uri: string, diagnostics: object[]) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 1, diagnostics } }) as Message;
    const first = diagnostic(1, 'first');
    expect(await written(encoder, publish('file:///a.concept.md', [first]))).toBe(JSON.stringify(publish('file:///a.concept.md', [first])));
    expect(Object.isFrozen(first)).toBe(false);
    // Another document's first publication: not kept either, whatever was published before.
    const other = diagnostic(2, 'other');
    await written(encoder, publish('file:///b.concept.md', [other]));
    expect(Object.isFrozen(other)).toBe(false);
    const second = diagnostic(3, 'second');
    expect(await written(encoder, publish('file:///a.concept.md', [first, second]))).toBe(JSON.stringify(publish('file:///a.concept.md', [first, second])));
    expect(Object.isFrozen(first) && Object.isFrozen(second)).toBe(true);
  });

  it('keeps the first diagnostics of a long document (KEEP_FROM_FIRST of them or more), so its first edit reuses them', async () => {
    const encoder = createMessageEncoder();
    const publish = (uri: string, diagnostics: object[]) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 1, diagnostics } }) as Message;
    const many = Array.from({ length: KEEP_FROM_FIRST }, (_, i) => diagnostic(i, `use ${i}`));
    expect(await written(encoder, publish('file:///long.concept.md', many))).toBe(JSON.stringify(publish('file:///long.concept.md', many)));
    expect(many.every((d) => Object.isFrozen(d))).toBe(true);
    // One fewer: a first publication like a folder's documents have, kept from the second on.
    const fewer = Array.from({ length: KEEP_FROM_FIRST - 1 }, (_, i) => diagnostic(i, `use ${i}`));
    await written(encoder, publish('file:///short.concept.md', fewer));
    expect(fewer.some((d) => Object.isFrozen(d))).toBe(false);
    // Without a version (a closed document): never kept, however many.
    const closed = Array.from({ length: KEEP_FROM_FIRST }, (_, i) => diagnostic(i, `closed ${i}`));
    const unversioned = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///closed.concept.md', diagnostics: closed } } as Message;
    expect(await written(encoder, unversioned)).toBe(JSON.stringify(unversioned));
    expect(closed.some((d) => Object.isFrozen(d))).toBe(false);
  });

  it('freezes what it keeps, deeply, so a later change throws instead of sending stale JSON', async () => {
    const encoder = createMessageEncoder();
    const d = diagnostic(5, 'kept');
    // The first publication of a document is not kept: the second is.
    await written(encoder, { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', version: 1, diagnostics: [] } } as Message);
    await written(encoder, { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', version: 2, diagnostics: [d] } } as Message);
    expect(() => {
      'use strict';
      d.range.start.line = 6;
    }).toThrow(TypeError);
    expect(() => {
      d.message = 'changed';
    }).toThrow(TypeError);
    expect(d.range.start.line).toBe(5);
  });

  it('writes what JSON.stringify writes for the diagnostics of a real document while it is edited', async () => {
    const text = fs.readFileSync(path.join(root, 'tests/corpus/ru/eec-digital-customs.concept.md'), 'utf8');
    const glossary = fs.readFileSync(path.join(root, 'tests/corpus/glossary/eaeu.terms.yaml'), 'utf8');
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('a', 'ё', ' ', '\n', '«', '»', '\r\n', '@rkc ', 'таможня')), { minLength: 1, maxLength: 12 }), async (edits) => {
        const ws = workspace({ 'ru/doc.concept.md': text, 'glossary/eaeu.terms.yaml': glossary });
        const encoder = createMessageEncoder();
        let doc = TextDocument.create(ws.uri('ru/doc.concept.md'), 'markdown', 1, text);
        let previous = new Set<object>();
        for (const [at, removed, inserted] of edits) {
          const diagnostics = ws.service.computeDiagnostics(doc);
          reused += diagnostics.filter((d) => previous.has(d)).length;
          previous = new Set(diagnostics);
          const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version: doc.version, diagnostics } } as Message;
          expect(await written(encoder, msg)).toBe(JSON.stringify(msg));
          const t = doc.getText();
          const start = at % (t.length + 1);
          doc = TextDocument.update(doc, [{ range: { start: doc.positionAt(start), end: doc.positionAt(Math.min(t.length, start + removed)) }, text: inserted }], doc.version + 1);
        }
      }),
      { numRuns: 15, seed: 20261202 },
    );
    // The checks handed back objects already sent: the kept JSON was used, and nothing changed them.
    expect(reused).toBeGreaterThan(100);
  });
});
