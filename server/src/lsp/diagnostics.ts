/**
 * When diagnostics are computed and published. Documents that are opened (or must
 * be checked again: settings, folders, a term base changed) join one queue, checked
 * in slices of 25 ms in the order they came, the settings of those not known yet
 * asked for in one request first: a client that opens a thousand documents at once
 * gets one pass, not a timer and a settings request per document. An edit is checked
 * after a debounce; an edit that follows the previous one faster than the document's
 * last check took waits that long, so a burst is checked once. Results for an
 * outdated version are never published. Closed documents of the workspace are
 * checked in the background, in slices of 25 ms, after 300 ms without a document
 * being opened or changed, each with its own settings (those not known yet are
 * asked for in one request first). A pulling client is asked to pull again instead.
 * After the pause that follows the check of a long document (pushed or pulled), the edit path is warmed up on a
 * copy of it, once per process (`warmUp.ts`).
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind, languageIdOf, type LanguageService, type TermUseIndex } from '../core/index';
import type { ClientFeatures } from './capabilities';
import { BurstHeapPolicy } from '../node/heapPolicy';
import { RecentDocuments } from './retention';
import type { RunSafe } from './runSafe';
import type { SettingsStore } from './settings';
import type { ServerWorkspace } from './workspace';
import { EditWarmUp } from './warmUp';
import { EncodedDiagnostics } from './messageEncoder';
import type { ClosedCheckWorker } from '../node/closedChecks';
import { ClosedUses } from './closedUses';
import { forOpenDocument } from './pullReports';
import { statStamp } from '../workspaceIndex';

/** Closed documents are checked only this long after the last document was opened or changed (start-up: the openings). */
const IDLE_MS = 300;
/**
 * Closed documents are checked only this long after the last edit of an open document (and `IDLE_MS` after the last
 * opening). Typing in a term base makes every closed document of the workspace due again, and an author stops for
 * longer than `IDLE_MS` between most words: the worker then checked the whole workspace at nearly every word, each
 * check superseded by the next keystroke, competing for the processor and memory with the checks the author is
 * waiting for. Measured with the benchmark's `termbase` stage (keystrokes 400 ms apart into a 1 MB term base, 12 MB
 * of closed documents, 40 keystrokes): keystroke → diagnostics 143 / 336 ms (median / p99) and a server peak of
 * 1,317 MB with the pause of an opening, 104 / 299 ms and 608 MB with this one (only the first keystrokes, during the
 * check that follows the openings, take longer); with closed documents checked on the server's own thread (no
 * worker), 975 ms / 1.30 s against 102 ms / 1.34 s. Closed documents' problems then follow a term base a second later.
 */
export const EDIT_IDLE_MS = 1500;

/**
 * What is left at `now` of a pause of `ms` after `last` (0 or less: it is over). A `last` after `now` (the clock was
 * set back) counts as long past: nothing waits for the clock to catch up.
 */
function pauseLeft(now: number, last: number, ms: number): number {
  return last <= now ? ms - (now - last) : -Infinity;
}

/**
 * How long the background check of closed documents waits before going on (0: it goes on now), given when a
 * document was last opened or changed (`lastActivity`) and when an open one was last edited (`lastEdit`).
 */
export function closedCheckWait(now: number, lastActivity: number, lastEdit: number): number {
  return Math.max(0, pauseLeft(now, lastActivity, IDLE_MS), pauseLeft(now, lastEdit, EDIT_IDLE_MS));
}
const SLICE_MS = 25;
/**
 * A change handled this soon after the end of its document's last check was waiting while the check ran (the messages
 * already received are handled one after the other): it belongs to the burst the check interrupted.
 */
const QUEUED_MS = 1;
/**
 * What such a change waits at most: enough for the changes queued behind it to come in (each puts the check off
 * again), and not the cost of a full check (a first keystroke sent while a long document's opening was checked).
 */
const QUEUED_WAIT_MS = 50;

/**
 * How long the check after a change waits (`DiagnosticsScheduler.changed`): the debounce, or, for an edit that is
 * part of a burst, what the document's last check took, so the burst is checked once. An edit is part of a burst when
 * it came sooner after the previous one than that check takes (`since`, `cost`), or when it was handled right after a
 * check of the document ended (`sinceCheck`; it then waits `QUEUED_WAIT_MS` at most). Without the second, a check that
 * ran in the middle of a burst with no debounce made the next edit's gap longer than a check, and every later edit was
 * checked and published in turn (1,000 changes of a 1 MB document sent at once: a hover sent after them answered after
 * 97 s; now after ~0.1 s). A clock set back makes no burst.
 */
export function editDelay(debounce: number, cost: number, since: number, sinceCheck: number): number {
  if (since < cost) return Math.max(debounce, cost);
  return sinceCheck >= 0 && sinceCheck < QUEUED_MS ? Math.max(debounce, Math.min(cost, QUEUED_WAIT_MS)) : debounce;
}
/** Closed documents in the worker at a time during the background check (`drainClosedInWorker`). */
const CLOSED_WORKER_DEPTH = 2;
/** A closed document in the worker at most this long (characters) is joined there by the next (see `drainClosed`). */
const CLOSED_WORKER_SHORT = 256 * 1024;

export interface SchedulerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: ServerWorkspace;
  settings: SettingsStore;
  client: () => ClientFeatures;
  service: () => LanguageService;
  runSafe: RunSafe;
  runSafeSync: <T>(fn: () => T, fallback: T) => T;
  /** The worker closed documents are checked in; without one (or once it fails), they are checked on this thread. */
  closedWorker?: ClosedCheckWorker;
}

export class DiagnosticsScheduler {
  /** Pending debounced checks, by document: cancelling one drops it. */
  private readonly timers = new Map<string, () => void>();
  /**
   * What the last check of each document took. After an edit a document waits at least that long, so a
   * burst of edits on a big document is checked once, not once per edit (1,000 edits of a 1 MB document
   * with `debounceMs: 0` kept the server busy for a minute, 0.4 s per check).
   */
  private readonly checkCost = new Map<string, number>();
  /** The version of each open document whose diagnostics were last published. */
  private readonly published = new Map<string, number>();
  /** When each document last changed. */
  private readonly lastChange = new Map<string, number>();
  /** When the last check of each open document (and the publication of its result) ended. */
  private readonly checkedAt = new Map<string, number>();
  /** Open documents waiting for a check now (opened, or to check again), with the version asked for, in order. */
  private readonly openQueue = new Map<string, number>();
  /** A pass over `openQueue` is scheduled or running. */
  private passing = false;
  /** Completion is prepared for the last document a pass checked, after a pause in the passes. */
  private prepareTimer: NodeJS.Timeout | undefined;
  /** Closed concept documents waiting for a check, for the Problems list. */
  private readonly closedQueue = new Set<string>();
  /**
   * When each closed document was last queued (a count): a result from the worker is published only if the document
   * was not queued again while it was checked (a term base changed meanwhile: its check is already on its way).
   */
  private readonly closedQueued = new Map<string, number>();
  private closedCount = 0;
  /** A drain of the queue is scheduled, or waits for the settings of the queued documents, or has documents in the worker. */
  private draining = false;
  /** Closed documents in the worker now (`drainClosedInWorker`), and their length in characters. */
  private closedInWorker = 0;
  private closedLengthInWorker = 0;
  /** When a document was last opened or changed: closed documents are checked only after a pause in that. */
  private lastActivity = 0;
  /** When an open document was last changed: closed documents wait for a longer pause in that (`EDIT_IDLE_MS`). */
  private lastEdit = 0;
  /** Documents opened or changed so far: a warm-up stops when this moves. */
  private activity = 0;
  /** The first edits of a long document made as fast as the later ones (see `warmUp.ts`). */
  private readonly warmUp: EditWarmUp;
  private warmUpTimer: NodeJS.Timeout | undefined;

  /** The open documents that keep their analysis between checks (the most recently checked). */
  private readonly recent: RecentDocuments;
  /** The heap grows less while many documents are checked in a row (opened or closed ones). */
  private readonly heap = new BurstHeapPolicy();
  /** The uses of term-base entries in closed documents, for a term base's code lens (`closedUses.ts`). */
  readonly uses: ClosedUses;

  constructor(private readonly d: SchedulerDeps) {
    this.uses = new ClosedUses({
      prepare: (uris) => this.loadSettings(uris),
      index: (uri) => this.indexInWorker(uri),
      stamp: (uri) => statStamp(uri),
      checkedInBackground: () => !this.pull && this.d.settings.of().closedDocuments,
      isOpen: (uri) => this.d.documents.get(uri) !== undefined,
      refresh: () => {
        if (this.d.client().codeLensRefresh) Promise.resolve(this.d.connection.sendRequest('workspace/codeLens/refresh') as unknown).catch(() => undefined);
      },
      // The worker looks at closed documents after the same pauses as their background check.
      pause: () => closedCheckWait(Date.now(), this.lastActivity, this.lastEdit),
    });
    this.recent = new RecentDocuments((uri) => this.d.runSafeSync(() => this.d.service().invalidate(uri), undefined));
    this.warmUp = new EditWarmUp({
      service: () => this.d.service(),
      runSafeSync: this.d.runSafeSync,
      activity: () => this.activity,
      now: () => performance.now(),
      later: (fn) => setImmediate(fn),
      done: (edits, ms) => this.d.connection.console.log(`Edit warm-up: ${edits} edits typed into a copy of a long document in ${ms} ms.`),
    });
  }

  private get pull(): boolean {
    return this.d.client().pullDiagnostics;
  }

  /** The diagnostics of a document, with its own settings loaded first. */
  async compute(doc: TextDocument): Promise<Diagnostic[]> {
    await this.d.settings.load(doc.uri);
    const diagnostics = forOpenDocument(this.d.service().computeDiagnostics(doc));
    // A pulling client (VS Code) asks for each document's diagnostics: what the first completion needs, then the
    // warm-up, wait for a pause after the last pull, as they wait for one after the last pass when diagnostics are pushed.
    clearTimeout(this.prepareTimer);
    const { uri, version } = doc;
    this.prepareTimer = setTimeout(() => this.prepareCompletion(uri, version), IDLE_MS);
    this.warmUpAfterPause(uri, version);
    return diagnostics;
  }

  opened(doc: TextDocument): void {
    this.uses.forget(doc.uri);
    this.lastActivity = Date.now();
    this.activity++;
    this.checkNow(doc);
  }

  /** Schedules the check of an edited document; gives its delay (undefined when the opening already queued it). */
  changed(doc: TextDocument): number | undefined {
    // Edits that come faster than a check takes (a burst, a paste of many changes, a script) wait at
    // least that long, so the burst is checked once; an edit after a pause is checked after the debounce alone.
    const now = (this.lastActivity = Date.now());
    this.activity++;
    const debounce = this.d.settings.of(doc.uri).debounceMs;
    const cost = Math.min(this.checkCost.get(doc.uri) ?? 0, 5000);
    const since = now - (this.lastChange.get(doc.uri) ?? 0);
    this.lastChange.set(doc.uri, now);
    // Opening fires a change too: the document is already queued for a check of this version.
    if (this.openQueue.get(doc.uri) === doc.version) return undefined;
    this.lastEdit = now;
    // The edit's own check replaces a check of an earlier version still queued.
    this.openQueue.delete(doc.uri);
    const delay = editDelay(debounce, cost, since, now - (this.checkedAt.get(doc.uri) ?? -Infinity));
    this.schedule(doc, delay);
    return delay;
  }

  closed(doc: TextDocument): void {
    const uri = doc.uri;
    this.uses.forget(uri);
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.openQueue.delete(uri);
    this.recent.forget(uri);
    this.checkCost.delete(uri);
    this.lastChange.delete(uri);
    this.checkedAt.delete(uri);
    const publishedVersion = this.published.get(uri);
    this.published.delete(uri);
    if (this.pull) return;
    // A closed concept document in the workspace keeps its problems (as on disk); others are cleared.
    if (this.d.settings.of().closedDocuments && this.d.workspace.index.has(uri) && documentKind(uri) === 'concept') {
      // Saved, then closed: what was published for the last version holds for the file on disk too.
      const read = publishedVersion === doc.version ? this.d.workspace.read(uri) : undefined;
      if (!(read && 'text' in read && read.text === doc.getText())) this.checkClosed([uri]);
    } else void this.d.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A concept document was deleted on disk: its problems go, unless it is open. */
  deleted(uri: string): void {
    this.uses.forget(uri);
    if (!this.pull && !this.d.documents.get(uri)) void this.d.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Every document again (start-up; settings, folders or trust changed). */
  revalidateAll(): void {
    this.uses.changed();
    if (this.pull) return this.refreshPulled();
    // Open documents come first: closed ones wait for the pause after them (at start-up, for the client's first opens).
    this.lastActivity = Date.now();
    for (const doc of this.d.documents.all()) this.checkNow(doc);
    this.checkClosed(this.d.workspace.index.uris('concept'));
  }

  /**
   * Re-checks open documents that read a term base or model that changed, and every closed one. `delay`: the
   * changed file is open and was edited, and its own check waits that long; its dependents wait as long (each
   * keystroke puts them off again), so typing in a term base checks the documents importing it once per pause.
   */
  revalidateDependents(changedUri: string, delay?: number): void {
    this.uses.changed();
    if (this.pull) return this.refreshPulled();
    for (const doc of this.d.documents.all()) {
      const kind = documentKind(doc.uri);
      if (doc.uri === changedUri || (kind !== 'concept' && kind !== 'model')) continue;
      const deps = this.d.runSafeSync(() => this.d.service().dependencies(doc), [] as string[]);
      if (!deps.includes(changedUri)) continue;
      if (delay === undefined) this.checkNow(doc);
      else this.checkLater(doc.uri, delay);
    }
    // Every workspace term base makes terms known to every document, so closed ones are all checked again.
    this.checkClosed(this.d.workspace.index.uris('concept'));
  }

  /** Queues closed concept documents for a background check. */
  checkClosed(uris: Iterable<string>): void {
    if (this.pull || !this.d.settings.of().closedDocuments) return;
    for (const u of uris) {
      if (this.d.documents.get(u) || documentKind(u) !== 'concept') continue;
      this.closedQueue.add(u);
      this.closedQueued.set(u, ++this.closedCount);
    }
    if (this.draining) return;
    this.draining = true;
    setTimeout(() => this.drainClosed(), 0);
  }

  /** Queues an open document for a check in `delay` ms, at its version then (a pending check of it is put off). */
  private checkLater(uri: string, delay: number): void {
    this.timers.get(uri)?.();
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      const doc = this.d.documents.get(uri);
      if (doc) this.checkNow(doc);
    }, delay);
    this.timers.set(uri, () => clearTimeout(timer));
  }

  /** Queues an open document for a check in the next pass (a pending debounced check of it is dropped: this one is as new). */
  private checkNow(doc: TextDocument): void {
    if (this.pull) return;
    this.timers.get(doc.uri)?.();
    this.timers.delete(doc.uri);
    this.openQueue.set(doc.uri, doc.version);
    if (this.passing) return;
    this.passing = true;
    setImmediate(() => this.pass());
  }

  /**
   * Checks the queued open documents, for at most a slice, then lets the event loop turn (more
   * documents being opened join the queue; requests are answered) and goes on. The settings of
   * queued documents not known yet are asked for in one request first. When the queue is empty,
   * what the first completion needs is prepared once, for the last document checked, 300 ms after the last pass.
   */
  private pass(last?: { uri: string; version: number }): void {
    const unknown = this.d.settings.unknown(this.openQueue.keys());
    if (unknown.length) {
      void this.d.runSafe('open-document settings', undefined, () => this.d.settings.loadAll(unknown)).then(() => setImmediate(() => this.pass(last)));
      return;
    }
    const deadline = Date.now() + SLICE_MS;
    for (const [uri, version] of this.openQueue) {
      this.openQueue.delete(uri);
      const current = this.d.documents.get(uri);
      if (!current || current.version !== version) continue;
      // (`runSafe` runs its function at once: the check is done when it returns.)
      void this.d.runSafe('diagnostics', undefined, () => {
        this.publish(current);
        last = { uri, version };
      });
      this.heap.checked();
      if (Date.now() > deadline) break;
    }
    if (this.openQueue.size) return void setImmediate(() => this.pass(last));
    this.passing = false;
    // Documents being opened one by one empty the queue at every step: completion is prepared once they pause.
    clearTimeout(this.prepareTimer);
    if (last) {
      const { uri, version } = last;
      this.prepareTimer = setTimeout(() => this.prepareCompletion(uri, version), IDLE_MS);
      this.warmUpAfterPause(uri, version);
    }
  }

  /**
   * Warms up the edit path on a copy of a long document (`warmUp.ts`) once 300 ms have passed without a check and
   * without a document opened or changed: an author typing right after opening is not made to wait for it.
   */
  private warmUpAfterPause(uri: string, version: number, delay = IDLE_MS): void {
    if (this.warmUp.finished) return;
    clearTimeout(this.warmUpTimer);
    this.warmUpTimer = setTimeout(() => {
      const doc = this.d.documents.get(uri);
      if (doc?.version !== version || documentKind(uri) !== 'concept') return;
      const left = pauseLeft(Date.now(), this.lastActivity, IDLE_MS);
      if (left > 0) return this.warmUpAfterPause(uri, version, left);
      // After the completion preparation of the same pause (its `setImmediate` comes first).
      setImmediate(() => this.warmUp.start(doc));
    }, delay);
    this.warmUpTimer.unref?.();
  }

  /** Checks an open document at its current version and publishes the result; its cost is noted for `changed`. */
  private publish(current: TextDocument): void {
    const started = Date.now();
    const diagnostics = forOpenDocument(this.d.service().computeDiagnostics(current));
    this.checkCost.set(current.uri, Date.now() - started);
    this.published.set(current.uri, current.version);
    void this.d.connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
    this.checkedAt.set(current.uri, Date.now());
    this.recent.touch(current.uri);
  }

  /** When nothing else waits, what the first completion needs (once per term-base version). */
  private prepareCompletion(uri: string, version: number): void {
    setImmediate(() => {
      const doc = this.d.documents.get(uri);
      if (doc?.version === version) this.d.runSafeSync(() => this.d.service().prepareCompletion(doc), undefined);
    });
  }

  private schedule(doc: TextDocument, delay: number): void {
    if (this.pull) return;
    this.timers.get(doc.uri)?.();
    const run = () => {
      this.timers.delete(doc.uri);
      void this.validate(doc.uri, doc.version);
    };
    // No debounce: checked as soon as the messages already received are handled (a timer waits a millisecond at least).
    if (delay <= 0) {
      const immediate = setImmediate(run);
      this.timers.set(doc.uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      this.timers.set(doc.uri, () => clearTimeout(timer));
    }
  }

  private validate(uri: string, version: number): Promise<void> {
    return this.d.runSafe('diagnostics', undefined, async () => {
      await this.d.settings.load(uri);
      // A newer version may have arrived while this one waited: never publish stale results.
      const current = this.d.documents.get(uri);
      if (!current || current.version !== version) return;
      this.publish(current);
      this.prepareCompletion(uri, version);
      this.warmUpAfterPause(uri, version);
    });
  }

  private drainClosed(): void {
    // Documents being opened or edited come first (a client opening many documents at start-up
    // would otherwise have each checked twice: from disk, then open).
    const wait = closedCheckWait(Date.now(), this.lastActivity, this.lastEdit);
    if (wait > 0) {
      setTimeout(() => this.drainClosed(), wait);
      return;
    }
    // Each closed document is checked with the settings of its own resource: those not known yet are
    // asked for together (one request for the whole queue, not one per document), then the drain goes on.
    const unknown = this.d.settings.unknown([...this.closedQueue].filter((u) => !this.d.documents.get(u)));
    if (unknown.length) {
      void this.d.runSafe('closed-document settings', undefined, () => this.d.settings.loadAll(unknown)).then(() => setTimeout(() => this.drainClosed(), 0));
      return;
    }
    if (this.d.closedWorker?.usable) {
      // A long document in the worker is not joined by another: its check dwarfs the wait between two, and after a
      // term base changes, what is already in the worker is checked for nothing.
      while (this.closedQueue.size && (!this.closedInWorker || (this.closedInWorker < CLOSED_WORKER_DEPTH && this.closedLengthInWorker <= CLOSED_WORKER_SHORT))) void this.drainClosedInWorker();
      return;
    }
    const deadline = Date.now() + SLICE_MS;
    for (const uri of this.closedQueue) {
      this.closedQueue.delete(uri);
      this.closedQueued.delete(uri);
      if (this.d.documents.get(uri)) continue;
      this.checkClosedHere(uri);
      if (Date.now() > deadline) break;
    }
    if (this.closedQueue.size) setTimeout(() => this.drainClosed(), 0);
    else {
      this.draining = false;
      this.uses.backgroundDone();
    }
  }

  /** Checks a closed document on this thread. */
  private checkClosedHere(uri: string): void {
    this.d.runSafeSync(() => {
      const read = this.d.workspace.read(uri);
      if (!('text' in read)) return;
      const doc = TextDocument.create(uri, languageIdOf(uri), 0, read.text);
      void this.d.connection.sendDiagnostics({ uri, diagnostics: this.d.service().computeDiagnostics(doc) });
      const uses = this.d.service().termUses(doc);
      if (uses) this.uses.set(uri, uses, this.uses.begin(), read.version);
      this.d.service().invalidate(uri);
    }, undefined);
    this.heap.checked();
  }

  /**
   * Checks the next closed document in the worker, then goes on (through `drainClosed`, which waits for a pause
   * again): this thread only reads the document and writes the worker's JSON, so an edit is never kept waiting
   * behind a long closed document. Its result is dropped when the document was opened or queued again meanwhile.
   * `CLOSED_WORKER_DEPTH` documents are in the worker at a time: the next is there when one is done, instead of the
   * worker waiting for this thread to write the last reply and send another.
   */
  private async drainClosedInWorker(): Promise<void> {
    const worker = this.d.closedWorker!;
    this.closedInWorker++;
    let length = 0;
    const uri = this.closedQueue.values().next().value as string;
    this.closedQueue.delete(uri);
    const queued = this.closedQueued.get(uri);
    const look = this.uses.begin();
    try {
      const read = this.d.documents.get(uri) ? undefined : this.d.workspace.read(uri);
      if (read && 'text' in read) {
        length = read.text.length;
        this.closedLengthInWorker += length;
        const reply = await worker.check(this.closedJob(uri, read.text), this.openFiles());
        if (!reply) {
          // The worker stopped: this document and the rest are checked here.
          if (!this.closedQueue.has(uri)) this.closedQueue.add(uri);
        } else if (!this.d.documents.get(uri) && this.closedQueued.get(uri) === queued) {
          if ('uses' in reply) {
            if (reply.json) void this.d.connection.sendDiagnostics({ uri, diagnostics: new EncodedDiagnostics(reply.json) as unknown as Diagnostic[] });
            this.uses.set(uri, reply.uses, look, read.version);
            this.heap.checked();
          } else {
            this.d.connection.console.error(`Checking the closed document ${uri} failed in the worker; checked again here.\n${reply.error}`);
            this.checkClosedHere(uri);
          }
        }
      }
    } catch (e) {
      this.d.connection.console.error(`closed-document check failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      this.closedInWorker--;
      this.closedLengthInWorker -= length;
      if (!this.closedQueue.has(uri)) this.closedQueued.delete(uri);
      if (this.closedQueue.size) setTimeout(() => this.drainClosed(), 0);
      else if (!this.closedInWorker) {
        this.draining = false;
        this.uses.backgroundDone();
      }
    }
  }

  /** What the worker needs to check a closed document as this server would (`diagnostics: false`: its uses alone). */
  private closedJob(uri: string, text: string, diagnostics = true) {
    const ws = this.d.workspace;
    return { uri, text, settings: this.d.settings.of(uri).service, lists: { termBases: ws.termBaseUris(), models: ws.modelUris(), catalogs: ws.catalogUris() }, roots: ws.roots(), untrusted: ws.untrusted, diagnostics };
  }

  /** The open files the worker is kept up to date with: all but concept documents. */
  private openFiles(): TextDocument[] {
    return this.d.documents.all().filter((doc) => documentKind(doc.uri) !== 'concept');
  }

  /** A closed document's uses of term-base entries, looked at in the worker, with the stamp of the text read (undefined: no worker, not readable, failed). */
  private async indexInWorker(uri: string): Promise<{ uses: TermUseIndex; version: string | number } | undefined> {
    const worker = this.d.closedWorker;
    if (!worker?.usable || this.d.documents.get(uri)) return undefined;
    const read = this.d.workspace.read(uri);
    if (!('text' in read)) return undefined;
    const reply = await worker.check(this.closedJob(uri, read.text, false), this.openFiles());
    return reply && 'uses' in reply ? { uses: reply.uses, version: read.version } : undefined;
  }

  /** Asks for the settings of the closed documents of `uris` not known yet, together (before their uses are looked at). */
  async loadSettings(uris: readonly string[]): Promise<void> {
    const unknown = this.d.settings.unknown(uris.filter((u) => !this.d.documents.get(u)));
    if (unknown.length) await this.d.runSafe('closed-document settings', undefined, () => this.d.settings.loadAll(unknown));
  }

  /** Asks a pull client to pull again; a client that cannot refresh pulls on its own schedule. */
  private refreshPulled(): void {
    if (!this.d.client().diagnosticRefresh) return;
    // Typed `void`, but it sends a request whose promise may reject.
    Promise.resolve(this.d.connection.languages.diagnostics.refresh() as unknown).catch((e) => this.d.connection.console.log(`diagnostic refresh failed: ${String(e)}`));
  }
}
