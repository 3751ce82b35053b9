/**
 * File access for the server and the CLI (the core does no IO): reading term
 * bases from disk, confined to the workspace folders, and finding files.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** Files larger than this are not read (a term base or document this big is a mistake or an attack). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

/**
 * Names in code-unit order: the order folders are walked in (the list found is sorted at the end). Not a locale
 * collator: creating one costs the CLI's start-up more than the walk of a small folder.
 */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lists files under `root` whose name ends with one of `suffixes`, skipping VCS and dependency folders. */
export function findFiles(root: string, suffixes: readonly string[], limit = 100_000): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => byName(a.name, b.name));
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(path.join(dir, e.name));
      } else if (e.isFile() && suffixes.some((s) => e.name.toLowerCase().endsWith(s))) {
        out.push(path.join(dir, e.name));
      }
    }
  }
  return out.sort();
}

/** Whether `file` (after resolving symbolic links) lies inside one of `roots`. */
export function isInside(file: string, roots: readonly string[]): boolean {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  return roots.some((r) => {
    let rr: string;
    try {
      rr = fs.realpathSync(r);
    } catch {
      rr = path.resolve(r);
    }
    const rel = path.relative(rr, real);
    // `..` or `../x` leaves the root; a file named `..notes` inside it does not.
    return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
  });
}

export type ReadResult = { text: string; version: string } | { error: string };

/** Reads a `file:` uri as UTF-8 text if it is inside `roots` (all places allowed when `roots` is empty). */
export function readFileUri(uri: string, roots: readonly string[]): ReadResult {
  const read = readFileBytes(uri, roots);
  return 'error' in read ? read : { text: decodeUtf8(read.bytes), version: read.version };
}

/** `readFileUri`, without decoding the bytes (the CLI's `--cache` hashes them, and decodes only what it checks). */
export function readFileBytes(uri: string, roots: readonly string[]): { bytes: Uint8Array; version: string } | { error: string } {
  let file: string;
  try {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return { error: `only local files can be read (got \`${u.scheme}:\`).` };
    file = u.fsPath;
  } catch {
    return { error: 'the path is not valid.' };
  }
  if (roots.length && !isInside(file, roots)) return { error: 'the path leads outside the workspace folders; it is not read.' };
  try {
    const st = fs.statSync(file);
    const problem = statProblem(st);
    if (problem) return { error: problem };
    return { bytes: fs.readFileSync(file), version: `${st.mtimeMs}:${st.size}` };
  } catch (e) {
    return { error: readError(e) };
  }
}

const TOO_LARGE = `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`;

const statProblem = (st: fs.Stats): string | undefined => (!st.isFile() ? 'not a file.' : st.size > MAX_FILE_BYTES ? TOO_LARGE : undefined);

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file.' : `the file cannot be read (${code ?? 'error'}).`;
}

/** The buffer `hashFile` reads into, grown as needed and kept: 1,000 documents hashed allocate it once. */
let hashBuffer = Buffer.allocUnsafe(0);

/**
 * The SHA-256 (hexadecimal) of a file's bytes, and a view of them that is valid only until the next call (`bytes`):
 * what `--cache` asks of every document, read into one buffer kept between calls, with one `fstat` of the open file
 * instead of a `stat` of its path and a read into a new buffer. Refused as `readFileBytes` refuses.
 */
export function hashFile(file: string): { hash: string; bytes: Uint8Array } | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    return { error: readError(e) };
  }
  try {
    const problem = statProblem(fs.fstatSync(fd));
    if (problem) return { error: problem };
    let length = 0;
    for (;;) {
      // Read until the end, whatever the size said: a file may grow while it is read.
      if (length === hashBuffer.length) {
        if (length > MAX_FILE_BYTES) return { error: TOO_LARGE };
        const grown = Buffer.allocUnsafe(Math.max(64 * 1024, length * 2));
        hashBuffer.copy(grown, 0, 0, length);
        hashBuffer = grown;
      }
      const n = fs.readSync(fd, hashBuffer, length, hashBuffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    const bytes = hashBuffer.subarray(0, length);
    return { hash: createHash('sha256').update(bytes).digest('hex'), bytes };
  } catch (e) {
    return { error: readError(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/** What `readFileBytes` would refuse a file for, as far as its metadata tells, or else its size in bytes; the file is not read. */
export function fileSizeForRead(file: string): { size: number } | { error: string } {
  try {
    const st = fs.statSync(file);
    const problem = statProblem(st);
    return problem ? { error: problem } : { size: st.size };
  } catch (e) {
    return { error: readError(e) };
  }
}

/** UTF-8 text of `bytes` as a document reads it: a byte-order mark dropped, malformed sequences as U+FFFD. */
export const decodeUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(bytes);

/** Where the built-in data lives, from the bundle (`dist/`) or the sources (`server/src/...`). */
export function builtinDataDir(): string {
  const candidates = [path.join(__dirname, '..', 'server', 'data'), path.join(__dirname, '..', 'data'), path.join(__dirname, '..', '..', 'data')];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'instruments.yaml'))) return c;
  throw new Error(`The built-in data (instruments.yaml) was not found next to ${__dirname}.`);
}

export function loadBuiltinData(dir = builtinDataDir()) {
  const read = (name: string) => ({ uri: URI.file(path.join(dir, name)).toString(), text: fs.readFileSync(path.join(dir, name), 'utf8') });
  return { catalog: read('instruments.yaml'), termBase: read('wco.terms.yaml'), models: [read('wco-digital-customs.model.yaml')] };
}
