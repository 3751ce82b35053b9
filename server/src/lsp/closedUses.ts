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
 * A document opened, closed, changed or deleted on disk is forgotten (an open document is always analysed).
 */
import type { TermUseIndex } from '../core/index';

export interface ClosedUsesDeps {
  /** Before documents are looked at: the settings of those whose settings are not known yet are asked for, together. */
  prepare(uris: readonly string[]): Promise<void>;
  /** Looks at a closed document's uses in the worker; undefined when it could not (no worker, not readable, stopped). */
  index(uri: string): Promise<TermUseIndex | undefined>;
  /** Whether the background check of closed documents will look at every stale document anyway (it records their uses). */
  checkedInBackground(): boolean;
  /** Whether a document is open. */
  isOpen(uri: string): boolean;
  /** Asks the client for its code lenses again (when it can be asked). */
  refresh(): void;
}

export class ClosedUses {
  private readonly known = new Map<string, { uses: TermUseIndex; generation: number }>();
  /** Bumped whenever the known uses may no longer be what a check would find. */
  private generation = 0;
  /** Stale documents waiting to be looked at again in the worker. */
  private readonly queue = new Set<string>();
  private draining = false;
  /** A code lens was answered with stale uses: the client is asked again once they are fresh. */
  private refreshWanted = false;

  constructor(private readonly d: ClosedUsesDeps) {}

  /** The stamp to record uses found from now on with. */
  get current(): number {
    return this.generation;
  }

  /** The known uses of a closed document (possibly stale); undefined for an open one or one not looked at. */
  get(uri: string): TermUseIndex | undefined {
    return this.d.isOpen(uri) ? undefined : this.known.get(uri)?.uses;
  }

  /** Records what a look at a closed document found, at `generation` (when the look began); an older look never replaces a newer one. */
  set(uri: string, uses: TermUseIndex, generation = this.generation): void {
    const before = this.known.get(uri);
    if (before && before.generation > generation) return;
    this.known.set(uri, { uses, generation });
  }

  /** A term base, model, catalog, the settings or the folders changed: every known use is stale. */
  changed(): void {
    this.generation++;
  }

  /** A document was opened, closed, changed or deleted on disk: its uses are looked at again when needed. */
  forget(uri: string): void {
    this.known.delete(uri);
    this.queue.delete(uri);
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
        await this.d.prepare([...this.queue]);
        while (this.queue.size) {
          const uri = this.queue.values().next().value as string;
          this.queue.delete(uri);
          const k = this.known.get(uri);
          if (!k || k.generation === this.generation || this.d.isOpen(uri)) continue;
          const generation = this.generation;
          const uses = await this.d.index(uri);
          // Not readable, or no worker: forgotten, so the next code lens analyses it.
          if (uses) this.set(uri, uses, generation);
          else this.forget(uri);
        }
      } finally {
        this.draining = false;
      }
      this.refreshIfWanted();
    })();
  }

  private refreshIfWanted(): void {
    if (!this.refreshWanted) return;
    this.refreshWanted = false;
    this.d.refresh();
  }
}
