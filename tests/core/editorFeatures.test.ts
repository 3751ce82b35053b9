import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, type TermUseIndex } from '../../server/src/core/index';
import { builtin, ROOT, workspace } from './helpers';

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
    // A term base's lenses come unresolved, with their entry; resolving one counts its uses across the workspace.
    const unresolved = ws.service.getCodeLenses(ws.doc('g.terms.yaml'));
    expect(unresolved.map((l) => [l.range.start.line, l.command, l.data])).toEqual([
      [1, undefined, { termBase: ws.uri('g.terms.yaml'), key: `single window\u0000${ws.uri('g.terms.yaml')}` }],
      [2, undefined, { termBase: ws.uri('g.terms.yaml'), key: `smart border\u0000${ws.uri('g.terms.yaml')}` }],
    ]);
    const base = unresolved.map((l) => ws.service.resolveCodeLens(l));
    expect(base.map((l) => `${l.range.start.line} ${l.command!.title} ${l.command!.command}`)).toEqual(['1 2 uses customsConcepts.showReferences', '2 no uses ']);
    expect((base[0].command!.arguments![2] as Location[]).map((l) => `${l.uri.slice(ROOT.length)} ${l.range.start.line}:${l.range.start.character}`)).toEqual(['a.concept.md 5:36', 'b.concept.md 3:0']);
  });

  it('keeps two entries of one term base with the same term apart', () => {
    const ws = workspace({
      'g.terms.yaml': 'terms:\n  - term: single window\n  - term: single window\n    definition: Again.\n',
      'a.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nA single window and a single window.\n',
    });
    const lenses = ws.service.getCodeLenses(ws.doc('g.terms.yaml'));
    expect(lenses.map((l) => (l.data as { key: string }).key)).toEqual([`single window\u0000${ws.uri('g.terms.yaml')}`, `single window\u00001\u0000${ws.uri('g.terms.yaml')}`]);
    // Uses resolve to the first entry, as go to definition does.
    expect(lenses.map((l) => ws.service.resolveCodeLens(l).command!.title)).toEqual(['2 uses', 'no uses']);
    expect(ws.service.termUses(ws.doc('a.concept.md'))!.keys).toEqual([`single window\u0000${ws.uri('g.terms.yaml')}`]);
  });

  it('counts a closed document whose uses are known from those, and is told the uses of those it analyses', () => {
    const files = new Map(
      Object.entries({
        'g.terms.yaml': 'terms:\n  - term: single window\n  - term: smart border\n',
        'a.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nThe single window and a smart border.\n',
        'b.concept.md': '---\nglossaries: [g.terms.yaml]\n---\nSingle windows.\n',
      }).map(([p, t]) => [ROOT + p, t]),
    );
    const key = `single window\u0000${ROOT}g.terms.yaml`;
    // What the server would know of b: two uses, at places its text does not have (so they are told apart).
    const known: TermUseIndex = { keys: [key], uses: Int32Array.from([0, 7, 0, 7, 6, 0, 9, 1, 9, 7]) };
    const remembered = new Map<string, TermUseIndex>();
    const service = createLanguageService({
      builtin,
      workspace: {
        read: (uri) => (files.has(uri) ? { text: files.get(uri)!, version: 1 } : { error: 'no such file.' }),
        termBaseUris: () => [ROOT + 'g.terms.yaml'],
        conceptUris: () => [ROOT + 'a.concept.md', ROOT + 'b.concept.md'],
        knownUses: (uri) => (uri === ROOT + 'b.concept.md' ? known : undefined),
        rememberUses: (uri, uses) => remembered.set(uri, uses),
      },
      settings: () => DEFAULT_SETTINGS,
    });
    // The walk before a term base's lens analyses a only, and tells its uses.
    for (const _ of service.prepareWorkspace('uses'));
    expect([...remembered.keys()]).toEqual([ROOT + 'a.concept.md']);
    const a = TextDocument.create(ROOT + 'a.concept.md', 'markdown', 1, files.get(ROOT + 'a.concept.md')!);
    expect(remembered.get(ROOT + 'a.concept.md')).toEqual(service.termUses(a));
    expect(service.termUses(a)).toEqual({ keys: [key, `smart border\u0000${ROOT}g.terms.yaml`], uses: Int32Array.from([0, 3, 4, 3, 17, 1, 3, 24, 3, 36]) });
    const terms = TextDocument.create(ROOT + 'g.terms.yaml', 'yaml', 1, files.get(ROOT + 'g.terms.yaml')!);
    const [lens] = service.getCodeLenses(terms).map((l) => service.resolveCodeLens(l));
    expect(lens.command!.title).toBe('3 uses');
    expect((lens.command!.arguments![2] as Location[]).map((l) => `${l.uri.slice(ROOT.length)} ${l.range.start.line}:${l.range.start.character}`)).toEqual(['a.concept.md 3:4', 'b.concept.md 7:0', 'b.concept.md 9:1']);
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
