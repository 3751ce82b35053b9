/**
 * The first keystrokes in a long document, made as fast as the later ones. V8 compiles the code an
 * edit runs (re-splitting the chunks around it, shifting the diagnostics kept per chunk…) only once
 * it has run a few times, so the first edits after opening a 1 MB document took two to four times
 * as long as the rest. Once the server is idle after opening such a document, it types into a copy
 * of it: the copy, under a name of its own beside the document (so its term bases resolve the same),
 * is checked, edited character by character and checked again, then forgotten. Nothing is published
 * and nothing of the copy is kept.
 *
 * One step per turn of the event loop, so requests are answered between steps; the warm-up stops at
 * the first document opened or edited (`activity` changes) and starts again at the next pause. Once
 * done, it is not done again: the compiled code serves every document of the process.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/index';
import { syncedTextDocuments } from '../syncedDocuments';

/** Documents shorter than this are checked fast enough from the start. */
export const WARM_UP_MIN_LENGTH = 256 * 1024;
/** Characters typed into the copy. */
export const WARM_UP_EDITS = 24;
/** Attempts stopped by the author's activity before the server gives up warming up. */
const WARM_UP_ATTEMPTS = 3;
const TYPED = ' and customs declaration ';
/**
 * An edit of the copy that takes longer than this ends the warm-up for the process: each step holds the server's
 * thread that long, and a document whose edits cost so much (a paragraph of thousands of citations) is not what
 * the warm-up is for (the first edits of a long document, 2–4 times as slow as the later ones of ~10 ms).
 */
export const WARM_UP_STEP_MS = 500;

export interface WarmUpDeps {
  service(): LanguageService;
  runSafeSync: <T>(fn: () => T, fallback: T) => T;
  /** Changes whenever a document is opened or edited. */
  activity(): number;
  /** The time in milliseconds (`performance.now()`). */
  now(): number;
  /** Runs `fn` on a later turn of the event loop (`setImmediate`). */
  later(fn: () => void): void;
  /** Told when a warm-up has run to its end: how many edits, and the milliseconds it took from its first step. */
  done?(edits: number, ms: number): void;
}

/** The name of the copy: the document's own, with a prefix, in the same folder; undefined for a uri without a folder. */
export function warmUpUri(uri: string): string | undefined {
  const slash = uri.lastIndexOf('/');
  if (slash < 0 || slash === uri.length - 1 || uri.includes('?') || uri.includes('#')) return undefined;
  return `${uri.slice(0, slash + 1)}.customs-concepts-warm-up~${uri.slice(slash + 1)}`;
}

/** A line of prose near the middle of `text` to type into (zero-based), or undefined when none is found. */
export function proseLineNearMiddle(text: string): { line: number; character: number } | undefined {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [middle + d, middle - d - 1]) {
      const l = lines[i];
      // A paragraph line: starts with a letter, long enough to type into after its tenth character.
      if (l !== undefined && l.length >= 40 && /^\p{L}/u.test(l)) return { line: i, character: 10 };
    }
  }
  return undefined;
}

export class EditWarmUp {
  private done = false;
  private running = false;
  private attempts = 0;

  constructor(private readonly d: WarmUpDeps) {}

  /** Whether the warm-up is over for this process (run to its end, or given up after a failure). */
  get finished(): boolean {
    return this.done;
  }

  /** Starts warming up on a copy of `doc` (an open concept document just checked) unless it is small, or done or under way. */
  start(doc: TextDocument): void {
    if (this.done || this.running || this.attempts >= WARM_UP_ATTEMPTS) return;
    const uri = warmUpUri(doc.uri);
    // The length without making the text one string (a short document is asked this at every pause).
    if (uri === undefined || doc.offsetAt({ line: doc.lineCount, character: 0 }) < WARM_UP_MIN_LENGTH) return;
    const text = doc.getText();
    const at = proseLineNearMiddle(text);
    if (!at) return;
    this.running = true;
    this.attempts++;
    const since = this.d.activity();
    const synced = syncedTextDocuments((document, hint) => this.d.service().noteEdit(document, hint));
    let copy = synced.create(uri, doc.languageId, 1, text);
    let step = 0;
    const started = Date.now();
    /** `stopped`: by the author (tried again at the next pause); `failed`: the service threw (logged by `runSafeSync`) or an edit took longer than `WARM_UP_STEP_MS` (not tried again). */
    const stop = (outcome: 'finished' | 'stopped' | 'failed') => {
      this.running = false;
      this.done ||= outcome !== 'stopped';
      this.d.runSafeSync(() => this.d.service().invalidate(uri), undefined);
      if (outcome === 'finished') this.d.done?.(step - 1, Date.now() - started);
    };
    const next = () => {
      if (this.d.activity() !== since) return stop('stopped');
      const stepStarted = this.d.now();
      const ok = this.d.runSafeSync(() => {
        if (step > 0) {
          const pos = { line: at.line, character: at.character + step - 1 };
          copy = synced.update(copy, [{ range: { start: pos, end: pos }, text: TYPED[(step - 1) % TYPED.length] }], step + 1);
        }
        this.d.service().computeDiagnostics(copy);
        return true;
      }, false);
      if (!ok) return stop('failed');
      if (step > 0 && this.d.now() - stepStarted > WARM_UP_STEP_MS) return stop('failed');
      if (++step > WARM_UP_EDITS) return stop('finished');
      this.d.later(next);
    };
    this.d.later(next);
  }
}
