import { describe, expect, it } from 'vitest';
import { workspace } from './helpers';

describe('folding', () => {
  it('folds the front matter, sections by level, and disable/enable blocks', () => {
    const ws = workspace({
      'doc.concept.md': `---
title: T
---
# One

Text.

## One.one

More.

<!-- customs-concepts-disable -->
Quiet.
<!-- customs-concepts-enable -->

# Two
Last.
`,
    });
    expect(ws.service.getFoldingRanges(ws.doc('doc.concept.md')).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`)).toEqual([
      '0-2',
      '3-13',
      '7-13',
      '11-13 region',
      '15-16',
    ]);
  });
});

describe('code lens', () => {
  it('counts the uses of a front-matter definition in its document, and of a term-base entry across the workspace', () => {
    const ws = workspace({
      'g.terms.yaml': 'terms:\n  - term: single window\n  - term: smart border\n',
      'a.concept.md': '---\nglossaries: [g.terms.yaml]\nterms:\n  data lake: A store.\n---\nThe data lake, two data lakes and a single window.\n',
      'b.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nSingle windows.\n',
    });
    const doc = ws.service.getCodeLenses(ws.doc('a.concept.md'));
    expect(doc.map((l) => `${l.range.start.line} ${l.command!.title}`)).toEqual(['3 2 uses']);
    expect(doc[0].command!.command).toBe('customsConcepts.showReferences');
    const [uri, position, locations] = doc[0].command!.arguments!;
    expect(uri).toBe(ws.uri('a.concept.md'));
    expect(position).toEqual({ line: 3, character: 2 });
    expect(locations).toHaveLength(2);
    const base = ws.service.getCodeLenses(ws.doc('g.terms.yaml'));
    expect(base.map((l) => `${l.range.start.line} ${l.command!.title} ${l.command!.command}`)).toEqual(['1 2 uses customsConcepts.showReferences', '2 no uses ']);
  });
});

describe('document links', () => {
  it('links each glossary path to its term base', () => {
    const ws = workspace({
      'glossary/g.terms.yaml': 'terms: []\n',
      'doc.concept.md': '---\nglossaries: [glossary/g.terms.yaml, "missing.terms.yaml"]\nglossaries2: x\n---\nText.\n',
    });
    const links = ws.service.getDocumentLinks(ws.doc('doc.concept.md'));
    expect(links.map((l) => [l.target, l.range.start.character, l.range.end.character])).toEqual([[ws.uri('glossary/g.terms.yaml'), 13, 34]]);
  });
});
