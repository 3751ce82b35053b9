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
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { writeFileAtomic } from '../interchange/writeFile';

export const DEFAULT_CACHE_LOCATION = '.customs-concepts-cache';
const FORMAT = 1;

interface Entry {
  /** Hash of the document's text. */
  hash: string;
  /** Hash of each file the analysis depended on ('' for a file that could not be read). */
  deps: Record<string, string>;
  diagnostics: Diagnostic[];
}

interface CacheFile {
  format: number;
  /** Hash of everything every entry depends on: program, built-in data, settings, roots and workspace file lists. */
  key: string;
  entries: Record<string, Entry>;
}

export const hashText = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

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
  private readonly entries: Record<string, Entry>;
  private readonly fileHashes = new Map<string, string>();
  private readonly key: string;
  private changed = false;

  constructor(
    private readonly location: string,
    parts: CacheKeyParts,
  ) {
    this.key = hashText(JSON.stringify({ ...parts, builtin: parts.builtin.map(hashText), program: programHash() }));
    const previous = readCacheFile(location);
    this.entries = previous && previous.key === this.key ? previous.entries : {};
    // A missing, corrupt or outdated file is rewritten even when every document is found in it.
    this.changed = !previous || previous.key !== this.key;
  }

  /** The diagnostics of an unchanged document, or undefined when it must be checked. */
  lookup(uri: string, text: string): Diagnostic[] | undefined {
    const entry = this.entries[uri];
    if (!entry || entry.hash !== hashText(text)) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if (this.fileHash(dep) !== hash) return undefined;
    return entry.diagnostics;
  }

  store(uri: string, text: string, diagnostics: Diagnostic[], dependencies: readonly string[]): void {
    const deps: Record<string, string> = {};
    for (const dep of dependencies) if (dep !== uri) deps[dep] = this.fileHash(dep);
    this.entries[uri] = { hash: hashText(text), deps, diagnostics };
    this.changed = true;
  }

  /** Writes the cache when it changed; returns an error message when it could not be written. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const file: CacheFile = { format: FORMAT, key: this.key, entries: this.entries };
    return writeFileAtomic(this.location, JSON.stringify(file));
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

function readCacheFile(location: string): CacheFile | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(location, 'utf8')) as Partial<CacheFile> | null;
    if (!data || data.format !== FORMAT || typeof data.key !== 'string' || !data.entries || typeof data.entries !== 'object') return undefined;
    for (const e of Object.values(data.entries)) {
      if (!e || typeof e.hash !== 'string' || !e.deps || typeof e.deps !== 'object' || !Array.isArray(e.diagnostics)) return undefined;
    }
    return data as CacheFile;
  } catch {
    return undefined;
  }
}

/** Hash of the running program, so that a rebuilt CLI of the same version does not reuse results of the old one. */
export function programHash(): string {
  try {
    return hashText(fs.readFileSync(__filename));
  } catch {
    return '';
  }
}
