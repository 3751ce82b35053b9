/**
 * The language service's view of files: every read of a file other than the
 * document at hand goes through one `FileCache` per service, which asks the
 * injected `WorkspaceFiles` for the text and its version stamp and keeps what
 * is derived from a version (its `TextDocument`, its parsed term base) until the
 * stamp changes. Built-in and extra data files (catalogs, the WCO term base,
 * built-in models) are served from memory.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import type { TermBaseStore, TermUseIndex, WorkspaceFiles } from './env';
import { parseTermBase, type TermBase } from './terms/termBase';
import { languageIdOf } from './uri';

export type ReadResult = { text: string; version: string | number } | { error: string };

/** A term base as read: its version, text and entries, or why it could not be read. */
export interface LoadedFile {
  version?: string | number;
  base?: TermBase;
  text?: string;
  error?: string;
}

export class FileCache implements WorkspaceFiles {
  private readonly data: Map<string, string>;
  private readonly documents = new Map<string, { stamp: string; document: TextDocument }>();
  private readonly termBases = new Map<string, { version: string | number; base: TermBase; text: string }>();
  /** The last term base `termBaseOfText` parsed: the scopes take it when they read the same text (the next check of a document importing it). */
  private lastOfText: { uri: string; text: string; base: TermBase } | undefined;

  constructor(
    private readonly workspace: WorkspaceFiles,
    dataFiles: readonly { uri: string; text: string }[],
    private readonly store?: TermBaseStore,
  ) {
    this.data = new Map(dataFiles.map((f) => [f.uri, f.text]));
  }

  /** The text of a workspace file and its version stamp, or why it cannot be read. */
  read(uri: string): ReadResult {
    return this.workspace.read(uri);
  }

  /** The text of a workspace file, or undefined. */
  text(uri: string): string | undefined {
    const r = this.read(uri);
    return 'text' in r ? r.text : undefined;
  }

  termBaseUris(): readonly string[] {
    return this.workspace.termBaseUris();
  }

  modelUris(): readonly string[] {
    return this.workspace.modelUris?.() ?? [];
  }

  /** Concept documents of the workspace (none when it does not list them: only the document at hand is seen). */
  conceptUris(): readonly string[] {
    return this.workspace.conceptUris?.() ?? [];
  }

  /** The known uses of term-base entries in a closed concept document (`WorkspaceFiles.knownUses`); never for an open one, which is analysed. */
  knownUses(uri: string): TermUseIndex | undefined {
    return this.openVersion(uri) === undefined ? this.workspace.knownUses?.(uri) : undefined;
  }

  rememberUses(uri: string, uses: TermUseIndex): void {
    if (this.openVersion(uri) === undefined) this.workspace.rememberUses?.(uri, uses);
  }

  openVersion(uri: string): number | undefined {
    return this.workspace.openVersion?.(uri);
  }

  /**
   * A text document for a data file or a workspace file (to turn offsets into
   * positions), kept while the file's version is the same. An open file's
   * document carries the editor's version, so the parse cache keeps its entry.
   */
  textDocument(uri: string): TextDocument | undefined {
    const data = this.data.get(uri);
    let stamp: string;
    let text: string;
    if (data !== undefined) {
      stamp = 'data';
      text = data;
    } else {
      const r = this.read(uri);
      if ('error' in r) return undefined;
      stamp = `${typeof r.version}:${r.version}`;
      text = r.text;
    }
    const version = data === undefined ? (this.openVersion(uri) ?? 0) : 0;
    const known = this.documents.get(uri);
    if (known && known.stamp === stamp && known.document.version === version && known.document.getText() === text) return known.document;
    const document = TextDocument.create(uri, languageIdOf(uri), version, text);
    if (this.documents.size >= 64 && !known) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(uri, { stamp, document });
    return document;
  }

  /** A workspace term base, parsed once per version. */
  termBase(uri: string): LoadedFile {
    const read = this.read(uri);
    if ('error' in read) return { error: read.error };
    const cached = this.termBases.get(uri);
    if (cached && cached.version === read.version) return cached;
    const last = this.lastOfText;
    let base = last && last.uri === uri && last.text === read.text ? last.base : this.store?.load(uri, read.text);
    if (!base) {
      base = parseTermBase(uri, read.text);
      this.store?.save(uri, read.text, base);
    }
    const entry = { version: read.version, base, text: read.text };
    this.termBases.set(uri, entry);
    return entry;
  }

  /**
   * The term base of `text` at `uri` (a document being checked, whose text the caller has): the one
   * parsed for the scopes when it has that text, else from the store, else parsed (kept for the scopes until the next).
   * `tree`: the text's YAML tree when the caller has one.
   */
  termBaseOfText(uri: string, text: string, tree?: Document): TermBase {
    const cached = this.termBases.get(uri);
    if (cached && cached.text === text) return cached.base;
    const last = this.lastOfText;
    if (last && last.uri === uri && last.text === text) return last.base;
    const base = this.store?.load(uri, text) ?? parseTermBase(uri, text, 'termBase', tree);
    this.lastOfText = { uri, text, base };
    return base;
  }

  /** The version of a term base as last parsed, if it was. */
  termBaseVersion(uri: string): string | number | undefined {
    return this.termBases.get(uri)?.version;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.termBases.delete(uri);
    if (this.lastOfText?.uri === uri) this.lastOfText = undefined;
  }
}
