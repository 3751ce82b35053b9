/**
 * The real server process under faults and load: a handler that throws costs
 * one empty answer and a log line; a burst of 1,000 edits on a 1 MB document
 * leaves it answering, and the diagnostics it publishes never go back to an
 * older version. No timing is asserted (the benchmark owns timing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionList, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { startClient, type Client } from '../lsp/harness';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const EXAMPLE = path.join(EXAMPLES, 'eeu-digital-customs.concept.md');
const TEXT = fs.readFileSync(EXAMPLE, 'utf8');
const FAST = { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } };

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  delete process.env.CUSTOMS_CONCEPTS_FAULT;
});

/** Starts the server with `CUSTOMS_CONCEPTS_FAULT` set to `fault` (the child copies the environment when spawned). */
async function startWithFault(fault: string): Promise<Client> {
  process.env.CUSTOMS_CONCEPTS_FAULT = fault;
  try {
    return await startClient(EXAMPLES, FAST);
  } finally {
    delete process.env.CUSTOMS_CONCEPTS_FAULT;
  }
}

const at = (needle: string, delta = 2) => {
  const d = TextDocument.create('x', 'x', 0, TEXT);
  return d.positionAt(TEXT.indexOf(needle) + delta);
};

describe('crash injection', () => {
  it('a hover handler that throws answers null, logs, and the server keeps serving', async () => {
    client = await startWithFault('hover');
    const uri = URI.file(EXAMPLE).toString();
    await client.open(uri, TEXT);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at('«digital customs»') })) as Hover | null;
    expect(hover).toBeNull();
    expect(client.logs.some((l) => /hover failed: Error: injected fault in hover/.test(l))).toBe(true);
    // Everything else still works: diagnostics, completion, and hover again (still null, still logged).
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(published.diagnostics.some((d) => d.code === 'undefined-term')).toBe(true);
    const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at('@rkc', 2) })) as CompletionList;
    expect(completion.items.length).toBeGreaterThan(0);
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at('«digital customs»') })).toBeNull();
    expect(client.child.exitCode).toBeNull();
  });

  it('failing diagnostics publish nothing but leave hover working', async () => {
    client = await startWithFault('diagnostics');
    const uri = URI.file(EXAMPLE).toString();
    await client.open(uri, TEXT);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at('«digital customs»') })) as Hover;
    expect(JSON.stringify(hover.contents)).toContain('organisation of customs administration');
    await expect.poll(() => client!.logs.some((l) => /diagnostics failed: Error: injected fault in diagnostics/.test(l))).toBe(true);
    expect(client.child.exitCode).toBeNull();
  });
});

describe('load', () => {
  it('1,000 didChange notifications on a 1 MB document: hover still answers, the last version is published and never overtaken', async () => {
    client = await startClient(EXAMPLES, FAST);
    const uri = URI.file(path.join(EXAMPLES, '__load.concept.md')).toString();
    const body = TEXT.slice(TEXT.indexOf('\n---\n') + 5);
    let text = TEXT;
    while (text.length < 1024 * 1024) text += '\n' + body;
    await client.open(uri, text);
    const seen: number[] = [];
    let version = 1;
    // Typing at the end, and now and then in the middle, as fast as the pipe takes it.
    const sends: Promise<void>[] = [];
    // No insert holds a line break, so line 10 starts where it did and the last line only grows.
    const lines = text.split('\n');
    const line10 = lines.slice(0, 10).join('\n').length + 1;
    let lastLineLength = lines[lines.length - 1].length;
    for (let i = 0; i < 1000; i++) {
      version++;
      const middle = i % 10 === 0;
      const insert = i % 50 === 0 ? ' «smart border» ' : 'x';
      const offset = middle ? line10 : text.length;
      const position = middle ? { line: 10, character: 0 } : { line: lines.length - 1, character: lastLineLength };
      if (!middle) lastLineLength += insert.length;
      text = text.slice(0, offset) + insert + text.slice(offset);
      sends.push(client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: insert }] }));
    }
    await Promise.all(sends);
    const asked = Date.now();
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at('«digital customs»') });
    const answered = Date.now() - asked;
    expect(hover).not.toBeUndefined();
    const last: PublishDiagnosticsParams = await client.diagnostics(uri, (p) => (seen.push(p.version ?? -1), p.version === version), 120_000);
    expect(last.version).toBe(1001);
    // For the report only; the benchmark owns timing.
    console.log(`load: 1,000 edits of a ${Math.round(text.length / 1024)} KB document; hover answered after ${answered} ms; diagnostics published for versions ${seen.join(', ')}`);
    // Versions only go up: a result for an outdated version is never published over a newer one.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // And the last diagnostics are those of the final text, opened fresh.
    const fresh = URI.file(path.join(EXAMPLES, '__load-fresh.concept.md')).toString();
    await client.open(fresh, text);
    const scratch = await client.diagnostics(fresh, (p) => p.version === 1, 120_000);
    // Related information that points into the document itself names each document's own uri.
    const own = (diagnostics: typeof last.diagnostics, uri: string) => JSON.parse(JSON.stringify(diagnostics).split(JSON.stringify(uri)).join('"<this document>"'));
    expect(own(last.diagnostics, uri)).toEqual(own(scratch.diagnostics, fresh));
  }, 180_000);
});

describe('settings and sync', () => {
  it('customsConcepts.maxDocumentSize: a larger document gets document-too-large only', async () => {
    client = await startClient(EXAMPLES, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 }, maxDocumentSize: 0.001 } } });
    const uri = URI.file(path.join(EXAMPLES, '__big.concept.md')).toString();
    await client.open(uri, TEXT);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(published.diagnostics.map((d) => [d.code, d.severity, d.range.start])).toEqual([['document-too-large', 3, { line: 0, character: 0 }]]);
  });

  it('issue 7: an edit that joins a CR and an LF into one line break keeps positions right', async () => {
    client = await startClient(EXAMPLES, FAST);
    const uri = URI.file(path.join(EXAMPLES, '__crlf.concept.md')).toString();
    await client.open(uri, 'One\nThe «smart border».\n');
    // Insert `\r` at the end of line 0, before its `\n`: the text becomes `One\r\nThe «smart border».`.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '\r' }] });
    const published = await client.diagnostics(uri, (p) => p.version === 2);
    const smart = published.diagnostics.find((d) => d.code === 'undefined-term');
    expect(smart?.range).toEqual({ start: { line: 1, character: 5 }, end: { line: 1, character: 17 } });
    // The next edit, at a position computed from the true text, lands where the client meant it.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 17 } }, text: 'data lake' }] });
    const after = await client.diagnostics(uri, (p) => p.version === 3);
    expect(after.diagnostics.filter((d) => d.code === 'undefined-term').map((d) => d.range)).toEqual([{ start: { line: 1, character: 5 }, end: { line: 1, character: 14 } }]);
  });

  it('a malformed change (a position without `line`, a range that is not one, no text) is refused with a logged error, and the copy stays right', async () => {
    client = await startClient(EXAMPLES, FAST);
    const uri = URI.file(path.join(EXAMPLES, '__malformed.concept.md')).toString();
    await client.open(uri, 'One\nThe «smart border».\n');
    const change = (version: number, contentChanges: unknown[]) => client!.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    // A good change followed by a bad one in one notification: neither is applied.
    await change(2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, text: 'Two' },
      { range: { start: { character: 5 }, end: { line: 1, character: 17 } }, text: 'data lake' },
    ]);
    await change(3, [{ range: 'everything', text: 'x' }]);
    await change(4, [{ range: { start: { line: 1, character: -1 }, end: { line: 1, character: 2 } }, text: 'x' }]);
    await change(5, [{ range: { start: { line: 1.5, character: 0 }, end: { line: 1, character: 2 } }, text: 'x' }]);
    await change(6, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    await expect.poll(() => client!.logs.filter((l) => l.includes('Refused a change of')).length, { timeout: 10_000, interval: 20 }).toBe(5);
    expect(client.logs.find((l) => l.includes('Refused a change of'))).toContain('positions are not `line` and `character` integers');
    // The next good change lands on the text as it was: `smart border` is still at line 1, characters 5–17.
    await change(7, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 17 } }, text: 'data lake' }]);
    const after = await client.diagnostics(uri, (p) => p.version === 7);
    expect(after.diagnostics.filter((d) => d.code === 'undefined-term').map((d) => d.range)).toEqual([{ start: { line: 1, character: 5 }, end: { line: 1, character: 14 } }]);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 7 } })) as Hover | null;
    expect(JSON.stringify(hover)).toContain('data lake');
  });
});
