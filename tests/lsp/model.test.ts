/**
 * Reference models over the protocol: a document is re-checked when the model
 * it follows is edited in the editor or changed on disk, and the model file
 * gets diagnostics of its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startClient, type Client } from './harness';
import { tempFolder } from '../tempFolder';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const MODEL = `id: pilot-model
extends: wco-digital-customs
sections:
  - id: pilots
    title: Pilot projects
    required: true
    order: 200
`;

const SECTIONS = [
  'Terms and definitions', 'Competencies', 'Characteristics', 'Scope', 'Models of construction and development',
  'Management mechanism', 'Instruments and tools', 'Relation to ICT and technological solutions for economic operators',
  'Relation to the single window', 'Customs operations and business processes', 'Indicators and KPI evaluation methods',
  'Maturity self-assessment',
].map((t) => `# ${t}\n\nText.\n`).join('\n');

const DOC = `---\nmodel: pilot-model\n---\n${SECTIONS}`;

function tempWorkspace(files: Record<string, string>): string {
  return tempFolder('cc-lsp-model-', files);
}

const missing = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'missing-section').map((d) => (d.data as { sectionId: string }).sectionId);

describe('reference models over stdio', () => {
  it('re-publishes diagnostics of an open document when the open model it uses is edited', async () => {
    const dir = tempWorkspace({ 'pilot.model.yaml': MODEL, 'doc.concept.md': DOC });
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    const modelUri = URI.file(path.join(dir, 'pilot.model.yaml')).toString();
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    await client.open(docUri, DOC);
    const before = await client.diagnostics(docUri, (p) => missing(p).length > 0);
    expect(missing(before)).toEqual(['pilots']);
    expect(before.diagnostics.find((d) => d.code === 'missing-section')!.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });

    await client.open(modelUri, MODEL, 'yaml');
    expect((await client.diagnostics(modelUri)).diagnostics).toEqual([]);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: modelUri, version: 2 },
      contentChanges: [{ text: MODEL.replace('required: true', 'required: false') }],
    });
    const after = await client.diagnostics(docUri, (p) => missing(p).length === 0);
    expect(after.diagnostics.filter((d) => d.code === 'missing-section')).toEqual([]);

    // A broken model: the model file shows why, the document says it cannot be checked.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: modelUri, version: 3 },
      contentChanges: [{ text: MODEL.replace('extends: wco-digital-customs', 'extends: no-such-model') }],
    });
    const modelDiags = await client.diagnostics(modelUri, (p) => p.version === 3);
    expect(modelDiags.diagnostics.map((d) => [d.code, d.range])).toEqual([['dangling-reference', { start: { line: 1, character: 9 }, end: { line: 1, character: 22 } }]]);
    const broken = await client.diagnostics(docUri, (p) => p.diagnostics.some((d) => d.code === 'model-problems'));
    expect(broken.diagnostics.find((d) => d.code === 'model-problems')!.range).toEqual({ start: { line: 1, character: 7 }, end: { line: 1, character: 18 } });
  });

  it('re-checks an open document when its model changes on disk (didChangeWatchedFiles)', async () => {
    const dir = tempWorkspace({ 'pilot.model.yaml': MODEL, 'doc.concept.md': DOC });
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    await client.open(docUri, DOC);
    await client.diagnostics(docUri, (p) => missing(p).length > 0);
    fs.writeFileSync(path.join(dir, 'pilot.model.yaml'), MODEL.replace('required: true', 'required: false'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(dir, 'pilot.model.yaml')).toString(), type: 2 }] });
    const after = await client.diagnostics(docUri, (p) => missing(p).length === 0);
    expect(missing(after)).toEqual([]);
  });
});
