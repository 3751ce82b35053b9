/**
 * What the language service sees of the workspace through the server: the open
 * documents first, then the files under the workspace folders (through the
 * `WorkspaceIndex` and its read cache), nothing of the workspace in Restricted
 * Mode, and nothing outside the folders (or, with no folder, outside the folders
 * of the open documents).
 */
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { documentKind, type TermUseIndex, type WorkspaceFiles } from '../core/index';
import { NO_ROOTS, RESTRICTED, WorkspaceIndex, type FileChange } from '../workspaceIndex';


export class ServerWorkspace implements WorkspaceFiles {
  /** Every concept document, term base and model under the folders, open or not (with a read cache). */
  readonly index = new WorkspaceIndex();
  folders: string[] = [];
  /** Restricted Mode (an untrusted workspace): built-in data only; nothing of the workspace is read. */
  untrusted = false;
  /** The known uses of term-base entries in closed documents (the scheduler's `ClosedUses`), for a term base's code lens. */
  uses: { get(uri: string): TermUseIndex | undefined; remember(uri: string, uses: TermUseIndex): void } | undefined;

  /**
   * The lists of `listed`, by kind, until a file is listed again or changes on disk, or a document
   * of that kind that is not indexed is opened or closed: every analysis asks for the term bases,
   * models and catalogs, and building the lists walks every indexed file and every open document
   * (1,000 documents opened at once cost a second and a half of rebuilding them).
   */
  private readonly lists = new Map<string, readonly string[]>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {
    // Registered before the server's own listeners, so the lists are current when they run.
    const openedOrClosed = ({ document }: { document: TextDocument }) => {
      if (!this.index.has(document.uri)) this.lists.delete(documentKind(document.uri));
    };
    documents.onDidOpen(openedOrClosed);
    documents.onDidClose(openedOrClosed);
  }

  /** Lists the files under the folders again (start-up, folders changed). */
  scan(): void {
    this.lists.clear();
    this.index.scan(this.folders);
  }

  /** Applies a file-watch notification. */
  update(uri: string, change: FileChange): void {
    this.lists.clear();
    this.index.update(uri, change);
  }

  read(uri: string): { text: string; version: string } | { error: string } {
    if (this.untrusted) return RESTRICTED;
    const open = this.documents.get(uri);
    if (open) return { text: open.getText(), version: `open:${open.version}` };
    const roots = this.roots();
    // An empty list would let `readFileUri` read anywhere, so it is refused here.
    if (!roots.length) return NO_ROOTS;
    return this.index.read(uri, roots);
  }

  /** The folders files are read from: the workspace folders; with none (a lone file opened), the folders of the open documents. */
  roots(): string[] {
    return this.folders.length ? this.folders : [...new Set(this.documents.keys().filter((u) => u.startsWith('file:')).map((u) => path.dirname(URI.parse(u).fsPath)))];
  }

  /** Files of a kind: those under the folders, then open ones that are not (yet) on disk. */
  private listed(kind: 'concept' | 'termBase' | 'model' | 'catalog'): readonly string[] {
    let out = this.lists.get(kind);
    if (!out) {
      const list = this.index.uris(kind);
      const seen = new Set(list);
      for (const u of this.documents.keys()) if (!seen.has(u) && documentKind(u) === kind) list.push(u);
      this.lists.set(kind, (out = list));
    }
    return out;
  }

  conceptUris(): readonly string[] {
    return this.listed('concept');
  }

  termBaseUris(): readonly string[] {
    return this.untrusted ? [] : this.listed('termBase');
  }

  modelUris(): readonly string[] {
    return this.untrusted ? [] : this.listed('model');
  }

  catalogUris(): readonly string[] {
    return this.untrusted ? [] : this.listed('catalog');
  }

  openVersion(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  knownUses(uri: string): TermUseIndex | undefined {
    return this.uses?.get(uri);
  }

  rememberUses(uri: string, uses: TermUseIndex): void {
    this.uses?.remember(uri, uses);
  }
}
