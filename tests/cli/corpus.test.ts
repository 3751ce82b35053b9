/**
 * The labelled corpus (`tests/corpus/`): its labels fit its documents, and the
 * scorer counts found, missed, repeated, wrong and false-alarm reports the way
 * `tests/corpus/README.md` says; and the checker meets the thresholds of issue 11 on it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'tests', 'corpus');
const SCORE = path.join(CORPUS, 'score.mjs');

interface Row { expected: number; found: number; reported: number; repeats: number; wrong: number; clean: number; flagged: number; recall: number; precision: number; falseAlarmRate: number }
interface Score { documents: (Row & { document: string })[]; total: Row; misses: { document: string; line: number; code: string }[]; falseAlarms: { document: string; line: number; text: string }[]; wrong: { document: string; line: number; code: string }[] }

function score(args: string[]) {
  const r = spawnSync(process.execPath, [SCORE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-corpus-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const lines = (doc: string) => fs.readFileSync(path.join(CORPUS, doc), 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));

/** An LSP diagnostic on the first occurrence of `text` on 1-based `line`. */
function diag(doc: string, line: number, text: string, code: string) {
  const character = lines(doc)[line - 1].indexOf(text);
  expect(character).toBeGreaterThanOrEqual(0);
  return { range: { start: { line: line - 1, character }, end: { line: line - 1, character: character + text.length } }, severity: 2, code, message: '' };
}

describe('labelled corpus', () => {
  it('has at least five documents in three languages, 45 KB of prose, 60 expected diagnostics and 120 clean places', () => {
    const r = score(['--json', '--input', tmp('empty.json', '[]')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Score;
    const docs = s.documents.filter((d) => d.document.endsWith('.concept.md'));
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const lang of ['ru/', 'en/', 'fr/']) expect(docs.some((d) => d.document.startsWith(lang))).toBe(true);
    const bytes = docs.reduce((n, d) => n + fs.statSync(path.join(CORPUS, d.document)).size, 0);
    expect(bytes).toBeGreaterThanOrEqual(45 * 1024);
    expect(s.total.expected).toBeGreaterThanOrEqual(60);
    expect(s.total.clean).toBeGreaterThanOrEqual(120);
    // Nothing reported: nothing found, nothing flagged.
    expect(s.total.found).toBe(0);
    expect(s.total.flagged).toBe(0);
    expect(s.misses).toHaveLength(s.total.expected);
  });

  it('keeps CRLF line endings in one document and non-breaking spaces inside French guillemets', () => {
    expect(fs.readFileSync(path.join(CORPUS, 'en', 'wco-wg-digital-customs.concept.md'), 'utf8')).toMatch(/\r\n/);
    expect(fs.readFileSync(path.join(CORPUS, 'fr', 'dgd-douane-numerique-2030.concept.md'), 'utf8')).toMatch(/«\u00a0douane numérique\u00a0»/);
  });

  it('counts a found label, a repeat of an implicit use, a false alarm and a wrong report', () => {
    const doc = 'en/wco-wg-digital-customs.concept.md';
    const report = [{
      file: `tests/corpus/${doc}`,
      diagnostics: [
        diag(doc, 9, 'model: wco-digital-customs', 'missing-section'), // expected
        diag(doc, 54, 'ICT', 'undefined-term'), // expected: first implicit use
        diag(doc, 97, 'ICT', 'undefined-term'), // a later mention: a repeat
        diag(doc, 66, 'digital customs', 'undefined-term'), // on a clean place: a false alarm
        diag(doc, 9, 'model: wco-digital-customs', 'missing-section'), // a second one where one is expected: wrong
      ],
    }];
    const r = score(['--json', '--input', tmp('report.json', JSON.stringify(report))]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Score;
    const row = s.documents.find((d) => d.document === doc)!;
    expect(row).toMatchObject({ found: 2, reported: 5, repeats: 1, wrong: 2, flagged: 1 });
    expect(row.precision).toBeCloseTo(2 / 4);
    expect(s.falseAlarms).toEqual([expect.objectContaining({ document: doc, line: 66, text: '«digital customs»' })]);
    expect(s.wrong.map((w) => `${w.line} ${w.code}`).sort()).toEqual(['66 undefined-term', '9 missing-section']);
  });

  it('exits 1 when a threshold is not met and 2 on labels that do not fit their document', () => {
    const empty = tmp('empty.json', '[]');
    const low = score(['--input', empty, '--min-recall', '0.9', '--max-false-alarm', '0.1']);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/recall 0\.0% is below 90\.0%/);
    const labels = tmp('expected.yaml', 'documents:\n  a.concept.md:\n    expect:\n      - {line: 1, code: undefined-term, text: "not there"}\n');
    fs.writeFileSync(path.join(path.dirname(labels), 'a.concept.md'), '# Scope\n');
    const bad = score(['--labels', labels, '--input', empty]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/a\.concept\.md:1: `not there` is not on this line/);
  });

  it('reads the JSON output of the built CLI', () => {
    const r = score(['--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Score;
    expect(s.total.reported).toBeGreaterThan(0);
    expect(s.total.found).toBeGreaterThan(0);
  });
});

describe('the checker on the labelled corpora (issue 11)', () => {
  it('meets the same thresholds on the held-out corpus, written by other authors', () => {
    const r = score(['--json', '--labels', 'tests/corpus-heldout/expected.yaml', '--min-recall', '0.9', '--max-false-alarm', '0.1']);
    const s = JSON.parse(r.stdout) as Score;
    expect(s.total.recall, JSON.stringify(s.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(s.total.falseAlarmRate, JSON.stringify(s.falseAlarms, null, 1)).toBeLessThanOrEqual(0.1);
    expect(r.code).toBe(0);
  });

  it('finds at least 90 % of the expected diagnostics and flags at most 10 % of the clean places', () => {
    const r = score(['--json', '--min-recall', '0.9', '--max-false-alarm', '0.1']);
    const s = JSON.parse(r.stdout) as Score;
    expect(s.total.recall, JSON.stringify(s.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(s.total.falseAlarmRate, JSON.stringify(s.falseAlarms, null, 1)).toBeLessThanOrEqual(0.1);
    expect(r.code).toBe(0);
  });
});
