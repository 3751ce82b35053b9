/**
 * Diagnostics as one line each, for assertions that show the whole answer:
 * `code severity «covered text» message`, related information indented below.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { workspace, offsets } from './helpers';
import type { ServiceSettings } from '../../server/src/core/index';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function diagnosticLines(text: string, diagnostics: Diagnostic[], files: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const [s, e] = offsets(text, d.range);
    lines.push(`${d.code} ${SEVERITY[d.severity ?? 0]} «${text.slice(s, e)}» ${d.message}`);
    for (const r of d.relatedInformation ?? []) {
      const file = r.location.uri.replace(/^.*\//, '');
      const other = Object.entries(files).find(([p]) => r.location.uri.endsWith('/' + p))?.[1] ?? text;
      const [rs, re] = offsets(other, r.location.range);
      lines.push(`  ${file} «${other.slice(rs, re)}» ${r.message}`);
    }
  }
  return lines;
}

/** The diagnostics of `path` in a workspace of `files`, as lines. */
export function diagnosticsOf(path: string, files: Record<string, string>, settings: Partial<ServiceSettings> = {}, knownTermBases?: string[]): string[] {
  const ws = workspace(files, settings, knownTermBases);
  return diagnosticLines(files[path], ws.service.computeDiagnostics(ws.doc(path)), files);
}
