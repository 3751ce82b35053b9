import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, workspace } from './helpers';

// The SARIF 2.1.0 schema as published with the standard (rtm.5), shipped by an npm package.
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language pattern is not valid as a Unicode RegExp: it is compiled without the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA);

// A document with a CRLF line end, an astral character before a term (two UTF-16 code units), a Cyrillic folder and a space in its name.
const DOC = '---\r\nterms:\r\n  data lake: A store of raw data.\r\n---\r\n😀 The «data lake» and «unknown thing», «data swamp».\r\nWe cite @nope-instrument here.\r\n';
const FILE = 'докs/пример 1.concept.md';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  partialFingerprints: Record<string, string>;
}

function sarifOf(dir: string, extra: string[] = []) {
  const r = cli(['check', '.', '--format', 'sarif', ...extra], dir);
  const log = JSON.parse(r.stdout);
  return { r, log, results: log.runs[0].results as SarifResult[] };
}

describe('check --format sarif', () => {
  it('is valid SARIF 2.1.0 on the example workspace', () => {
    const r = cli(['check', 'examples', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    // One rule per code met, each with both descriptions and a link to the README's table.
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['undefined-term', 'unknown-instrument']));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe(rule.id);
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.helpUri).toMatch(/#diagnostic-codes$/);
    }
    for (const res of run.results as SarifResult[]) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation.artifactLocation;
      expect(loc.uriBaseId).toBe('SRCROOT');
      expect(loc.uri).toMatch(/^examples\//);
    }
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`${require('node:url').pathToFileURL(ROOT).href}/`);
  });

  it('gives 1-based regions in UTF-16 code units and relative, percent-encoded URIs', () => {
    const dir = workspace({ [FILE]: DOC });
    const { r, log, results } = sarifOf(dir);
    expect(r.code).toBe(1);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const json = JSON.parse(cli(['check', '.', '--format', 'json'], dir).stdout)[0].diagnostics as { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
    expect(results.map((x) => x.ruleId)).toEqual(json.map((d) => d.code));
    results.forEach((res, i) => {
      const reg = res.locations[0].physicalLocation.region;
      expect(reg).toEqual({ startLine: json[i].range.start.line + 1, startColumn: json[i].range.start.character + 1, endLine: json[i].range.end.line + 1, endColumn: json[i].range.end.character + 1 });
    });
    const unknown = results.find((x) => x.message.text.includes('unknown thing'))!;
    const reg = unknown.locations[0].physicalLocation.region;
    const line = DOC.split('\r\n')[reg.startLine - 1];
    // JavaScript strings are UTF-16: the emoji counts twice, as SARIF's utf16CodeUnits says.
    expect(line.slice(reg.startColumn - 1, reg.endColumn - 1)).toBe('unknown thing');
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(unknown.locations[0].physicalLocation.artifactLocation.uri).toBe('%D0%B4%D0%BE%D0%BAs/%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80%201.concept.md');
    expect(decodeURIComponent(unknown.locations[0].physicalLocation.artifactLocation.uri)).toBe(FILE);
  });

  it('keeps fingerprints when lines are added above a finding, and tells equal findings apart', () => {
    const dir = workspace({ [FILE]: DOC.replace('«data swamp»', '«data swamp», «data swamp»') });
    const before = sarifOf(dir).results;
    fs.writeFileSync(path.join(dir, FILE), DOC.replace('«data swamp»', '«data swamp», «data swamp»').replace('---\r\n😀', '---\r\nNew text,\r\nover two lines.\r\n\r\n😀'));
    const after = sarifOf(dir).results;
    const prints = (rs: SarifResult[]) => rs.map((x) => x.partialFingerprints['customsConcepts/v1']);
    expect(after.map((x) => x.locations[0].physicalLocation.region.startLine)).not.toEqual(before.map((x) => x.locations[0].physicalLocation.region.startLine));
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(before)).size).toBe(before.length);
  });
});

describe('check --format gitlab', () => {
  it('writes a Code Quality report with the fields GitLab documents', () => {
    const dir = workspace({ [FILE]: DOC });
    const r = cli(['check', '.', '--format', 'gitlab'], dir);
    expect(r.code).toBe(1);
    const all = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const issue of all) expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
    // The reference model asks for sections this small document lacks: those warnings are left aside.
    const issues = all.filter((i) => i.check_name !== 'missing-section');
    expect(all.length - issues.length).toBeGreaterThan(0);
    expect(all.find((i) => i.check_name === 'missing-section')!.severity).toBe('minor');
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(issue.location).toEqual({ path: FILE, lines: { begin: expect.any(Number) } });
    }
    expect(issues.map((i) => [i.check_name, i.severity, (i.location as { lines: { begin: number } }).lines.begin])).toEqual([
      ['undefined-term', 'major', 5],
      ['undefined-term', 'major', 5],
      ['unknown-instrument', 'major', 6],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
  });
});

describe('check --format github', () => {
  it('writes one workflow command per finding, with properties escaped', () => {
    const dir = workspace({ 'a,b.concept.md': '---\nterms: {}\n---\nThe «unknown thing» and @nope.\n' });
    const r = cli(['check', '.', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning ') && l.includes(',title=missing-section::')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => !l.includes(',title=missing-section::'))).toEqual([
      expect.stringMatching(/^::error file=a%2Cb\.concept\.md,line=4,endLine=4,col=6,endColumn=19,title=undefined-term::«unknown thing» is used as a term/),
      expect.stringMatching(/^::error file=a%2Cb\.concept\.md,line=4,endLine=4,col=25,endColumn=30,title=unknown-instrument::Unknown instrument `@nope`/),
    ]);
  });
});

describe('check --quiet, --max-warnings, --output-file', () => {
  const warningsOnly = { 'w.concept.md': '---\nterms:\n  data lake: A store of raw data.\n---\nThe «data lake» and the single window.\n' };

  it('--quiet reports errors only; --max-warnings turns too many warnings into exit 1', () => {
    const dir = workspace(warningsOnly);
    const plain = cli(['check', '.', '--format', 'json'], dir);
    const severities = JSON.parse(plain.stdout)[0].diagnostics.map((d: { severity: number }) => d.severity);
    const warnings = severities.filter((s: number) => s === 2).length;
    expect(severities.every((s: number) => s !== 1)).toBe(true);
    expect(JSON.parse(plain.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toContain('undefined-term');
    expect(plain.code).toBe(0);
    expect(JSON.parse(cli(['check', '.', '--format', 'json', '--quiet'], dir).stdout)[0].diagnostics).toEqual([]);
    expect(cli(['check', '.', '--max-warnings', String(warnings)], dir).code).toBe(0);
    const over = cli(['check', '.', '--max-warnings', String(warnings - 1)], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`Too many warnings: ${warnings} (at most ${warnings - 1}`);
    expect(cli(['check', '.', '--max-warnings=0', '--quiet'], dir).code).toBe(0);
    expect(cli(['check', '.', '--max-warnings', 'many'], dir).code).toBe(2);
  });

  it('--output-file writes the whole report to a file, and exit codes stay as without it', () => {
    const dir = workspace({ [FILE]: DOC });
    const r = cli(['check', '.', '--format', 'sarif', '--output-file', 'out/report.sarif'], dir);
    expect(r.code).toBe(2); // the folder `out` does not exist
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    const ok = cli(['check', '.', '--format', 'sarif', '--output-file=report.sarif'], dir);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toMatch(/1 file checked: 3 errors/);
    expect(validateSarif(JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8')))).toBe(true);
  });
});
