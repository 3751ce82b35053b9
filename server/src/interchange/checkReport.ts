/**
 * The report of `customs-concepts check`: its options in ESLint's manner
 * (`--quiet`, `--max-warnings N`, `--output-file F`), the chosen format and the
 * exit code. The CLI hands over the checked files; this module only writes.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { toGitHub, toGitLab, toSarif, type CheckedFile } from './report';
import { writeFileAtomic } from './writeFile';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'gitlab', 'github'];

export const CHECK_OPTIONS_USAGE = `  --quiet              report errors only (warnings then do not count for --max-warnings)
  --max-warnings N     exit 1 when more than N warnings are reported
  --output-file FILE   write the report to FILE instead of standard output`;

export interface CheckOptions {
  quiet?: boolean;
  maxWarnings?: number;
  outputFile?: string;
  error?: string;
}

/**
 * Reads one report option at `args[i]`: how many arguments it took (0 when it
 * is not one of them), or `'error'` with `options.error` set.
 */
export function parseCheckOption(args: string[], i: number, options: CheckOptions): number | 'error' {
  const a = args[i];
  if (a === '--quiet') {
    options.quiet = true;
    return 1;
  }
  for (const name of ['--max-warnings', '--output-file']) {
    if (a !== name && !a.startsWith(name + '=')) continue;
    const value = a === name ? args[i + 1] : a.slice(name.length + 1);
    const taken = a === name ? 2 : 1;
    if (name === '--max-warnings') {
      if (value === undefined || !/^\d+$/.test(value)) {
        options.error = `--max-warnings takes a whole number of warnings (got \`${value ?? ''}\`).`;
        return 'error';
      }
      options.maxWarnings = Number(value);
    } else {
      if (!value) {
        options.error = '--output-file takes a file name.';
        return 'error';
      }
      options.outputFile = value;
    }
    return taken;
  }
  return 0;
}

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What `JSON.stringify(files, null, 2) + '\n'` gives, one file at a time. */
function* jsonReport(files: { file: string; diagnostics: unknown[] }[]): Generator<string> {
  if (!files.length) {
    yield '[]\n';
    return;
  }
  let first = true;
  for (const { file, diagnostics } of files) {
    // Strings in JSON hold no raw line break: every one is a line of the structure, indented one level more inside the array.
    yield (first ? '[\n  ' : ',\n  ') + JSON.stringify({ file, diagnostics }, null, 2).replace(/\n/g, '\n  ');
    first = false;
  }
  yield '\n]\n';
}

function* textReport(files: CheckedFile[]): Generator<string> {
  for (const f of files) for (const d of f.diagnostics) yield `${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} ${d.code} ${d.message}\n`;
}

/** Pieces joined into writes of about 64 KB. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const p of pieces) {
    buffer += p;
    if (buffer.length >= 65536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Writes the report and returns the exit code: 2 unreadable input, 1 errors or too many warnings, else 0. */
export function writeCheckReport(
  format: string,
  checked: CheckedFile[],
  options: CheckOptions,
  unreadable: boolean,
  version: string,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const files = checked.map((f) => ({
    ...f,
    file: f.file.split(path.sep).join('/'),
    diagnostics: options.quiet ? f.diagnostics.filter((d) => (d.severity ?? 1) === DiagnosticSeverity.Error) : f.diagnostics,
  }));
  let errors = 0;
  let warnings = 0;
  let total = 0;
  for (const f of files) {
    for (const d of f.diagnostics) {
      total++;
      if ((d.severity ?? 1) === DiagnosticSeverity.Error) errors++;
      else if (d.severity === DiagnosticSeverity.Warning) warnings++;
    }
  }
  // JSON and text are written file by file, never as one string (a workspace's JSON report can be tens of megabytes).
  let report: string | Iterable<string>;
  if (format === 'json') report = batched(jsonReport(files));
  else if (format === 'sarif') report = JSON.stringify(toSarif(files, { version, srcRoot: pathToFileURL(process.cwd() + path.sep).href }), null, 2) + '\n';
  else if (format === 'gitlab') report = JSON.stringify(toGitLab(files), null, 2) + '\n';
  else if (format === 'github') report = toGitHub(files);
  else report = batched(textReport(files));
  if (options.outputFile !== undefined) {
    const written = writeFileAtomic(options.outputFile, report);
    if (written !== undefined) {
      err(`${options.outputFile}: cannot write the report: ${written}\n`);
      return 2;
    }
  } else if (typeof report === 'string') out(report);
  else for (const piece of report) out(piece);
  if (format === 'text' || options.outputFile !== undefined) {
    err(`${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${total - errors - warnings} other.\n`);
  }
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) err(`Too many warnings: ${warnings} (at most ${options.maxWarnings} allowed by --max-warnings).\n`);
  if (unreadable) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
