/**
 * The result cache of `customs-concepts check --cache`: a document whose text, and every file its analysis read
 * (term bases, models, catalogs), hash the same as on the run that checked it, under the same built-in data, settings,
 * workspace file lists and program, gets the diagnostics of that run back without being analysed again.
 *
 * Validity rests on content hashes only (SHA-256), never on timestamps. A cache file that cannot be read or does not
 * have the expected shape is ignored and replaced on write.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { URI } from 'vscode-uri';
import { jsonOf, type ReportedDiagnostics } from '../interchange/checkReport';
import { writeFileAtomic } from '../interchange/writeFile';
import { PROGRAM_ID } from './cliStart';

export const DEFAULT_CACHE_LOCATION = '.customs-concepts-cache';
const FORMAT = 3;

/** A cached result, as kept in memory. */
export interface CacheEntry {
  /** Hash of the document's bytes. */
  hash: string;
  /** Hash of each file the analysis depended on ('' for a file that could not be read). */
  deps: Record<string, string>;
  reported: ReportedDiagnostics;
}

/** A cached result in the file's first line: where its diagnostics' JSON lies in the rest of the file (in bytes), and their counts. */
interface EntryHead {
  hash: string;
  deps: Record<string, string>;
  at: number;
  length: number;
  errors: number;
  warnings: number;
  total: number;
}

/**
 * The cache file: one line of JSON (format, key, the entries with their hashes, counts and places), then the
 * diagnostics of every entry, one after the other, each as the JSON report writes them. A re-run decodes the first
 * line only and keeps the rest as bytes: the JSON report copies each file's part as it is, without decoding or
 * encoding it again, and other formats parse the parts they print.
 */
export interface CacheContents {
  /** Hash of everything every entry depends on: program, built-in data, settings, roots and workspace file lists. */
  key: string;
  entries: Map<string, CacheEntry>;
}

/** The cache file's bytes, in pieces (its first line, then each entry's diagnostics). */
export function* encodeCache(contents: CacheContents): Generator<string | Uint8Array> {
  const entries: Record<string, EntryHead> = {};
  const bodies: (string | Uint8Array)[] = [];
  let at = 0;
  for (const [uri, { hash, deps, reported }] of contents.entries) {
    const { errors, warnings, total } = reported;
    const json = jsonOf(reported);
    const length = typeof json === 'string' ? Buffer.byteLength(json) : json.byteLength;
    entries[uri] = { hash, deps, at, length, errors, warnings, total };
    bodies.push(json);
    at += length;
  }
  yield `${JSON.stringify({ format: FORMAT, key: contents.key, length: at, entries })}\n`;
  yield* bodies;
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The contents of a cache file, or undefined when it is not one (missing, corrupt, of another format). Each entry's
 * diagnostics are a view of `bytes`, not a copy.
 */
export function decodeCache(bytes: Uint8Array): CacheContents | undefined {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const newline = buffer.indexOf(0x0a);
    if (newline < 0) return undefined;
    const head = JSON.parse(buffer.toString('utf8', 0, newline)) as { format?: unknown; key?: unknown; length?: unknown; entries?: unknown } | null;
    const body = buffer.subarray(newline + 1);
    if (!head || head.format !== FORMAT || typeof head.key !== 'string' || head.length !== body.length || !head.entries || typeof head.entries !== 'object') return undefined;
    const entries = new Map<string, CacheEntry>();
    const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
    for (const [uri, e] of Object.entries(head.entries as Record<string, Partial<EntryHead> | null>)) {
      if (!e || typeof e.hash !== 'string' || !e.deps || typeof e.deps !== 'object' || !count(e.at) || !count(e.length) || !count(e.errors) || !count(e.warnings) || !count(e.total)) return undefined;
      if (e.at + e.length > body.length || body[e.at] !== OPEN_BRACKET || body[e.at + e.length - 1] !== CLOSE_BRACKET) return undefined;
      entries.set(uri, { hash: e.hash, deps: e.deps, reported: { json: body.subarray(e.at, e.at + e.length), errors: e.errors, warnings: e.warnings, total: e.total } });
    }
    return { key: head.key, entries };
  } catch {
    return undefined;
  }
}

/** SHA-256 of `parts` one after the other (the digest of their concatenation, without making it). */
export function hashText(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The parts of a run every document's result depends on; their hash is the cache's key. */
export interface CacheKeyParts {
  version: string;
  /** Texts of the built-in catalog, term base and models. */
  builtin: string[];
  settings: unknown;
  roots: string[];
  fileLists: string[][];
}

export class CheckCache {
  private readonly entries: Map<string, CacheEntry>;
  private readonly fileHashes = new Map<string, string>();
  private readonly key: string;
  private changed = false;

  constructor(
    private readonly location: string,
    parts: CacheKeyParts,
  ) {
    this.key = hashText(JSON.stringify({ ...parts, builtin: parts.builtin.map((t) => hashText(t)), program: programId() }));
    const previous = readCacheFile(location);
    this.entries = previous && previous.key === this.key ? previous.entries : new Map();
    // A missing, corrupt or outdated file is rewritten even when every document is found in it.
    this.changed = !previous || previous.key !== this.key;
  }

  /** The diagnostics of an unchanged document (`hash`: `hashText` of its bytes), or undefined when it must be checked. */
  lookup(uri: string, hash: string): ReportedDiagnostics | undefined {
    const entry = this.entries.get(uri);
    if (!entry || entry.hash !== hash) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if (this.fileHash(dep) !== hash) return undefined;
    return entry.reported;
  }

  store(uri: string, hash: string, reported: ReportedDiagnostics, dependencies: readonly string[]): void {
    const deps: Record<string, string> = {};
    for (const dep of dependencies) if (dep !== uri) deps[dep] = this.fileHash(dep);
    // Kept as JSON until the cache is written, never as objects.
    this.entries.set(uri, { hash, deps, reported: { json: jsonOf(reported), errors: reported.errors, warnings: reported.warnings, total: reported.total } });
    this.changed = true;
  }

  /** Writes the cache when it changed; returns an error message when it could not be written. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    return writeFileAtomic(this.location, encodeCache({ key: this.key, entries: this.entries }));
  }

  private fileHash(uri: string): string {
    let h = this.fileHashes.get(uri);
    if (h === undefined) {
      try {
        h = hashText(fs.readFileSync(URI.parse(uri).fsPath));
      } catch {
        h = '';
      }
      this.fileHashes.set(uri, h);
    }
    return h;
  }
}

function readCacheFile(location: string): CacheContents | undefined {
  try {
    return decodeCache(fs.readFileSync(location));
  } catch {
    return undefined;
  }
}

let program: string | undefined;

/**
 * The running program's identity, so that a rebuilt CLI of the same version does not reuse results of the old one:
 * its bundle's length and CRC-32, as the code cache names it (hashing 2.5 MB with SHA-256 on every run cost more
 * than the rest of a key), or its SHA-256 where Node has no `zlib.crc32`. Read once per process, for every cache, or
 * taken from `loadWithCodeCache` when it loaded this bundle.
 */
export function programId(): string {
  if (program !== undefined) return program;
  // Loaded by `loadWithCodeCache`, which has just read and checked this very file.
  const loaded = (globalThis as { [PROGRAM_ID]?: { file: string; id: string } })[PROGRAM_ID];
  if (loaded?.file === __filename) return (program = loaded.id);
  try {
    const bytes = fs.readFileSync(__filename);
    const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
    program = typeof crc32 === 'function' ? `${bytes.length}-${crc32(bytes).toString(16)}` : hashText(bytes);
  } catch {
    program = '';
  }
  return program;
}
