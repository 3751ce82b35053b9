/**
 * Test helpers: in-memory workspaces and fixtures with markers.
 * `<|>` marks the cursor; `<|text|>` marks an expected range.
 * Multi-file fixtures are one string with `#- path` header lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, type LanguageService, type ServiceSettings } from '../../server/src/core/index';

const DATA = path.join(__dirname, '..', '..', 'server', 'data');
export const builtin = {
  catalog: { uri: 'builtin:///instruments.yaml', text: fs.readFileSync(path.join(DATA, 'instruments.yaml'), 'utf8') },
  termBase: { uri: 'builtin:///wco.terms.yaml', text: fs.readFileSync(path.join(DATA, 'wco.terms.yaml'), 'utf8') },
};

export const ROOT = 'file:///ws/';

export interface Fixture {
  text: string;
  ranges: [number, number][];
  cursor?: number;
}

/** Removes markers and returns their offsets. */
export function parseMarkers(marked: string): Fixture {
  let text = '';
  const ranges: [number, number][] = [];
  let cursor: number | undefined;
  const open: number[] = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith('<|>', i)) {
      cursor = text.length;
      i += 3;
    } else if (marked.startsWith('<|', i)) {
      open.push(text.length);
      i += 2;
    } else if (marked.startsWith('|>', i) && open.length) {
      ranges.push([open.pop()!, text.length]);
      i += 2;
    } else {
      text += marked[i++];
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return { text, ranges, cursor };
}

/** Splits `#- path` headers into files (markers still inside). */
export function splitFiles(fixture: string): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  for (const line of fixture.split(/(?<=\n)/)) {
    const m = /^#- (\S+)\s*$/.exec(line);
    if (m) {
      current = m[1];
      files[current] = '';
    } else if (current !== undefined) {
      files[current] += line;
    }
  }
  return files;
}

export interface Workspace {
  service: LanguageService;
  files: Map<string, string>;
  doc(path: string, version?: number): TextDocument;
  uri(path: string): string;
}

export function workspace(files: Record<string, string>, settings: Partial<ServiceSettings> = {}, knownTermBases?: string[]): Workspace {
  const map = new Map<string, string>();
  for (const [p, t] of Object.entries(files)) map.set(ROOT + p, t);
  const service = createLanguageService({
    builtin,
    workspace: {
      read(uri) {
        const t = map.get(uri);
        return t === undefined ? { error: 'no such file.' } : { text: t, version: t.length + ':' + hash(t) };
      },
      termBaseUris: () => (knownTermBases ?? [...map.keys()].filter((u) => u.endsWith('.terms.yaml'))).map((u) => (u.startsWith(ROOT) ? u : ROOT + u)),
      conceptUris: () => [...map.keys()].filter((u) => u.endsWith('.md')),
      catalogUris: () => [...map.keys()].filter((u) => u.endsWith('.instruments.yaml')),
    },
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
  });
  return {
    service,
    files: map,
    uri: (p) => ROOT + p,
    doc: (p, version = 1) => TextDocument.create(ROOT + p, p.endsWith('.md') ? 'markdown' : 'yaml', version, map.get(ROOT + p) ?? ''),
  };
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/** Offsets of a range in a text. */
export function offsets(text: string, range: Range): [number, number] {
  const d = TextDocument.create('x', 'x', 0, text);
  return [d.offsetAt(range.start), d.offsetAt(range.end)];
}

/**
 * Checks the diagnostics of one code in a marked document: every `<|…|>` range
 * must carry exactly one such diagnostic and there must be no other.
 * Other files are given unmarked.
 */
export function checkCode(code: string, marked: string, others: Record<string, string> = {}, settings: Partial<ServiceSettings> = {}, docPath = 'doc.concept.md'): Diagnostic[] {
  const fx = parseMarkers(marked);
  const ws = workspace({ ...others, [docPath]: fx.text }, settings);
  const diags = ws.service.computeDiagnostics(ws.doc(docPath)).filter((d) => d.code === code);
  const got = diags.map((d) => offsets(fx.text, d.range)).sort((a, b) => a[0] - b[0]);
  const show = (rs: [number, number][]) => rs.map(([s, e]) => `${s}-${e} ${JSON.stringify(fx.text.slice(s, e))}`);
  if (JSON.stringify(show(got)) !== JSON.stringify(show(fx.ranges))) {
    throw new Error(`${code}: expected\n  ${show(fx.ranges).join('\n  ') || '(none)'}\ngot\n  ${show(got).join('\n  ') || '(none)'}`);
  }
  return diags;
}
