/**
 * Incremental parsing equals parsing from scratch, in-process (fast, so it runs
 * many more cases than the server-level property test): after each random edit,
 * the document parsed from its previous version (chunks reused, moved, split
 * again only where the edit fell) has exactly the chunks, and the language
 * service exactly the diagnostics, of the same text parsed fresh.
 *
 * Seeded and reproducible: `FUZZ_SEED=<seed>`, `FUZZ_RUNS=<n>` (see fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConceptDocument } from '../../server/src/core/parse/conceptDocument';
import { splitChunks } from '../../server/src/core/parse/chunks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editAt, EXAMPLE_DOCS, EXAMPLES, FUZZ_SCALE, FUZZ_SEED, rawEdit } from './fuzz';
import { workspace } from '../core/helpers';

/** The example folder's term bases and models, by path relative to it. */
function exampleFiles(dir = EXAMPLES, out: Record<string, string> = {}): Record<string, string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) exampleFiles(full, out);
    else if (/\.(terms|model)\.ya?ml$/.test(e.name)) out[path.relative(EXAMPLES, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

const RUNS = 300 * FUZZ_SCALE;
const stats = { runs: 0, edits: 0 };
afterAll(() => console.log(`incremental chunks vs. from scratch: ${stats.runs} runs, ${stats.edits} edits (seed ${FUZZ_SEED})`));

/** Some lines that change how the body splits: fences, HTML blocks, indented code, blank lines. */
const BLOCKY = ['\n\n', '```\n', '~~~~\n', '    indented\n', '<!--\n', '-->\n', '<pre>\n', '</pre>\n', '- item\n\n  continued\n', '> quote\n', '\r\n\r\n'];

const edit = fc.oneof(
  { weight: 3, arbitrary: rawEdit },
  { weight: 2, arbitrary: fc.record({ at: editAt, del: fc.nat({ max: 30 }), insert: fc.constantFrom(...BLOCKY) }) },
  // Deletions across several chunks.
  { weight: 1, arbitrary: fc.record({ at: editAt, del: fc.nat({ max: 3000 }), insert: fc.constantFrom('', 'x', '\n\n', 'a\n\nb\n\n') }) },
);

function apply(text: string, e: { at: number; del: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.del));
}

describe('incremental chunking (in-process)', () => {
  it('reuses chunks after any edit exactly as a fresh split would cut them', () => {
    fc.assert(
      fc.property(fc.nat({ max: EXAMPLE_DOCS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (example, edits) => {
        stats.runs++;
        let text = EXAMPLE_DOCS[example].text;
        let doc = parseConceptDocument('file:///w/a.concept.md', text);
        // The same edits again, each with the hint the server gives (where the edit fell).
        let hinted = doc;
        for (const e of edits) {
          stats.edits++;
          const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
          const hint = { oldLength: text.length, start: at, oldEnd: Math.min(text.length, at + e.del), newEnd: at + e.insert.length };
          text = apply(text, e);
          doc = parseConceptDocument('file:///w/a.concept.md', text, undefined, new Map(), doc);
          hinted = parseConceptDocument('file:///w/a.concept.md', text, undefined, new Map(), hinted, hint);
          const fresh = parseConceptDocument('file:///w/a.concept.md', text);
          expect(hinted.chunks.map((c) => [c.start, c.text])).toEqual(fresh.chunks.map((c) => [c.start, c.text]));
          expect(hinted.markdown).toEqual(fresh.markdown);
          expect(doc.chunks.map((c) => [c.start, c.text])).toEqual(splitChunks(text, fresh.bodyStart).map((c) => [c.start, c.text]));
          expect(doc.chunks.map((c) => [c.start, c.text])).toEqual(fresh.chunks.map((c) => [c.start, c.text]));
          expect(doc.explicitUses).toEqual(fresh.explicitUses);
          expect(doc.citations).toEqual(fresh.citations);
          expect(doc.markdown).toEqual(fresh.markdown);
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('resumes after a deletion across chunks only where the old text continues', () => {
    // Equal paragraphs, so that a deletion from inside one paragraph can end exactly where a
    // later paragraph starts: chunk boundaries inside the deleted part must never be taken as kept.
    const para = (i: number) => `${String.fromCharCode(65 + i)}: paragraph ${String(i).padStart(2, '0')} of the body.\n\n`;
    const L = para(0).length;
    const body = Array.from({ length: 12 }, (_, i) => para(i)).join('');
    const old = parseConceptDocument('file:///w/a.concept.md', body);
    for (const [start, del] of [[2 * L + 1, 2 * L], [2 * L + 1, 3 * L], [3 * L + 5, L - 5], [2 * L, 4 * L], [L + 3, 5 * L - 3]]) {
      for (const insert of ['', 'x', '\n\n']) {
        const text = body.slice(0, start) + insert + body.slice(start + del);
        const hint = { oldLength: body.length, start, oldEnd: start + del, newEnd: start + insert.length };
        const fresh = parseConceptDocument('file:///w/a.concept.md', text);
        for (const doc of [parseConceptDocument('file:///w/a.concept.md', text, undefined, new Map(), old), parseConceptDocument('file:///w/a.concept.md', text, undefined, new Map(), old, hint)]) {
          expect(doc.chunks.map((c) => [c.start, c.text])).toEqual(fresh.chunks.map((c) => [c.start, c.text]));
        }
      }
    }
  });

  it('gives the diagnostics of a fresh analysis after each edit (chunk and use caches reused)', () => {
    // Two services over the same files: one sees every version in turn, the other forgets the document before each check.
    const files = exampleFiles();
    const incremental = workspace(files);
    const fresh = workspace(files);
    let version = 1;
    fc.assert(
      fc.property(fc.nat({ max: EXAMPLE_DOCS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (example, edits) => {
        let text = EXAMPLE_DOCS[example].text;
        const rel = path.relative(EXAMPLES, path.join(path.dirname(EXAMPLE_DOCS[example].file), 'fuzz.concept.md')).split(path.sep).join('/');
        const uri = incremental.uri(rel);
        incremental.service.invalidate(uri);
        incremental.service.computeDiagnostics(TextDocument.create(uri, 'markdown', version++, text));
        for (const e of edits) {
          text = apply(text, e);
          const got = incremental.service.computeDiagnostics(TextDocument.create(uri, 'markdown', version++, text));
          fresh.service.invalidate(uri);
          const want = fresh.service.computeDiagnostics(TextDocument.create(uri, 'markdown', 1, text));
          expect(got).toEqual(want);
        }
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil(RUNS / 6) },
    );
  });
});
