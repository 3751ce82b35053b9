import { describe, expect, it } from 'vitest';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/core/index';
import { workspace } from './helpers';

/** Decodes semantic tokens into `line:char "text" type[.modifier…]` lines. */
function tokens(files: Record<string, string>, path: string): string[] {
  const ws = workspace(files);
  const doc = ws.doc(path);
  const { data } = ws.service.getSemanticTokens(doc);
  const lines = doc.getText().split(/\r?\n/);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    out.push(`${line}:${char} ${JSON.stringify(lines[line].slice(char, char + data[i + 2]))} ${[SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], ...mods].join('.')}`);
  }
  return out;
}

describe('semantic tokens', () => {
  it('marks defined and undefined terms, citations and section headings', () => {
    expect(
      tokens(
        {
          'g.terms.yaml': 'terms:\n  - term: single window\n    deprecated: [one-stop window]\n',
          'doc.concept.md': `---
glossaries: [g.terms.yaml]
terms:
  data lake:
    definition: A store.
---
# The data lake

A data lake, a single window, a one-stop window, risk management,
the «smart border», @rkc, @nope and @safe-fos-2012.
`,
        },
        'doc.concept.md',
      ),
    ).toEqual([
      '3:2 "data lake" term.declaration',
      '6:2 "The " section',
      '6:6 "data lake" term',
      '8:2 "data lake" term',
      '8:15 "single window" term',
      '8:32 "one-stop window" term.deprecated',
      '8:49 "risk management" undefinedTerm.defaultLibrary',
      '9:5 "smart border" undefinedTerm.unknown',
      '9:20 "@rkc" citation',
      '9:26 "@nope" citation.unknown',
      '9:36 "@safe-fos-2012" citation.deprecated',
    ]);
  });

  it('fills the gaps of every heading between its terms and citations, headings after and among uses', () => {
    expect(
      tokens(
        {
          'doc.concept.md': `---
terms:
  data lake:
    definition: A store.
---
A data lake before any heading, with @rkc.

# The data lake and @rkc
## data lake

The data lake again, a single window and @nope.

## Single window of the data lake, @rkc and risk management

### Plain heading
Text with the data lake.
## Last data lake
`,
        },
        'doc.concept.md',
      ),
    ).toMatchInlineSnapshot(`
      [
        "2:2 "data lake" term.declaration",
        "5:2 "data lake" term",
        "5:37 "@rkc" citation",
        "7:2 "The " section",
        "7:6 "data lake" term",
        "7:15 " and " section",
        "7:20 "@rkc" citation",
        "8:3 "data lake" term",
        "10:4 "data lake" term",
        "10:23 "single window" undefinedTerm.defaultLibrary",
        "10:41 "@nope" citation.unknown",
        "12:3 "Single window" undefinedTerm.defaultLibrary",
        "12:16 " of the " section",
        "12:24 "data lake" term",
        "12:33 ", " section",
        "12:35 "@rkc" citation",
        "12:39 " and " section",
        "12:44 "risk management" undefinedTerm.defaultLibrary",
        "14:4 "Plain heading" section",
        "15:14 "data lake" term",
        "16:3 "Last " section",
        "16:8 "data lake" term",
      ]
    `);
  });

  it('splits a term across lines into one token per line, in UTF-16 columns, on CRLF', () => {
    expect(tokens({ 'doc.concept.md': '---\r\nterms:\r\n  data lake: A store.\r\n---\r\nЦифра 🛃 data\r\nlake.\r\n' }, 'doc.concept.md')).toEqual([
      '2:2 "data lake" term.declaration',
      '4:9 "data" term',
      '5:0 "lake" term',
    ]);
  });

  it('marks labels and mentions in a term base', () => {
    expect(tokens({ 'g.terms.yaml': 'terms:\n  - term: single window\n    deprecated: [one-stop window]\n    related: [data lake]\n' }, 'g.terms.yaml')).toEqual([
      '1:10 "single window" term.declaration',
      '2:17 "one-stop window" term.declaration.deprecated',
      '3:14 "data lake" term',
    ]);
  });
});
