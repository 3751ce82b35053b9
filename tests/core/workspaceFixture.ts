/**
 * Multi-file fixtures for the workspace features: one string with `#- path`
 * headers, `<|>` for the cursor (in one file) and `<|text|>` for expected
 * ranges (in any file); and applying a `WorkspaceEdit` the way a client does.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ServiceSettings } from '../../server/src/core/index';
import { parseMarkers, ROOT, splitFiles, workspace, type Fixture, type Workspace } from './helpers';

export interface MultiFixture {
  ws: Workspace;
  files: Record<string, Fixture>;
  /** The file holding the cursor, and the cursor. */
  cursorFile?: string;
  cursor?: number;
  /** Expected ranges, as `path:start-end "text"`, sorted. */
  expected: string[];
}

export function multiFixture(marked: string, settings: Partial<ServiceSettings> = {}): MultiFixture {
  const files: Record<string, Fixture> = {};
  const plain: Record<string, string> = {};
  let cursorFile: string | undefined;
  const expected: string[] = [];
  for (const [p, t] of Object.entries(splitFiles(marked))) {
    const fx = parseMarkers(t);
    files[p] = fx;
    plain[p] = fx.text;
    if (fx.cursor !== undefined) cursorFile = p;
    for (const [s, e] of fx.ranges) expected.push(show(p, s, e, fx.text));
  }
  return { ws: workspace(plain, settings), files, cursorFile, cursor: cursorFile ? files[cursorFile].cursor : undefined, expected: expected.sort() };
}

export function show(path: string, start: number, end: number, text: string): string {
  return `${path}:${start}-${end} ${JSON.stringify(text.slice(start, end))}`;
}

/** Locations as `path:start-end "text"`, sorted, for comparison with `expected`. */
export function showLocations(ws: Workspace, locations: Location[], extraTexts: Record<string, string> = {}): string[] {
  return locations
    .map((l) => {
      const path = l.uri.startsWith(ROOT) ? l.uri.slice(ROOT.length) : l.uri;
      const text = ws.files.get(l.uri) ?? extraTexts[l.uri];
      if (text === undefined) return `${path}:?`;
      const d = TextDocument.create(l.uri, 'x', 0, text);
      return show(path, d.offsetAt(l.range.start), d.offsetAt(l.range.end), text);
    })
    .sort();
}

/** Applies text edits to a text; throws on overlapping edits (a client would refuse them). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const d = TextDocument.create('x', 'x', 0, text);
  const offs = edits.map((e) => ({ s: d.offsetAt(e.range.start), e: d.offsetAt(e.range.end), t: e.newText })).sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < offs.length; i++) if (offs[i].s < offs[i - 1].e) throw new Error(`overlapping edits at ${offs[i].s}`);
  let out = text;
  for (const o of [...offs].reverse()) out = out.slice(0, o.s) + o.t + out.slice(o.e);
  return out;
}

/**
 * Applies a workspace edit to the fixture's files, as a client would: an edit
 * whose version differs from the open document's version is refused (throws).
 * `open` maps paths of documents open in the "editor" to their versions.
 * Returns every file's resulting text.
 */
export function applyWorkspaceEdit(ws: Workspace, edit: WorkspaceEdit, open: Record<string, number> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, text] of ws.files) out[uri.slice(ROOT.length)] = text;
  for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) {
    const path = change.textDocument.uri.slice(ROOT.length);
    const version = change.textDocument.version;
    if (path in open) {
      if (version !== open[path]) throw new Error(`stale edit for ${path}: edit version ${version}, document version ${open[path]}`);
    } else if (version !== null) {
      throw new Error(`${path} is not open but the edit carries version ${version}`);
    }
    if (out[path] === undefined) throw new Error(`edit of an unknown file ${path}`);
    out[path] = applyEdits(out[path], change.edits as TextEdit[]);
  }
  return out;
}
