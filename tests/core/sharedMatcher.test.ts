/**
 * Scopes of the same term bases share one matcher of their labels, whichever of them the document imports (its
 * defining ones) and whichever it only knows (`sharedMatcher` in analysis.ts): a scope whose term bases define
 * otherwise than those the matcher was built for reads it through lists of its own. Every document must get what a
 * service of its own gives it, in whichever order the documents of a workspace are checked.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { workspace } from './helpers';

const G1 = [
  'language: en',
  'terms:',
  '  - term: risk engine',
  '    definition: Scores declarations.',
  '    variants: [risk-scoring engine]',
  '    deprecated: [risk machine]',
  '  - term: single window',
  '    definition: One entry point for traders.',
  '  - term: data hub',
  '    definition: Where the data meets.',
  '    match: exact',
  '  - term: customs lab',
  '    definition: Tests goods.',
  '    exclude: [customs labs]',
  '',
].join('\n');

/** Some of the same labels as G1 (one concept under another term), some of its own. */
const G2 = [
  'language: en',
  'terms:',
  '  - term: risk-scoring engine',
  '    definition: The same engine, another glossary.',
  '  - term: single window',
  '    definition: The window, as the second glossary says.',
  '    deprecated: [single-window portal]',
  '  - term: trade portal',
  '    definition: A portal for trade.',
  '',
].join('\n');

const BODY = [
  'The risk engine and the risk-scoring engine run; the risk machine is gone.',
  'The single window and the single-window portal serve traders, through the trade portal.',
  'The data hub, the Data Hub and the data hubs; a customs lab, two customs labs.',
  'The «risk engine» and «trade portal» are quoted; so is the «smart border».',
  '',
].join('\n\n');

function doc(name: string, glossaries: string[]): string {
  const head = ['---', `concept: ${name}`, 'language: en'];
  if (glossaries.length) head.push(`glossaries: [${glossaries.join(', ')}]`);
  return [...head, '---', '', '## Scope', '', BODY].join('\n');
}

const DOCS: Record<string, string[]> = {
  'imports-g1.concept.md': ['g1.terms.yaml'],
  'imports-g2.concept.md': ['g2.terms.yaml'],
  'imports-none.concept.md': [],
  'imports-both.concept.md': ['g1.terms.yaml', 'g2.terms.yaml'],
  'imports-both-reversed.concept.md': ['g2.terms.yaml', 'g1.terms.yaml'],
};

function files(): Record<string, string> {
  const out: Record<string, string> = { 'g1.terms.yaml': G1, 'g2.terms.yaml': G2 };
  for (const [name, glossaries] of Object.entries(DOCS)) out[name] = doc(name.replace('.concept.md', ''), glossaries);
  return out;
}

const SETTINGS = { implicitUseSeverity: 'warning' as const };

/** What a check tells of a document: its diagnostics, and each use with what it resolves to. */
function seen(ws: ReturnType<typeof workspace>, name: string): { diagnostics: Diagnostic[]; uses: string[] } {
  const d = ws.doc(name);
  const diagnostics = ws.service.computeDiagnostics(d);
  const uses = ws.service.analyse(d).uses.map((u) => `${u.start}-${u.end} ${u.defined} ${u.explicit} ${u.deprecatedFor?.term ?? ''} ${u.refs.map((r) => `${r.entry.term}/${r.kind}/${r.defining}`).join(',')}`);
  return { diagnostics, uses };
}

describe('one matcher for the scopes of the same term bases', () => {
  const names = Object.keys(DOCS);
  const alone = Object.fromEntries(names.map((n) => [n, seen(workspace(files(), SETTINGS), n)]));

  it('the documents of the test differ in what they resolve (else it could not tell the scopes apart)', () => {
    const distinct = new Set(names.map((n) => JSON.stringify(alone[n])));
    expect(distinct.size).toBe(names.length);
    expect(alone['imports-none.concept.md'].diagnostics.filter((d) => d.code === 'undefined-term').length).toBeGreaterThan(0);
    expect(alone['imports-g1.concept.md'].uses.some((u) => u.includes('risk engine/preferred/true'))).toBe(true);
  });

  it('gives each document what a service of its own gives it, in any order, again and again', () => {
    const orders = [names, [...names].reverse(), [names[2], names[0], names[3], names[1], names[4], names[2], names[0]]];
    for (const order of orders) {
      const ws = workspace(files(), SETTINGS);
      for (const name of order) {
        expect(seen(ws, name), `${name} in ${order.join(' ')}`).toEqual(alone[name]);
        ws.service.invalidate(ws.uri(name));
      }
    }
  });

  it('follows a glossary edited between checks, for the documents that import it and those that only know it', () => {
    const ws = workspace(files(), SETTINGS);
    for (const name of names) seen(ws, name);
    const edited = G1.replace('  - term: single window\n', '  - term: single window\n    deprecated: [one-stop shop]\n').replace('risk machine', 'risk contraption');
    ws.files.set(ws.uri('g1.terms.yaml'), edited);
    const fresh = { ...files(), 'g1.terms.yaml': edited };
    for (const name of [...names].reverse()) expect(seen(ws, name), name).toEqual(seen(workspace(fresh, SETTINGS), name));
  });
});
