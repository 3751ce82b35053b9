/**
 * The result ids of pulled diagnostics (LSP 3.17, `textDocument/diagnostic`). A client that pulls (VS Code) asks
 * again after every keystroke, with the id of the last report it kept. Most keystrokes in a long document change none
 * of its diagnostics (the service hands back the same objects for the chunks the edit did not touch, and equal ones
 * for the chunk it did), yet a full report of a 1 MB document is ~0.5 MB of JSON, decoded by the client and applied
 * to its Problems list again. When the diagnostics of a document are those of the report whose id the client sends,
 * the answer is `unchanged`, with that id: a few bytes, and the client keeps what it shows.
 *
 * What an open document's diagnostics carry for the client is made here too (`forOpenDocument`): nothing in them may
 * change with a keystroke elsewhere, or no report would ever be unchanged.
 *
 * **Invariant:** `unchanged` only when the client's `previousResultId` is the id of the last report sent for that
 * document and the new diagnostics equal that report's items (the same objects, or the same JSON). A client that
 * dropped a report (an outdated request) sends an older id and gets a full report.
 */
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver';
import { isMissingSectionData } from '../core/index';

export class PullReports {
  /** The last report sent for each open document: its id and its items. */
  private readonly last = new Map<string, { id: string; items: readonly Diagnostic[] }>();
  private count = 0;
  /** Ids of another server session never match this one's (a client may keep ids across a restart). */
  private readonly session = Math.floor(Math.random() * 0x100000000).toString(36);

  /**
   * The report for `items`, the diagnostics of document `uri` now, given the id of the client's last report. `open`:
   * the document is still open (closed while its diagnostics were computed, it gets a full report without an id, and
   * nothing is kept of it).
   */
  report(uri: string, previousResultId: string | undefined, items: Diagnostic[], open = true): DocumentDiagnosticReport {
    if (!open) return { kind: DocumentDiagnosticReportKind.Full, items };
    const last = this.last.get(uri);
    if (last && previousResultId === last.id && sameDiagnostics(last.items, items)) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.id };
    const id = `${this.session}-${++this.count}`;
    this.last.set(uri, { id, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items };
  }

  /** The document was closed: its next report is a full one. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** Whether two lists of diagnostics are the same, in the same order: the same objects, or objects with the same JSON. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  }
  return true;
}

/**
 * The diagnostics of an open document as the client gets them (pushed or pulled): a `missing-section` diagnostic's
 * `data` without where and what its quick fix inserts (`insertOffset`, `insertText`). Those hold for the text checked
 * and go stale with any keystroke above that place (often the end of the document), while the quick fix works them
 * out again from the current text (`codeActions.ts`); kept, they made nearly every keystroke in a document that
 * misses a section a change of its diagnostics. The CLI's reports and closed documents (checked as on disk) keep them.
 */
export function forOpenDocument(diagnostics: Diagnostic[]): Diagnostic[] {
  let out: Diagnostic[] | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (d.code !== 'missing-section' || !isMissingSectionData(d.data)) continue;
    const { kind, sectionId, title } = d.data;
    (out ??= diagnostics.slice())[i] = { ...d, data: { kind, sectionId, title } };
  }
  return out ?? diagnostics;
}
