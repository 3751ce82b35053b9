import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { checkCode, offsets, parseMarkers, workspace } from './helpers';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    deprecated: [one-stop window]
  - term: authorized economic operator
    definition: A trader certified as secure and compliant.
    variants: [AEO]
`;

const fm = (body: string, extra = '') => `---
concept: test
glossaries: [glossary.terms.yaml]
terms:
  digital customs:
    definition: Customs run on data.
${extra}---
${body}`;

describe('undefined-term', () => {
  it('flags an explicit use that no definition covers, on the text between the guillemets', () => {
    const diags = checkCode('undefined-term', fm('We use «<|smart border|>» and «digital customs» and «single window».\n'), { 'glossary.terms.yaml': GLOSSARY });
    expect(diags[0].severity).toBe(DiagnosticSeverity.Error);
  });

  it('flags a plain mention of a known but undefined term as a warning', () => {
    const diags = checkCode('undefined-term', fm('Then <|smart customs|> picks consignments; digital customs and the single window do not.\n'), { 'glossary.terms.yaml': GLOSSARY });
    expect(diags[0].severity).toBe(DiagnosticSeverity.Warning);
  });

  it('treats a term of a workspace term base that the document does not import as known, not defined', () => {
    checkCode('undefined-term', `# Scope\n\nThe <|data lake|> feeds «<|data lake|>».\n`, {
      'other.terms.yaml': 'terms:\n  - term: data lake\n    definition: A store of raw data.\n',
    });
  });

  it('keeps UTF-16 ranges exact after Cyrillic and emoji on the same line', () => {
    checkCode('undefined-term', fm('Таможня 🚚 и «<|smart border|>», затем 😀 <|smart customs|>.\n'), { 'glossary.terms.yaml': GLOSSARY });
  });

  it('works in a CRLF file', () => {
    const text = fm('First line.\nThen «<|smart border|>» and\n<|smart customs|> here.\n').replace(/\n/g, '\r\n');
    checkCode('undefined-term', text, { 'glossary.terms.yaml': GLOSSARY });
  });

  it('matches a term split across a line break, but not across a paragraph break', () => {
    checkCode('undefined-term', fm('Here <|smart\ncustoms|> works.\n\nBut smart\n\ncustoms does not.\n'), { 'glossary.terms.yaml': GLOSSARY });
  });

  it('matches hyphen variants such as e‑Customs with U+2011, and plurals', () => {
    checkCode('undefined-term', fm('The <|e‑Customs|> and <|e-customs|> programmes; two <|single windows|>.\n'), {}, { implicitUseReport: 'all' }, 'doc.concept.md');
  });

  it('ignores code spans, fenced code, link targets, autolinks and HTML comments', () => {
    checkCode(
      'undefined-term',
      fm(
        [
          'Code `smart customs` and ``«smart border»`` are not uses.',
          '',
          '```',
          '«smart border» smart customs',
          '```',
          '',
          '    «smart border» in indented code',
          '',
          'A [link about <|smart customs|>](https://x.org/smart-customs) and <https://smart.customs/>.',
          '',
          '<!-- smart customs in a comment -->',
          '',
          'Inline <!-- smart customs --> comment.',
          '',
        ].join('\n'),
      ),
      { 'glossary.terms.yaml': GLOSSARY },
    );
  });

  it('finds uses in headings, lists, block quotes and tables', () => {
    checkCode(
      'undefined-term',
      fm('# <|Smart customs|>\n\n- item on <|smart customs|>\n\n> quoted <|smart customs|>\n\n| a | b |\n|---|---|\n| <|smart customs|> | x |\n'),
      { 'glossary.terms.yaml': GLOSSARY },
      { implicitUseReport: 'all' },
    );
  });

  it('does not flag words that merely contain a term', () => {
    checkCode('undefined-term', fm('Smartcustoms and smart-customsx are not the term; smart. Customs neither.\n'), { 'glossary.terms.yaml': GLOSSARY });
  });

  it('honours the implicit-use severity setting', () => {
    const diags = checkCode('undefined-term', fm('Then smart customs and «<|smart border|>».\n'), { 'glossary.terms.yaml': GLOSSARY }, { implicitUseSeverity: 'off' });
    expect(diags).toHaveLength(1);
    const info = checkCode('undefined-term', fm('Then <|smart customs|>.\n'), { 'glossary.terms.yaml': GLOSSARY }, { implicitUseSeverity: 'information' });
    expect(info[0].severity).toBe(DiagnosticSeverity.Information);
  });

  it('counts a defined variant as defined', () => {
    checkCode('undefined-term', fm('The AEO and the SW and «single window» and «<|AEOs only|>».\n'), { 'glossary.terms.yaml': GLOSSARY });
  });

  it('treats a document definition of a WCO term as covering the WCO variants of that term', () => {
    checkCode('undefined-term', fm('The digital customs administration is defined through its preferred label.\n'), { 'glossary.terms.yaml': GLOSSARY });
  });
});

describe('deprecated-term', () => {
  it('flags a deprecated label and names the preferred term', () => {
    const diags = checkCode('deprecated-term', fm('A <|one-stop window|> and «<|one-stop window|>».\n'), { 'glossary.terms.yaml': GLOSSARY });
    expect(diags[0].data).toEqual({ replacement: 'single window' });
  });
});

describe('unknown-instrument and superseded-instrument', () => {
  it('flags an unknown id and suggests the closest ones', () => {
    const diags = checkCode('unknown-instrument', fm('Cites @rkc, [@safe-fos, p. 3] and <|@wco-datamodel|>; mail user@example.org is no citation.\n'));
    expect((diags[0].data as { suggestions: string[] }).suggestions[0]).toBe('wco-dm');
  });

  it('checks citations in a front-matter source', () => {
    checkCode('unknown-instrument', fm('Body.\n', '    source: "<|@nonexistent-thing|>"\n').replace('    definition: Customs run on data.\n    source', '    definition: Customs run on data.\n    source'));
  });

  it('flags a superseded edition and a superseded instrument', () => {
    const diags = checkCode('superseded-instrument', fm('Cites <|@safe-fos-2012|>, <|@cu-cc|>, @eaeu-cc and @rkc.\n'));
    expect(diags.every((d) => d.severity === DiagnosticSeverity.Warning)).toBe(true);
  });

  it('does not see citations inside code', () => {
    checkCode('unknown-instrument', fm('Code `@nothing-here` is fine.\n'));
  });
});

describe('yaml-syntax', () => {
  it('reports a YAML error in front matter at its place', () => {
    const fx = parseMarkers('---\ntitle: [unclosed\nstatus: draft\n---\nBody.\n');
    const ws = workspace({ 'doc.concept.md': fx.text });
    const diags = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).filter((d) => d.code === 'yaml-syntax');
    expect(diags.length).toBeGreaterThan(0);
    // The error is inside the front matter, on or after the line of the unclosed flow sequence.
    for (const d of diags) expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    for (const d of diags) expect(d.range.start.line).toBeLessThanOrEqual(3);
  });

  it('reports a tab indentation error exactly', () => {
    const diags = checkCode('yaml-syntax', '---\ntitle: x\nterms:\n  a: b\n<|\t|>c: d\n---\n');
    expect(diags[0].severity).toBe(DiagnosticSeverity.Error);
  });

  it('reports unclosed front matter', () => {
    checkCode('yaml-syntax', '<|---|>\ntitle: x\n\n# Heading\n');
  });

  it('reports YAML errors in a term base', () => {
    const ws = workspace({ 'g.terms.yaml': 'terms:\n  - term: a\n    definition: "unclosed\n' });
    const diags = ws.service.computeDiagnostics(ws.doc('g.terms.yaml'));
    expect(diags.some((d) => d.code === 'yaml-syntax')).toBe(true);
  });
});

describe('duplicate-definition', () => {
  it('flags a term defined in the document and in an imported term base, pointing at both', () => {
    const diags = checkCode('duplicate-definition', fm('Uses single window.\n', '  <|single window|>:\n    definition: A second definition.\n'), { 'glossary.terms.yaml': GLOSSARY });
    const rel = diags[0].relatedInformation ?? [];
    expect(rel.map((r) => r.location.uri).sort()).toEqual(['file:///ws/doc.concept.md', 'file:///ws/glossary.terms.yaml']);
    const glossary = rel.find((r) => r.location.uri.endsWith('glossary.terms.yaml'))!;
    expect(glossary.location.range.start).toEqual({ line: 1, character: 10 });
  });

  it('flags a label defined twice in one term base', () => {
    const ws = workspace({ 'g.terms.yaml': 'terms:\n  - term: alpha\n    definition: x\n  - term: beta\n    variants: [Alpha]\n    definition: y\n' });
    const diags = ws.service.computeDiagnostics(ws.doc('g.terms.yaml')).filter((d) => d.code === 'duplicate-definition');
    expect(diags).toHaveLength(1);
    expect(diags[0].range).toEqual({ start: { line: 4, character: 15 }, end: { line: 4, character: 20 } });
    expect(diags[0].relatedInformation).toHaveLength(2);
  });
});

describe('circular-definition', () => {
  it('flags a definition that uses its own term', () => {
    checkCode('circular-definition', `---
terms:
  customs ecosystem:
    definition: >-
      The <|customs
      ecosystem|> is everything around customs.
  data lake:
    definition: A store of raw data.
---
customs ecosystem, data lake
`);
  });

  it('flags it in a term base too', () => {
    const ws = workspace({ 'g.terms.yaml': 'terms:\n  - term: data lake\n    definition: A data lake holds data.\n' });
    const d = ws.service.computeDiagnostics(ws.doc('g.terms.yaml')).filter((x) => x.code === 'circular-definition');
    expect(d.map((x) => x.range.start)).toEqual([{ line: 2, character: 18 }]);
  });

  it('in a term base edited entry by entry, is what a fresh check of each version finds (answers kept per entry)', () => {
    const entries = (defs: string[]) => 'terms:\n' + defs.map((d, i) => `  - term: data lake ${i}\n    variants: [lake ${i}]\n    definition: ${d}\n`).join('');
    let defs = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? `A data lake ${i} holds data.` : `A store number ${i}.`));
    const ws = workspace({ 'g.terms.yaml': entries(defs) });
    const circular = (service: typeof ws.service, version: number) =>
      service.computeDiagnostics(TextDocument.create(ws.uri('g.terms.yaml'), 'yaml', version, entries(defs))).filter((x) => x.code === 'circular-definition');
    const edits: ((d: string[]) => string[])[] = [
      // An entry becomes circular, one stops being so, one moves all the others down, the same text again.
      (d) => d.map((x, i) => (i === 4 ? `Also the lake ${i}, twice, lake ${i}.` : x)),
      (d) => d.map((x, i) => (i === 0 ? 'No longer its own.' : x)),
      (d) => ['A much longer first definition that shifts every entry below it by many characters.', ...d.slice(1)],
      (d) => d,
    ];
    let version = 1;
    expect(circular(ws.service, version).length).toBe(4);
    for (const edit of edits) {
      defs = edit(defs);
      version++;
      const fresh = workspace({ 'g.terms.yaml': entries(defs) }).service;
      expect(circular(ws.service, version)).toEqual(circular(fresh, version));
    }
    // Entries 3, 4 (twice), 6 and 9 (each entry is three lines from line 1; the first is no longer circular).
    expect(circular(ws.service, version).map((x) => x.range.start.line)).toEqual([12, 15, 15, 21, 30]);
  });
});

describe('unused-definition', () => {
  it('hints at a definition never used, tagged unnecessary', () => {
    const diags = checkCode('unused-definition', `---
terms:
  data lake: A store of raw data.
  <|data swamp|>: An unmanaged store.
  cargo: Goods carried.
---
The data lakes hold «cargo».
`);
    expect(diags[0].severity).toBe(DiagnosticSeverity.Hint);
  });
});

describe('front matter values', () => {
  it('flags an unknown status and language', () => {
    checkCode('invalid-value', '---\nstatus: <|final|>\nlanguage: <|de|>\n---\n');
  });

  it('flags an unreadable glossary at its path', () => {
    checkCode('glossary-not-found', '---\nglossaries: [<|missing.terms.yaml|>, glossary.terms.yaml]\n---\nBody.\n', { 'glossary.terms.yaml': GLOSSARY });
  });

  it('flags an unknown front-matter key as a warning', () => {
    checkCode('unknown-key', '---\ntitle: x\n<|colour|>: red\n---\n');
  });
});

void DiagnosticTag;
void offsets;

describe('duplicate-definition with many definitions of one label', () => {
  const MAX = 50;
  const entries = (n: number) => Array.from({ length: n }, (_, i) => `  - term: single window\n    definition: Definition ${i}.\n`).join('');

  it('in a term base: every definition after the first, each listing the first 50 places (not all of them)', () => {
    const ws = workspace({ 'g.terms.yaml': `terms:\n${entries(120)}` });
    const d = ws.service.computeDiagnostics(ws.doc('g.terms.yaml')).filter((x) => x.code === 'duplicate-definition');
    expect(d).toHaveLength(119);
    // Entry i's label is on line 1 + 2i.
    expect(d.map((x) => x.range.start.line)).toEqual(Array.from({ length: 119 }, (_, i) => 3 + 2 * i));
    for (const x of d) expect(x.relatedInformation!.map((r) => r.location.range.start.line)).toEqual(Array.from({ length: MAX }, (_, i) => 1 + 2 * i));
  });

  it('in a term base with a few: every place', () => {
    const ws = workspace({ 'g.terms.yaml': `terms:\n${entries(3)}` });
    const d = ws.service.computeDiagnostics(ws.doc('g.terms.yaml')).filter((x) => x.code === 'duplicate-definition');
    expect(d.map((x) => x.relatedInformation!.length)).toEqual([3, 3]);
  });

  it('in a concept document defining a label its term base defines 60 times: the first 50 places, the count of all', () => {
    const ws = workspace({
      'g.terms.yaml': `terms:\n${entries(60)}`,
      'doc.concept.md': '---\nglossaries: [g.terms.yaml]\nterms:\n  single window: Our own definition.\n---\n\nThe single window.\n',
    });
    const d = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).filter((x) => x.code === 'duplicate-definition');
    expect(d).toHaveLength(1);
    expect(d[0].relatedInformation).toHaveLength(MAX);
    expect(d[0].message).toContain('61');
  });
});
