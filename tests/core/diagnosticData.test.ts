/**
 * What quick fixes and other tools read from a diagnostic besides its message: its `data` (the term to
 * define and whether a term base knows it, the replacement of a superseded citation, the instrument a
 * mention names), the message of an implicit use of a term a workspace term base knows, and which
 * instrument mentions are left alone (headings). Shown whole, per diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { workspace } from './helpers';

const FILES = {
  'glossary.terms.yaml': 'terms:\n  - term: single window\n    definition: One entry point.\n    deprecated: [one-stop window]\n',
  'swamp.terms.yaml': 'terms:\n  - term: data swamp\n    definition: A swamp of data.\n',
  'doc.concept.md': `---
glossaries: [glossary.terms.yaml]
---
# The Revised Kyoto Convention in a heading

A one-stop window, «mystery term» and «data swamp».
The data swamp again, and the electronic customs.
Cites @safe-fos-2012, @cu-cc and @nope.
The Revised Kyoto Convention, named in prose.
`,
};

function data(settings = {}) {
  const ws = workspace(FILES, settings);
  const text = FILES['doc.concept.md'];
  const doc = ws.doc('doc.concept.md');
  return ws.service.computeDiagnostics(doc).map((d) => `${d.code} «${text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end))}» ${JSON.stringify(d.data ?? null)}`);
}

describe('diagnostic data', () => {
  it('carries what the quick fixes need, for every diagnostic of a document', () => {
    expect(data()).toMatchInlineSnapshot(`
      [
        "deprecated-term «one-stop window» {"replacement":"single window"}",
        "undefined-term «mystery term» {"term":"mystery term","known":false}",
        "undefined-term «data swamp» {"term":"data swamp","known":true}",
        "undefined-term «data swamp» {"term":"data swamp","known":true,"implicit":true}",
        "undefined-term «electronic customs» {"term":"electronic customs","known":true,"implicit":true}",
        "superseded-instrument «@safe-fos-2012» {"id":"safe-fos-2012","replacement":"safe-fos-2025"}",
        "superseded-instrument «@cu-cc» {"id":"cu-cc","replacement":"eaeu-cc"}",
        "unknown-instrument «@nope» {"id":"nope","suggestions":[]}",
        "instrument-mention «Revised Kyoto Convention» {"id":"rkc"}",
      ]
    `);
  });

  it('names the term base that knows an implicit use, or the built-in one', () => {
    const ws = workspace(FILES);
    const messages = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).filter((d) => (d.data as { implicit?: boolean } | undefined)?.implicit).map((d) => d.message);
    expect(messages).toEqual([
      '«data swamp» is a known term (swamp.terms.yaml) that this document does not define.',
      '«electronic customs» is a known term (WCO starter term base) that this document does not define.',
    ]);
  });
});
