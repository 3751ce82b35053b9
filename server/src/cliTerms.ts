/**
 * The exchange commands of the CLI:
 * `terms export` (term base → TBX, SKOS, CSV), `terms import` (TBX, SKOS, CSV →
 * term base) and `catalog export` (instrument catalog → CSL-JSON for Pandoc).
 * Term bases are read with the core's own reader; an import is written only
 * when the whole input was read and the result reads back without errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { parseTermBase, readCatalog } from './core/index';
import { loadBuiltinData } from './node/files';
import { toCslJson } from './interchange/csl';
import { termBaseText, termModelOf, type TermModel } from './interchange/termModel';
import { writeFileAtomic } from './interchange/writeFile';

export const INTERCHANGE_COMMANDS = ['terms', 'catalog'];

export const INTERCHANGE_USAGE = `       customs-concepts terms export TERMBASE|builtin --format tbx|skos|csv [--out FILE] [--base-iri IRI]
       customs-concepts terms import FILE [--format tbx|skos|csv] --out FILE.terms.yaml
       customs-concepts catalog export [--format csl-json] [--out FILE]`;

const TERM_FORMATS = ['tbx', 'skos', 'csv'];

/** The formats' module, loaded on first use (its libraries take a while to load; `check` never needs them). */
const formats = (): typeof import('./interchange/formats') => require('./interchange/formats');
const EXTENSION_FORMAT: Record<string, string> = { '.tbx': 'tbx', '.xml': 'tbx', '.ttl': 'skos', '.csv': 'csv' };

type Out = (s: string) => void;

interface Parsed {
  positional: string[];
  options: Record<string, string>;
}

/** Reads `--name value` and `--name=value` options; an unknown option or a missing value is an error text. */
function parseArgs(args: string[], known: string[]): Parsed | string {
  const parsed: Parsed = { positional: [], options: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      parsed.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (!known.includes(name)) return `Unknown option \`--${name}\`.`;
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (!value) return `\`--${name}\` needs a value.`;
    parsed.options[name] = value;
  }
  return parsed;
}

/** Writes `text` to `--out`, or to standard output without one. */
function emit(text: string, file: string | undefined, out: Out, err: Out): number {
  if (file === undefined) {
    out(text);
    return 0;
  }
  const problem = writeFileAtomic(file, text);
  if (problem === undefined) return 0;
  err(`${file}: cannot write: ${problem}\n`);
  return 2;
}

function readText(file: string, err: Out): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return undefined;
  }
}

/** Runs `terms …` or `catalog …`; returns the exit code (2 for bad usage or bad input). */
export function runInterchange(command: string, args: string[], out: Out, err: Out): number {
  const sub = args.shift();
  const usage = `Usage:\n${INTERCHANGE_USAGE.replace(/^ {7}/gm, '  ')}\n`;
  if (command === 'catalog' && sub === 'export') return exportCatalog(args, out, err);
  if (command === 'terms' && sub === 'export') return exportTerms(args, out, err);
  if (command === 'terms' && sub === 'import') return importTerms(args, out, err);
  err(`${sub ? `Unknown subcommand \`${command} ${sub}\`.` : `\`${command}\` needs a subcommand.`}\n${usage}`);
  return 2;
}

function exportCatalog(args: string[], out: Out, err: Out): number {
  const parsed = parseArgs(args, ['format', 'out']);
  if (typeof parsed === 'string') return (err(parsed + '\n'), 2);
  const format = parsed.options.format ?? 'csl-json';
  if (format !== 'csl-json') return (err(`\`catalog export\` writes \`--format csl-json\` (got \`${format}\`).\n`), 2);
  if (parsed.positional.length) return (err('`catalog export` takes no file: it exports the built-in catalog.\n'), 2);
  const { catalog } = loadBuiltinData();
  const part = readCatalog(catalog.uri, catalog.text);
  return emit(JSON.stringify(toCslJson(part.instruments), null, 2) + '\n', parsed.options.out, out, err);
}

function exportTerms(args: string[], out: Out, err: Out): number {
  const parsed = parseArgs(args, ['format', 'out', 'base-iri']);
  if (typeof parsed === 'string') return (err(parsed + '\n'), 2);
  const format = parsed.options.format;
  if (!format || !TERM_FORMATS.includes(format)) return (err(`\`terms export\` needs \`--format tbx\`, \`skos\` or \`csv\`${format ? ` (got \`${format}\`)` : ''}.\n`), 2);
  if (parsed.positional.length !== 1) return (err('`terms export` takes one term base (a *.terms.yaml file, or `builtin`).\n'), 2);
  const [file] = parsed.positional;
  let uri: string;
  let text: string | undefined;
  if (file === 'builtin') ({ uri, text } = loadBuiltinData().termBase);
  else {
    uri = URI.file(path.resolve(file)).toString();
    text = readText(file, err);
    if (text === undefined) return 2;
  }
  const base = parseTermBase(uri, text);
  const errors = base.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of errors) err(`${file}:${text.slice(0, p.start).split('\n').length}: ${p.message}\n`);
    err(`${file}: not exported: the term base has ${errors.length} error${errors.length === 1 ? '' : 's'}.\n`);
    return 2;
  }
  const model = termModelOf(base);
  const name = file === 'builtin' ? 'wco' : path.basename(file).replace(/\.terms\.ya?ml$|\.ya?ml$/, '');
  const title = file === 'builtin' ? 'Customs Concepts built-in WCO term base' : `Term base ${path.basename(file)}`;
  let result: string;
  try {
    result = formats().writeExchangeFile(format, model, { title, baseIri: parsed.options['base-iri'] ?? `urn:customs-concepts:terms:${encodeURIComponent(name)}:` });
  } catch (e) {
    err(`${file}: not exported: ${(e as Error).message}\n`);
    return 2;
  }
  return emit(result, parsed.options.out, out, err);
}

function importTerms(args: string[], out: Out, err: Out): number {
  const parsed = parseArgs(args, ['format', 'out']);
  if (typeof parsed === 'string') return (err(parsed + '\n'), 2);
  if (parsed.positional.length !== 1) return (err('`terms import` takes one file (TBX, SKOS Turtle or CSV).\n'), 2);
  const [file] = parsed.positional;
  const format = parsed.options.format ?? EXTENSION_FORMAT[path.extname(file).toLowerCase()];
  if (!format || !TERM_FORMATS.includes(format)) return (err(`${file}: say which format it is with \`--format tbx\`, \`skos\` or \`csv\`.\n`), 2);
  const target = parsed.options.out;
  if (target !== undefined && !/\.terms\.ya?ml$/.test(target)) return (err(`--out must name a term base (*.terms.yaml), got \`${target}\`.\n`), 2);
  const text = readText(file, err);
  if (text === undefined) return 2;
  let model: TermModel;
  try {
    model = formats().readExchangeFile(format, text);
  } catch (e) {
    // The formats' own ImportError: in the CLI they are a bundle apart, with their own copy of the class.
    if (!(e instanceof formats().ImportError)) throw e;
    err(`${file}:${e.line}: ${e.message}\n${file}: not imported; nothing was written.\n`);
    return 2;
  }
  const { text: yaml, warnings } = termBaseText(model, `# Imported from ${path.basename(file)} (${format.toUpperCase()}) by customs-concepts terms import.\n`);
  for (const w of warnings) err(`${file}: ${w}\n`);
  // The written term base must read back cleanly; anything else is a bug, and nothing is written.
  const check = parseTermBase('untitled:import.terms.yaml', yaml).problems.filter((p) => p.severity === 'error');
  if (check.length) {
    err(`${file}: not imported: the term base made from it does not read back (${check[0].message}); nothing was written.\n`);
    return 2;
  }
  return emit(yaml, target, out, err);
}
