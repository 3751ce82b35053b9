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
