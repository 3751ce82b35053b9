#!/usr/bin/env node
// Pathological inputs for backtracking and quadratic scans (issue 7): every RegExp
// that reads user text (conceptDocument.ts CITATION and GUILLEMETS, markdown.ts
// `pandocId`, chunks.ts FENCE and HTML_OPEN, the term-base source scan) and
// markdown-it itself, each fed the input most likely to make it backtrack.
//
//   node bench/pathological.mjs                 every input at 1 MB, then at 5 MB
//   node bench/pathological.mjs --size=200000   one size (UTF-16 units)
//   node bench/pathological.mjs --budget=3000   per-input budget in ms (default 3000 per MB)
//
// Each input runs in its own process (a catastrophic case must not take the run
// down with it) with a timeout of ten budgets; the run exits 1 when an input is
// over budget. tests/robustness/pathological.test.ts checks, without timing, that
// every input completes and gives the `expect`ed result.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The inputs. `make(n)` returns a text of about n UTF-16 units; `kind` says how
 * it is read (a concept document or a term base); `expect` is what the parse
 * must find, checked by the unit test.
 */
export const PATHOLOGICAL = [
  // markdown.ts `pandocId` (was /\s*\{#([\w:.-]+)[^}]*\}\s*$/, quadratic).
  { id: 'heading-blank-run', about: 'a heading with a long run of blanks inside', kind: 'concept', make: (n) => '# a' + ' '.repeat(n) + 'b\n', expect: { headings: [{ id: undefined }] } },
  { id: 'heading-open-attribute', about: 'a heading with `{#` and no closing brace', kind: 'concept', make: (n) => '# x {#' + 'a'.repeat(n) + '\n', expect: { headings: [{ id: undefined }] } },
  { id: 'heading-many-attributes', about: 'a heading with many `{#a ` and one closing brace', kind: 'concept', make: (n) => '# x ' + '{#a '.repeat(Math.floor(n / 4)) + '}\n', expect: { headings: [{ id: 'a' }] } },
  { id: 'heading-many-braces', about: 'a heading of `{#a}` repeated, then text', kind: 'concept', make: (n) => '# x ' + '{#a}'.repeat(Math.floor(n / 4)) + ' y\n', expect: { headings: [{ id: undefined }] } },
  // conceptDocument.ts GUILLEMETS.
  { id: 'guillemet-unclosed', about: 'one `«` and no `»`', kind: 'concept', make: (n) => '«' + 'a'.repeat(n) + '\n', expect: { explicitUses: 0 } },
  { id: 'guillemet-many-opens', about: '`«a ` repeated, one `»` at the end', kind: 'concept', make: (n) => '«a '.repeat(Math.floor(n / 3)) + '»\n', expect: { explicitUses: 1 } },
  { id: 'guillemet-near-limit', about: '`«` + 199 letters, repeated, one `»`', kind: 'concept', make: (n) => ('«' + 'a'.repeat(199)).repeat(Math.max(1, Math.floor(n / 200))) + '»\n', expect: { explicitUses: 1 } },
  { id: 'guillemet-lines', about: '`«` followed by many short lines', kind: 'concept', make: (n) => '«' + 'a\n'.repeat(Math.floor(n / 2)), expect: { explicitUses: 0 } },
  // conceptDocument.ts CITATION.
  { id: 'citation-dashes', about: '`@a` and a long run of dashes', kind: 'concept', make: (n) => '@a' + '-'.repeat(n) + '\n', expect: { citations: 1 } },
  { id: 'citation-alternating', about: '`@a-a-a-…-`: one very long citation key', kind: 'concept', make: (n) => '@a' + '-a'.repeat(Math.floor(n / 2)) + '-\n', expect: { citations: 1 } },
  { id: 'citation-ats', about: '`@` repeated', kind: 'concept', make: (n) => '@'.repeat(n) + '\n', expect: { citations: 0 } },
  { id: 'citation-punctuation', about: '`@a` followed by every punctuation a key may hold, repeated', kind: 'concept', make: (n) => '@a' + ':.#$%&+?<>~/'.repeat(Math.floor(n / 12)) + '\n', expect: { citations: 1 } },
  { id: 'citation-emails', about: '`x@y.` repeated (no citation after a letter)', kind: 'concept', make: (n) => 'x@y.'.repeat(Math.floor(n / 4)) + '\n', expect: { citations: 0 } },
  // chunks.ts FENCE (was exponential on `> > > …`) and HTML_OPEN.
  { id: 'fence-quote-markers', about: '`> ` repeated, no fence', kind: 'concept', make: (n) => '> '.repeat(Math.floor(n / 2)) + 'x\n', expect: {} },
  { id: 'fence-list-markers', about: '`-  ` repeated, no fence', kind: 'concept', make: (n) => '-  '.repeat(Math.floor(n / 3)) + 'x\n', expect: {} },
  { id: 'fence-mixed-markers', about: '`1. > ` repeated, then a fence', kind: 'concept', make: (n) => '1. > '.repeat(Math.floor(n / 5)) + '```\ncode «x»\n```\n', expect: {} },
  { id: 'html-open-lines', about: '`<pre` on every line, never closed', kind: 'concept', make: (n) => '<pre\n'.repeat(Math.floor(n / 5)), expect: { explicitUses: 0 } },
  // markdown-it.
  { id: 'md-brackets', about: '`[` repeated', kind: 'concept', make: (n) => '['.repeat(n) + '\n', expect: {} },
  { id: 'md-link-openers', about: '`[a](` repeated', kind: 'concept', make: (n) => '[a]('.repeat(Math.floor(n / 4)) + '\n', expect: {} },
  { id: 'md-angle-brackets', about: '`<` repeated', kind: 'concept', make: (n) => '<'.repeat(n) + '\n', expect: {} },
  { id: 'md-backtick-runs', about: 'backtick runs of growing length', kind: 'concept', make: (n) => { let s = ''; for (let i = 1; s.length < n; i++) s += '`'.repeat(i) + ' '; return s + '\n'; }, expect: {} },
  { id: 'md-emphasis', about: '`*a` and `_` runs', kind: 'concept', make: (n) => '*a _'.repeat(Math.floor(n / 4)) + '\n', expect: {} },
  { id: 'md-comments', about: '`<!--` repeated, never closed', kind: 'concept', make: (n) => 'x <!--'.repeat(Math.floor(n / 6)) + '\n', expect: {} },
  { id: 'md-quotes-with-uses', about: 'nested block quotes with a use at each level', kind: 'concept', make: (n) => { const lines = []; let size = 0; for (let i = 1; size < n; i++) { const l = '>'.repeat(i % 40) + ' «x»'; lines.push(l); size += l.length + 1; } return lines.join('\n') + '\n'; }, expect: {} },
  { id: 'md-wide-table', about: 'a table of thousands of columns', kind: 'concept', make: (n) => { const c = Math.max(1, Math.floor(n / 6)); return '|' + 'a|'.repeat(c) + '\n|' + '-|'.repeat(c) + '\n|' + '«x»|'.repeat(Math.floor(c / 2)) + '\n'; }, expect: {} },
  // termBase / diagnostics: the `source:` citation scan.
  { id: 'source-dashes', about: 'a term-base `source:` of `@a` and dashes', kind: 'termBase', make: (n) => 'terms:\n  - term: a\n    source: "@a' + '-'.repeat(n) + '"\n', expect: { codes: ['unknown-instrument'] } },
  { id: 'source-alternating', about: 'a term-base `source:` of `@a-a-a-…`', kind: 'termBase', make: (n) => 'terms:\n  - term: a\n    source: "@a' + '-a'.repeat(Math.floor(n / 2)) + '-"\n', expect: { codes: ['unknown-instrument'] } },
  // YAML (the yaml package).
  { id: 'yaml-long-plain', about: 'a front-matter plain scalar of `a: ` repeated', kind: 'concept', make: (n) => '---\ntitle: ' + 'a :'.repeat(Math.floor(n / 3)) + '\n---\nx\n', expect: {} },
  { id: 'yaml-backslashes', about: 'a double-quoted scalar of backslashes, never closed', kind: 'termBase', make: (n) => 'terms:\n  - term: "' + '\\\\'.repeat(Math.floor(n / 2)) + '\n', expect: { codes: ['invalid-value', 'yaml-syntax'] } },
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs one input in this process: parses (and checks) it, and prints the time in ms. */
function runOne(corePath, id, size) {
  const core = require(corePath);
  const input = PATHOLOGICAL.find((p) => p.id === id);
  const text = input.make(size);
  const uri = input.kind === 'concept' ? 'file:///bench/p.concept.md' : 'file:///bench/p.terms.yaml';
  const service = core.createLanguageService({ builtin: core.loadBuiltinData(path.join(ROOT, 'server', 'data')), workspace: { read: () => ({ error: 'none' }), termBaseUris: () => [] } });
  const t = performance.now();
  if (input.kind === 'concept') core.parseConceptDocument(uri, text);
  service.computeDiagnostics(core.TextDocument.create(uri, 'x', 1, text));
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, length: text.length }));
}

let require;

async function main() {
  const argv = process.argv.slice(2);
  const opt = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const { createRequire } = await import('node:module');
  require = createRequire(import.meta.url);
  if (opt('one')) return runOne(opt('core'), opt('one'), Number(opt('size')));
  const { loadCore } = await import('./lib/core.mjs');
  const outDir = path.join(ROOT, 'bench', 'out', 'pathological');
  fs.mkdirSync(outDir, { recursive: true });
  await loadCore(ROOT, outDir);
  const corePath = path.join(outDir, 'core.cjs');
  const sizes = opt('size') ? [Number(opt('size'))] : [1_000_000, 5_000_000];
  const perMb = Number(opt('budget') ?? 3000);
  let over = 0;
  console.log('| input | size | ms | budget ms | |\n| --- | ---: | ---: | ---: | --- |');
  for (const size of sizes) {
    const budget = Math.max(perMb, (perMb * size) / 1_000_000);
    for (const p of PATHOLOGICAL) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--one=${p.id}`, `--size=${size}`, `--core=${corePath}`], { encoding: 'utf8', timeout: budget * 10, maxBuffer: 1024 * 1024 });
      let ms = NaN;
      let note = '';
      if (r.error || r.status !== 0) note = r.error?.code === 'ETIMEDOUT' ? `timed out after ${budget * 10} ms` : `failed: ${(r.stderr || '').split('\n')[0]}`;
      else ms = JSON.parse(r.stdout).ms;
      const bad = note || ms > budget;
      if (bad) over++;
      console.log(`| ${p.id} | ${size.toLocaleString('en')} | ${Number.isNaN(ms) ? '—' : ms.toFixed(0)} | ${budget.toFixed(0)} | ${bad ? `**over budget** ${note}` : 'ok'} |`);
    }
  }
  console.log(over ? `\n${over} input(s) over budget.` : '\nEvery input within budget.');
  process.exitCode = over ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
