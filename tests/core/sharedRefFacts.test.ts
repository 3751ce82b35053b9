/**
 * What a use of a term-base label resolves to is worked out once per scope and shared by every document of it
 * (`BaseRefFacts` in analysis.ts); only whether the document's own definitions define its concept is asked per
 * document. A document defining the concept under another label must see its uses as defined, one that does not must
 * not, in whichever order the two are analysed.
 */
import { describe, expect, it } from 'vitest';
import { workspace } from './helpers';

const TERM_BASE = ['language: en', 'terms:', '  - term: risk engine', '    definition: Scores declarations.', '    variants: [risk-scoring engine]', ''].join('\n');

const defines = ['---', 'concept: defines', 'language: en', 'terms:', '  risk engine:', '    definition: Ours, for this document.', '---', '', 'The «risk-scoring engine» runs here.', ''].join('\n');
const uses = ['---', 'concept: uses', 'language: en', '---', '', 'The «risk-scoring engine» runs here.', ''].join('\n');

function undefinedUses(order: string[]): Record<string, string[]> {
  const ws = workspace({ 'known.terms.yaml': TERM_BASE, 'defines.concept.md': defines, 'uses.concept.md': uses }, { implicitUseSeverity: 'warning' });
  const out: Record<string, string[]> = {};
  for (const name of order) {
    const doc = ws.doc(name);
    out[name] = ws.service
      .computeDiagnostics(doc)
      .filter((d) => d.code === 'undefined-term')
      .map((d) => doc.getText(d.range));
    ws.service.invalidate(doc.uri);
  }
  return out;
}

describe('what term-base labels resolve to, shared by the documents of a scope', () => {
  it('is defined where the document defines the concept under another label, whichever document comes first', () => {
    for (const order of [
      ['defines.concept.md', 'uses.concept.md', 'defines.concept.md'],
      ['uses.concept.md', 'defines.concept.md', 'uses.concept.md'],
    ]) {
      const found = undefinedUses(order);
      expect(found['defines.concept.md']).toEqual([]);
      expect(found['uses.concept.md']).toEqual(['risk-scoring engine']);
    }
  });
});
