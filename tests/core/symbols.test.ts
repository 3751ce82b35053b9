import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { fuzzyScore } from '../../server/src/core/features/symbols';
import { workspace } from './helpers';

const KIND_NAME = Object.fromEntries(Object.entries(SymbolKind).map(([k, v]) => [v, k]));

/** An outline as indented lines: `name (kind) @line`. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name} (${KIND_NAME[s.kind]}) @${s.selectionRange.start.line}`, ...outline(s.children ?? [], depth + 1)]);
}

const DOC = `---
title: Digital customs in the EEU
terms:
  digital customs:
    definition: Customs run on data.
  data lake:
    definition: A store.
indicators:
  - id: paperless-share
    name: Share of paperless declarations
  - id: release-time
---
# Terms and definitions

The digital customs and the data lake.

## Scope detail

# Scope

Text.
`;

describe('document symbols', () => {
  it('outlines the front matter (terms, indicators) and the sections by level', () => {
    const ws = workspace({ 'doc.concept.md': DOC });
    expect(outline(ws.service.getDocumentSymbols(ws.doc('doc.concept.md')))).toEqual([
      'Front matter (Module) @0',
      '  digital customs (Constant) @3',
      '  data lake (Constant) @5',
      '  Indicators (Array) @7',
      '    Share of paperless declarations (Number) @9',
      '    release-time (Number) @10',
      'Terms and definitions (String) @12',
      '  Scope detail (String) @16',
      'Scope (String) @18',
    ]);
    const [, terms] = ws.service.getDocumentSymbols(ws.doc('doc.concept.md'));
    // A section's range runs to the end of its last line of content.
    expect(terms.range).toEqual({ start: { line: 12, character: 0 }, end: { line: 16, character: 15 } });
  });

  it('outlines the entries of a term base', () => {
    const ws = workspace({ 'g.terms.yaml': 'terms:\n  - term: single window\n    definition: One entry point.\n  - term: data lake\n' });
    const symbols = ws.service.getDocumentSymbols(ws.doc('g.terms.yaml'));
    expect(outline(symbols)).toEqual(['single window (Constant) @1', 'data lake (Constant) @3']);
    expect(symbols[0].detail).toBe('One entry point.');
  });
});

describe('workspace symbols', () => {
  const ws = workspace({
    'docs/a.concept.md': DOC,
    'docs/b.concept.md': '---\nconcept: b-concept\n---\nText.\n',
    'glossary/g.terms.yaml': 'terms:\n  - term: single window\n  - term: smart border\n',
  });

  it('finds terms of closed term bases and documents, documents by title, and built-in terms', () => {
    const names = (q: string) => ws.service.getWorkspaceSymbols(q).map((s) => `${s.name} · ${s.containerName}`);
    expect(names('smart bord')).toContain('smart border · g.terms.yaml');
    expect(names('digital customs in')).toEqual(['Digital customs in the EEU · a.concept.md']);
    expect(names('b-concept')).toContain('b-concept · b.concept.md');
    expect(names('data lake')).toContain('data lake · a.concept.md');
    expect(names('risk management')[0]).toBe('risk management · WCO starter term base');
    const [sw] = ws.service.getWorkspaceSymbols('sngl wndw');
    expect(sw.name).toBe('single window');
    expect(sw.location).toMatchObject({ uri: ws.uri('glossary/g.terms.yaml'), range: { start: { line: 1, character: 10 } } });
  });

  it('ranks fuzzy matches: prefix, then word starts, then scattered letters', () => {
    expect(fuzzyScore('sw', 'single window')).toBeGreaterThan(fuzzyScore('sw', 'swiss customs') - 20);
    expect(fuzzyScore('single', 'single window')).toBeGreaterThan(fuzzyScore('single', 'a single window'));
    expect(fuzzyScore('xyz', 'single window')).toBe(-1);
    expect(fuzzyScore('', 'anything')).toBe(0);
  });
});

describe('document symbols of many sections', () => {
  it('ends each section where the next heading of its level or a higher one starts, whatever the levels', () => {
    // Levels in a fixed irregular sequence: deeper, shallower, repeated, skipped.
    let seed = 11;
    const random = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 2 ** 32);
    const levels = Array.from({ length: 400 }, () => 1 + Math.floor(random() * 4));
    const text = levels.map((l, i) => `${'#'.repeat(l)} Part ${i}\n\nText of part ${i}.\n\n`).join('');
    const ws = workspace({ 'doc.concept.md': text });
    const flat: DocumentSymbol[] = [];
    const walk = (list: DocumentSymbol[]) => list.forEach((s) => (flat.push(s), walk(s.children ?? [])));
    walk(ws.service.getDocumentSymbols(ws.doc('doc.concept.md')));
    expect(flat).toHaveLength(levels.length);
    const lines = text.split('\n');
    const headingLines = lines.flatMap((l, n) => (/^#+ /.test(l) ? [n] : []));
    flat.forEach((s, i) => {
      // The next heading of the same or a higher level, then back over the blank line before it.
      const next = levels.findIndex((l, j) => j > i && l <= levels[i]);
      const endLine = next < 0 ? lines.length - 3 : headingLines[next] - 2;
      expect(s.name).toBe(`Part ${i}`);
      expect(s.range.end, `part ${i}`).toEqual({ line: endLine, character: lines[endLine].length });
      // Nested under the last heading before it of a lower level.
      const parent = flat.find((p) => p.children?.includes(s));
      let expectedParent = i - 1;
      while (expectedParent >= 0 && levels[expectedParent] >= levels[i]) expectedParent--;
      const sameRun = expectedParent >= 0 && levels.slice(expectedParent + 1, i).every((l) => l >= levels[i]);
      expect(parent ? flat.indexOf(parent) : -1, `parent of part ${i}`).toBe(sameRun ? expectedParent : -1);
    });
  });
});
