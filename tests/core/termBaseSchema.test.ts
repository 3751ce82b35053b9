/**
 * A term base is checked against `terms.schema.json` as well as by its reader:
 * what only the schema forbids is reported, what both report is reported once
 * (the reader's message wins), and a file the schema cannot judge (YAML errors,
 * no map at all) gets no schema message.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './diagnosticLines';

const check = (text: string) => diagnosticsOf('g.terms.yaml', { 'g.terms.yaml': text });

describe('term base schema', () => {
  it('a valid term base has no diagnostic', () => {
    expect(check('language: fr\nterms:\n  - term: guichet unique\n    definition: Un point d’entrée.\n    role: general\n')).toEqual([]);
  });

  it('an empty term base, or one of comments only, has no diagnostic', () => {
    expect(check('')).toEqual([]);
    expect(check('# nothing yet\n')).toEqual([]);
  });

  it('reports every place the schema forbids, not only the first, naming the term base', () => {
    expect(check('colour: red\nterms:\n  - term: "single window "\n    definition: One entry point.\n')).toEqual([
      'unknown-key warning «colour» Unknown key `colour` in The term base.',
      'invalid-value error «"single window "» `terms[0].term` must be text matching `^\\S(.*\\S)?$`.',
    ]);
  });

  it('reports what the reader accepts and the schema does not', () => {
    expect(check('terms:\n  - term: x\n    definition: A store.\n    translation_confidence: 5\n')).toEqual([
      'invalid-value error «5» `terms[0].translation_confidence` must be a map of keys.',
    ]);
  });

  it('says once what reader and schema both find, in the reader’s words', () => {
    expect(check('terms:\n  - term: x\n    definition: A store.\n    flavour: 1\n')).toEqual([
      expect.stringMatching(/^unknown-key warning «flavour» Unknown term field `flavour`; expected one of: term, definition/),
    ]);
    expect(check('terms:\n  - term: x\n    definition: A store.\n    role: main\n')).toEqual([
      'invalid-value error «main» `role` must be `key` (a concept documents are expected to define) or `general` (general vocabulary).',
    ]);
    // The schema also finds the missing key, inside the reader's invalid value: not reported twice.
    expect(check('terms:\n  - definition: A store.\n')).toEqual([
      'invalid-value error «definition: A store.\n» This entry has no `term:` label (a text with at least one letter or digit).',
    ]);
  });

  it('keeps what only the schema finds next to what both find, and next to other problems of the same place', () => {
    expect(check('terms:\n  - term: x\n    definition: A store.\n    role: main\n    translation_confidence: 5\n')).toEqual([
      'invalid-value error «main» `role` must be `key` (a concept documents are expected to define) or `general` (general vocabulary).',
      'invalid-value error «5» `terms[0].translation_confidence` must be a map of keys.',
    ]);
    expect(check('terms:\n  - term: risk engine\n    definition: Scores.\n  - term: "Risk Engine "\n    definition: Scores again.\n')).toEqual([
      'duplicate-definition warning «"Risk Engine "» «risk engine» is already defined in this term base.',
      '  g.terms.yaml «risk engine» «risk engine» is defined here',
      '  g.terms.yaml «"Risk Engine "» «risk engine» is defined here',
      'invalid-value error «"Risk Engine "» `terms[1].term` must be text matching `^\\S(.*\\S)?$`.',
    ]);
  });

  it('a file with YAML errors gets only those, whatever else is wrong in it', () => {
    expect(check('colour: red\nterms: [\n')).toEqual([
      'yaml-syntax error «» YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('a term base that reuses anchored labels many times is still checked', () => {
    const entries = Array.from({ length: 120 }, (_, i) => `  - term: term ${i}\n    definition: Entry ${i}.\n    related: [*base]\n`).join('');
    const text = `terms:\n  - term: &base base term\n    definition: The base.\n${entries}  - term: "last "\n    definition: A final one.\n`;
    expect(check(text)).toEqual(['invalid-value error «"last "» `terms[121].term` must be text matching `^\\S(.*\\S)?$`.']);
  });

  it('a term base whose aliases expand without bound gets the reader’s diagnostics and no schema check', () => {
    const lol = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [k, p] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) lol.push(`${k}: &${k} [${Array(9).fill('*' + p).join(', ')}]`);
    const text = `${lol.join('\n')}\nterms:\n  - term: x\n    definition: A store.\n`;
    const lines = check(text);
    expect(lines.every((l) => /^[a-z-]+ (error|warning|information|hint) «/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Unknown key `a` in The term base'))).toBe(false);
  });
});
