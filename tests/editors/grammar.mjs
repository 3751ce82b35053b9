// Tests the TextMate injection grammar (syntaxes/customs-concepts.injection.json) with
// the engine and the Markdown grammar of the VS Code that code-server ships
// (vscode-textmate + vscode-oniguruma, extensions/markdown-basics), so the scopes are the
// ones a user's editor computes.
//
//   node tests/editors/grammar.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE } from './lib/code-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vscodeDir = join(CACHE, 'code-server-4.139.1', 'node_modules', 'code-server', 'lib', 'vscode');
const require = createRequire(join(vscodeDir, 'package.json'));
let vsctm, oniguruma;
try {
  vsctm = require('vscode-textmate');
  oniguruma = require('vscode-oniguruma');
} catch {
  console.error(`grammar: cannot run: code-server's vscode-textmate not found under ${vscodeDir} (run tests/editors/setup.sh)`);
  process.exit(1);
}

const INJECTION = 'text.customs-concepts.injection';
// Every grammar that the Markdown and YAML extensions contribute (front matter embeds
// source.yaml, which includes source.yaml.1.2 and others), plus ours.
const grammars = { [INJECTION]: join(root, 'syntaxes', 'customs-concepts.injection.json') };
for (const ext of ['markdown-basics', 'yaml']) {
  const dir = join(vscodeDir, 'extensions', ext);
  for (const g of JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).contributes.grammars ?? []) grammars[g.scopeName] ??= join(dir, g.path);
}

// The fixture: prose, code spans, fenced and indented code, front matter, e-mail addresses.
const FIXTURE = `---
title: A «term» in front matter is YAML, not prose
source: "@wco-dcc"
---

The «digital customs» institution builds on [@rkc, General Annex, Chapter 7] and @safe-fos.
Several at once: [@wco-dm; @tfa, art. 10], a suppressed author -@dcmm, and Cyrillic «цифровая таможня».
Mail customs@example.org or see @it-guide.
Code is not prose: \`«not a term»\` and \`@not-a-citation\`.

\`\`\`yaml
terms: «still not a term» @nor-this
\`\`\`

    «indented code» @is-code-too
`;

// Expectations, as vscode-tmgrammar-test's `^^^ scope` lines would say them: every
// character of \`text\` (its first occurrence in the fixture's line \`line\`, 1-based) has
// \`scope\` (or, with \`not\`, does not).
const T = 'customs-concepts';
const EXPECT = [
  { line: 6, text: '«digital customs»', scope: `meta.term-reference.${T}` },
  { line: 6, text: '«', scope: `punctuation.definition.term.begin.${T}` },
  { line: 6, text: 'digital customs', scope: `entity.name.type.term.${T}` },
  { line: 6, text: '»', scope: `punctuation.definition.term.end.${T}` },
  { line: 6, text: '[@rkc, General Annex, Chapter 7]', scope: `meta.citation-group.${T}` },
  { line: 6, text: 'rkc', scope: `variable.other.constant.citation.${T}` },
  { line: 6, text: 'General Annex, Chapter 7', scope: `string.other.locator.${T}` },
  { line: 6, text: '@safe-fos', scope: `meta.citation.${T}` },
  { line: 6, text: 'safe-fos', scope: `variable.other.constant.citation.${T}` },
  { line: 6, text: '.', scope: `meta.citation.${T}`, not: true, nth: -1 }, // The final full stop ends the key.
  { line: 6, text: ' institution', scope: `meta.term-reference.${T}`, not: true },
  { line: 7, text: 'wco-dm', scope: `variable.other.constant.citation.${T}` },
  { line: 7, text: ';', scope: `punctuation.separator.citation.${T}` },
  { line: 7, text: 'tfa', scope: `variable.other.constant.citation.${T}` },
  { line: 7, text: 'dcmm', scope: `variable.other.constant.citation.${T}` },
  { line: 7, text: 'цифровая таможня', scope: `entity.name.type.term.${T}` },
  { line: 8, text: 'example.org', scope: `meta.citation.${T}`, not: true },
  { line: 8, text: 'it-guide', scope: `variable.other.constant.citation.${T}` },
  { line: 9, text: '«not a term»', scope: `meta.term-reference.${T}`, not: true },
  { line: 9, text: '@not-a-citation', scope: `meta.citation.${T}`, not: true },
  { line: 12, text: 'terms: «still not a term» @nor-this', scope: `meta.term-reference.${T}`, not: true },
  { line: 12, text: 'terms: «still not a term» @nor-this', scope: `meta.citation.${T}`, not: true },
  { line: 15, text: '«indented code» @is-code-too', scope: `meta.term-reference.${T}`, not: true },
  { line: 15, text: '«indented code» @is-code-too', scope: `meta.citation.${T}`, not: true },
  { line: 2, text: '«term»', scope: `meta.term-reference.${T}`, not: true }, // Front matter is YAML.
  { line: 3, text: '@wco-dcc', scope: `meta.citation.${T}`, not: true },
];

async function main() {
  const wasm = readFileSync(join(vscodeDir, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (grammars[scope] ? vsctm.parseRawGrammar(readFileSync(grammars[scope], 'utf8'), grammars[scope]) : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');

  // Tokenize, keeping for each line the scopes of each UTF-16 column.
  const lines = FIXTURE.split('\n');
  const scopesAt = [];
  let stack = vsctm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    const cols = [];
    for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) cols[i] = t.scopes;
    scopesAt.push(cols);
  }

  let passed = 0;
  let failed = 0;
  const check = (name, ok, detail) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `: ${detail}` : ''}`);
  };

  for (const e of EXPECT) {
    const line = lines[e.line - 1];
    const start = e.nth === -1 ? line.lastIndexOf(e.text) : line.indexOf(e.text);
    const name = `line ${e.line} "${e.text}" ${e.not ? 'is not' : 'is'} ${e.scope}`;
    if (start < 0) {
      check(name, false, 'text not found in the fixture');
      continue;
    }
    const bad = [];
    for (let c = start; c < start + e.text.length; c++) {
      const has = (scopesAt[e.line - 1][c] ?? []).some((s) => s === e.scope || s.startsWith(`${e.scope}.`));
      if (has === !!e.not) bad.push(`column ${c}: ${(scopesAt[e.line - 1][c] ?? []).join(' ')}`);
    }
    check(name, bad.length === 0, bad[0]);
  }

  console.log(`grammar: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

await main();
