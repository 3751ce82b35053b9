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
 * CRC-32 of the rest), then the body (`writeCompiled`), in V8's serialization format
 * (`v8.serialize`: plain objects, arrays, `Map`s, `undefined` and typed arrays come
 * back as they were, read natively): a head with the term base's uri, problems and
 * language, the keys of its entries' labels (`termBaseKeys`, in columns:
 * `encodeEntryKeys`; what a scope otherwise computes from every label on every
 * start), the French and Russian stems of their words (`labelFolds`: what a document
 * in those languages otherwise stems again), every entry's `translationLabels` and
 * where each entry lies; then every entry serialised on its own, deserialised the
 * first time one of its fields is read (`CompiledEntry`). Keys and folds depend on
 * the labels and the program only, not on the document's language or the settings:
 * a scope in any language takes what it needs. A file that cannot be read, does not
 * carry its own key, whose body is not the length and checksum its first line says,
 * whose head does not deserialize or whose entries do not lie where it says
 * is ignored and written again (the checksum, checked first, is what guards
 * the entries read later). Small term bases (under
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
import { attachEntryKeys, attachLabelFolds, decodeEntryKeys, encodeEntryKeys, labelFolds, termBaseKeys, type EncodedEntryKeys, type TermBase, type TermBaseStore, type TermEntry } from '../core/index';
import { writeFileAtomic } from '../interchange/writeFile';
import { cacheDir } from './cacheDir';
import { hashText, programId } from './checkCache';

/** Bumped whenever the encoding or the shape of a parsed term base changes in a way the program hash would not show. */
const FORMAT = 5;
/** Term bases shorter than this (in UTF-16 units) are not cached. */
export const MIN_CACHED_CHARS = 64 * 1024;
/** At most this many compiled term bases are kept; the least recently written go first. */
const MAX_FILES = 64;

/** The first line of a compiled term base. */
interface CompiledHeader {
  format: number;
  key: string;
  /** The length and CRC-32 (hexadecimal) of what follows the line. */
  length: number;
  crc: string;
}

const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const checksum = (body: Uint8Array) => crc32!(body).toString(16);
/**
 * Entries are read after the file is accepted, so the checksum is what guards them: a Node without `zlib.crc32`
 * (before 20.15) keeps no compiled term bases and parses the YAML every time.
 */
const CHECKSUMS = typeof crc32 === 'function';

/** The cache folder of compiled term bases (see the module comment), or undefined when the cache is turned off. */
export function termBaseCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string | undefined {
  return cacheDir('term-bases', env, platform, home);
}

/** How the language server uses the cache (`closedFilesStore`). */
export interface ServerStoreOptions {
  /** The cache folder; undefined when the cache is turned off. */
  dir?: string;
  /** The program the compiled files belong to: the server's, also in its thread for closed documents. */
  program?: string;
  /** Whether term bases parsed here are compiled and written (else only read). */
  write: boolean;
}

/**
 * The compiled term bases of the language server, for files as on disk only: an open term base gets a new text with
 * every keystroke, and each would be hashed, compiled and written for nothing. The server's own thread only reads
 * them: compiling a 5,000-term base (its keys, its French and Russian stems) takes ~300 ms, which would delay the
 * first diagnostics of the session that meets it, or of a check after the file changed on disk. Its thread for closed
 * documents, which reads the same term bases for the documents that import them, compiles and writes them under the
 * server's program, so the next session finds them. Undefined when the cache is turned off.
 */
export function closedFilesStore(isOpen: (uri: string) => boolean, options: ServerStoreOptions = { dir: termBaseCacheDir(), write: false }): TermBaseStore | undefined {
  if (options.dir === undefined) return undefined;
  const store = new CompiledTermBases(options.dir, MIN_CACHED_CHARS, options.program);
  return {
    load: (uri, text) => (isOpen(uri) ? undefined : store.load(uri, text)),
    save: (uri, text, base) => {
      if (options.write && !isOpen(uri)) store.save(uri, text, base);
    },
  };
}

export class CompiledTermBases implements TermBaseStore {
  private pruned = false;

  constructor(
    private readonly dir: string,
    private readonly minChars = MIN_CACHED_CHARS,
    /** The running program (see `programId`), unless it works for another. */
    private readonly program = programId(),
  ) {}

  load(uri: string, text: string): TermBase | undefined {
    if (text.length < this.minChars || !CHECKSUMS) return undefined;
    const key = this.key(uri, text);
    try {
      const bytes = fs.readFileSync(this.file(key));
      const eol = bytes.indexOf(0x0a);
      if (eol < 0) return undefined;
      const header = JSON.parse(bytes.toString('utf8', 0, eol)) as Partial<CompiledHeader> | null;
      const body = bytes.subarray(eol + 1);
      if (!header || header.format !== FORMAT || header.key !== key || header.length !== body.length || header.crc !== checksum(body)) return undefined;
      return readCompiled(body);
    } catch {
      // Missing, unreadable or corrupt: the term base is parsed and the file written again.
      return undefined;
    }
  }

  save(uri: string, text: string, base: TermBase): void {
    if (text.length < this.minChars || !CHECKSUMS) return;
    const key = this.key(uri, text);
    let body: Buffer;
    try {
      body = writeCompiled(base);
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
    // The text hashed after its header, not joined to it first: joining made a 1 MB text one new string, encoded
    // again (2–3 ms of a start, against ~0.7 ms). The digest is the same.
    return hashText(`${FORMAT}\u0000${this.program}\u0000${process.versions.v8}\u0000${uri}\u0000`, text);
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

/** What a compiled term base holds besides its entries, read on load. */
interface CompiledHead {
  uri: string;
  problems: TermBase['problems'];
  language: string | undefined;
  /** Where each entry lies in the entries part: entry `i` is `[offsets[i], offsets[i + 1])`. */
  offsets: Uint32Array;
  /** `translationLabels` of the entries that have any, by index (the others have none). */
  translations: [number, Record<string, string[]>][];
  /** `encodeEntryKeys(termBaseKeys(base))`. */
  keys: unknown;
  folds: unknown;
}

/**
 * A body: the length of the head (4 bytes, little-endian), the head (`CompiledHead`, V8's format), then every
 * entry serialised on its own, one after the other. A scope reads the keys of every entry but the entries
 * themselves only where a label is found, so an entry is deserialised on first use (`CompiledEntry`).
 */
function writeCompiled(base: TermBase): Buffer {
  const parts = base.entries.map((entry) => v8.serialize(entry));
  const offsets = new Uint32Array(parts.length + 1);
  parts.forEach((part, i) => (offsets[i + 1] = offsets[i] + part.length));
  const translations: [number, Record<string, string[]>][] = [];
  base.entries.forEach((entry, i) => {
    if (Object.keys(entry.translationLabels).length) translations.push([i, entry.translationLabels]);
  });
  const head: CompiledHead = { uri: base.uri, problems: base.problems, language: base.language, offsets, translations, keys: encodeEntryKeys(termBaseKeys(base)), folds: labelFolds(base) };
  const headBytes = v8.serialize(head);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headBytes.length, 0);
  return Buffer.concat([length, headBytes, ...parts]);
}

/** The term base of a body `writeCompiled` wrote, or undefined when its parts do not fit together. */
function readCompiled(body: Buffer): TermBase | undefined {
  if (body.length < 4) return undefined;
  const headLength = body.readUInt32LE(0);
  if (4 + headLength > body.length) return undefined;
  const head = v8.deserialize(body.subarray(4, 4 + headLength)) as Partial<CompiledHead> | null;
  if (typeof head !== 'object' || head === null || typeof head.uri !== 'string' || !Array.isArray(head.problems) || !Array.isArray(head.translations)) return undefined;
  const { offsets } = head;
  const region = body.subarray(4 + headLength);
  if (!(offsets instanceof Uint32Array) || offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== region.length) return undefined;
  for (let i = 1; i < offsets.length; i++) if (offsets[i] <= offsets[i - 1]) return undefined;
  const translated = new Map<number, Record<string, string[]>>();
  for (const pair of head.translations) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'object' || pair[1] === null) return undefined;
    translated.set(pair[0], pair[1]);
  }
  const entries: TermEntry[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) entries.push(new CompiledEntry(region, offsets[i], offsets[i + 1], translated.get(i) ?? NO_TRANSLATIONS));
  const base: TermBase = { uri: head.uri, entries, problems: head.problems };
  if (head.language !== undefined) base.language = head.language;
  attachEntryKeys(base, decodeEntryKeys(head.keys, entries.length), (head.keys as Partial<EncodedEntryKeys> | undefined)?.strings);
  attachLabelFolds(base, head.folds);
  return base;
}

const NO_TRANSLATIONS: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;

/**
 * An entry of a compiled term base, read from its bytes the first time one of its fields is asked. Its
 * `translationLabels` come with the head (every scope asks for them); everything else is the entry as parsed.
 */
class CompiledEntry implements TermEntry {
  private read: TermEntry | undefined;

  constructor(
    private readonly region: Buffer,
    private readonly from: number,
    private readonly to: number,
    readonly translationLabels: Record<string, string[]>,
  ) {}

  private get entry(): TermEntry {
    return (this.read ??= v8.deserialize(this.region.subarray(this.from, this.to)) as TermEntry);
  }

  get term() { return this.entry.term; }
  get definition() { return this.entry.definition; }
  get variants() { return this.entry.variants; }
  get deprecated() { return this.entry.deprecated; }
  get source() { return this.entry.source; }
  get related() { return this.entry.related; }
  get broader() { return this.entry.broader; }
  get narrower() { return this.entry.narrower; }
  get translations() { return this.entry.translations; }
  get definitions() { return this.entry.definitions; }
  get match() { return this.entry.match; }
  get exclude() { return this.entry.exclude; }
  get confidence() { return this.entry.confidence; }
  get note() { return this.entry.note; }
  get role() { return this.entry.role; }
  get language() { return this.entry.language; }
  get translationConfidence() { return this.entry.translationConfidence; }
  get uri() { return this.entry.uri; }
  get origin() { return this.entry.origin; }
  get labelRange() { return this.entry.labelRange; }
  get definitionRange() { return this.entry.definitionRange; }
  get sourceRange() { return this.entry.sourceRange; }
  get labelRanges() { return this.entry.labelRanges; }
}
