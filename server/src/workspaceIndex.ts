/**
 * The server's index of the workspace: every concept document, term base and
 * reference model under the workspace folders (all roots), found at start-up
 * without opening them and kept current by file-watch notifications, so that
 * references, rename, workspace symbols and code lens see closed files.
 *
 * It also keeps the text of the closed files it has read, checked against the
 * file's modification time and size on every read, so a workspace-wide request
 * does not read every file from disk again; a client without file watching
 * still gets current text.
 */
import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import { findFiles, readFileUri, type ReadResult } from './node/files';
import { documentKind, DOCUMENT_SUFFIXES, type NamedKind } from './core/index';

export type IndexedKind = NamedKind;

const ALL_SUFFIXES = Object.values(DOCUMENT_SUFFIXES).flat();

/** The kind of an indexed file, from its name (`*.concept.md`, `*.terms.yaml`, `*.model.yaml`). */
export function indexedKind(uri: string): IndexedKind | undefined {
  const kind = documentKind(uri, true);
  return kind === 'other' ? undefined : kind;
}

/** What a file-watch notification says about a file (LSP `FileChangeType`: 1 created, 2 changed, 3 deleted). */
export type FileChange = 1 | 2 | 3;

interface Entry {
  kind: IndexedKind;
  cached?: { text: string; version: string };
}

export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();

  /** Lists every indexed file under `folders` (replacing what was indexed before). */
  scan(folders: readonly string[]): void {
    this.files.clear();
    for (const folder of folders) {
      for (const file of findFiles(folder, ALL_SUFFIXES)) {
        const uri = URI.file(file).toString();
        const kind = indexedKind(uri);
        if (kind) this.files.set(uri, { kind });
      }
    }
  }

  /** Indexed uris of one kind, sorted. */
  uris(kind: IndexedKind): string[] {
    const out: string[] = [];
    for (const [uri, e] of this.files) if (e.kind === kind) out.push(uri);
    return out.sort();
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** Applies a file-watch notification. A rename arrives as a deletion and a creation. */
  update(uri: string, change: FileChange): void {
    const kind = indexedKind(uri);
    if (!kind) return;
    if (change === 3) this.files.delete(uri);
    else this.files.set(uri, { kind });
  }

  /**
   * Reads a file (confined to `roots`), from the cache when the file on disk is
   * unchanged. Only indexed files are cached.
   */
  read(uri: string, roots: readonly string[]): ReadResult {
    const entry = this.files.get(uri);
    if (entry?.cached) {
      const stamp = statStamp(uri);
      if (stamp === entry.cached.version) return entry.cached;
    }
    const result = readFileUri(uri, roots);
    if (entry && 'text' in result) entry.cached = result;
    return result;
  }
}

/** What a read answers in Restricted Mode (an untrusted workspace), for the server and its worker for closed documents. */
export const RESTRICTED = { error: 'the workspace is not trusted (Restricted Mode): only the built-in data is used.' };
/** What a read answers with no folder to read from (an empty list would let `readFileUri` read anywhere). */
export const NO_ROOTS = { error: 'the path leads outside the workspace folders; it is not read.' };

/** The same stamp as `readFileUri`'s version, from a stat only. */
export function statStamp(uri: string): string | undefined {
  try {
    const st = fs.statSync(URI.parse(uri).fsPath);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
}
