import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { startClient, type Client } from './harness';
import { PullReports, sameDiagnostics } from '../../server/src/lsp/pullReports';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const EXAMPLE = path.join(EXAMPLES, 'eeu-digital-customs.concept.md');
const uri = URI.file(EXAMPLE).toString();

type Report = { kind: 'full'; resultId?: string; items: Diagnostic[] } | { kind: 'unchanged'; resultId: string };

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('pulled diagnostics with result ids (a real server over stdio)', () => {
  it('answers unchanged while the diagnostics are those of the report the client holds, and full otherwise', async () => {
    client = await startClient(EXAMPLES, { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    await client.open(uri, text);
    const pull = (previousResultId?: string) => client!.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }) as Promise<Report>;
    let version = 1;
    const type = (line: number, character: number, t: string) =>
      client!.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: t }] });

    const first = await pull();
    expect(first.kind).toBe('full');
    if (first.kind !== 'full') return;
    expect(first.resultId).toBeTruthy();
    const cited = first.items.find((d) => d.code === 'unknown-instrument')!;
    expect(cited).toBeDefined();
    const again = await pull(first.resultId);
    expect(again).toEqual({ kind: 'unchanged', resultId: first.resultId });

    // A word typed at the end of the last line changes no diagnostic, though it moves the place where the missing
    // sections would be inserted (the end of the text): an open document's diagnostics do not carry that place.
    const lines = text.split(/\r?\n/);
    let last = lines.length - 1;
    while (!lines[last].trim()) last--;
    await type(last, lines[last].length, ' more');
    expect(await pull(first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // The section's quick fix does not trust an offset kept by the client: none is sent, and it inserts at the end of
    // the text as it is now, after the word typed.
    const missing = first.items.find((d) => d.code === 'missing-section' && (d.data as { sectionId: string }).sectionId === 'maturity')!;
    expect(missing.data).toEqual({ kind: 'missing-section', sectionId: 'maturity', title: 'Maturity self-assessment' });
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })) as { title: string; edit: { documentChanges?: { textDocument: { uri: string }; edits: { range: Diagnostic['range']; newText: string }[] }[]; changes?: Record<string, { range: Diagnostic['range']; newText: string }[]> } }[];
    const add = actions.find((a) => a.title.includes('Maturity self-assessment'))!;
    const now = TextDocument.create(uri, 'markdown', version, text);
    TextDocument.update(now, [{ range: { start: { line: last, character: lines[last].length }, end: { line: last, character: lines[last].length } }, text: ' more' }], version);
    const edits = add.edit.changes?.[uri] ?? add.edit.documentChanges!.find((c) => c.textDocument.uri === uri)!.edits;
    const fixed = TextDocument.applyEdits(now, edits);
    expect(fixed.startsWith(now.getText().trimEnd())).toBe(true);
    expect(fixed.slice(now.getText().trimEnd().length)).toMatch(/^\s*# Maturity self-assessment\n/);

    // Typed before the citation: the diagnostic moves, so the report is full, with a new id.
    const line = cited.range.start.line;
    await type(line, 0, 'So ');
    const moved = await pull(first.resultId);
    expect(moved.kind).toBe('full');
    if (moved.kind !== 'full') return;
    expect(moved.resultId).not.toBe(first.resultId);
    const shifted = moved.items.find((d) => d.code === 'unknown-instrument' && d.range.start.line === line)!;
    expect(shifted.range.start.character).toBe(cited.range.start.character + 3);

    // A client that did not keep the last report (an older id) gets everything again.
    const stale = await pull(first.resultId);
    expect(stale.kind).toBe('full');
    expect(await pull(stale.resultId)).toEqual({ kind: 'unchanged', resultId: stale.resultId });

    // Closed and opened again: the first report is full, whatever id the client still has.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.open(uri, text, 'markdown', ++version);
    const reopened = await pull(stale.resultId);
    expect(reopened.kind).toBe('full');
    if (reopened.kind === 'full') expect(reopened.items.length).toBe(first.items.length);
  });
});

describe('PullReports', () => {
  const d = (line: number, message = 'm'): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, message });

  it('compares diagnostics by object, then by JSON, in order', () => {
    const a = [d(1), d(2)];
    expect(sameDiagnostics(a, [a[0], a[1]])).toBe(true);
    expect(sameDiagnostics(a, [d(1), d(2)])).toBe(true);
    expect(sameDiagnostics(a, [d(2), d(1)])).toBe(false);
    expect(sameDiagnostics(a, [d(1)])).toBe(false);
    expect(sameDiagnostics(a, [d(1), d(2, 'other')])).toBe(false);
  });

  it('keeps one last report per document, forgotten on close', () => {
    const reports = new PullReports();
    const r1 = reports.report('a', undefined, [d(1)]);
    const other = reports.report('b', undefined, [d(1)]);
    expect(r1.kind).toBe('full');
    expect(other.resultId).not.toBe(r1.resultId);
    expect(reports.report('a', r1.resultId, [d(1)])).toEqual({ kind: 'unchanged', resultId: r1.resultId });
    // An id of another document is not this one's.
    expect(reports.report('a', other.resultId, [d(1)]).kind).toBe('full');
    const r3 = reports.report('a', undefined, [d(1)]);
    // Closed while its diagnostics were computed: a full report without an id, and nothing kept (the last id stays).
    expect(reports.report('a', r3.resultId, [d(2)], false)).toEqual({ kind: 'full', items: [d(2)] });
    expect(reports.report('a', r3.resultId, [d(1)])).toEqual({ kind: 'unchanged', resultId: r3.resultId });
    reports.forget('a');
    expect(reports.report('a', r3.resultId, [d(1)]).kind).toBe('full');
  });
});
