/**
 * `Analysis.near(offset)`: what hover and go-to-definition read at one position, from the chunks around it,
 * without building the document's flat lists. At every offset of real documents (the examples and the
 * labelled corpus, in three languages; LF and CRLF), the use, mention and citation found there must be
 * the ones the flat lists give.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAt } from '../../server/src/core/features/hover';
import { workspace } from './helpers';

const root = path.resolve(__dirname, '../..');

function filesOf(dir: string, re: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name)) out[path.relative(root, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const span = (x: { start: number; end: number } | undefined) => (x ? [x.start, x.end] : undefined);

describe('Analysis.near', () => {
  const re = /\.(concept\.md|terms\.yaml|instruments\.yaml|model\.yaml)$/;
  const files = { ...filesOf(path.join(root, 'tests/corpus'), re), ...filesOf(path.join(root, 'tests/corpus-heldout'), re), ...filesOf(path.join(root, 'examples'), re) };
  const docs = Object.keys(files).filter((f) => f.endsWith('.concept.md'));

  it.each([['LF'], ['CRLF']])('answers as the flat lists do at every offset of the corpora and the examples (%s)', (eol) => {
    expect(docs.length).toBeGreaterThan(12);
    const texts = Object.fromEntries(Object.entries(files).map(([f, t]) => [f, eol === 'LF' ? t.replace(/\r\n/g, '\n') : t.replace(/\r?\n/g, '\r\n')]));
    // Two services, so the one asked `near` never has its flat lists built.
    const byNear = workspace(texts);
    const byFlat = workspace(texts);
    let found = 0;
    for (const f of docs) {
      const a = byNear.service.analyse(byNear.doc(f));
      const b = byFlat.service.analyse(byFlat.doc(f));
      const text = texts['' + f] ?? '';
      for (let o = 0; o <= text.length; o++) {
        const here = a.near(o);
        const want = [span(findAt(b.uses, o)), span(findAt(b.mentions, o)), span(findAt(b.citations, o))];
        const got = [span(findAt(here.uses, o)), span(findAt(here.mentions, o)), span(findAt(here.citations, o))];
        if (JSON.stringify(got) !== JSON.stringify(want)) expect([f, o, got]).toEqual([f, o, want]);
        if (want.some(Boolean)) found++;
      }
    }
    // Most offsets of prose are on nothing; enough are on something for the comparison to mean something.
    expect(found).toBeGreaterThan(5000);
  });
});
