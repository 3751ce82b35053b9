/**
 * The compiled term-base cache of the CLI: a large workspace term base is read
 * from YAML once, and later runs take the term base as read (entries, offsets,
 * problems: every field `parseTermBase` gives) from a JSON file instead, which
 * costs a fraction of parsing and checking the YAML again.
 *
 * One file per term base and text, named by the SHA-256 of the cache format, the
 * running program (its bundle's length and CRC-32), the term base's uri and its text: a
 * changed term base, a rebuilt CLI or a moved folder looks for another file, so
 * validity rests on content only, never on timestamps. A file that cannot be
 * read, does not parse or does not carry its own key is ignored and written
 * again. Small term bases (under `MIN_CACHED_CHARS`) are parsed every time:
 * reading them costs no more than reading their cache file would.
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
import { decodeCompiled, encodeCompiled, type TermBase, type TermBaseStore } from '../core/index';
import { writeFileAtomic } from '../interchange/writeFile';
import { cacheDir } from './cacheDir';
import { hashText, programId } from './checkCache';

/** Bumped whenever the encoding or the shape of a parsed term base changes in a way the program hash would not show. */
const FORMAT = 1;
/** Term bases shorter than this (in UTF-16 units) are not cached. */
export const MIN_CACHED_CHARS = 64 * 1024;
/** At most this many compiled term bases are kept; the least recently written go first. */
const MAX_FILES = 64;

interface CompiledFile {
  format: number;
  key: string;
  base: unknown;
}

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
    let data: Partial<CompiledFile> | null;
    try {
      data = JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as Partial<CompiledFile> | null;
    } catch {
      return undefined;
    }
    if (!data || data.format !== FORMAT || data.key !== key || typeof data.base !== 'object' || data.base === null) return undefined;
    try {
      return decodeCompiled(data.base, uri) as TermBase;
    } catch {
      return undefined;
    }
  }

  save(uri: string, text: string, base: TermBase): void {
    if (text.length < this.minChars) return;
    const key = this.key(uri, text);
    let json: string;
    try {
      const file: CompiledFile = { format: FORMAT, key, base: encodeCompiled(base, uri) };
      json = JSON.stringify(file);
    } catch {
      // A term base that JSON cannot hold exactly is parsed every time.
      return;
    }
    try {
      fs.mkdirSync(this.dir, { recursive: true });
    } catch {
      return;
    }
    // A cache that cannot be written only costs time: the run goes on.
    if (writeFileAtomic(this.file(key), json) === undefined) this.prune();
  }

  private key(uri: string, text: string): string {
    return hashText(`${FORMAT}\u0000${this.program}\u0000${uri}\u0000${text}`);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** Removes the least recently written files beyond `MAX_FILES` (their times only choose what goes, never what is valid). */
  private prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    try {
      const files = fs.readdirSync(this.dir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f));
      if (files.length <= MAX_FILES) return;
      const dated = files.map((f) => ({ f, t: fs.statSync(path.join(this.dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
      for (const { f } of dated.slice(MAX_FILES)) fs.rmSync(path.join(this.dir, f), { force: true });
    } catch {
      // Another run may be pruning the same folder.
    }
  }
}
