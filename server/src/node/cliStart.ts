/**
 * How `bin/customs-concepts.js` loads `dist/cli.js` (and `bin/customs-concepts-language-server.js`
 * loads `dist/server.js`): with V8's code cache, the
 * way `v8-compile-cache` does. The first run compiles the bundle as Node would and,
 * once the command is done, keeps the compiled code of every function it ran in
 * the cache folder (`cacheDir('code')`); later runs hand that to V8 instead of
 * parsing and compiling 2.5 MB of JavaScript again.
 *
 * The cache file is named by the bundle's length and CRC-32 (the check Node's own
 * compile cache makes; V8 itself only checks the length), Node's version and
 * architecture and the options Node was started with (`flagsPart`), so a rebuilt
 * bundle, another Node or other V8 flags never meet old code; code
 * that V8 rejects is compiled afresh and written again. When the cache is off or its folder cannot be
 * written, the bundle is loaded as a plain `require()` would.
 *
 * V8 keeps only the functions a run has called, so the run that writes the cache decides what later runs find
 * compiled. Each file starts with how much of the program that run ran (`save(level)`, `CODE_HEADER`): a later run
 * that ran more writes its code again (what came from the file and what it compiled itself), and a run that ran
 * nothing worth keeping (level 0: `--version`, usage errors) writes nothing. Without this, a first run that printed
 * the version left a cache without the checker, and every check after it compiled most of it again (measured: a
 * check of 10 KB with 5,000 terms 206 against 182 ms).
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import { cacheDir } from './cacheDir';

/** Where `loadWithCodeCache` leaves the length and CRC-32 of the bundle it loaded (read by `programId` in `checkCache.ts`). */
export const PROGRAM_ID = Symbol.for('customs-concepts.program-id');

interface Loaded<T> {
  exports: T;
  /**
   * Writes the compiled code (once; call when the command is done, or when the server has served a while) when the
   * cache had none for this bundle, V8 rejected it, or it was written by a run of a lower `level`; never for level 0.
   * Levels are the caller's: how much of its program the run ran (default 1).
   */
  save(level?: number): void;
}

/**
 * The first bytes of a code cache file: `CODE_HEADER`, then the level of the run that wrote it (one byte), then V8's
 * data, eight bytes in: V8 copies data that does not start at a multiple of the pointer size before reading it.
 */
export const CODE_HEADER = Buffer.from('ccLevel');
const DATA_AT = CODE_HEADER.length + 1;

/** The level in the header that `bytes` start with, or -1 when they do not start with ours. */
function headerLevel(bytes: Buffer): number {
  return bytes.length >= DATA_AT && bytes.subarray(0, CODE_HEADER.length).equals(CODE_HEADER) ? bytes[CODE_HEADER.length] : -1;
}

/** V8's data and the level of the run that wrote it, or undefined when `file` is no code cache of ours. */
export function readCodeCache(file: Buffer): { level: number; data: Buffer } | undefined {
  const level = file.length > DATA_AT ? headerLevel(file) : -1;
  return level < 0 ? undefined : { level, data: file.subarray(DATA_AT) };
}

/** The level of the code cache in `file` now, or -1 (none, unreadable, not ours): read before writing over it. */
function levelOnDisk(file: string): number {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(DATA_AT);
    return headerLevel(head.subarray(0, fs.readSync(fd, head, 0, DATA_AT, 0)));
  } catch {
    return -1;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Loads the CommonJS file `file` (the CLI's or the server's bundle) with a code cache in `dir` (none when undefined),
 * in files whose names start with `name` (the newest few of each name are kept).
 */
export function loadWithCodeCache<T>(file: string, dir: string | undefined = cacheDir('code'), name = 'cli'): Loaded<T> {
  const plain = (): Loaded<T> => ({ exports: require(file) as T, save: () => {} });
  if (dir === undefined || typeof vm.Script !== 'function') return plain();
  const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return plain();
  }
  if (typeof crc32 !== 'function') return plain();
  const source = bytes.toString('utf8');
  const id = `${bytes.length}-${crc32(bytes).toString(16)}`;
  // The bundle's identity, which its caches key their files by (`programId`), so it is not read and checked twice.
  (globalThis as { [PROGRAM_ID]?: { file: string; id: string } })[PROGRAM_ID] = { file, id };
  const cacheFile = path.join(dir, `${name}-${process.version}-${process.arch}-${id}${flagsPart(crc32)}.bin`);
  let cached: ReturnType<typeof readCodeCache>;
  try {
    cached = readCodeCache(fs.readFileSync(cacheFile));
  } catch {
    cached = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached?.data });
  // The level of the code V8 took (none when it took nothing).
  const rejected = cached !== undefined && script.cachedDataRejected === true;
  const keptLevel = cached === undefined || rejected ? -1 : cached.level;
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const req = Module.createRequire(file);
  // The bundle runs as Node would run it, in a module of its own, registered so that require() of it finds it.
  (Module as unknown as { _cache: Record<string, Module> })._cache[file] = m;
  (script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void).call(m.exports, m.exports, req, m, file, path.dirname(file));
  m.loaded = true;
  let saved = false;
  return {
    exports: m.exports as T,
    save: (level = 1) => {
      if (saved || level <= 0 || level <= keptLevel) return;
      saved = true;
      try {
        // Another run may have written as much meanwhile (two checks at once): its code stays (not a file V8 rejected).
        if (!rejected && levelOnDisk(cacheFile) >= level) return;
        const data = script.createCachedData();
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.concat([CODE_HEADER, Buffer.of(Math.min(level, 255)), data]));
        fs.renameSync(tmp, cacheFile);
        prune(dir, cacheFile, name);
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}

/**
 * How much V8's optimising compiler inlines into one function, for the CLI (in bytes of bytecode; V8's own: 920).
 * A run of the CLI is one cold pass: the functions worth optimising are compiled while the documents are checked,
 * with a core shared with the check on small machines, and inlining less makes each compile cheaper. Measured on
 * 2 cores, interleaved, each with a code cache of its own, medians: the 1 MB document with 5,000 terms 627–676 →
 * 571–609 ms in one sitting, 642–675 → 614–631 ms in another; the 1,000-document folder on one thread 5.0–5.3 →
 * 4.7–5.2 s, on two 5.1–5.7 → 4.3–5.4 s; 10 KB and 10 MB the same. The language server keeps V8's budget: it runs
 * long, and its checks after edits are hot code.
 */
export const CLI_INLINING_BUDGET = 150;

/** The name of V8's option for that budget, as Node accepts it (dashes or underscores). */
const INLINING_OPTION = /^--max[-_]inlined[-_]bytecode[-_]size[-_]cumulative(?:=|$)/;

/** Node's own options: its command line and `NODE_OPTIONS` (which may quote an option). */
const nodeOptions = (): string[] => [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];

/** Sets V8 `flag` unless Node was given an option of that name (`option`), and says whether it did. */
function setUnlessGiven(argv: readonly string[], option: RegExp, flag: string, set: (flags: string) => void): boolean {
  if (argv.some((a) => option.test(a.replace(/^["']/, '')))) return false;
  set(flag);
  return true;
}

/**
 * Sets `CLI_INLINING_BUDGET` (call before the bundle is compiled, so that a code cache is always made and read
 * under the same options), unless Node was given a budget of its own (command line or `NODE_OPTIONS`).
 */
export function limitInlining(argv: readonly string[] = nodeOptions(), set: (flags: string) => void = v8.setFlagsFromString): boolean {
  return setUnlessGiven(argv, INLINING_OPTION, `--max-inlined-bytecode-size-cumulative=${CLI_INLINING_BUDGET}`, set);
}

/** V8's option for allocation-site pretenuring, on or off, as Node accepts it. */
const PRETENURING_OPTION = /^--(?:no[-_])?allocation[-_]site[-_]pretenuring(?:=|["']?$)/;

/**
 * Turns off V8's allocation-site pretenuring for the CLI and the language server (call before the bundle is compiled, as `limitInlining`),
 * unless Node was given that option. V8 watches which places in the code make objects that outlive a young
 * collection and then makes their objects in the old generation at once. A check of a folder makes, document after
 * document, what one document needs (its parse, analysis and diagnostics) and drops it: after the first documents V8
 * made most of that in the old generation, where it waited for a full collection while keeping young objects it
 * points to alive through each young collection (which copied and promoted them). Measured on the benchmark's
 * 1,000 documents (2 cores, interleaved): each young collection 4.5 → 1.5 ms, on one thread 4.9–5.0 → 4.7 s and a
 * peak RSS of 251–254 → 208–209 MB, on two 4.35–4.58 → 3.79–4.03 s; one 1 MB document the same. The language
 * server turns it off too (`serverStart.ts`): the benchmark's server stage, same sitting, the 1 MB document open
 * 325 → 249 MB RSS (sections shape 228 → 175 MB), edits, full checks, hover and completion the same; the
 * 1,000-document folder opened 5.06–5.18 → 4.89–4.98 s, checked closed 5.67–6.17 → 5.31–5.34 s; typing in a
 * term base the same.
 */
export function noPretenuring(argv: readonly string[] = nodeOptions(), set: (flags: string) => void = v8.setFlagsFromString): boolean {
  return setUnlessGiven(argv, PRETENURING_OPTION, '--no-allocation-site-pretenuring', set);
}

/**
 * The part of a code cache's name that tells the options Node was started with (`-o` and the CRC-32 of its
 * command-line options and `NODE_OPTIONS`), empty when there are none: V8 rejects code compiled under other flags
 * (`--max-old-space-size` in `NODE_OPTIONS`, say), so runs with and without them would each replace the other's cache
 * and compile the whole bundle every time. (`o` is no hexadecimal digit: the part never reads as the bundle's CRC-32.)
 */
export function flagsPart(crc32: (data: Buffer) => number, execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS): string {
  const options = (nodeOptions ?? '').trim();
  if (!execArgv.length && !options) return '';
  return `-o${crc32(Buffer.from(`${execArgv.join('\u0000')}\u0001${options}`)).toString(16)}`;
}

/** Keeps the newest few code caches of a name (older bundles' code is never used again). */
function prune(dir: string, keep: string, name: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.bin')).map((f) => path.join(dir, f)).filter((f) => f !== keep);
  const dated = files.map((f) => ({ f, t: fs.statSync(f).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of dated.slice(3)) fs.rmSync(f, { force: true });
}
