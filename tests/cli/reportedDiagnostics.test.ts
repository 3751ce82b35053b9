/**
 * A result checked on the CLI's own thread keeps its diagnostics as objects; one from a worker or from `--cache` keeps
 * their JSON (`interchange/checkReport.ts`). Every format must write the same report from either, and `jsonOf` must
 * give the JSON that `reportDiagnostics` gives.
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CheckReportWriter, countedDiagnostics, jsonOf, reportDiagnostics, type ReportedDiagnostics } from '../../server/src/interchange/checkReport';

const at = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });
const DIAGNOSTICS: Diagnostic[] = [
  { range: at(0, 2, 5), severity: DiagnosticSeverity.Error, code: 'unknown-citation', source: 'customs-concepts', message: 'No instrument «wco-x» «"quoted"»\nsecond line' },
  { range: at(3, 0, 12), severity: DiagnosticSeverity.Warning, code: 'undefined-term', source: 'customs-concepts', message: 'Таможня — «единое окно»', data: { label: 'единое окно' } },
  { range: at(7, 1, 1), severity: DiagnosticSeverity.Information, code: 'unused-definition', source: 'customs-concepts', message: 'tab\there' },
];

function report(format: string, reported: ReportedDiagnostics, quiet = false): string {
  let out = '';
  const writer = new CheckReportWriter(format, { quiet }, '0.0.0', (s) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), () => {});
  writer.add({ file: 'a.concept.md', text: '# A\n', reported });
  writer.add({ file: 'b.concept.md', text: '', reported: countedDiagnostics([]) });
  writer.finish(false);
  return out;
}

describe('diagnostics kept as objects or as JSON', () => {
  it('give the same JSON and the same counts', () => {
    const asJson = reportDiagnostics(DIAGNOSTICS);
    const asObjects = countedDiagnostics(DIAGNOSTICS);
    expect(asObjects.json).toBeUndefined();
    expect(jsonOf(asObjects)).toBe(asJson.json);
    expect(asObjects.json).toBe(asJson.json);
    expect([asObjects.errors, asObjects.warnings, asObjects.total]).toEqual([1, 1, 3]);
    expect([asJson.errors, asJson.warnings, asJson.total]).toEqual([1, 1, 3]);
    expect(JSON.parse(asJson.json as string)).toEqual(DIAGNOSTICS);
  });

  it.each(['text', 'json', 'sarif', 'gitlab', 'github'])('write the same %s report, with and without --quiet', (format) => {
    for (const quiet of [false, true]) {
      const fromJson = report(format, reportDiagnostics(DIAGNOSTICS), quiet);
      expect(report(format, countedDiagnostics(DIAGNOSTICS), quiet)).toBe(fromJson);
      // And from the JSON as bytes, as `--cache` reads it back.
      expect(report(format, { ...reportDiagnostics(DIAGNOSTICS), json: Buffer.from(reportDiagnostics(DIAGNOSTICS).json as string) }, quiet)).toBe(fromJson);
      // The warning is written unless --quiet; the error always.
      expect(fromJson.includes('Таможня')).toBe(!quiet);
      expect(fromJson).toContain('wco-x');
    }
  });
});
