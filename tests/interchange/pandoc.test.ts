import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, workspace } from './helpers';

// A concept document as authors write them: Pandoc citations with locators, prefixes and several keys.
const DOC = `---
title: Citations
language: en
---

# Scope

Clearance follows [@rkc, General Annex] and the goods are classified under
[@hs-2012]. Integrity rests on [see @arusha-2003, p. 4; @baku-declaration].
`;

function pandoc(dir: string, args: string[]) {
  const r = spawnSync('pandoc', args, { cwd: dir, encoding: 'utf8' });
  if (r.error) throw new Error(`pandoc could not be run (.ci/run installs Debian's pandoc): ${r.error.message}`);
  return r;
}

describe('catalog export --format csl-json with Pandoc', () => {
  it('exports one CSL-JSON item per instrument and edition', () => {
    const r = cli(['catalog', 'export', '--format', 'csl-json']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { id: string; type: string; title: string; issued?: { 'date-parts': number[][] }; version?: string; annote?: string }[];
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['rkc', 'rkc-general-annex', 'hs', 'hs-2012', 'arusha-1993', 'arusha-2003']));
    for (const i of items) expect(['treaty', 'legislation']).toContain(i.type);
    const rkc = items.find((i) => i.id === 'rkc')!;
    expect(rkc).toMatchObject({ type: 'treaty', 'title-short': 'Revised Kyoto Convention', authority: 'WCO', issued: { 'date-parts': [[1973, 5, 18]] } });
    expect(items.find((i) => i.id === 'hs-2012')).toMatchObject({ version: 'HS 2012', 'title-short': 'HS 2012', issued: { 'date-parts': [[2012]] } });
    // An entry the catalog could not verify says so.
    expect(items.find((i) => i.id === 'baku-declaration')!.annote).toMatch(/^Not verified/);
    expect(rkc.annote).toBeUndefined();
  });

  it('renders citations and a bibliography with the shipped CSL style (real pandoc --citeproc)', () => {
    const dir = workspace({ 'citations.concept.md': DOC });
    expect(cli(['catalog', 'export', '--format', 'csl-json', '--out', path.join(dir, 'instruments.json')]).code).toBe(0);
    fs.copyFileSync(path.join(ROOT, 'server', 'data', 'customs.csl'), path.join(dir, 'customs.csl'));
    const r = pandoc(dir, ['citations.concept.md', '--citeproc', '--bibliography', 'instruments.json', '--csl', 'customs.csl', '-t', 'plain', '--wrap=none']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [, body, ...bibliography] = r.stdout.trim().split('\n\n');
    expect(body).toBe(
      'Clearance follows (Revised Kyoto Convention, General Annex) and the goods are classified under (HS 2012). ' +
        'Integrity rests on (see Revised Arusha Declaration 2003 (revised), p. 4; Baku Declaration).',
    );
    // Sorted by title; an edition names itself; what the catalog could not verify says so.
    expect(bibliography).toEqual([
      'Baku Declaration. WCO. Adopted June 2001. [Not verified: check before relying on it].',
      'Declaration of the Customs Co-operation Council concerning Good Governance and Integrity in Customs (Revised Arusha Declaration). WCO. Edition 2003 (revised). https://rad.wcoomd.org/embedable/.',
      'International Convention on the Harmonized Commodity Description and Coding System. WCO. Edition HS 2012.',
      expect.stringMatching(/^International Convention on the Simplification and Harmonization of Customs Procedures \(as amended\)\. WCO\. Adopted 18 May 1973\. https:\/\/www\.wcoomd\.org\/\S+\.$/),
    ]);
  });
});

