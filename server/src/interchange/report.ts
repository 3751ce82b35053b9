/**
 * Reports of the `check` command for CI runners: SARIF 2.1.0 (GitHub code
 * scanning, VS Code's SARIF viewer), GitLab's Code Quality report and GitHub
 * Actions workflow commands. Each takes the checked files with their text and
 * LSP diagnostics; positions stay in UTF-16 code units, as in LSP.
 */
import { createHash } from 'node:crypto';
import type { Log, Result } from 'sarif';
import type { Diagnostic } from 'vscode-languageserver-types';

/** One checked file: its path relative to the folder the CLI ran in (with `/`), its text and its diagnostics. */
export interface CheckedFile {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
}

const HELP_URI = 'https://github.com/customs-concepts/customs-concepts#diagnostic-codes';

/** Short and full description of each diagnostic code (the README's table says the same). */
export const RULES: Record<string, [short: string, full: string]> = {
  'undefined-term': ['Term used but not defined', 'A term is used (explicitly in «…» or in plain prose) but neither the document nor a term base in its scope defines it.'],
  'deprecated-term': ['Deprecated label', 'A deprecated label of a term is used; the message names the preferred label.'],
  'duplicate-definition': ['Term defined twice', 'A label is defined twice in the scope of a document or in one term base.'],
  'circular-definition': ['Circular definition', 'The definition of a term uses the term it defines.'],
  'unused-definition': ['Unused definition', 'A term is defined in the front matter but never used in the document.'],
  'unknown-instrument': ['Unknown instrument', 'A citation names an instrument that is not in the catalog; the message names the closest ids.'],
  'superseded-instrument': ['Superseded instrument', 'A cited instrument or edition has been superseded; the message names the current one.'],
  'yaml-syntax': ['YAML syntax error', 'The front matter or a term base is not valid YAML, or the front matter is not closed.'],
  'yaml-alias-limit': ['YAML alias too large', 'A YAML alias stands for too many nodes or for a node that contains it.'],
  'document-too-large': ['Document too large', 'The document is larger than the size limit and was not analysed.'],
  'invalid-value': ['Invalid value', 'A value has the wrong type or lies outside its allowed values.'],
  'unknown-key': ['Unknown key', 'A key that the format does not know.'],
  'glossary-not-found': ['Term base not found', 'A term base listed in `glossaries:` cannot be read.'],
  'glossary-problems': ['Term base has errors', 'An imported term base has errors of its own.'],
  'missing-section': ['Missing section', 'A section that the reference model requires is absent.'],
  'unknown-section': ['Unknown section', 'A heading at the section level matches no section kind of the reference model.'],
  'section-order': ['Section out of order', 'A section is placed before one that the reference model orders earlier.'],
  'missing-term-definition': ['Required term not defined', 'A section must define a term, but no definition in scope covers it.'],
  'unknown-element': ['Unknown model element', 'A maturity dimension, model element or relation type that the reference model does not know.'],
  'missing-key': ['Missing required field', 'A required field of an indicator, component, maturity entry or model file is absent.'],
  'duplicate-id': ['Duplicate id', 'An id or component is given twice.'],
  'relation-cycle': ['Relation cycle', 'A relation that the model declares acyclic forms a cycle.'],
  'unknown-model': ['Unknown reference model', '`model:` names no known reference model.'],
  'model-problems': ['Reference model has errors', 'The reference model named by the document has errors; the document is not checked against it.'],
  'dangling-reference': ['Dangling reference', 'A model file refers to an id that does not exist.'],
};

function ruleOf(code: string): [string, string] {
  return RULES[code] ?? [code, `Diagnostic \`${code}\` of Customs Concepts.`];
}

const codeOf = (d: Diagnostic) => String(d.code ?? 'unknown');

/**
 * A fingerprint of a finding that survives edits elsewhere in the file: the
 * code, the file, the flagged text and how many same findings came before it
 * in the file (not its line, which moves when lines are added above it).
 */
export function fingerprints(file: CheckedFile): string[] {
  const lines = lineStarts(file.text);
  const seen = new Map<string, number>();
  return file.diagnostics.map((d) => {
    const start = offsetAt(lines, file.text, d.range.start);
    const end = offsetAt(lines, file.text, d.range.end);
    const key = `${codeOf(d)}\u0000${file.file}\u0000${file.text.slice(start, end)}\u0000${d.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex');
  });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

function offsetAt(starts: number[], text: string, p: { line: number; character: number }): number {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] : text.length);
}

const SARIF_LEVEL: Record<number, 'error' | 'warning' | 'note'> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

/** A relative path as a URI reference: each segment percent-encoded (Cyrillic names, spaces, `#`). */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0: one run, one rule per diagnostic code met, artifact URIs relative
 * to `%SRCROOT%` (the folder the CLI ran in), 1-based regions in UTF-16 code units.
 */
export function toSarif(files: CheckedFile[], opts: { version: string; srcRoot: string }): Log {
  const codes = [...new Set(files.flatMap((f) => f.diagnostics.map(codeOf)))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = files.flatMap((f) => {
    const prints = fingerprints(f);
    return f.diagnostics.map((d, i): Result => ({
      ruleId: codeOf(d),
      ruleIndex: ruleIndex.get(codeOf(d))!,
      level: SARIF_LEVEL[d.severity ?? 1],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(f.file), uriBaseId: 'SRCROOT' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'customsConcepts/v1': prints[i] },
    }));
  });
  const srcRoot = opts.srcRoot.endsWith('/') ? opts.srcRoot : opts.srcRoot + '/';
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Customs Concepts',
            version: opts.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(opts.version) ? opts.version : undefined,
            informationUri: 'https://github.com/customs-concepts/customs-concepts',
            rules: codes.map((c) => ({
              id: c,
              shortDescription: { text: ruleOf(c)[0] },
              fullDescription: { text: ruleOf(c)[1] },
              helpUri: HELP_URI,
              help: { text: `${ruleOf(c)[1]} See the table of diagnostic codes: ${HELP_URI}` },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        artifacts: files.map((f) => ({ location: { uri: relativeUri(f.file), uriBaseId: 'SRCROOT' }, encoding: 'utf-8' })),
        results,
      },
    ],
  };
}

const GITLAB_SEVERITY: Record<number, string> = { 1: 'major', 2: 'minor', 3: 'info', 4: 'info' };

/** GitLab Code Quality report: an array of issues with description, check_name, fingerprint, severity and location. */
export function toGitLab(files: CheckedFile[]): object[] {
  return files.flatMap((f) => {
    const prints = fingerprints(f);
    return f.diagnostics.map((d, i) => ({
      description: d.message,
      check_name: codeOf(d),
      fingerprint: prints[i],
      severity: GITLAB_SEVERITY[d.severity ?? 1],
      location: { path: f.file, lines: { begin: d.range.start.line + 1 } },
    }));
  });
}

const GITHUB_COMMAND: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'notice', 4: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding. */
export function toGitHub(files: CheckedFile[]): string {
  let out = '';
  for (const f of files) {
    for (const d of f.diagnostics) {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${d.range.start.line + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(codeOf(d))}`,
      ];
      out += `::${GITHUB_COMMAND[d.severity ?? 1]} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  return out;
}
