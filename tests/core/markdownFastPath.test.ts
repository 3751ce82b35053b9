/**
 * A chunk of plain prose, or a lone ATX heading, is read without markdown-it's
 * block parser (`plainParagraph`, `headingTokens` in `parse/markdown.ts`); every
 * other chunk goes through it. Both must give the
 * same structure: on random chunks made of the line starts that open a block
 * (headings, quotes, lists, fences, HTML, tables, setext underlines, reference
 * definitions, indented code, tabs, non-breaking spaces) mixed with prose lines,
 * and on every Markdown file of the repository split into chunks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, useAllInlineRules } from '../../server/src/core/parse/markdown';
import { splitChunks } from '../../server/src/core/parse/chunks';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

const ROOT = path.join(__dirname, '..', '..');

const LINE_STARTS = [
  '', ' ', '  ', '   ', '    ', '\t', '\u00a0', '# ', '## ', '#', '####### ', '###### ', '   # ', ' \t# ', '#\t', '> ', '>', '- ', '* ', '+ ', '-', '1. ', '1) ', '2. ', '```', '~~~', '<div>', '<!-- ', '<span>', '| ', ':', '---', '***', '___',
  '===', '[a]: /u ', '[a] ', '«', '@', '(', '"', '“', "'", '_', '&amp; ', '\\', 'É', 'Д', '😀', 'x', 'The ', 'a',
];
const LINE_REST = [' #', ' ##  ', '#', ' {#id}', '\\#',  ' ', '  ', '\u00a0', 'data lake', ' «single window» ', ' [@wco] ', ' [x](y) ', ' `code` ', ' <b> ', ' a | b ', ' --- ', ' *em* ', ' ===', ' \\', '\t', ' 1. x', 'Таможня', '\u2003'];
const EOL = ['\n', '\n', '\n', '\r\n', '\r'];

const line = fc.tuple(fc.constantFrom(...LINE_STARTS), fc.array(fc.constantFrom(...LINE_REST), { maxLength: 4 }), fc.constantFrom(...EOL)).map(([a, b, c]) => a + b.join('') + c);
const chunk = fc.array(line, { minLength: 0, maxLength: 6 }).map((ls) => ls.join(''));
const prose = fc
  .array(fc.tuple(fc.constantFrom('', ' ', '  ', '   '), fc.constantFrom('The ', 'a', 'É', 'Д', '«', '@', '(', '"'), fc.constantFrom('data lake', 'x y  ', 'z\u00a0', 'w\t', 'a `co', 'de` b', ' <!-- c', '--> d', ' [l](t) ', '<x', '](', ' ``', '\\`', ' <http://a.b> ', ' ![i](j)'), fc.constantFrom('\n', '\r\n', '\n   \n')), { minLength: 1, maxLength: 5 })
  .map((ls) => ls.map((p) => p.join('')).join(''));

const blank = fc.constantFrom('', ' ', '\t', '  ');
const headingChunk = fc
  .tuple(fc.array(blank, { maxLength: 2 }), fc.constantFrom('#', '##', '######', '#######', ' #', '   ##', '    #', '\t#'), fc.array(fc.constantFrom(...LINE_REST), { maxLength: 4 }), fc.array(blank, { maxLength: 2 }), fc.constantFrom(...EOL))
  .map(([before, marks, rest, after, eol]) => [...before, marks + rest.join(''), ...after].join(eol));

describe('the fast paths of the Markdown reader', () => {
  it('reads random chunks as markdown-it does', () => {
    fc.assert(
      fc.property(fc.oneof(chunk, prose, headingChunk), (text) => {
        expect(parseMarkdown(text)).toEqual(parseMarkdown(text, { parserOnly: true }));
      }),
      { seed: FUZZ_SEED, numRuns: 3000 * FUZZ_SCALE },
    );
  });

  it('finds the same spans with only the inline rules that can find one as with all of them and link targets normalised', () => {
    const inline = fc
      .array(fc.constantFrom('text ', '*', '**', '_', '~~', '`', '``', '\\`', '\\', '[', ']', '(', ')', '](', '<', '<b>', '</b>', '<!-- c -->', '<http://x.y/z>', '&amp;', '&#96;', '![', '\n', '  \n', '\\\n', '[l](t)', '[l](<a b>)', '*a [b](c) d*', '`[x](y)`', '[`c`](d)', '[a *b](c)*', 'javascript:', '[j](JavaScript:x)', '[p](http://таможня.рф/%zz)', '<http://ПРИМЕР.рф>', 'Д'), { minLength: 1, maxLength: 20 })
      .map((ps) => ps.join(''));
    const read = (text: string, all: boolean) => {
      useAllInlineRules(all);
      return parseMarkdown(text, { parserOnly: true });
    };
    try {
      fc.assert(
        fc.property(fc.oneof(inline, chunk, prose), (text) => {
          expect(read(text, false)).toEqual(read(text, true));
        }),
        { seed: FUZZ_SEED, numRuns: 3000 * FUZZ_SCALE },
      );
    } finally {
      useAllInlineRules(false);
    }
  });

  it('reads every chunk of the repository\'s Markdown as markdown-it does, and takes the fast path for some', () => {
    const files = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    let fast = 0;
    let all = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const c of splitChunks(text, 0)) {
        const slow = parseMarkdown(c.text, { parserOnly: true });
        expect(parseMarkdown(c.text), `${file} at ${c.start}`).toEqual(slow);
        all++;
        if (slow.regions.length === 1 && !slow.headings.length && !slow.exclusions.length && /^\s*\p{L}/u.test(c.text)) fast++;
      }
    }
    expect(all).toBeGreaterThan(100);
    expect(fast).toBeGreaterThan(10);
  });
});
