import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { main } from '../../server/src/cli';
import { parseDirective } from '../../server/src/core/suppression';
import { checkCode, workspace } from './helpers';
import { tempFolder } from '../tempFolder';

describe('suppression comments in Markdown', () => {
  it('disable-next-line silences the named code on the next line only', () => {
    checkCode(
      'undefined-term',
      `<!-- customs-concepts-disable-next-line undefined-term -- a quoted title -->
The «smart border» is quoted here.
But the «<|smart border|>» here is ours.
`,
    );
  });

  it('places the directives and the diagnostics from the chunks, never through the whole text (a TextDocument made for one check)', () => {
    const text = `---\nconcept: quiet\n---\n# Quiet\r\n\r\n<!-- customs-concepts-disable-next-line undefined-term -->\nThe «smart border» is quoted here.\rBut the «smart border» here is ours.\n\n<!-- customs-concepts-disable undefined-term -->\nThe «smart gate».\n<!-- customs-concepts-enable undefined-term -->\nThe «smart lane».\n`;
    const ws = workspace({ 'doc.concept.md': text });
    const doc = ws.doc('doc.concept.md');
    const positionAt = vi.spyOn(doc, 'positionAt');
    const got = ws.service.computeDiagnostics(doc).filter((d) => d.code === 'undefined-term').map((d) => d.range);
    expect(positionAt).not.toHaveBeenCalled();
    // Only the second «smart border» (a bare CR ends the line before it) and «smart lane» are left, where positionAt puts them.
    const whole = TextDocument.create(doc.uri, 'markdown', 1, text);
    const range = (at: number, label: string) => ({ start: whole.positionAt(at), end: whole.positionAt(at + label.length) });
    expect(got).toEqual([range(text.indexOf('smart border» here'), 'smart border'), range(text.indexOf('smart lane'), 'smart lane')]);
  });

  it('disable-next-line with another code silences nothing of this code', () => {
    checkCode(
      'undefined-term',
      `<!-- customs-concepts-disable-next-line deprecated-term -->
The «<|smart border|>».
`,
    );
  });

  it('disable-line silences its own line, in the middle of a paragraph', () => {
    checkCode(
      'undefined-term',
      `First line with «<|quantum customs|>».
The «smart border». <!-- customs-concepts-disable-line undefined-term -->
Last line with «<|quantum customs|>».
`,
    );
  });

  it('disable … enable blocks, for some codes or for all', () => {
    checkCode(
      'undefined-term',
      `«<|smart border|>» before.

<!-- customs-concepts-disable undefined-term, deprecated-term -->

«smart border» inside.

<!-- customs-concepts-enable undefined-term -->

«<|smart border|>» after.

<!-- customs-concepts-disable -->

«smart border» inside again, and @unknown-id.
`,
    );
    checkCode(
      'unknown-instrument',
      `<!-- customs-concepts-disable undefined-term -->
«smart border» and <|@unknown-id|>.
<!-- customs-concepts-disable -->
«smart border» and @unknown-id.
<!-- customs-concepts-enable -->
«smart border» and <|@unknown-id|>.
`,
    );
  });

  it('a comment in a code block is not a directive', () => {
    checkCode(
      'undefined-term',
      '```\n<!-- customs-concepts-disable -->\n```\n\nThe «<|smart border|>».\n',
    );
  });

  it('# comments in front matter silence front-matter diagnostics', () => {
    checkCode(
      'unknown-key',
      `---
# customs-concepts-disable-next-line unknown-key -- our own key
reviewer: someone
<|editor|>: someone else
---
Text.
`,
    );
  });

  it('# comments in a term base silence its diagnostics', () => {
    const text = `terms:
  - term: single window
  # customs-concepts-disable-next-line duplicate-definition -- kept for the 2019 edition
  - term: single window
  - term: data lake
  - term: data lake
`;
    const ws = workspace({ 'g.terms.yaml': text });
    const diags = ws.service.computeDiagnostics(ws.doc('g.terms.yaml')).filter((d) => d.code === 'duplicate-definition');
    expect(diags.map((d) => d.range.start.line)).toEqual([5]);
  });

  it('reads codes and a reason', () => {
    expect(parseDirective(' customs-concepts-disable-next-line undefined-term,deprecated-term -- because ', 0, 1)).toMatchObject({
      kind: 'disable-next-line',
      codes: new Set(['undefined-term', 'deprecated-term']),
      reason: 'because',
    });
    expect(parseDirective('customs-concepts-disable', 0, 1)).toMatchObject({ kind: 'disable', codes: undefined });
    expect(parseDirective('customs-concepts-disabled', 0, 1)).toBeUndefined();
    expect(parseDirective('a comment', 0, 1)).toBeUndefined();
  });
});

describe('suppression in the CLI', () => {
  it('honours the same comments', () => {
    const dir = tempFolder('cc-suppress-');
    const file = path.join(dir, 'doc.concept.md');
    fs.writeFileSync(file, '<!-- customs-concepts-disable-next-line undefined-term -->\nThe «smart border».\n');
    let out = '';
    const code = main(['check', file, '--format', 'json'], (s) => (out += s), () => undefined);
    expect(code).toBe(0);
    expect(JSON.parse(out)[0].diagnostics.filter((d: { code: string }) => d.code === 'undefined-term')).toEqual([]);
    fs.writeFileSync(file, 'The «smart border».\n');
    out = '';
    expect(main(['check', file, '--format', 'json'], (s) => (out += s), () => undefined)).toBe(1);
  });
});
