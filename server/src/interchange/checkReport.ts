/**
 * The report of `customs-concepts check`: its options in ESLint's manner
 * (`--quiet`, `--max-warnings N`, `--output-file F`), the chosen format and the
 * exit code. The CLI hands over the checked files; this module only writes.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { toGitHub, toGitLab, toSarif, type CheckedFile } from './report';
import { decodeUtf8 } from '../node/files';
import { AtomicFile } from './writeFile';

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

/**
 * What the CLI keeps of a checked file's diagnostics: their JSON as the JSON report writes it (two-space indentation,
 * at the depth of a file's entry), and how many there are of each severity. One string instead of an object graph is
 * lighter to keep, to pass between threads and to cache, and the JSON report copies it as it is.
 */
export interface ReportedDiagnostics {
  /**
   * The JSON, as text or as its UTF-8 bytes (a result read back from `--cache`, written out without decoding it);
   * undefined while a result checked on the CLI's own thread has its diagnostics as objects only (`jsonOf`).
   */
  json?: string | Uint8Array;
  /**
   * The diagnostics as objects, for a result checked on the CLI's own thread: the text report and the formats written
   * whole read them as they are, instead of a JSON text made for them and parsed again.
   */
  items?: Diagnostic[];
  errors: number;
  warnings: number;
  total: number;
}

/**
 * One checked file as the report reads it: its path relative to the folder the CLI ran in, its text (or its UTF-8
 * bytes, decoded only by the formats that quote it) and its diagnostics.
 */
export interface ReportedFile {
  file: string;
  text: string | Uint8Array;
  reported: ReportedDiagnostics;
}

const isError = (d: Diagnostic) => (d.severity ?? 1) === DiagnosticSeverity.Error;

export function reportDiagnostics(diagnostics: Diagnostic[]): ReportedDiagnostics {
  const counted = countedDiagnostics(diagnostics);
  return { json: jsonOf(counted), errors: counted.errors, warnings: counted.warnings, total: counted.total };
}

/** The diagnostics as objects, counted: what a result checked on the CLI's own thread keeps until it is written. */
export function countedDiagnostics(diagnostics: Diagnostic[]): ReportedDiagnostics {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (isError(d)) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
  }
  return { items: diagnostics, errors, warnings, total: diagnostics.length };
}

/** The JSON of a result, made from its objects the first time it is asked for. */
export function jsonOf(r: ReportedDiagnostics): string | Uint8Array {
  if (r.json !== undefined) return r.json;
  // Written where the report has them, in a file's entry in the list, and cut out: one flat string (a `replace` of
  // line breaks would keep pieces of the unindented text alive with it, several times the memory).
  const nested = JSON.stringify([{ d: r.items ?? [] }], null, 2);
  return (r.json = nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length));
}

const NESTED_HEAD = '[\n  {\n    "d": ';
const NESTED_TAIL = '\n  }\n]';

const utf8 = (text: string | Uint8Array): string => (typeof text === 'string' ? text : decodeUtf8(text));

/** The diagnostics, as objects (again, when only their JSON was kept); with `quiet`, errors only. */
function diagnosticsOf(r: ReportedDiagnostics, quiet: boolean | undefined): Diagnostic[] {
  const all = r.items ?? (r.total ? (JSON.parse(utf8(r.json!)) as Diagnostic[]) : []);
  return quiet ? all.filter(isError) : all;
}

/**
 * The report of one run, written as the files come (in their order): JSON and text go out file by file, so the CLI
 * keeps no file it has reported; SARIF, GitLab and GitHub are written whole at the end. `finish` ends the report and
 * gives the exit code: 2 unreadable input or an unwritable report, 1 errors or too many warnings, else 0.
 */
export class CheckReportWriter {
  private errors = 0;
  private warnings = 0;
  private total = 0;
  private files = 0;
  /** Files of the formats written whole. */
  private readonly kept: CheckedFile[] = [];
  private buffer = '';
  private readonly file: AtomicFile | undefined;

  constructor(
    private readonly format: string,
    private readonly options: CheckOptions,
    private readonly version: string,
    private readonly out: (s: string | Uint8Array) => void,
    private readonly err: (s: string) => void,
  ) {
    this.file = options.outputFile === undefined ? undefined : new AtomicFile(options.outputFile);
  }

  /** Whether the report quotes the checked files' text (SARIF, GitLab and GitHub do; JSON and text give diagnostics only). */
  get quotesText(): boolean {
    return this.format !== 'json' && this.format !== 'text';
  }

  add(checked: ReportedFile): void {
    const { reported } = checked;
    const file = checked.file.split(path.sep).join('/');
    const quiet = this.options.quiet;
    this.errors += reported.errors;
    this.warnings += quiet ? 0 : reported.warnings;
    this.total += quiet ? reported.errors : reported.total;
    if (this.format === 'json') {
      // What `JSON.stringify(files, null, 2)` gives, one file at a time.
      const json = quiet && reported.errors < reported.total ? jsonOf(countedDiagnostics(diagnosticsOf(reported, true))) : jsonOf(reported);
      this.write(`${this.files ? ',\n' : '[\n'}  {\n    "file": ${JSON.stringify(file)},\n    "diagnostics": `);
      this.write(json);
      this.write('\n  }');
    } else if (this.format === 'text') {
      if (reported.total) for (const d of diagnosticsOf(reported, quiet)) this.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} ${d.code} ${d.message}\n`);
    } else {
      this.kept.push({ file, text: utf8(checked.text), diagnostics: diagnosticsOf(reported, quiet) });
    }
    this.files++;
  }

  finish(unreadable: boolean): number {
    const { format, options, err } = this;
    if (format === 'json') this.write(this.files ? '\n]\n' : '[]\n');
    else if (format === 'sarif') this.write(JSON.stringify(toSarif(this.kept, { version: this.version, srcRoot: pathToFileURL(process.cwd() + path.sep).href }), null, 2) + '\n');
    else if (format === 'gitlab') this.write(JSON.stringify(toGitLab(this.kept), null, 2) + '\n');
    else if (format === 'github') this.write(toGitHub(this.kept));
    this.flush();
    if (this.file) {
      const written = this.file.commit();
      if (written !== undefined) {
        err(`${options.outputFile}: cannot write the report: ${written}\n`);
        return 2;
      }
    }
    const { errors, warnings, total } = this;
    if (format === 'text' || options.outputFile !== undefined) {
      err(`${plural(this.files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${total - errors - warnings} other.\n`);
    }
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings) err(`Too many warnings: ${warnings} (at most ${options.maxWarnings} allowed by --max-warnings).\n`);
    if (unreadable) return 2;
    return errors > 0 || tooManyWarnings ? 1 : 0;
  }

  /** Pieces go out in writes of about 64 KB; bytes go out as they are. */
  private write(piece: string | Uint8Array): void {
    if (typeof piece === 'string') {
      this.buffer += piece;
      if (this.buffer.length >= 65536) this.flush();
      return;
    }
    this.flush();
    if (this.file) this.file.write(piece);
    else this.out(piece);
  }

  private flush(): void {
    if (!this.buffer) return;
    if (this.file) this.file.write(this.buffer);
    else this.out(this.buffer);
    this.buffer = '';
  }
}

/** Writes the report of `checked` and returns the exit code (see `CheckReportWriter`). */
export function writeCheckReport(
  format: string,
  checked: ReportedFile[],
  options: CheckOptions,
  unreadable: boolean,
  version: string,
  out: (s: string | Uint8Array) => void,
  err: (s: string) => void,
): number {
  const writer = new CheckReportWriter(format, options, version, out, err);
  for (const f of checked) writer.add(f);
  return writer.finish(unreadable);
}
