/**
 * The compiled term-base cache of the CLI: a large workspace term base is read
 * from YAML once, and later runs take the term base as read (entries, offsets,
 * problems: every field `parseTermBase` gives) from a file instead, which costs
 * a fraction of parsing and checking the YAML again.
 *
 * One file per term base and text, named by the SHA-256 of the cache format, the
 * running program (its bundle's length and CRC-32) and V8's version, the term base's
 * uri and its text: a changed term base, a rebuilt CLI, another Node or a moved
 * folder looks for another file, so validity rests on content only, never on
 * timestamps. The file is one line of JSON (the format, the key, the length and
 * CRC-32 of the rest), then, in V8's serialization format (`v8.serialize`: plain
 * objects, arrays, `Map`s, `undefined` and shared objects come back as they were,
 * read natively, several times faster than JSON and a decoding pass), the term
 * base, the keys of its entries' labels (`termBaseKeys`: what a scope otherwise
 * computes from every label on every start) and the French and Russian stems of
 * their words (`labelFolds`: what a document in those languages otherwise stems
 * again). Both depend on the labels and the program only, not on the document's
 * language or the settings: a scope in any language takes what it needs. A file that cannot be read, does not carry its own key, whose
 * body is not the length and checksum its first line says or does not deserialize
 * to a term base is ignored and written again. Small term bases (under
 * `MIN_CACHED_CHARS`) are parsed every time: reading them costs no more than
 * reading their cache file would.
 *
 * Where: `$CUSTOMS_CONCEPTS_CACHE_DIR` when set, else the user's cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows), in `customs-concepts/term-bases/`. The files are
 * named by content, so projects never see each other's entries; the oldest are
 * removed beyond `MAX_FILES`. `--no-term-base-cache` (or the variable set to
 * `off`) turns the cache off.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as zlib from 'node:zlib';
import { attachEntryKeys, attachLabelFolds, labelFolds, termBaseKeys, type TermBase, type TermBaseStore } from '../core/index';
import { writeFileAtomic } from '../interchange/writeFile';
import { cacheDir } from './cacheDir';
import { hashText, programId } from './checkCache';

/** Bumped whenever the encoding or the shape of a parsed term base changes in a way the program hash would not show. */
const FORMAT = 4;
/** Term bases shorter than this (in UTF-16 units) are not cached. */
export const MIN_CACHED_CHARS = 64 * 1024;
/** At most this many compiled term bases are kept; the least recently written go first. */
const MAX_FILES = 64;

/** The first line of a compiled term base. */
interface CompiledHeader {
  format: number;
  key: string;
  /** The length and CRC-32 (hexadecimal; empty where Node has no `zlib.crc32`) of what follows the line. */
  length: number;
  crc: string;
}

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const checksum = (body: Uint8Array) => (typeof crc32 === 'function' ? crc32(body).toString(16) : '');

/** The cache folder of compiled term bases (see the module comment), or undefined when the cache is turned off. */
export function termBaseCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string | undefined {
  return cacheDir('term-bases', env, platform, home);
}

export class CompiledTermBases implements TermBaseStore {
  private readonly program = programId();
  private pruned = false;

  constructor(
    private readonly dir: string,
    private readonly minChars = MIN_CACHED_CHARS,
  ) {}

  load(uri: string, text: string): TermBase | undefined {
    if (text.length < this.minChars) return undefined;
    const key = this.key(uri, text);
    try {
      const bytes = fs.readFileSync(this.file(key));
      const eol = bytes.indexOf(0x0a);
      if (eol < 0) return undefined;
      const header = JSON.parse(bytes.toString('utf8', 0, eol)) as Partial<CompiledHeader> | null;
      const body = bytes.subarray(eol + 1);
      if (!header || header.format !== FORMAT || header.key !== key || header.length !== body.length || header.crc !== checksum(body)) return undefined;
      const { base, keys, folds } = (v8.deserialize(body) ?? {}) as { base?: Partial<TermBase> | null; keys?: unknown; folds?: unknown };
      if (typeof base !== 'object' || base === null || !Array.isArray(base.entries) || !Array.isArray(base.problems)) return undefined;
      attachEntryKeys(base as TermBase, keys);
      attachLabelFolds(base as TermBase, folds);
      return base as TermBase;
    } catch {
      // Missing, unreadable or corrupt: the term base is parsed and the file written again.
      return undefined;
    }
  }

  save(uri: string, text: string, base: TermBase): void {
    if (text.length < this.minChars) return;
    const key = this.key(uri, text);
    let body: Buffer;
    try {
      body = v8.serialize({ base, keys: termBaseKeys(base), folds: labelFolds(base) });
    } catch {
      // A term base that V8 cannot serialise is parsed every time.
      return;
    }
    const header: CompiledHeader = { format: FORMAT, key, length: body.length, crc: checksum(body) };
    try {
      fs.mkdirSync(this.dir, { recursive: true });
    } catch {
      return;
    }
    // A cache that cannot be written only costs time: the run goes on.
    if (writeFileAtomic(this.file(key), [JSON.stringify(header) + '\n', body]) === undefined) this.prune();
  }

  private key(uri: string, text: string): string {
    return hashText(`${FORMAT}\u0000${this.program}\u0000${process.versions.v8}\u0000${uri}\u0000${text}`);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.bin`);
  }

  /** Removes the least recently written files beyond `MAX_FILES` (their times only choose what goes, never what is valid). */
  private prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    try {
      const files = fs.readdirSync(this.dir).filter((f) => /^[0-9a-f]{64}\.(json|bin)$/.test(f));
      if (files.length <= MAX_FILES) return;
      const dated = files.map((f) => ({ f, t: fs.statSync(path.join(this.dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
      for (const { f } of dated.slice(MAX_FILES)) fs.rmSync(path.join(this.dir, f), { force: true });
    } catch {
      // Another run may be pruning the same folder.
    }
  }
}
