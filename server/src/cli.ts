/**
 * The CLI: `customs-concepts check [PATH…] [--format text|json]`.
 * A thin wrapper around the same language service as the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { documentKind, DEFAULT_SETTINGS, DOCUMENT_SUFFIXES, isWorkspaceCatalog, toLocale } from './core/index';
import { decodeUtf8, fileSizeForRead, findFiles, hashFile, loadBuiltinData, readFileBytes } from './node/files';
import { CHECK_FORMATS, CHECK_OPTIONS_USAGE, CheckReportWriter, parseCheckOption, type CheckOptions, type ReportedFile } from './interchange/checkReport';
import { INTERCHANGE_COMMANDS, INTERCHANGE_USAGE, runInterchange } from './cliTerms';
import { CheckCache, DEFAULT_CACHE_LOCATION, hashText } from './node/checkCache';
import { termBaseCacheDir } from './node/termBaseCache';
import { checkedLevel, createCheckService, type CheckedResult, type CheckSetup } from './node/checkService';
import { BURST_DOCUMENTS, BurstHeapPolicy } from './node/heapPolicy';
import { checkHere, checkInThreads, threadsFor, type CheckJob, type ReadJob } from './node/checkPool';

/** Every kind of file `check` looks for in a folder. */
const WALKED_SUFFIXES = [...DOCUMENT_SUFFIXES.concept, ...DOCUMENT_SUFFIXES.termBase, ...DOCUMENT_SUFFIXES.model, ...DOCUMENT_SUFFIXES.catalog];

const USAGE = `Usage: customs-concepts check [PATH…] [--format text|json|sarif|gitlab|github]
       customs-concepts export <document> [--format html|pdf] [--out FILE] (see export --help)
${INTERCHANGE_USAGE}

Checks concept documents (*.concept.md), term bases (*.terms.yaml) and reference models (*.model.yaml).
A PATH is a file or a folder (folders are searched for all three); default: the current folder.
A PATH that holds none of them is an error (exit 2).

Options:
  --format text|json|sarif|gitlab|github
                       output format (default: text)
${CHECK_OPTIONS_USAGE}
  --no-implicit        do not report plain-prose uses of undefined known terms
  --implicit-uses first|all
                       report the first plain-prose use of each undefined term (default) or every one
  --locale en|fr|ru    language of messages (default: from LANG)
  --language en|fr|ru  language of documents whose front matter has no \`language:\` (default: en)
  --max-document-size MB
                       larger documents are not analysed (default: 10)
  --cache              do not check again documents that, like every file they depend on, are unchanged
                       since the last run with --cache (compared by content)
  --cache-location FILE
                       where --cache keeps its results (implies --cache; default: ${DEFAULT_CACHE_LOCATION})
  --no-term-base-cache do not read or write compiled term bases (large term bases are otherwise
                       kept compiled in the user's cache folder or $CUSTOMS_CONCEPTS_CACHE_DIR)
  --jobs N             check documents on N threads (default: one per processor not already busy; one thread
                       below 1 MB of text)
  -h, --help           show this help
  -v, --version        show the version

Exit code: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

/**
 * How much of the CLI the last command ran on this thread, for its code cache (`cliStart.ts` keeps the compiled code of
 * a run that ran more than the run that wrote the cache): 0 nothing worth keeping (help, version, bad usage, a check
 * that `--cache` answered alone, or whose documents all went to worker threads), 1 a command that read or wrote
 * files, 2 a check of concept documents on this thread.
 */
let ran = 0;
export function codeCacheLevel(): number {
  return Math.max(ran, checkedLevel());
}

/** The exit code; a promise when documents are checked on several threads. */
export function main(argv: string[], out: (s: string | Uint8Array) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number | Promise<number> {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) {
    out(USAGE + '\n');
    return 0;
  }
  if (args.includes('-v') || args.includes('--version')) {
    out(VERSION + '\n');
    return 0;
  }
  const command = args.shift();
  if (command && INTERCHANGE_COMMANDS.includes(command)) {
    const code = runInterchange(command, args, out, err);
    if (code !== 2) ran = Math.max(ran, 1);
    return code;
  }
  if (command !== 'check') {
    err(`${command ? `Unknown command \`${command}\`.` : 'No command given.'}\n\n${USAGE}\n`);
    return 2;
  }
  let format = 'text';
  let implicit = true;
  let maxDocumentBytes: number | undefined;
  let locale = toLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  let language: 'en' | 'fr' | 'ru' | undefined;
  let implicitUseReport: 'first' | 'all' = 'first';
  let cacheLocation: string | undefined;
  let termBaseCache = termBaseCacheDir();
  let jobs: number | undefined;
  const paths: string[] = [];
  const options: CheckOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const taken = parseCheckOption(args, i, options);
    if (taken === 'error') {
      err(`${options.error}\n`);
      return 2;
    } else if (taken > 0) {
      i += taken - 1;
    } else if (a === '--format' || a.startsWith('--format=')) {
      format = a === '--format' ? args[++i] ?? '' : a.slice('--format='.length);
      if (!CHECK_FORMATS.includes(format)) {
        err(`--format takes ${CHECK_FORMATS.map((f) => `\`${f}\``).join(', ')} (got \`${format}\`).\n`);
        return 2;
      }
    } else if (a === '--locale' || a.startsWith('--locale=')) {
      const v = a === '--locale' ? args[++i] : a.slice('--locale='.length);
      if (v !== 'en' && v !== 'fr' && v !== 'ru') {
        err(`--locale takes \`en\`, \`fr\` or \`ru\` (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      locale = v;
    } else if (a === '--implicit-uses' || a.startsWith('--implicit-uses=')) {
      const v = a === '--implicit-uses' ? args[++i] : a.slice('--implicit-uses='.length);
      if (v !== 'first' && v !== 'all') {
        err(`--implicit-uses takes \`first\` or \`all\` (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      implicitUseReport = v;
    } else if (a === '--language' || a.startsWith('--language=')) {
      const v = a === '--language' ? args[++i] : a.slice('--language='.length);
      if (v !== 'en' && v !== 'fr' && v !== 'ru') {
        err(`--language takes \`en\`, \`fr\` or \`ru\` (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      language = v;
    } else if (a === '--max-document-size' || a.startsWith('--max-document-size=')) {
      const v = a === '--max-document-size' ? args[++i] : a.slice('--max-document-size='.length);
      const mb = Number(v);
      if (!v || !(mb > 0)) {
        err(`--max-document-size takes a number of megabytes (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      maxDocumentBytes = Math.round(mb * 1024 * 1024);
    } else if (a === '--cache') {
      cacheLocation ??= DEFAULT_CACHE_LOCATION;
    } else if (a === '--cache-location' || a.startsWith('--cache-location=')) {
      const v = a === '--cache-location' ? args[++i] : a.slice('--cache-location='.length);
      if (!v) {
        err('--cache-location takes a file name.\n');
        return 2;
      }
      cacheLocation = v;
    } else if (a === '--no-term-base-cache') {
      termBaseCache = undefined;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a === '--jobs' ? args[++i] : a.slice('--jobs='.length);
      if (!v || !/^[1-9]\d*$/.test(v)) {
        err(`--jobs takes a whole number of threads, at least 1 (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      jobs = Number(v);
    } else if (a === '--no-implicit') {
      implicit = false;
    } else if (a.startsWith('-')) {
      err(`Unknown option \`${a}\`.\n\n${USAGE}\n`);
      return 2;
    } else {
      paths.push(a);
    }
  }
  if (!paths.length) paths.push('.');

  const files: string[] = [];
  const roots = new Set<string>();
  // Each folder is walked once for every kind of file the run looks for there (documents, term bases, models, catalogs).
  const walked = new Map<string, string[]>();
  const filesUnder = (root: string, suffixes: readonly string[]): string[] => {
    let all = walked.get(root);
    if (!all) walked.set(root, (all = findFiles(root, WALKED_SUFFIXES)));
    return all.filter((f) => {
      const name = f.toLowerCase();
      return suffixes.some((s) => name.endsWith(s));
    });
  };
  let unreadable = false;
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      err(`${p}: no such file or folder.\n`);
      unreadable = true;
      continue;
    }
    if (st.isDirectory()) {
      roots.add(path.resolve(p));
      const found = filesUnder(path.resolve(p), [...DOCUMENT_SUFFIXES.concept, ...DOCUMENT_SUFFIXES.termBase, ...DOCUMENT_SUFFIXES.model]);
      if (!found.length) {
        err(`${p}: no concept document (*.concept.md), term base (*.terms.yaml) or reference model (*.model.yaml) in this folder.\n`);
        unreadable = true;
      }
      files.push(...found);
    } else {
      roots.add(path.dirname(path.resolve(p)));
      files.push(path.resolve(p));
    }
  }
  if (unreadable && !files.length) return 2;
  // Term bases found beside the checked files make their terms known; files may be read from there or below the current folder.
  const termBaseUris = [...new Set([...roots].flatMap((r) => filesUnder(r, DOCUMENT_SUFFIXES.termBase)))].map((f) => URI.file(f).toString());
  // Reference models beside the checked files can be named by id in `model:`.
  const modelUris = [...new Set([...roots].flatMap((r) => filesUnder(r, DOCUMENT_SUFFIXES.model)))].map((f) => URI.file(f).toString());
  // Instrument catalogs beside the checked files extend the built-in catalog.
  const catalogUris = [...new Set([...roots].flatMap((r) => filesUnder(r, DOCUMENT_SUFFIXES.catalog)))].map((f) => URI.file(f).toString());
  const rootList = [...roots, process.cwd()];

  const builtin = loadBuiltinData();
  const settings = { ...DEFAULT_SETTINGS, implicitUseSeverity: implicit ? 'warning' : 'off', locale, maxDocumentBytes, implicitUseReport, ...(language ? { language } : {}) } as const;
  const cache = cacheLocation === undefined ? undefined : new CheckCache(cacheLocation, { version: VERSION, builtin: [builtin.catalog, builtin.termBase, ...builtin.models].map((f) => f.text), settings, roots: rootList, fileLists: [termBaseUris, modelUris, catalogUris] });
  const setup: CheckSetup = { builtin, settings, termBaseUris, modelUris, catalogUris, roots: rootList, termBaseCache, dependencies: cache !== undefined };
  let created: ReturnType<typeof createCheckService> | undefined;
  // Created on the first document the cache does not answer for.
  const service = () => (created ??= createCheckService(setup));

  // The report is written in the order of the files, each as soon as it and every file before it are known, and not kept.
  const writer = new CheckReportWriter(format, options, VERSION, out, err);
  const slots: (ReportedFile | null | undefined)[] = [];
  let written = 0;
  const flush = () => {
    for (; written < slots.length && slots[written] !== undefined; written++) {
      const slot = slots[written];
      if (slot) writer.add(slot);
      slots[written] = undefined;
    }
  };
  /** Documents the cache does not answer for, with their place in the report; each is read when its turn comes. */
  const toCheck: (CheckJob<ReadJob & { hash: string }> & { file: string; at: number })[] = [];
  /** A document that could be listed but not read when its turn came: its place in the report stays empty. */
  const NOT_READ = null;
  const NO_BYTES = new Uint8Array(0);
  for (const file of [...new Set(files)]) {
    const uri = URI.file(file).toString();
    if (documentKind(uri) === 'other' && !isWorkspaceCatalog(uri)) {
      err(`${file}: not a concept document (*.concept.md), term base (*.terms.yaml), reference model (*.model.yaml) or instrument catalog (*.instruments.yaml).\n`);
      unreadable = true;
      continue;
    }
    const name = path.relative(process.cwd(), file) || file;
    const unreadableFile = (error: string) => {
      err(`${name}: ${error}\n`);
      unreadable = true;
    };
    let size: number;
    let reported: ReportedFile['reported'] | undefined;
    let bytes: Uint8Array | undefined;
    if (cache) {
      // A document is hashed as bytes and decoded only when checked: a result from the cache is written as it was read.
      const read = hashFile(file);
      if ('error' in read) {
        unreadableFile(read.error);
        continue;
      }
      size = read.bytes.length;
      reported = cache.lookup(uri, read.hash);
      // The bytes read are overwritten by the next file's: copied only for the formats that quote documents.
      if (reported) bytes = writer.quotesText ? Uint8Array.prototype.slice.call(read.bytes) : NO_BYTES;
    } else {
      // Without the cache a document is not read before its turn: 1,000 documents read at once kept all their texts.
      const stat = fileSizeForRead(file);
      if ('error' in stat) {
        unreadableFile(stat.error);
        continue;
      }
      size = stat.size;
    }
    const at = slots.length;
    if (reported) {
      slots.push({ file: name, text: bytes!, reported });
      continue;
    }
    slots.push(undefined);
    toCheck.push({
      uri,
      file: name,
      at,
      size,
      read: () => {
        const r = readFileBytes(uri, []);
        if ('error' in r) {
          unreadableFile(r.error);
          slots[at] = NOT_READ;
          flush();
          return undefined;
        }
        return { text: decodeUtf8(r.bytes), hash: cache ? hashText(r.bytes) : '' };
      },
    });
  }
  // Many documents in a row: V8 would let the heap grow to four times what stays alive (1,000 documents: 440 MB).
  const heap = new BurstHeapPolicy();
  if (toCheck.length >= BURST_DOCUMENTS) heap.limitForRun();
  const onResult = (index: number, c: CheckedResult, read: ReadJob & { hash: string }) => {
    heap.checked();
    const job = toCheck[index];
    cache?.store(job.uri, read.hash, c.reported, c.dependencies);
    slots[job.at] = { file: job.file, text: read.text, reported: c.reported };
    flush();
  };
  const finish = (): number => {
    flush();
    const unsaved = cache?.save();
    if (unsaved !== undefined) err(`${cacheLocation}: cannot write the cache: ${unsaved}\n`);
    return writer.finish(unreadable);
  };
  const threads = threadsFor(toCheck, jobs);
  if (threads > 1) return checkInThreads(service, setup, toCheck, threads, onResult).then(finish);
  checkHere(service, setup, toCheck, onResult);
  return finish();
}

/** `customs-concepts export`, loaded only when asked for: charts and Markdown rendering stay out of `check`'s start-up. */
export function runExport(argv: string[]): Promise<number> {
  return (require('./export/command') as typeof import('./export/command')).runExport(argv);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'export') void runExport(argv.slice(1)).then((code) => (process.exitCode = code));
  else void Promise.resolve(main(argv)).then((code) => (process.exitCode = code));
}
