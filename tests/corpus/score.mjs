#!/usr/bin/env node
/**
 * Scores the checker on the labelled corpus: runs the built CLI on
 * `tests/corpus` (JSON output) and compares its diagnostics with
 * `tests/corpus/expected.yaml`.
 *
 *   node tests/corpus/score.mjs [--json] [--min-recall R] [--max-false-alarm F] [--input report.json] [--labels expected.yaml]
 *
 * - An `expect` label is found when a diagnostic of the same document has the
 *   same code and starts on the label's line (a diagnostic covering the label's
 *   text is preferred when several qualify); each diagnostic satisfies one label.
 * - A `clean` place is flagged when a diagnostic that satisfies no `expect`
 *   label overlaps the label's text on its line (`missing-section`, anchored
 *   on `model:` or the first heading by convention, flags nothing).
 * - A reported diagnostic that satisfies no label is a repeat when it is an
 *   `undefined-term` or `instrument-mention` naming the same thing as an
 *   earlier label of the document (an expected first mention, or for
 *   instruments a name cited where it first appears); otherwise it is wrong.
 *
 * recall = found / expected; precision = found / (reported - repeats);
 * false-alarm rate = flagged clean places / clean places.
 * Exit code: 0, or 1 when a threshold is not met, 2 when the labels or the
 * CLI output cannot be read.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The folder of the labels file: documents are named relative to it, and it is the folder checked. */
let here = path.dirname(fileURLToPath(import.meta.url));

const REPEATABLE = new Set(['undefined-term', 'instrument-mention']);

function fail(message) {
  process.stderr.write(`score: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { json: false, minRecall: undefined, maxFalseAlarm: undefined, input: undefined, labels: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    const number = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 1) fail(`${a} takes a number between 0 and 1 (got \`${v}\`)`);
      return n;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--min-recall' || a.startsWith('--min-recall=')) opts.minRecall = number();
    else if (a === '--max-false-alarm' || a.startsWith('--max-false-alarm=')) opts.maxFalseAlarm = number();
    else if (a === '--input' || a.startsWith('--input=')) opts.input = value();
    else if (a === '--labels' || a.startsWith('--labels=')) opts.labels = value();
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: node tests/corpus/score.mjs [--json] [--min-recall R] [--max-false-alarm F] [--input report.json] [--labels expected.yaml]\n');
      process.exit(0);
    } else fail(`unknown option \`${a}\``);
  }
  return opts;
}

/** Lines of a file without their terminators (CRLF files included). */
function readLines(file) {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The labels, each with its range (0-based line, UTF-16 columns) checked against the file. */
function readLabels(labelsFile) {
  const file = labelsFile;
  let data;
  try {
    data = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read expected.yaml: ${e.message}`);
  }
  if (!data || typeof data.documents !== 'object') fail('expected.yaml has no `documents:` map');
  const docs = new Map();
  const problems = [];
  for (const [name, entry] of Object.entries(data.documents)) {
    const abs = path.join(here, name);
    if (!fs.existsSync(abs)) {
      problems.push(`${name}: no such file`);
      continue;
    }
    const lines = readLines(abs);
    const place = (label, kind) => {
      if (!Number.isInteger(label.line) || typeof label.text !== 'string' || !label.text) {
        problems.push(`${name}: a ${kind} label needs \`line\` and \`text\` (${JSON.stringify(label)})`);
        return undefined;
      }
      if (kind === 'expect' && typeof label.code !== 'string') {
        problems.push(`${name}:${label.line}: an expect label needs a \`code\``);
        return undefined;
      }
      const line = lines[label.line - 1];
      let col = -1;
      for (let n = 0, from = 0; line !== undefined && n < (label.nth ?? 1); n++, from = col + 1) col = line.indexOf(label.text, from);
      if (col < 0) {
        problems.push(`${name}:${label.line}: \`${label.text}\` is not on this line`);
        return undefined;
      }
      return { ...label, kind, start: { line: label.line - 1, character: col }, end: { line: label.line - 1, character: col + label.text.length } };
    };
    const expect = (entry?.expect ?? []).map((l) => place(l, 'expect')).filter(Boolean);
    const clean = (entry?.clean ?? []).map((l) => place(l, 'clean')).filter(Boolean);
    docs.set(name, { name, lines, expect, clean });
  }
  if (problems.length) fail(`labels that do not fit their documents:\n  ${problems.join('\n  ')}`);
  return docs;
}

/** The CLI's JSON report: `[{file, diagnostics}]`, file paths relative to the repository. */
function runChecker(opts) {
  let text;
  if (opts.input) {
    text = fs.readFileSync(opts.input, 'utf8');
  } else {
    const cli = path.join(root, 'bin', 'customs-concepts.js');
    const r = spawnSync(process.execPath, [cli, 'check', path.relative(root, here) || '.', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) fail(`cannot run the CLI: ${r.error.message}`);
    if (r.status !== 0 && r.status !== 1) fail(`the CLI exited with ${r.status} (build first: npm run build)\n${r.stderr}`);
    text = r.stdout;
  }
  let report;
  try {
    report = JSON.parse(text);
  } catch (e) {
    fail(`the CLI output is not JSON: ${e.message}`);
  }
  if (!Array.isArray(report)) fail('the CLI output is not a list of files');
  const byDoc = new Map();
  for (const f of report) {
    const rel = path.relative(here, path.resolve(root, f.file)).split(path.sep).join('/');
    byDoc.set(rel, (f.diagnostics ?? []).map((d) => ({ ...d, code: String(d.code ?? '') })));
  }
  return byDoc;
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.character < b.character);
const samePos = (a, b) => a.line === b.line && a.character === b.character;

/** Whether a diagnostic's range overlaps a label's range (an empty range counts as the point it marks). */
function overlaps(d, label) {
  const s = d.range.start;
  const e = d.range.end;
  if (samePos(s, e)) return !before(s, label.start) && before(s, label.end);
  return before(s, label.end) && before(label.start, e);
}

function coveredText(lines, range) {
  const { start, end } = range;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
  const parts = [(lines[start.line] ?? '').slice(start.character)];
  for (let l = start.line + 1; l < end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[end.line] ?? '').slice(0, end.character));
  return parts.join('\n');
}

const words = (s) => s.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** Two words are the same word when one is the other or they share their first five letters (inflection). */
const sameWord = (a, b) => a === b || (Math.min(a.length, b.length) >= 4 && a.slice(0, Math.min(5, a.length, b.length)) === b.slice(0, Math.min(5, a.length, b.length)));
/** Whether two names are the same words, inflection aside. */
function nameMatches(a, b) {
  const x = words(a);
  const y = words(b);
  return x.length > 0 && x.length === y.length && x.every((w, i) => sameWord(w, y[i]));
}
/** Whether the words of `name` occur in a row in `text` (a name inside a longer label, such as a cited title). */
function containsName(text, name) {
  const big = words(text);
  const small = words(name);
  if (!small.length || small.length > big.length) return false;
  for (let i = 0; i + small.length <= big.length; i++) if (small.every((w, j) => sameWord(w, big[i + j]))) return true;
  return false;
}

function scoreDocument(doc, diagnostics) {
  const consumed = new Map(); // diagnostic → label
  const found = new Set();
  // First the diagnostics that cover the label's text, then any on the label's line.
  for (const strict of [true, false]) {
    for (const label of doc.expect) {
      if (found.has(label)) continue;
      const d = diagnostics.find((x) => !consumed.has(x) && x.code === label.code && x.range.start.line === label.start.line && (!strict || overlaps(x, label)));
      if (d) {
        consumed.set(d, label);
        found.add(label);
      }
    }
  }
  const misses = doc.expect.filter((l) => !found.has(l));
  const falseAlarms = [];
  for (const label of doc.clean) {
    // `missing-section` sits on `model:` or the first heading by convention: it says nothing about that text.
    const by = diagnostics.filter((d) => !consumed.has(d) && d.code !== 'missing-section' && overlaps(d, label));
    if (by.length) falseAlarms.push({ label, by });
  }
  // Names cited where they stand: a later uncited mention of the same instrument is a repeat.
  const cited = doc.clean.filter((l) => /@[\w]/.test(l.text) || /^[\s*_]*[([]@/.test(`${doc.lines[l.start.line].slice(l.end.character)} ${doc.lines[l.start.line + 1] ?? ''}`));
  const repeats = [];
  const wrong = [];
  for (const d of diagnostics) {
    if (consumed.has(d)) continue;
    const text = coveredText(doc.lines, d.range);
    const onClean = doc.clean.some((l) => overlaps(d, l));
    // The names an earlier label stands for: its text, its forms, and the text its diagnostic covers.
    const namesOf = (l) => [l.text, ...(l.forms ?? []), ...[...consumed].filter(([, x]) => x === l).map(([y]) => coveredText(doc.lines, y.range))];
    const repeat = !onClean && REPEATABLE.has(d.code) && (
      doc.expect.some((l) => l.code === d.code && before(l.start, d.range.start) && namesOf(l).some((n) => nameMatches(n, text)))
      || (d.code === 'instrument-mention' && cited.some((l) => before(l.start, d.range.start) && containsName(l.text, text))));
    (repeat ? repeats : wrong).push({ d, text });
  }
  return { found: found.size, misses, falseAlarms, repeats, wrong, reported: diagnostics.length };
}

const ratio = (n, d) => (d === 0 ? 1 : n / d);
const pct = (x) => `${(100 * x).toFixed(1)}%`;

function main() {
  // Output piped into `head` and the like: stop quietly when the reader goes away.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const opts = parseArgs(process.argv.slice(2));
  const labelsFile = path.resolve(opts.labels ?? path.join(here, 'expected.yaml'));
  here = path.dirname(labelsFile);
  const docs = readLabels(labelsFile);
  const report = runChecker(opts);
  const results = [];
  for (const doc of docs.values()) {
    const r = scoreDocument(doc, report.get(doc.name) ?? []);
    results.push({ doc, ...r });
  }
  // Reports on files that have no labels are wrong reports too.
  const unlabelledFiles = [...report.entries()].filter(([name, ds]) => !docs.has(name) && ds.length);
  const total = { expected: 0, found: 0, reported: 0, repeats: 0, wrong: 0, clean: 0, flagged: 0 };
  const rows = results.map((r) => {
    const row = {
      document: r.doc.name,
      expected: r.doc.expect.length,
      found: r.found,
      reported: r.reported,
      repeats: r.repeats.length,
      wrong: r.wrong.length,
      clean: r.doc.clean.length,
      flagged: r.falseAlarms.length,
    };
    for (const k of Object.keys(total)) total[k] += row[k];
    return row;
  });
  for (const [, ds] of unlabelledFiles) {
    total.reported += ds.length;
    total.wrong += ds.length;
  }
  const withRates = (row) => ({
    ...row,
    recall: ratio(row.found, row.expected),
    precision: ratio(row.found, row.reported - row.repeats),
    falseAlarmRate: ratio(row.flagged, row.clean) === 1 && row.clean === 0 ? 0 : ratio(row.flagged, row.clean),
  });
  const misses = results.flatMap((r) => r.misses.map((l) => ({ document: r.doc.name, line: l.line, code: l.code, text: l.text, why: l.why })));
  const falseAlarms = results.flatMap((r) => r.falseAlarms.map(({ label, by }) => ({ document: r.doc.name, line: label.line, text: label.text, why: label.why, by: by.map((d) => ({ code: d.code, line: d.range.start.line + 1, character: d.range.start.character + 1, message: d.message })) })));
  const wrong = [
    ...results.flatMap((r) => r.wrong.map(({ d, text }) => ({ document: r.doc.name, line: d.range.start.line + 1, character: d.range.start.character + 1, code: d.code, text, message: d.message }))),
    ...unlabelledFiles.flatMap(([name, ds]) => ds.map((d) => ({ document: name, line: d.range.start.line + 1, character: d.range.start.character + 1, code: d.code, text: '', message: d.message }))),
  ];
  const repeats = results.flatMap((r) => r.repeats.map(({ d, text }) => ({ document: r.doc.name, line: d.range.start.line + 1, code: d.code, text })));
  const out = { documents: rows.map(withRates), total: withRates({ document: 'total', ...total }), misses, falseAlarms, wrong, repeats };
  const countBy = (list, key) => Object.entries(list.reduce((m, x) => ((m[key(x)] = (m[key(x)] ?? 0) + 1), m), {})).sort((a, b) => b[1] - a[1]);
  out.classes = {
    misses: Object.fromEntries(countBy(misses, (m) => m.code)),
    falseAlarms: Object.fromEntries(countBy(falseAlarms.flatMap((f) => f.by), (d) => d.code)),
    wrong: Object.fromEntries(countBy(wrong, (w) => w.code)),
  };

  if (opts.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const w = (s, n) => String(s).padEnd(n);
    const line = (r) => `${w(r.document, 46)} ${w(`${r.found}/${r.expected}`, 8)} ${w(pct(r.recall), 7)} ${w(`${r.found}/${r.reported - r.repeats}`, 8)} ${w(pct(r.precision), 7)} ${w(r.repeats, 8)} ${w(`${r.flagged}/${r.clean}`, 8)} ${pct(r.falseAlarmRate)}`;
    const print = (s = '') => process.stdout.write(s + '\n');
    print(`${w('document', 46)} ${w('found', 8)} ${w('recall', 7)} ${w('right', 8)} ${w('prec.', 7)} ${w('repeats', 8)} ${w('flagged', 8)} false alarms`);
    for (const r of out.documents) print(line(r));
    print(line(out.total));
    print();
    print(`Misses (${misses.length}):`);
    for (const m of misses) print(`  ${m.document}:${m.line} ${m.code} «${m.text}» — ${m.why ?? ''}`);
    print();
    print(`False alarms on clean places (${falseAlarms.length}):`);
    for (const f of falseAlarms) print(`  ${f.document}:${f.line} «${f.text}» (${f.why ?? ''}) flagged by ${f.by.map((d) => `${d.code} at ${d.line}:${d.character}`).join(', ')}`);
    print();
    print(`Wrong reports (${wrong.length}): reported, neither expected nor a repeat (those on clean places are also listed above):`);
    for (const x of wrong) print(`  ${x.document}:${x.line}:${x.character} ${x.code} «${x.text.replace(/\n/g, ' ')}»`);
    print();
    print(`Classes — misses: ${JSON.stringify(out.classes.misses)}; false alarms by code: ${JSON.stringify(out.classes.falseAlarms)}; wrong reports by code: ${JSON.stringify(out.classes.wrong)}`);
  }
  const t = out.total;
  let ok = true;
  if (opts.minRecall !== undefined && t.recall < opts.minRecall) {
    process.stderr.write(`recall ${pct(t.recall)} is below ${pct(opts.minRecall)}\n`);
    ok = false;
  }
  if (opts.maxFalseAlarm !== undefined && t.falseAlarmRate > opts.maxFalseAlarm) {
    process.stderr.write(`false-alarm rate ${pct(t.falseAlarmRate)} is above ${pct(opts.maxFalseAlarm)}\n`);
    ok = false;
  }
  process.exitCode = ok ? 0 : 1;
}

main();
