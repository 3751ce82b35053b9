/**
 * The uses of term-base entries in closed concept documents, as the server last found them: what a term base's code
 * lens counts instead of analysing every closed document of the workspace on the server's thread (a 1,000-document
 * workspace took seconds per request, and VS Code asks for code lens again after every keystroke in a term base).
 *
 * They are found by the background check of closed documents (in the worker, or on this thread without one), by the
 * first code lens of a term base (a document whose uses are not known yet is analysed then, as before), and by jobs of
 * their own in the worker. Anything that may change what a term resolves to (a term base, model or catalog changed,
 * settings, folders) makes them stale: a code lens is still answered with them at once, the stale documents are looked
 * at again in the worker, and the client is then asked to request its code lenses again (`workspace/codeLens/refresh`).
 * A document opened, closed, changed or deleted on disk is forgotten (an open document is always analysed), and a look
 * that began before it was forgotten is not recorded. Each entry keeps the file's stamp (time of change and size) it
 * was read with, compared with the file at most once a second: a change the file watcher did not report drops it too.
 */
import type { TermUseIndex } from '../core/index';

export interface ClosedUsesDeps {
  /** Before documents are looked at: the settings of those whose settings are not known yet are asked for, together. */
  prepare(uris: readonly string[]): Promise<void>;
  /** Looks at a closed document's uses in the worker, with the stamp of the text read; undefined when it could not (no worker, not readable, stopped). */
  index(uri: string): Promise<{ uses: TermUseIndex; version: string | number } | undefined>;
  /** Whether the background check of closed documents will look at every stale document anyway (it records their uses). */
  checkedInBackground(): boolean;
  /** Whether a document is open. */
  isOpen(uri: string): boolean;
  /** The stamp of a closed file now (undefined when it cannot be read). */
  stamp(uri: string): string | number | undefined;
  /** Asks the client for its code lenses again (when it can be asked). */
  refresh(): void;
  /**
   * How long to wait before the worker looks at the next stale document (0: now): an author typing in a term base
   * makes every document stale at each keystroke, and they are looked at once the typing pauses. None: no wait.
   */
  pause?(): number;
}

/** When a look at a document began: the generation of the known uses and the count of documents forgotten then. */
export interface Look {
  generation: number;
  forgets: number;
}

/** How long a file's stamp is trusted before it is compared with the file again. */
const STAMP_MS = 1000;
/** Documents the worker looks at a time while it helps a walk (`helpWalk`). */
const HELP_DEPTH = 2;

export class ClosedUses {
  private readonly known = new Map<string, { uses: TermUseIndex; generation: number; version: string | number; checkedAt: number }>();
  /** Bumped whenever the known uses may no longer be what a check would find. */
  private generation = 0;
  /** Documents forgotten so far, and when each was last forgotten (in that count). */
  private forgets = 0;
  private readonly forgottenAt = new Map<string, number>();
  /** Stale documents waiting to be looked at again in the worker. */
  private readonly queue = new Set<string>();
  private draining = false;
  /** A code lens was answered with stale uses: the client is asked again once they are fresh. */
  private refreshWanted = false;

  constructor(private readonly d: ClosedUsesDeps) {}

  /** A look at a document begins: what it finds is recorded only if nothing made it outdated meanwhile. */
  begin(): Look {
    return { generation: this.generation, forgets: this.forgets };
  }

  /** The known uses of a closed document (possibly stale); undefined for an open one, one not looked at, or one whose file changed since. */
  get(uri: string): TermUseIndex | undefined {
    if (this.d.isOpen(uri)) return undefined;
    const k = this.known.get(uri);
    if (!k) return undefined;
    const now = Date.now();
    if (now - k.checkedAt > STAMP_MS) {
      if (this.d.stamp(uri) !== k.version) {
        this.forget(uri);
        return undefined;
      }
      k.checkedAt = now;
    }
    return k.uses;
  }

  /**
   * Records what a look at a closed document found, in the file of stamp `version`. Dropped when the document was
   * forgotten or opened since the look began, or a later look was recorded.
   */
  set(uri: string, uses: TermUseIndex, look: Look, version: string | number): void {
    if ((this.forgottenAt.get(uri) ?? 0) > look.forgets || this.d.isOpen(uri)) return;
    const before = this.known.get(uri);
    if (before && before.generation > look.generation) return;
    this.known.set(uri, { uses, generation: look.generation, version, checkedAt: Date.now() });
  }

  /** Records what the walk of a term base's code lens found (a look that begins and ends now). */
  remember(uri: string, uses: TermUseIndex): void {
    const version = this.d.stamp(uri);
    if (version !== undefined) this.set(uri, uses, this.begin(), version);
  }

  /** A term base, model, catalog, the settings or the folders changed: every known use is stale. */
  changed(): void {
    this.generation++;
  }

  /** A document was opened, closed, changed or deleted on disk: its uses are looked at again when needed. */
  forget(uri: string): void {
    this.known.delete(uri);
    this.queue.delete(uri);
    this.forgottenAt.set(uri, ++this.forgets);
  }

  /** Keeps only the documents of `uris` (the folders changed). */
  retain(uris: ReadonlySet<string>): void {
    for (const uri of [...this.known.keys()]) if (!uris.has(uri)) this.forget(uri);
  }

  /**
   * A term base's code lens was answered from the known uses of `uris`: the stale ones are looked at again (by the
   * background check when it runs, else in the worker), and the client is asked for its lenses again after.
   */
  served(uris: Iterable<string>): void {
    let stale = false;
    for (const uri of uris) {
      const k = this.known.get(uri);
      if (!k || k.generation === this.generation || this.d.isOpen(uri)) continue;
      stale = true;
      if (!this.d.checkedInBackground()) this.queue.add(uri);
    }
    if (!stale) return;
    this.refreshWanted = true;
    if (this.queue.size) this.drain();
  }

  /** The background check of closed documents has nothing left to do. */
  backgroundDone(): void {
    if (!this.queue.size && !this.draining) this.refreshIfWanted();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      try {
        while (this.queue.size) {
          for (let wait = this.d.pause?.() ?? 0; wait > 0; wait = this.d.pause!()) await new Promise((resolve) => setTimeout(resolve, wait));
          const uri = this.queue.values().next().value as string;
          // Settings not known yet are asked for together (at once for the whole queue, again if they were dropped meanwhile).
          await this.d.prepare([uri, ...this.queue]);
          if (!this.queue.delete(uri)) continue;
          const k = this.known.get(uri);
          if (!k || k.generation === this.generation || this.d.isOpen(uri)) continue;
          // Not readable, or no worker: forgotten, so the next code lens analyses it.
          if (!(await this.lookAt(uri))) this.forget(uri);
        }
      } finally {
        this.draining = false;
      }
      this.refreshIfWanted();
    })();
  }

  /**
   * While a term base's first lenses walk `uris` on the server's thread (from the first, analysing each document whose
   * uses are not known), the worker looks at them from the last one back, `HELP_DEPTH` at a time so it never waits
   * for that thread between two; the walk skips what it has recorded when it gets there. Stopped when the walk ends;
   * at most the document or two where both meet is looked at twice.
   */
  helpWalk(uris: readonly string[]): { stop(): void } {
    let stopped = false;
    let next = uris.length - 1;
    const lane = async () => {
      while (!stopped && next >= 0) {
        const uri = uris[next--];
        if (!this.get(uri)) await this.lookAt(uri);
      }
    };
    for (let i = 0; i < HELP_DEPTH; i++) void lane();
    return { stop: () => void (stopped = true) };
  }

  /** Looks at a closed document in the worker and records what it found; false when it could not (no worker, not readable, open). */
  private async lookAt(uri: string): Promise<boolean> {
    const look = this.begin();
    const found = await this.d.index(uri);
    if (found) this.set(uri, found.uses, look, found.version);
    return found !== undefined;
  }

  private refreshIfWanted(): void {
    if (!this.refreshWanted) return;
    this.refreshWanted = false;
    this.d.refresh();
  }
}
