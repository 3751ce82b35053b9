/**
 * Workspace instrument catalogs over the protocol: a citation of a workspace entry resolves and hovers,
 * the document is re-checked when the catalog is edited or changes on disk, and the catalog file gets
 * its own diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, type Client } from './harness';
import { hoverText } from '../hoverText';
import { tempFolder } from '../tempFolder';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const CATALOG = `instruments:
  - id: national-customs-law
    title: "Law on Customs Regulation (example)"
    kind: law
    owner: Example State
    source_title: "Official gazette (example)"
    confidence: high
`;
const DOC = '---\nmodel: none\n---\nThe law @national-customs-law and @national-decree.\n';
const unknown = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'unknown-instrument').map((d) => d.message);

describe('workspace catalogs over stdio', () => {
  it('resolves and hovers workspace entries, follows edits and disk changes, and checks the catalog file', async () => {
    const dir = tempFolder('cc-lsp-catalog-');
    fs.writeFileSync(path.join(dir, 'national.instruments.yaml'), CATALOG);
    fs.writeFileSync(path.join(dir, 'doc.concept.md'), DOC);
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    const catUri = URI.file(path.join(dir, 'national.instruments.yaml')).toString();
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    await client.open(docUri, DOC);
    const first = await client.diagnostics(docUri, (p) => unknown(p).length > 0);
    expect(unknown(first)).toEqual([expect.stringContaining('`@national-decree`')]);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line: 3, character: 12 } })) as Hover;
    // The folder is temporary: should the answer name it (as a uri or a path), it is written <workspace>.
    const normalise = (m: string) => m.split(URI.file(dir).toString()).join('<workspace>').split(dir).join('<workspace>');
    expect(hoverText(TextDocument.create(docUri, 'markdown', 1, DOC), hover, normalise)).toMatchInlineSnapshot(`
      "range 3:8-3:29 «@national-customs-law»

      **Law on Customs Regulation (example)** (\`@national-customs-law\`) — *defined in national.instruments.yaml*

      Kind: law · Owner: Example State

      *Source:* Official gazette (example)"
    `);

    // Edited in the editor: the new entry resolves, and a shadowing id is reported in the catalog.
    await client.open(catUri, CATALOG, 'yaml');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: catUri, version: 2 },
      contentChanges: [{ text: CATALOG + CATALOG.slice('instruments:\n'.length).replace('national-customs-law', 'national-decree') + CATALOG.slice('instruments:\n'.length).replace('national-customs-law', 'tfa') }],
    });
    await client.diagnostics(docUri, (p) => unknown(p).length === 0);
    const own = await client.diagnostics(catUri, (p) => p.version === 2);
    expect(own.diagnostics.map((d) => d.code)).toEqual(['shadowed-instrument']);
  });

  it('re-checks a document when a catalog changes on disk (didChangeWatchedFiles)', async () => {
    const dir = tempFolder('cc-lsp-catalog-');
    fs.writeFileSync(path.join(dir, 'national.instruments.yaml'), CATALOG);
    const docUri = URI.file(path.join(dir, 'doc.concept.md')).toString();
    client = await startClient(dir, { initializationOptions: { settings: { diagnostics: { debounceMs: 0 } } } });
    await client.open(docUri, DOC);
    await client.diagnostics(docUri, (p) => unknown(p).length === 1);
    fs.writeFileSync(path.join(dir, 'national.instruments.yaml'), CATALOG.replace('national-customs-law', 'national-decree'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(dir, 'national.instruments.yaml')).toString(), type: 2 }] });
    const after = await client.diagnostics(docUri, (p) => unknown(p).length === 1 && unknown(p)[0].includes('national-customs-law'));
    expect(unknown(after)).toEqual([expect.stringContaining('`@national-customs-law`')]);
  });
});
