import { describe, expect, it } from 'vitest';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { rewriteUse } from '../../server/src/core/edit/labelRewrite';
import { splitFiles } from './helpers';
import { applyWorkspaceEdit, multiFixture } from './workspaceFixture';

/**
 * Renames at the cursor (in the document opened with version 1) and compares
 * every file of the workspace with `after` (a multi-file fixture without markers;
 * files it does not list must be unchanged).
 */
function checkRename(before: string, newName: string, after: string) {
  const fx = multiFixture(before);
  const doc = fx.ws.doc(fx.cursorFile!);
  const edit = fx.ws.service.getRenameEdits(doc, doc.positionAt(fx.cursor!), newName);
  if ('error' in edit) throw new Error(edit.error);
  const result = applyWorkspaceEdit(fx.ws, edit, { [fx.cursorFile!]: 1 });
  const expected: Record<string, string> = {};
  for (const [p, f] of Object.entries(fx.files)) expected[p] = f.text;
  Object.assign(expected, splitFiles(after));
  expect(result).toEqual(expected);
  return edit as WorkspaceEdit;
}

function refusal(marked: string, newName = 'x y'): string | undefined {
  const fx = multiFixture(marked);
  const doc = fx.ws.doc(fx.cursorFile!);
  const prepared = fx.ws.service.prepareRename(doc, doc.positionAt(fx.cursor!));
  const edit = fx.ws.service.getRenameEdits(doc, doc.positionAt(fx.cursor!), newName);
  if ('error' in prepared) {
    expect('error' in edit).toBe(true);
    return prepared.error;
  }
  return 'error' in edit ? edit.error : undefined;
}

describe('rename a term', () => {
  it('renames the definition, every use in every document and related mentions, keeping case and plural', () => {
    const edit = checkRename(
      `#- glossary/customs.terms.yaml
terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
  - term: data lake
    related: [single window, "single window"]
#- a.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
# Single window

The «single <|>window» and two Single Windows; each SW.
SINGLE WINDOW in capitals. A shared single
window too.
#- b.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
Single windows everywhere.
#- c.concept.md
---
terms:
  single window:
    definition: Our own meaning.
---
This single window is ours.
`,
      'trade data hub',
      `#- glossary/customs.terms.yaml
terms:
  - term: trade data hub
    definition: One entry point for all border formalities.
    variants: [SW]
  - term: data lake
    related: [trade data hub, "trade data hub"]
#- a.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
# Trade data hub

The «trade data hub» and two Trade Data Hubs; each SW.
TRADE DATA HUB in capitals. A shared trade data hub too.
#- b.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
Trade data hubs everywhere.
`,
    );
    const versions = (edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri.replace(/^.*\//, ''), c.textDocument.version]).sort();
    expect(versions).toEqual([['a.concept.md', 1], ['b.concept.md', null], ['customs.terms.yaml', null]]);
  });

  it('keeps the words both labels share as written, plural and line breaks included', () => {
    checkRename(
      `#- doc.concept.md
---
terms:
  single window:
    definition: One entry point.
---
Two <|>single
windows and the Single window.
`,
      'national single window',
      `#- doc.concept.md
---
terms:
  national single window:
    definition: One entry point.
---
Two national single
windows and the National single window.
`,
    );
  });

  it('renames a variant label and only the uses that matched it', () => {
    checkRename(
      `#- g.terms.yaml
terms:
  - term: single window
    variants: [SW, one-stop shop]
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
Each S<|>W is a single window; SWs abound.
`,
      'NSW',
      `#- g.terms.yaml
terms:
  - term: single window
    variants: [NSW, one-stop shop]
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
Each NSW is a single window; NSWs abound.
`,
    );
  });

  it('starts from the definition in a term base, and quotes a new label that YAML would misread', () => {
    checkRename(
      `#- g.terms.yaml
terms:
  - term: data <|>lake
    definition: A store.
  - term: warehouse
    narrower:
      - data lake
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
The data lake.
`,
      'lake: raw data',
      `#- g.terms.yaml
terms:
  - term: "lake: raw data"
    definition: A store.
  - term: warehouse
    narrower:
      - "lake: raw data"
#- doc.concept.md
---
glossaries: [g.terms.yaml]
---
The lake: raw data.
`,
    );
  });

  it('crosses a CRLF file and a file with Cyrillic text, positions in UTF-16', () => {
    const crlf = '---\r\nglossaries: [g.terms.yaml]\r\n---\r\nThe data\r\nlake and «data lake».\r\n';
    checkRename(
      `#- g.terms.yaml
terms:
  - term: data lake
    definition: A store of raw data.
    translations: {ru: озеро данных}
#- ru.concept.md
---
glossaries: [g.terms.yaml]
---
Таможня 🛃 ведёт «data lake» — хранилище; ещё data <|>lakes.
#- crlf.concept.md
${crlf}`,
      'data reservoir',
      `#- g.terms.yaml
terms:
  - term: data reservoir
    definition: A store of raw data.
    translations: {ru: озеро данных}
#- ru.concept.md
---
glossaries: [g.terms.yaml]
---
Таможня 🛃 ведёт «data reservoir» — хранилище; ещё data reservoirs.
#- crlf.concept.md
${crlf.replace('data\r\nlake', 'data\r\nreservoir').replace('«data lake»', '«data reservoir»')}`,
    );
  });

  it('keeps inflected Russian forms of the words that stay', () => {
    checkRename(
      `#- g.terms.yaml
language: ru
terms:
  - term: единое окно
    definition: Единая точка подачи документов.
#- doc.concept.md
---
language: ru
glossaries: [g.terms.yaml]
---
Создание единого <|>окна и работа в едином окне.
`,
      'единое окно ЕАЭС',
      `#- g.terms.yaml
language: ru
terms:
  - term: единое окно ЕАЭС
    definition: Единая точка подачи документов.
#- doc.concept.md
---
language: ru
glossaries: [g.terms.yaml]
---
Создание единого окна ЕАЭС и работа в едином окне ЕАЭС.
`,
    );
  });
});

describe('prepare rename', () => {
  it('offers the label as it is defined, over the range of the use', () => {
    const fx = multiFixture(`#- doc.concept.md
---
terms:
  data lake:
    definition: A store.
---
Two Data La<|>kes.
`);
    const doc = fx.ws.doc('doc.concept.md');
    const r = fx.ws.service.prepareRename(doc, doc.positionAt(fx.cursor!));
    expect(r).toMatchObject({ placeholder: 'data lake', range: { start: { line: 5, character: 4 }, end: { line: 5, character: 14 } } });
  });

  it('refuses plain prose, a built-in term, an undefined term, a clash and an unusable name', () => {
    expect(refusal(`#- doc.concept.md\nNothing <|>here.\n`)).toMatch(/Only a term/);
    expect(refusal(`#- doc.concept.md\nRisk man<|>agement applies.\n`)).toMatch(/built-in WCO term base/);
    expect(refusal(`#- doc.concept.md\nThe «smart <|>border».\n`)).toMatch(/not defined anywhere/);
    const doc = `#- doc.concept.md
---
terms:
  data lake:
    definition: A store.
  warehouse:
    definition: Another store.
---
The data l<|>ake and the warehouse.
`;
    expect(refusal(doc, 'Warehouse')).toMatch(/already a term/);
    expect(refusal(doc, 'a «b»')).toMatch(/at least one letter/);
    expect(refusal(doc, '  ')).toMatch(/at least one letter/);
    expect(refusal(doc, 'data pond')).toBeUndefined();
  });
});

describe('rewriteUse', () => {
  it.each([
    ['single window', 'single window', 'trade hub', 'trade hub'],
    ['Single window', 'single window', 'trade hub', 'Trade hub'],
    ['single windows', 'single window', 'trade hub', 'trade hubs'],
    ['SINGLE WINDOWS', 'single window', 'trade hub', 'TRADE HUBS'],
    ['Single Windows', 'single window', 'trade hub', 'Trade Hubs'],
    ['single windows', 'single window', 'single window system', 'single window systems'],
    ['single windows', 'single window', 'national single window', 'national single windows'],
    ['Single windows', 'single window', 'national single window', 'National single windows'],
    ['e‑Customs', 'e-customs', 'electronic customs', 'electronic customs'],
    ['data\nlake', 'data lake', 'data reservoir', 'data\nreservoir'],
    ['SWs', 'SW', 'NSW', 'NSWs'],
    ['Single Windows', 'single window', 'national single window', 'National Single Windows'],
    ['data\nlake', 'data lake', 'big data lake', 'big data\nlake'],
    ['policies', 'policy', 'rule', 'rules'],
    ['single window', 'single window', 'Single Window', 'Single Window'],
  ])('%j matched %j, renamed to %j → %j', (use, oldLabel, newLabel, expected) => {
    expect(rewriteUse(use, oldLabel, newLabel)).toBe(expected);
  });
});
