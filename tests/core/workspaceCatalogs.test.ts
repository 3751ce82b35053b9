/**
 * Instrument catalogs of the workspace (`*.instruments.yaml`): their entries are cited, completed,
 * hovered, checked, found and referenced like built-in ones; an id that shadows a built-in one is reported.
 */
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, Location } from 'vscode-languageserver-types';
import { offsets, parseMarkers, workspace } from './helpers';
import { hoverText } from '../hoverText';

const EXAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'catalogs', 'eaeu.instruments.yaml'), 'utf8');

const NATIONAL = `instruments:
  - id: customs-law-2018
    title: "Law on Customs Regulation (example)"
    kind: law
    owner: Example State
    editions:
      - {id: customs-law-2018-v1, edition: "2018"}
      - {id: customs-law-2018-v2, edition: "2022", current: true, source_title: "Official gazette (example)"}
    source_title: "Official gazette (example)"
    confidence: high
`;

function setup(doc: string, files: Record<string, string> = {}) {
  const fx = parseMarkers(doc);
  const ws = workspace({ 'catalogs/eaeu.instruments.yaml': EXAMPLE, 'national.instruments.yaml': NATIONAL, ...files, 'doc.concept.md': fx.text });
  return { ws, fx, doc: ws.doc('doc.concept.md') };
}

describe('workspace instrument catalogs', () => {
  it('resolves citations of their entries, and reports unknown and superseded ones as for built-in entries', () => {
    const { ws, doc } = setup('See @eaeu-iis-strategy-2025, @customs-law-2018-v1 and @eaeu-iis-strategy-2052.\n');
    const codes = ws.service.computeDiagnostics(doc).map((d) => [d.code, d.message]);
    expect(codes).toContainEqual(['superseded-instrument', expect.stringContaining('`@customs-law-2018-v2`')]);
    const unknown = codes.filter(([c]) => c === 'unknown-instrument');
    expect(unknown).toHaveLength(1);
    expect(unknown[0][1]).toContain('`@eaeu-iis-strategy-2025`');
  });

  it('hovers an entry with the file it comes from', () => {
    const { ws, doc, fx } = setup('See @eec-action-pl<|>an-sd-2025.\n');
    expect(hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)))).toMatchInlineSnapshot(`
      "range 0:4-0:28 «@eec-action-plan-sd-2025»

      **Action Plan for Strategy 2025** (\`@eec-action-plan-sd-2025\`) — *defined in catalogs/eaeu.instruments.yaml*

      *Action Plan to Implement the Strategic Directions for Developing the Eurasian Economic Integration until 2025*

      Kind: programme · Owner: EAEU · Body: Council of the Eurasian Economic Commission · Adopted: 2021-04-05

      Issued by Order No. 4 of the EEC Council: the measures, mechanisms and activities that carry out Strategy 2025; its item 9.4 covers acts of the Union on priority tools of national single window mechanisms and pilot projects to demonstrate them.

      *Also cited as:* EEC Council Order No. 4 of 2021  
      *Source:* [EEC news: the EEC considers the single window mechanism](https://eec.eaeunion.org/en/news/v-eek-rassmotrena-realizatsiya-mekhanizma-edinogo-okna/)"
    `);
  });

  it('completes their entries after `@`', () => {
    const { ws, doc, fx } = setup('See @eaeu-ii<|>\n');
    const items: CompletionItem[] = ws.service.getCompletions(doc, doc.positionAt(fx.cursor!)).items;
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['eaeu-iis', 'eaeu-iis-strategy-2025']));
  });

  it('goes to the entry and finds its citations', () => {
    const { ws, doc, fx } = setup('See @eaeu-ict-pro<|>tocol here and @eaeu-ict-protocol there.\n');
    const defs = ws.service.findDefinition(doc, doc.positionAt(fx.cursor!)) as Location[];
    expect(defs.map((d) => d.uri)).toEqual([ws.uri('catalogs/eaeu.instruments.yaml')]);
    const target = EXAMPLE.indexOf('eaeu-ict-protocol');
    expect(offsets(EXAMPLE, defs[0].range)).toEqual([target, target + 'eaeu-ict-protocol'.length]);
    const refs = ws.service.findReferences(doc, doc.positionAt(fx.cursor!), false);
    expect(refs.filter((r) => r.uri === ws.uri('doc.concept.md'))).toHaveLength(2);
  });

  it('reports an id that shadows a built-in one, in the catalog file', () => {
    const shadow = `instruments:\n  - id: rkc\n    title: "Our own RKC"\n    kind: convention\n    source_title: x\n    confidence: low\n    note: test\n`;
    const { ws } = setup('See @rkc.\n', { 'shadow.instruments.yaml': shadow });
    const diags = ws.service.computeDiagnostics(ws.doc('shadow.instruments.yaml'));
    expect(diags.map((d) => [d.code, offsets(shadow, d.range)])).toEqual([['shadowed-instrument', [shadow.indexOf('rkc'), shadow.indexOf('rkc') + 3]]]);
    expect(diags[0].message).toContain('the built-in catalog (Revised Kyoto Convention)');
    expect(ws.service.computeDiagnostics(ws.doc('catalogs/eaeu.instruments.yaml'))).toEqual([]);
  });

  it('follows a change of a catalog file', () => {
    const { ws, doc } = setup('See @customs-law-2026.\n');
    expect(ws.service.computeDiagnostics(doc).map((d) => d.code)).toContain('unknown-instrument');
    ws.files.set(ws.uri('national.instruments.yaml'), NATIONAL.replace('id: customs-law-2018\n', 'id: customs-law-2026\n'));
    expect(ws.service.computeDiagnostics(doc).map((d) => d.code)).not.toContain('unknown-instrument');
  });
});
