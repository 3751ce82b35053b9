import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { splitFiles, workspace } from './helpers';
import { modelWorkspace } from './modelHelpers';
import { applyWorkspaceEdit } from './workspaceFixture';

const DOC = 'doc.concept.md';

/** Diagnostics of one code in a document, optionally only those covering `label`. */
function diagnosticsOf(ws: ReturnType<typeof workspace>, path: string, code: string, label?: string): Diagnostic[] {
  const doc = ws.doc(path);
  return ws.service.computeDiagnostics(doc).filter((d) => d.code === code && (label === undefined || doc.getText().slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)) === label));
}

/**
 * Asks for quick fixes on the diagnostic `code` over `label` in `doc.concept.md`,
 * applies the one titled `title`, checks every file against `after` (files not
 * listed stay unchanged), then checks the document again: the diagnostic is gone.
 */
function checkFix(files: string, code: string, label: string, title: string | RegExp, after: string): Record<string, string> {
  const ws = workspace(splitFiles(files));
  const [d] = diagnosticsOf(ws, DOC, code, label);
  expect(d, `a ${code} diagnostic on ${label}`).toBeDefined();
  const actions = ws.service.getCodeActions(ws.doc(DOC), d.range, { diagnostics: [d] });
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!action) throw new Error(`no action ${title}; got:\n${actions.map((a) => a.title).join('\n')}`);
  const result = applyWorkspaceEdit(ws, action.edit!, { [DOC]: 1 });
  expect(result).toEqual({ ...splitFiles(files), ...splitFiles(after) });
  // Check again with the edited files: the diagnostic is gone.
  const again = workspace(result);
  expect(diagnosticsOf(again, DOC, code, label)).toEqual([]);
  return result;
}

function titles(files: string, code: string, label: string): CodeAction[] {
  const ws = workspace(splitFiles(files));
  const [d] = diagnosticsOf(ws, DOC, code, label);
  return ws.service.getCodeActions(ws.doc(DOC), d.range, { diagnostics: [d] });
}

describe('define an undefined term', () => {
  it('adds a stub to an existing `terms:` map', () => {
    checkFix(
      `#- doc.concept.md
---
title: T
terms:
  data lake:
    definition: A store.
status: draft
---
The data lake and the «smart border».
`,
      'undefined-term',
      'smart border',
      'Define «smart border» in this document',
      `#- doc.concept.md
---
title: T
terms:
  data lake:
    definition: A store.
  smart border:
    definition: TODO
status: draft
---
The data lake and the «smart border».
`,
    );
  });

  it('creates the `terms:` key, or the whole front matter, when absent', () => {
    checkFix(
      `#- doc.concept.md
---
title: T
---
The «Smart border».
`,
      'undefined-term',
      'Smart border',
      'Define «smart border» in this document',
      `#- doc.concept.md
---
title: T
terms:
  smart border:
    definition: TODO
---
The «Smart border».
`,
    );
    checkFix(
      `#- doc.concept.md
# Scope\r
The «smart border».\r
`,
      'undefined-term',
      'smart border',
      'Define «smart border» in this document',
      `#- doc.concept.md
---\r
terms:\r
  smart border:\r
    definition: TODO\r
---\r
# Scope\r
The «smart border».\r
`,
    );
  });

  it('fills an empty `terms:` key', () => {
    checkFix(
      `#- doc.concept.md
---
terms:
title: T
---
The «smart border».
`,
      'undefined-term',
      'smart border',
      'Define «smart border» in this document',
      `#- doc.concept.md
---
terms:
  smart border:
    definition: TODO
title: T
---
The «smart border».
`,
    );
  });

  it('adds a stub to an imported term base', () => {
    checkFix(
      `#- glossary/g.terms.yaml
language: en
terms:
  - term: data lake
    definition: A store.

source: ours
#- doc.concept.md
---
glossaries: [glossary/g.terms.yaml]
---
The data lake and the «smart border».
`,
      'undefined-term',
      'smart border',
      'Define «smart border» in glossary/g.terms.yaml',
      `#- glossary/g.terms.yaml
language: en
terms:
  - term: data lake
    definition: A store.
  - term: smart border
    definition: TODO

source: ours
`,
    );
  });

  it('adopts the built-in WCO definition with its source', () => {
    const result = checkFix(
      `#- doc.concept.md
---
terms:
  data lake:
    definition: A store.
---
The data lake and «electronic customs».
`,
      'undefined-term',
      'electronic customs',
      'Adopt the WCO definition of «electronic customs»',
      `#- doc.concept.md
---
terms:
  data lake:
    definition: A store.
  electronic customs:
    definition: >-
      Way of running customs in which goods declarations, accompanying
      documents, payment of duties and customs decisions are handled by
      computer systems and exchanged as electronic data, not on paper. The
      notion dominated WCO work in the 2000s and has since largely been taken
      over by the broader idea of digital customs.
    source: "@rkc-ict-guidelines"
---
The data lake and «electronic customs».
`,
    );
    // The adopted definition is read back as the same text.
    const ws = workspace(result);
    const def = ws.service.analyse(ws.doc(DOC)).doc.definitions.find((e) => e.term === 'electronic customs')!;
    expect(def.definition).toBe(ws.service.builtinTerms.entries.find((e) => e.term === 'electronic customs')!.definition);
  });

  it('offers no edit of a front matter or term base that does not parse (an insertion could only add errors)', () => {
    const broken = `#- g.terms.yaml
terms:
  - term: data lake
    definition: "A store.
#- doc.concept.md
---
glossaries: [g.terms.yaml]
terms:
  data lake:
    source: "unclosed
---
The «electronic customs» and the «smart border».
`;
    // Only the suppression comment, which edits the body, is left.
    expect(titles(broken, 'undefined-term', 'electronic customs').map((a) => a.title)).toEqual(['Suppress undefined-term on this line']);
    // With the front matter fixed, the fixes that edit it come back; the broken term base still gets none.
    const fixed = broken.replace('"unclosed', '"closed"');
    expect(titles(fixed, 'undefined-term', 'smart border').map((a) => a.title)).toEqual(['Define «smart border» in this document', 'Suppress undefined-term on this line']);
  });

  it('imports the workspace term base that knows the term', () => {
    checkFix(
      `#- shared/g.terms.yaml
terms:
  - term: smart border
    definition: A border run on data.
#- doc.concept.md
---
title: T
glossaries:
  - other.terms.yaml
---
The «smart border».
#- other.terms.yaml
terms:
  - term: data lake
`,
      'undefined-term',
      'smart border',
      /^Import shared\/g.terms.yaml/,
      `#- doc.concept.md
---
title: T
glossaries:
  - other.terms.yaml
  - shared/g.terms.yaml
---
The «smart border».
`,
    );
  });

  it('adds a close unknown label as a variant of a defined term', () => {
    checkFix(
      `#- g.terms.yaml
terms:
  - term: authorized economic operator
    definition: A trusted trader.
    source: "@safe-fos"
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
Each «authorized economic operater».
`,
      'undefined-term',
      'authorized economic operater',
      'Add «authorized economic operater» as a variant of «authorized economic operator» (g.terms.yaml)',
      `#- g.terms.yaml
terms:
  - term: authorized economic operator
    variants: [authorized economic operater]
    definition: A trusted trader.
    source: "@safe-fos"
`,
    );
  });

  it('adds the variant to an existing front-matter list', () => {
    checkFix(
      `#- doc.concept.md
---
terms:
  data lake:
    variants: [lake]
    definition: A store.
---
The data lake, the «data lakes» and the «data-lake store».
`,
      'undefined-term',
      'data-lake store',
      /^Add «data-lake store» as a variant of «data lake»/,
      `#- doc.concept.md
---
terms:
  data lake:
    variants: [lake, data-lake store]
    definition: A store.
---
The data lake, the «data lakes» and the «data-lake store».
`,
    );
  });
});

describe('deprecated labels', () => {
  const files = `#- g.terms.yaml
terms:
  - term: single window
    deprecated: [one-stop window]
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
One-stop windows and the one-stop window; a single window.
`;

  it('replaces one use by the preferred term, keeping its case and plural', () => {
    checkFix(files, 'deprecated-term', 'One-stop windows', 'Replace «One-stop windows» by «single window»', `#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
Single windows and the one-stop window; a single window.
`);
  });

  it('replaces every deprecated use of the document', () => {
    const result = checkFix(files, 'deprecated-term', 'one-stop window', /^Replace every deprecated label/, `#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
Single windows and the single window; a single window.
`);
    expect(diagnosticsOf(workspace(result), DOC, 'deprecated-term')).toEqual([]);
  });
});

describe('instruments', () => {
  it('cites the closest instrument for an unknown id', () => {
    const actions = titles(`#- doc.concept.md\nSee @rkk.\n`, 'unknown-instrument', '@rkk');
    expect(actions[0].title).toMatch(/^Cite @rkc /);
    expect(actions[0].isPreferred).toBe(true);
    checkFix(`#- doc.concept.md\nSee @rkk.\n`, 'unknown-instrument', '@rkk', /^Cite @rkc /, `#- doc.concept.md\nSee @rkc.\n`);
  });

  it('cites the current edition for a superseded one', () => {
    checkFix(`#- doc.concept.md\nSee @safe-fos-2012.\n`, 'superseded-instrument', '@safe-fos-2012', /^Cite @safe-fos/, `#- doc.concept.md\nSee @safe-fos-2025.\n`);
  });
});

describe('term bases', () => {
  it('cites the closest instrument in a source, and suppresses a diagnostic with a # comment', () => {
    const text = 'terms:\n  - term: data lake\n    source: "@rkk, Annex"\n';
    const ws = workspace({ 'g.terms.yaml': text });
    const doc = ws.doc('g.terms.yaml');
    const [d] = ws.service.computeDiagnostics(doc).filter((x) => x.code === 'unknown-instrument');
    const actions = ws.service.getCodeActions(doc, d.range, { diagnostics: [d] });
    const cite = applyWorkspaceEdit(ws, actions.find((a) => a.title.startsWith('Cite @rkc '))!.edit!, { 'g.terms.yaml': 1 });
    expect(cite['g.terms.yaml']).toBe(text.replace('@rkk', '@rkc'));
    const suppressed = applyWorkspaceEdit(ws, actions.find((a) => a.title.startsWith('Suppress'))!.edit!, { 'g.terms.yaml': 1 });
    expect(suppressed['g.terms.yaml']).toBe('terms:\n  - term: data lake\n    # customs-concepts-disable-next-line unknown-instrument\n    source: "@rkk, Annex"\n');
    const again = workspace(suppressed);
    expect(again.service.computeDiagnostics(again.doc('g.terms.yaml')).filter((x) => x.code === 'unknown-instrument')).toEqual([]);
  });
});

describe('suppression quick fix', () => {
  it('ends a paragraph line with a disable-line comment, or puts a disable-next-line comment above a first line', () => {
    checkFix(
      `#- doc.concept.md
First line.
Then the «smart border».
`,
      'undefined-term',
      'smart border',
      'Suppress undefined-term on this line',
      `#- doc.concept.md
First line.
Then the «smart border». <!-- customs-concepts-disable-line undefined-term -->
`,
    );
    checkFix(
      `#- doc.concept.md
# Scope

The «smart border».
`,
      'undefined-term',
      'smart border',
      'Suppress undefined-term on this line',
      `#- doc.concept.md
# Scope

<!-- customs-concepts-disable-next-line undefined-term -->
The «smart border».
`,
    );
  });
});

describe('code action requests', () => {
  it('returns nothing for a stale diagnostic or another server', () => {
    const ws = workspace({ [DOC]: 'The «smart border».\n' });
    const doc = ws.doc(DOC);
    const [d] = ws.service.computeDiagnostics(doc);
    const moved = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
    expect(ws.service.getCodeActions(doc, moved.range, { diagnostics: [moved] }).filter((a) => !a.title.startsWith('Suppress'))).toEqual([]);
    expect(ws.service.getCodeActions(doc, d.range, { diagnostics: [{ ...d, source: 'other' }] })).toEqual([]);
    expect(ws.service.getCodeActions(doc, d.range, { diagnostics: [d], only: ['refactor'] })).toEqual([]);
  });

  it('stamps the open document with its version and a term base read from disk with null', () => {
    const ws = workspace({ 'g.terms.yaml': 'terms:\n  - term: data lake\n', [DOC]: '---\nglossaries: [g.terms.yaml]\n---\nThe «smart border».\n' });
    const doc = TextDocument.create(ws.uri(DOC), 'markdown', 7, ws.files.get(ws.uri(DOC))!);
    const [d] = ws.service.computeDiagnostics(doc).filter((x) => x.code === 'undefined-term');
    const actions = ws.service.getCodeActions(doc, d.range, { diagnostics: [d] });
    const here = actions.find((a) => a.title.includes('in this document'))!;
    const there = actions.find((a) => a.title.includes('g.terms.yaml'))!;
    expect(here.edit!.documentChanges![0]).toMatchObject({ textDocument: { uri: ws.uri(DOC), version: 7 } });
    expect(there.edit!.documentChanges![0]).toMatchObject({ textDocument: { uri: ws.uri('g.terms.yaml'), version: null } });
  });
});

describe('missing sections', () => {
  it('inserts the missing heading at its place in the model order, changing nothing else', () => {
    const text = '---\nmodel: wco-digital-customs\n---\n# Terms and definitions\n\nSome text.\n\n# Scope\n\nMore text.\n';
    const missingOf = (t: string) => {
      const ws = modelWorkspace({ [DOC]: t });
      return { ws, diags: ws.service.computeDiagnostics(ws.doc(DOC)).filter((d) => d.code === 'missing-section') };
    };
    const { ws, diags: missing } = missingOf(text);
    expect(missing.length).toBeGreaterThan(2);
    const d = missing[0];
    const sectionId = (d.data as { sectionId: string }).sectionId;
    const actions = ws.service.getCodeActions(ws.doc(DOC), d.range, { diagnostics: [d] });
    const action = actions.find((a) => a.title.startsWith('Add the section'))!;
    expect(action.isPreferred).toBe(true);
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    expect(change.textDocument).toEqual({ uri: ws.uri(DOC), version: 1 });
    const result = TextDocument.applyEdits(ws.doc(DOC), change.edits as TextEdit[]);
    // Exactly one insertion: removing it gives back the original text.
    expect(change.edits).toHaveLength(1);
    const i = ws.doc(DOC).offsetAt((change.edits[0] as TextEdit).range.start);
    const inserted = result.length - text.length;
    expect(result.slice(0, i) + result.slice(i + inserted)).toBe(text);
    expect(result.slice(i, i + inserted)).toMatch(/^#+ \S/m);
    const still = missingOf(result).diags.map((x) => (x.data as { sectionId: string }).sectionId);
    expect(still).not.toContain(sectionId);
    expect(still.length).toBe(missing.length - 1);
  });
});
