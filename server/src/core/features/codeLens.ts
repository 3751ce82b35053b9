/**
 * Code lens on each definition: how many uses it has, in the document (a
 * front-matter definition is seen by its own document only) or across the
 * workspace (a term-base entry, counted when the lens is resolved; a closed
 * document whose uses the server knows is counted from those, see
 * `WorkspaceFiles.knownUses`). Clicking shows the uses.
 *
 * The command is `customsConcepts.showReferences` with arguments
 * `(uri, position, locations)` in LSP types; the VS Code client turns them into
 * `editor.action.showReferences`. Other clients may bind it to their own
 * references view.
 */
import type { CodeLens, Location, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TermBase, TermEntry } from '../terms/termBase';
import type { Analysis } from '../analysis';
import { entryId, type ConceptFile, type FeatureContext } from '../workspaceContext';
import { wt } from '../workspaceMessages';
import { documentKind } from '../uri';
import type { TermUseIndex } from '../env';
import { COMMANDS, type ShowReferencesArgs } from '../../../../shared/protocol';
import { keptOn } from '../keptOn';

export const SHOW_REFERENCES_COMMAND = COMMANDS.showReferences;

/**
 * The key of a term-base entry in a `TermUseIndex`: its term, which of the file's entries with that term it is (an
 * error, but it happens), and its file: what edits elsewhere in the file leave alone. The term comes first, so keys of
 * one file compared with each other differ from their first characters.
 */
export function entryUseKey(entry: TermEntry, rank = 0): string {
  return rank ? `${entry.term}\u0000${rank}\u0000${entry.uri}` : `${entry.term}\u0000${entry.uri}`;
}

/** The `entryUseKey` of every entry of a term base, by entry (kept per parsed term base). */
const useKeys = new WeakMap<TermBase, Map<TermEntry, string>>();

export function useKeysOf(base: TermBase): Map<TermEntry, string> {
  let keys = useKeys.get(base);
  if (!keys) {
    keys = new Map();
    const seen = new Map<string, number>();
    for (const e of base.entries) {
      const rank = seen.get(e.term) ?? 0;
      seen.set(e.term, rank + 1);
      keys.set(e, entryUseKey(e, rank));
    }
    useKeys.set(base, keys);
  }
  return keys;
}

/** The key of a term-base entry an analysis resolved a use to, from the term bases of its scope. */
function useKeyIn(analysis: Analysis, entry: TermEntry): string {
  for (const t of [...analysis.defining, ...analysis.known]) {
    const k = t.base && useKeysOf(t.base).get(entry);
    if (k) return k;
  }
  return entryUseKey(entry);
}

/** Where a use of an analysed document is. */
function useLocation(c: ConceptFile, u: { start: number; end: number }): Location {
  return { uri: c.uri, range: { start: c.document.positionAt(u.start), end: c.document.positionAt(u.end) } };
}

/** The uses of term-base entries in an analysed concept document, as a term base's code lens counts them (by their first entry). */
export function termUseIndex(c: ConceptFile): TermUseIndex {
  const keys: string[] = [];
  const byKey = new Map<string, number>();
  const byEntry = new Map<TermEntry, number>();
  const uses: number[] = [];
  for (const u of c.analysis.uses) {
    const best = u.refs[0];
    if (!best || best.entry.origin !== 'termBase') continue;
    let k = byEntry.get(best.entry);
    if (k === undefined) {
      const key = useKeyIn(c.analysis, best.entry);
      k = byKey.get(key);
      if (k === undefined) {
        byKey.set(key, (k = keys.length));
        keys.push(key);
      }
      byEntry.set(best.entry, k);
    }
    const start = c.document.positionAt(u.start);
    const end = c.document.positionAt(u.end);
    uses.push(k, start.line, start.character, end.line, end.character);
  }
  return { keys, uses: Int32Array.from(uses) };
}

/** What an unresolved lens of a term-base entry carries: the term base and the entry's `entryUseKey`. */
export interface TermLensData {
  termBase: string;
  key: string;
}

export function isTermLensData(data: unknown): data is TermLensData {
  return typeof data === 'object' && data !== null && typeof (data as TermLensData).termBase === 'string' && typeof (data as TermLensData).key === 'string';
}

/**
 * Lenses on each definition. A concept document's come whole (its own uses are at hand). A term base's come with
 * their entry in `data` and no command: `resolveCodeLens` counts the uses of the entries the editor shows (a term
 * base of thousands of entries would otherwise send every use of every entry across the workspace).
 */
export function getCodeLenses(ctx: FeatureContext, document: TextDocument): CodeLens[] {
  const kind = documentKind(document.uri);
  if (kind === 'termBase') {
    const base = ctx.termBases([], document).find((b) => b.uri === document.uri)?.base;
    if (!base) return [];
    const keys = useKeysOf(base);
    return base.entries.map((e) => ({ range: { start: document.positionAt(e.labelRange[0]), end: document.positionAt(e.labelRange[1]) }, data: { termBase: document.uri, key: keys.get(e)! } satisfies TermLensData }));
  }
  if (kind !== 'concept') return [];
  const entries = ctx.analyse(document).doc.definitions;
  if (!entries.length) return [];
  const uses = new Map<string, Location[]>();
  for (const e of entries) uses.set(entryId(e), []);
  const c = ctx.concept(document.uri, document)!;
  for (const u of c.analysis.uses) {
    const best = u.refs[0];
    const list = best && uses.get(entryId(best.entry));
    if (list) list.push(useLocation(c, u));
  }
  return entries.map((e) => lensOf(ctx, document.uri, { start: document.positionAt(e.labelRange[0]), end: document.positionAt(e.labelRange[1]) }, uses.get(entryId(e)) ?? []));
}

/** The place of each key in a `TermUseIndex`, by key (kept per index: resolving each lens of a term base asks every document's). */
const keyIndexes = keptOn<TermUseIndex, Map<string, number>>('keyIndexes');

function keyIndex(index: TermUseIndex): Map<string, number> {
  let m = keyIndexes.get(index);
  if (!m) keyIndexes.set(index, (m = new Map(index.keys.map((k, i) => [k, i]))));
  return m;
}

/** `termUseIndex` of an analysed document, kept per analysis (the lenses an editor shows are resolved one by one). */
const analysedIndexes = keptOn<Analysis, TermUseIndex>('useIndex');

function analysedIndex(c: ConceptFile): TermUseIndex {
  let index = analysedIndexes.get(c.analysis);
  if (!index) analysedIndexes.set(c.analysis, (index = termUseIndex(c)));
  return index;
}

/** A term base's lens with its count and the command that shows the uses, counted in every concept document (a closed one whose uses are known, from those). */
export function resolveCodeLens(ctx: FeatureContext, lens: CodeLens): CodeLens {
  if (lens.command || !isTermLensData(lens.data)) return lens;
  const { termBase, key } = lens.data;
  const locations: Location[] = [];
  for (const c of ctx.conceptUses()) {
    // An analysed document (an open one, or one whose uses the server does not keep) is counted by its index too.
    const index = 'index' in c ? c.index : analysedIndex(c);
    const k = keyIndex(index).get(key);
    if (k === undefined) continue;
    const n = index.uses;
    for (let i = 0; i + 4 < n.length; i += 5) {
      if (n[i] === k) locations.push({ uri: c.uri, range: { start: { line: n[i + 1], character: n[i + 2] }, end: { line: n[i + 3], character: n[i + 4] } } });
    }
  }
  return lensOf(ctx, termBase, lens.range, locations);
}

function lensOf(ctx: FeatureContext, uri: string, range: Range, locations: Location[]): CodeLens {
  const locale = ctx.settings().locale;
  const title = locations.length ? wt(locale, 'lens.uses', { count: locations.length }) : wt(locale, 'lens.no-uses');
  return { range, command: { title, command: locations.length ? SHOW_REFERENCES_COMMAND : '', arguments: locations.length ? ([uri, range.start, locations] satisfies ShowReferencesArgs) : undefined } };
}
