/**
 * The pathological inputs of `bench/pathological.mjs` (backtracking and
 * quadratic-scan bait for every RegExp on user text and for markdown-it) all
 * complete and give the right result. Their timing is the benchmark's business
 * (`node bench/pathological.mjs`, with a time budget per input); the timeout here
 * is a hang guard only.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/index';
import { parseConceptDocument } from '../../server/src/core/parse/conceptDocument';
import { pandocId } from '../../server/src/core/parse/markdown';
import { loadBuiltinData } from '../../server/src/node/files';
// @ts-expect-error The bench is plain JavaScript without declarations.
import { PATHOLOGICAL } from '../../bench/pathological.mjs';

interface Input {
  id: string;
  about: string;
  kind: 'concept' | 'termBase';
  make: (n: number) => string;
  expect: { headings?: { id?: string }[]; explicitUses?: number; citations?: number; codes?: string[] };
}

const SIZE = 200_000;
const service = createLanguageService({ builtin: loadBuiltinData(), workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] } });

describe('pathological inputs', () => {
  for (const input of PATHOLOGICAL as Input[]) {
    it(`${input.id}: ${input.about}`, () => {
      const text = input.make(SIZE);
      const uri = input.kind === 'concept' ? 'file:///ws/p.concept.md' : 'file:///ws/p.terms.yaml';
      const diagnostics = service.computeDiagnostics(TextDocument.create(uri, 'x', 1, text));
      const { headings, explicitUses, citations, codes } = input.expect;
      if (input.kind === 'concept') {
        const doc = parseConceptDocument(uri, text);
        if (headings) expect(doc.markdown.headings.map((h) => ({ id: h.id }))).toEqual(headings);
        if (explicitUses !== undefined) expect(doc.explicitUses.length).toBe(explicitUses);
        if (citations !== undefined) expect(doc.citations.length).toBe(citations);
      }
      if (codes) expect([...new Set(diagnostics.map((d) => String(d.code)))].sort()).toEqual(codes);
    }, 60_000);
  }
});

describe('pandocId', () => {
  // What the RegExp it replaces found, on the cases that matter.
  const REGEXP = /\s*\{#([\w:.-]+)[^}]*\}\s*$/;
  const cases = ['Title {#sec:intro}', 'Title {#a .class key=v}  ', 'Title {#a} {#b}', 'T {#a {#b}', 'T {#}', 'T {# a}', 'T {#a}x', 'T\t{#x-y.z}\t', '{#only}', 'T {#a}}', 'T } {#a}', 'no id', '', '}'];
  for (const c of cases) {
    it(JSON.stringify(c), () => {
      const m = REGEXP.exec(c);
      const got = pandocId(c);
      expect(got ? { index: got.index, id: got[1] } : null).toEqual(m ? { index: m.index, id: m[1] } : null);
    });
  }
});
