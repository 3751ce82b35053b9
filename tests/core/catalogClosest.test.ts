/**
 * The ids suggested for an unknown citation (`InstrumentCatalog.closest`) skip the edit distance of an id whose length
 * differs from the cited one's by more than the limit (it is further than the limit anyway). The suggestions must be
 * those of the full comparison, for ids near and far from the catalog's, and past the memo's size.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { InstrumentCatalog } from '../../server/src/core/catalog/catalog';

const DATA = path.join(__dirname, '..', '..', 'server', 'data');
const catalog = new InstrumentCatalog([{ uri: 'file:///builtin/instruments.yaml', text: fs.readFileSync(path.join(DATA, 'instruments.yaml'), 'utf8') }]);

/** Every instrument compared with every one of its names, as `closest` did before. */
function fullComparison(id: string, max = 3): string[] {
  const lower = id.toLowerCase();
  const scored = catalog.instruments.map((inst) => {
    let best = distance(lower, inst.id);
    for (const a of inst.abbreviations) best = Math.min(best, distance(lower, a.toLowerCase().replace(/\s+/g, '-')));
    for (const e of inst.editions) best = Math.min(best, distance(lower, e.id) + 0.5);
    return { id: inst.id, d: best };
  });
  const limit = Math.max(2, Math.ceil(lower.length / 2));
  return scored.filter((s) => s.d <= limit).sort((a, b) => a.d - b.d || a.id.localeCompare(b.id)).slice(0, max).map((s) => s.id);
}

describe('closest ids to an unknown citation', () => {
  it('suggests what comparing with every name suggests', () => {
    const ids = new Set<string>();
    for (const inst of catalog.instruments) {
      for (const name of [inst.id, ...inst.abbreviations, ...inst.editions.map((e) => e.id)]) {
        const n = name.toLowerCase().replace(/\s+/g, '-');
        ids.add(n + 'x');
        ids.add(n.slice(0, -1));
        ids.add(n.slice(1));
        ids.add(n.replace(/[aeiou]/, 'y'));
        ids.add(n + '-2020');
        ids.add(n.toUpperCase());
      }
    }
    for (const extra of ['x', 'ab', 'zzzzzzzzzzzzzzzzzzzz', 'kyoto', 'rkc2', 'safe-fos', 'tfa-7', 'wco-dm4']) ids.add(extra);
    let suggested = 0;
    for (const id of ids) {
      const got = catalog.closest(id);
      expect(got, id).toEqual(fullComparison(id));
      if (got.length) suggested++;
    }
    expect(ids.size).toBeGreaterThan(100);
    expect(suggested).toBeGreaterThan(ids.size / 2);
  });

  it('gives the same answer again, and for more unknown ids than it used to keep', () => {
    for (let i = 0; i < 12_000; i++) catalog.closest(`x${i}`);
    expect(catalog.closest('rkcc')).toEqual(fullComparison('rkcc'));
    expect(catalog.closest('x11999')).toEqual(fullComparison('x11999'));
  });
});
