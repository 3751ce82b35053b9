import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/index';
import { builtin } from './helpers';
import { multiFixture, showLocations } from './workspaceFixture';

/** Go to definition at the cursor; the `<|…|>` ranges are the expected targets. */
function checkDefinition(marked: string) {
  const fx = multiFixture(marked);
  const doc = fx.ws.doc(fx.cursorFile!);
  const got = fx.ws.service.findDefinition(doc, doc.positionAt(fx.cursor!));
  expect(showLocations(fx.ws, got)).toEqual(fx.expected);
}

/** Find references (with the declaration) at the cursor; the `<|…|>` ranges are the expected places, in every file. */
function checkReferences(marked: string, includeDeclaration = true) {
  const fx = multiFixture(marked);
  const doc = fx.ws.doc(fx.cursorFile!);
  const got = fx.ws.service.findReferences(doc, doc.positionAt(fx.cursor!), includeDeclaration);
  expect(showLocations(fx.ws, got)).toEqual(fx.expected);
}

const GLOSSARY = `#- glossary/customs.terms.yaml
terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
  - term: data lake
    definition: A store of raw data.
`;

describe('go to definition', () => {
  it('goes from an explicit use to the term-base entry', () => {
    checkDefinition(`#- doc.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
The «single <|>window» opens.
#- glossary/customs.terms.yaml
terms:
  - term: <|single window|>
    definition: One entry point.
`);
  });

  it('goes from a plural plain-prose use to the front-matter definition', () => {
    checkDefinition(`#- doc.concept.md
---
terms:
  <|data lake|>:
    definition: A store of raw data.
---
Two data la<|>kes were built.
`);
  });

  it('goes from a variant use to the entry that owns it', () => {
    checkDefinition(`#- doc.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
Each S<|>W is national.
#- glossary/customs.terms.yaml
terms:
  - term: <|single window|>
    variants: [SW]
`);
  });

  it('goes from a related mention in a term base to the mentioned entry', () => {
    checkDefinition(`#- a.terms.yaml
terms:
  - term: digital customs
    related: [data la<|>ke]
#- b.terms.yaml
terms:
  - term: <|data lake|>
`);
  });

  it('goes from a glossary path to the term base', () => {
    const fx = multiFixture(`#- doc.concept.md
---
glossaries: [glossary/cus<|>toms.terms.yaml]
---
Text.
${GLOSSARY}`);
    const doc = fx.ws.doc('doc.concept.md');
    const got = fx.ws.service.findDefinition(doc, doc.positionAt(fx.cursor!));
    expect(got.map((l) => l.uri)).toEqual([fx.ws.uri('glossary/customs.terms.yaml')]);
  });

  it('goes from @id to the built-in catalog entry (a read-only view of the data file)', () => {
    const fx = multiFixture(`#- doc.concept.md
See @r<|>kc for the standards.
`);
    const doc = fx.ws.doc('doc.concept.md');
    const [loc] = fx.ws.service.findDefinition(doc, doc.positionAt(fx.cursor!));
    expect(loc.uri).toBe(builtin.catalog.uri);
    expect(showLocations(fx.ws, [loc], { [builtin.catalog.uri]: builtin.catalog.text })[0]).toMatch(/"rkc"$/);
  });

  it('goes from a section heading to its section kind in the reference model', () => {
    const modelFile = path.join(__dirname, '..', '..', 'server', 'data', 'wco-digital-customs.model.yaml');
    const model = { uri: 'builtin:///wco-digital-customs.model.yaml', text: fs.readFileSync(modelFile, 'utf8') };
    const service = createLanguageService({ builtin: { ...builtin, models: [model] }, workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] } });
    const doc = TextDocument.create('file:///ws/doc.concept.md', 'markdown', 1, '# Field of application\n\nText.\n');
    const [loc] = service.findDefinition(doc, { line: 0, character: 4 });
    expect(loc.uri).toBe(model.uri);
    const d = TextDocument.create(model.uri, 'yaml', 0, model.text);
    expect(model.text.slice(d.offsetAt(loc.range.start), d.offsetAt(loc.range.end))).toBe('scope');
  });

  it('finds nothing on plain prose', () => {
    checkDefinition(`#- doc.concept.md
Noth<|>ing here.
`);
  });
});

describe('find references', () => {
  it('finds a term-base term across documents, variants and related mentions included, but not where a document shadows it', () => {
    checkReferences(`#- glossary/customs.terms.yaml
terms:
  - term: <|single window|>
    definition: One entry point for all border formalities.
    variants: [<|SW|>]
  - term: data lake
    related: [<|single window|>]
#- a.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
The «<|single <|>window|>» and two <|Single Windows|>; each <|SW|>.
#- b.concept.md
---
glossaries: [glossary/customs.terms.yaml]
---
A shared <|single
window|>.
#- c.concept.md
---
terms:
  single window:
    definition: Our own meaning.
---
This single window is ours.
`);
  });

  it('leaves out the declaration when asked', () => {
    checkReferences(
      `#- doc.concept.md
---
terms:
  data lake:
    definition: A store.
---
The <|data <|>lake|> and the <|data lakes|>.
`,
      false,
    );
  });

  it('finds a front-matter term from its definition', () => {
    checkReferences(`#- doc.concept.md
---
terms:
  <|data <|>lake|>:
    definition: A store.
---
The <|data lake|>.
#- other.concept.md
---
terms:
  data lake:
    definition: Another store.
---
Another data lake.
`);
  });

  it('finds every citation of an instrument, editions and term-base sources included', () => {
    const fx = multiFixture(`#- a.concept.md
Builds on <|@r<|>kc|> and [<|@rkc|>, General Annex].
#- b.concept.md
Also <|@rkc|>; not @safe-fos.
#- g.terms.yaml
terms:
  - term: customs procedure
    source: "<|@rkc|>, Specific Annex"
`);
    const doc = fx.ws.doc('a.concept.md');
    const got = fx.ws.service.findReferences(doc, doc.positionAt(fx.cursor!), false);
    expect(showLocations(fx.ws, got)).toEqual(fx.expected);
  });
});
