/**
 * Shared pieces of the property tests: the example documents, random edits made
 * of the fragments that break parsers (guillemets, fences, YAML, Cyrillic, emoji,
 * lone surrogate halves, CRLF, citations, backticks), the seed and run counts.
 *
 * `FUZZ_RUNS` multiplies the number of runs (default 1: the CI budget);
 * `FUZZ_SEED` replays a run that failed (the failure message prints it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The example concept documents, with their paths (their glossaries are relative to them). */
export const EXAMPLE_DOCS = ['eeu-digital-customs.concept.md', 'eaeu-digital-customs-2030.concept.md', 'ru/eaeu-digital-customs.concept.md']
  .map((p) => path.join(EXAMPLES, p))
  .filter((p) => fs.existsSync(p))
  .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1) || 1);
export const FUZZ_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20260701;

/** Fragments that each stress some part of the parser or of the incremental caches. */
export const FRAGMENTS = [
  '«', '»', '«digital customs»', '«single window»', '«', '» ', '«a «b» c»',
  '---', '---\n', '\n---\n', '...\n', '---\nterms:\n  smart border: A border.\n---\n',
  'terms:\n', '  data lake: A store.\n', 'glossaries: [glossary/customs.terms.yaml]\n', ': ', '- ', '  - ', '"', "'", '[', ']', '{', '}', '&a ', '*a', '<<: *a\n', '#', 'language: ru\n',
  'цифровая таможня', 'таможни', 'ё', 'Ё', 'единое окно',
  '😀', '👩‍👩‍👧', '\uD83D', '\uDE00', '\u2011', '\u00A0', '\u200B',
  '\r\n', '\r', '\n', '\n\n', '\t',
  '@rkc', '@wco-dm', '@safe-fos-2012', '@', '[@rkc, p. 3]', 'e@mail.org',
  '`', '``', '```\n', '`code «x»`', '<!--', '-->', '<!-- customs-concepts-disable -->', '<b>', '](x)', '[link](target)',
  '# ', '## Scope\n', '> ', '* ', '1. ', '|a|b|\n|-|-|\n',
  'digital customs', 'e-Customs', 'single windows', 'risk management', ' ', '.',
];

export interface RawEdit {
  /** Where, as a fraction of the text length (so shrinking keeps edits meaningful). */
  at: number;
  /** How many UTF-16 units to delete. */
  del: number;
  insert: string;
}

/**
 * Where an edit falls, as a fraction of the text length, uniform over the text. `fc.double` draws
 * uniformly over the representable doubles, almost all of which are tiny: with it nearly every edit
 * falls at the start of the text, in the front matter, and never reaches the chunks of the body.
 */
export const editAt: fc.Arbitrary<number> = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

export const rawEdit: fc.Arbitrary<RawEdit> = fc.record({
  at: editAt,
  del: fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 40 })),
  insert: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant('') },
  ),
});


/**
 * Applies a raw edit to `text` and returns the LSP change that does the same.
 * Offsets may fall inside a surrogate pair or between CR and LF: that is the point.
 * (A CR/LF pair is one line break, so an offset between them has no LSP position
 * of its own; the change then starts or ends at the line break.)
 * Positions come from a document created from the text, never from one kept up
 * to date with `TextDocument.update`, whose line index can go wrong (see
 * `syncedTextDocuments` in syncedDocuments.ts).
 */
export function applyRaw(text: string, e: RawEdit): { text: string; change: { range: Range; text: string } } {
  const doc = TextDocument.create('file:///x', 'x', 0, text);
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const range = { start: doc.positionAt(at), end: doc.positionAt(Math.min(text.length, at + e.del)) };
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return { text: text.slice(0, start) + e.insert + text.slice(end), change: { range, text: e.insert } };
}

/** A random document: an example with a few random edits applied. */
export const randomDocument = fc.record({ example: fc.nat({ max: EXAMPLE_DOCS.length - 1 }), edits: fc.array(rawEdit, { maxLength: 8 }) }).map(({ example, edits }) => {
  let text = EXAMPLE_DOCS[example].text;
  for (const e of edits) text = applyRaw(text, e).text;
  return { file: EXAMPLE_DOCS[example].file, text };
});

/** Offsets of LSP text edits in `text`, checked: inside the text, not splitting a surrogate pair or CRLF, not overlapping. */
export function checkedOffsets(text: string, edits: TextEdit[]): { start: number; end: number; newText: string }[] {
  const doc = TextDocument.create('file:///x', 'x', 0, text);
  const offset = (p: { line: number; character: number }) => {
    // `offsetAt` clamps a position outside the text; one that does not come back unchanged was invalid.
    const o = doc.offsetAt(p);
    const back = doc.positionAt(o);
    if (back.line !== p.line || back.character !== p.character) throw new Error(`position ${p.line}:${p.character} is outside the document`);
    if (text[o - 1] === '\r' && text[o] === '\n') throw new Error(`offset ${o} splits a CRLF`);
    const c = text.charCodeAt(o);
    if (c >= 0xdc00 && c <= 0xdfff && o > 0 && text.charCodeAt(o - 1) >= 0xd800 && text.charCodeAt(o - 1) <= 0xdbff) throw new Error(`offset ${o} splits a surrogate pair`);
    return o;
  };
  const out = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const e of out) if (e.end < e.start) throw new Error(`edit ends before it starts (${e.start}-${e.end})`);
  for (let i = 1; i < out.length; i++) if (out[i].start < out[i - 1].end) throw new Error(`edits overlap at ${out[i].start}`);
  return out;
}

/** Applies checked edits, and checks that the text between them is byte-identical to the original. */
export function applyChecked(text: string, edits: TextEdit[]): string {
  const offsets = checkedOffsets(text, edits);
  let out = '';
  let at = 0;
  const kept: [number, number, number][] = [];
  for (const e of offsets) {
    kept.push([at, e.start, out.length]);
    out += text.slice(at, e.start);
    out += e.newText;
    at = e.end;
  }
  kept.push([at, text.length, out.length]);
  out += text.slice(at);
  for (const [s, e, o] of kept) if (out.slice(o, o + (e - s)) !== text.slice(s, e)) throw new Error(`text outside the edits changed at ${s}`);
  // The library applies them the same way.
  const lib = TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), edits);
  if (lib !== out) throw new Error('TextDocument.applyEdits disagrees');
  return out;
}
