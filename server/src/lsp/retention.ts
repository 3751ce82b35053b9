/**
 * Which open documents keep what their analysis derived (the parse and its chunks, the resolved
 * findings, the document's matcher) between checks. An edit of such a document re-parses only the
 * chunks around it; hover and completion find its analysis at hand. The others, opened but not
 * touched since (a client restoring its editors, a script opening a whole folder), keep only their
 * text: a thousand 20 KB documents held 480 MB of analyses. Such a document is analysed in full
 * again when it is next edited or asked about, and is then among the recent ones.
 */
import { documentKind } from '../core/index';

/** How many open concept documents keep their analysis: more than anyone edits in turn. */
export const RETAINED_DOCUMENTS = 32;

export class RecentDocuments {
  /** Open concept documents checked, least recent first. */
  private readonly order = new Set<string>();

  constructor(
    /** Drops what the language service keeps of a document. */
    private readonly drop: (uri: string) => void,
    private readonly limit = RETAINED_DOCUMENTS,
  ) {}

  /** A document was checked: it is now the most recent; the least recent beyond the limit lose their analysis. */
  touch(uri: string): void {
    // Term bases and models are read by every document: they stay as they are.
    if (documentKind(uri) !== 'concept') return;
    this.order.delete(uri);
    this.order.add(uri);
    for (const oldest of this.order) {
      if (this.order.size <= this.limit) break;
      this.order.delete(oldest);
      this.drop(oldest);
    }
  }

  /** A document was closed (the server forgets it anyway). */
  forget(uri: string): void {
    this.order.delete(uri);
  }
}
