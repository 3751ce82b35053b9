/**
 * Cancellation over the real protocol: a workspace-wide request the client
 * cancels answers `RequestCancelled` (-32800) instead of finishing its walk of
 * the workspace, and the server answers the next request as usual.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type Location, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { testSession } from './session';

const DOCUMENTS = 300;

const session = testSession();

/** A workspace of many concept documents that all use the terms of one term base. */
const TERMS = 'terms:\n  - term: customs declaration\n  - term: таможенная декларация\n';

function bigWorkspace(): { root: string; first: string; text: string; terms: string } {
  const files: Record<string, string> = { 'g.terms.yaml': TERMS };
  const paragraph = 'Each «customs declaration» is checked; a customs declaration lodged early, and the таможенная декларация too.\n\n';
  const text = `---\nglossaries: [g.terms.yaml]\n---\n\n# Scope\n\n${paragraph.repeat(40)}`;
  for (let i = 0; i < DOCUMENTS; i++) files[`d${String(i).padStart(3, '0')}.concept.md`] = text;
  const root = session.workspace('cc-cancel-', files);
  return { root, first: URI.file(path.join(root, 'd000.concept.md')).toString(), text, terms: URI.file(path.join(root, 'g.terms.yaml')).toString() };
}

async function cancelledAnswer(request: Promise<unknown>): Promise<unknown> {
  try {
    await request;
    return 'answered';
  } catch (e) {
    return e instanceof ResponseError ? e.code : e;
  }
}

/** The big workspace with its first document checked and the term base open, with the term base's lenses (unresolved). */
async function withTermBaseOpen() {
  const ws = bigWorkspace();
  const client = await session.start(ws.root, { initializationOptions: { settings: { diagnostics: { debounceMs: 0, closedDocuments: false } } } });
  await client.open(ws.first, ws.text);
  await client.diagnostics(ws.first, (p) => p.version === 1);
  await client.open(ws.terms, TERMS, 'yaml');
  const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: ws.terms } })) as object[];
  return { ws, client, lenses };
}

describe('cancellation over stdio', () => {
  it('answers RequestCancelled to a cancelled references, rename, workspace symbols and a term base lens resolve, then answers again', async () => {
    const { ws, client, lenses } = await withTermBaseOpen();
    const [lens] = lenses;
    const at = { textDocument: { uri: ws.first }, position: { line: 6, character: 8 } };
    const requests: [string, object][] = [
      ['textDocument/references', { ...at, context: { includeDeclaration: true } }],
      ['textDocument/rename', { ...at, newName: 'goods declaration' }],
      ['workspace/symbol', { query: 'declaration' }],
      // A term base's lens counts uses in every document when resolved (a concept document's, in itself only: no walk).
      ['codeLens/resolve', lens],
    ];
    for (const [method, params] of requests) {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(method, params, source.token);
      source.cancel();
      expect(await cancelledAnswer(pending), method).toBe(LSPErrorCodes.RequestCancelled);
    }
    // Not cancelled, the same requests walk the whole workspace.
    const references = (await client.connection.sendRequest('textDocument/references', { ...at, context: { includeDeclaration: false } })) as Location[];
    expect(new Set(references.map((l) => l.uri)).size).toBe(DOCUMENTS);
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'd299' })) as WorkspaceSymbol[];
    expect(symbols.some((s) => s.location.uri.endsWith('d299.concept.md'))).toBe(true);
  });

  it('answers code lens on a concept document without walking the workspace: sent before a hover, it is answered first', async () => {
    // A walk lets other messages in between its documents, so a hover sent after a walking request is answered
    // before it; code lens on a concept document counts its own uses only and is answered at once.
    const ws = bigWorkspace();
    const client = await session.start(ws.root, { initializationOptions: { settings: { diagnostics: { debounceMs: 0, closedDocuments: false } } } });
    const own = ws.text.replace('---\nglossaries: [g.terms.yaml]\n', '---\nglossaries: [g.terms.yaml]\nterms:\n  lodged early:\n    definition: Lodged before the goods arrive.\n');
    await client.open(ws.first, own);
    await client.diagnostics(ws.first, (p) => p.version === 1);
    const order: string[] = [];
    const lenses = client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: ws.first } }).then((l) => (order.push('code lens'), l as { command: { title: string } }[]));
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: ws.first }, position: { line: 10, character: 10 } }).then(() => order.push('hover'));
    const [answer] = await Promise.all([lenses, hover]);
    expect(order).toEqual(['code lens', 'hover']);
    expect(answer.map((l) => l.command.title)).toEqual(['40 uses']);
  });

  it('answers a hover sent while the lenses an editor shows are resolved at once, and a resolve cancelled meanwhile stops only itself', async () => {
    // Each resolve of a term base's lens waits for the walk of the closed documents; the resolves share one walk,
    // which lets other messages in between its documents (with a walk each, a hover waited for all of them).
    const { ws, client, lenses } = await withTermBaseOpen();
    const order: string[] = [];
    const source = new CancellationTokenSource();
    const cancelled = cancelledAnswer(client.connection.sendRequest('codeLens/resolve', lenses[0], source.token));
    const resolves = Array.from({ length: 30 }, (_, i) =>
      client.connection.sendRequest('codeLens/resolve', lenses[i % lenses.length]).then((l) => (order.push('resolve'), l as { command: { title: string } })),
    );
    source.cancel();
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: ws.first }, position: { line: 6, character: 8 } }).then((h) => (order.push('hover'), h));
    const [answers, hovered] = await Promise.all([Promise.all(resolves), hover]);
    expect(await cancelled).toBe(LSPErrorCodes.RequestCancelled);
    expect(hovered).not.toBeNull();
    expect(order[0]).toBe('hover');
    expect(order.filter((o) => o === 'resolve')).toHaveLength(30);
    // Every resolve counts the uses of the whole workspace: each of the 40 paragraphs of a document uses the first term twice.
    expect(new Set(answers.filter((_, i) => i % lenses.length === 0).map((l) => l.command.title))).toEqual(new Set([`${2 * 40 * DOCUMENTS} uses`]));
  });
});
