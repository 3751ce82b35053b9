/**
 * A term base the fast YAML reader cannot read is read once (`parseTermBaseYaml` reads it strictly, as the term
 * base's own reading does, which then takes that tree). That rests on what the `yaml` library does with `strict`:
 * the tree is the same either way, and a strict reading whose errors are not all of the strict-only kinds
 * (`onlyStrictErrors`) has errors when read leniently too. These tests hold the library to it, on texts made of the
 * pieces authors leave mid-keystroke.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit, type Document } from 'yaml';
import { parseTermBaseYaml } from '../../server/src/core/edit/yamlEdits';
import { onlyStrictErrors, parseYaml, readStrictYaml } from '../../server/src/core/yaml';
import { FUZZ_SCALE, FUZZ_SEED } from '../robustness/fuzz';

const lenient = (text: string) => parseDocument(text, { uniqueKeys: false, strict: false });

/** Every node's kind, value and range, in order. */
function shape(doc: Document): string {
  const out: unknown[] = [];
  visit(doc, (key, node) => {
    const n = node as { range?: unknown; value?: unknown; constructor: { name: string } } | null;
    out.push(n === null ? [key, null] : [key, n.constructor.name, typeof n.value === 'object' ? null : n.value, n.range]);
  });
  return JSON.stringify(out);
}

const piece = fc.constantFrom(
  'terms:', '  - term: single window', '    definition: >-', '      A text', '    variants: [one window, "the window"]', 'key: value',
  '"unclosed', "'single'", '# comment', 'k: v # c', 'k: "v"# c', 'k: [a# c]', '[a\n b: c]', '{a: 1, b', '[x, y]', '? k', ': v',
  '&a x', '*a', '|', '>-', '\t', ':', '- ', '  ', 'a:b', '`', '%YAML 1.2', '---', '...', `${'k'.repeat(1030)}: v`, 'k: |# c', '«цифровая таможня»: x',
);

describe('reading a term base strictly once', () => {
  it('gives the tree a lenient reading gives, with errors exactly when it has some (the strict-only kinds aside)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('\n', ' ', '\n  '), (parts, sep) => {
        const text = parts.join(sep);
        const strict = readStrictYaml(text);
        const loose = lenient(text);
        expect(shape(strict)).toBe(shape(loose));
        if (!strict.errors.length) expect(loose.errors).toHaveLength(0);
        else if (!onlyStrictErrors(strict)) expect(loose.errors.length).toBeGreaterThan(0);
        // What navigation, edits and the schema check get: errors when the lenient reading has some, and only then.
        expect(parseTermBaseYaml(text).errors.length > 0).toBe(loose.errors.length > 0);
      }),
      { seed: FUZZ_SEED, numRuns: 2000 * FUZZ_SCALE },
    );
  });

  it('hands the term base reading the tree it read, so an invalid term base is read once', () => {
    const text = 'terms:\n  - term: single window\n    definition: "A text left open\n  - term: other\n';
    const tree = parseTermBaseYaml(text);
    expect(tree.errors.length).toBeGreaterThan(0);
    const read = parseYaml(text, 0, tree);
    expect(read.doc).toBe(tree);
    // Its problems are those of reading the text afresh.
    expect(read.problems).toEqual(parseYaml(text).problems);
    expect(read.problems.length).toBeGreaterThan(0);
  });

  it('reads leniently again a file whose only errors are of strict reading, so it is still edited and schema-checked', () => {
    const text = 'terms:\n  - term: "single window"# no space before the comment\n    definition: A text.\n';
    expect(readStrictYaml(text).errors.map((e) => e.code)).toEqual(['MISSING_CHAR']);
    const tree = parseTermBaseYaml(text);
    expect(tree.errors).toHaveLength(0);
    // The term base's own reading still reports it.
    expect(parseYaml(text, 0, tree).problems.map((p) => p.code)).toEqual(['yaml-syntax']);
  });
});
