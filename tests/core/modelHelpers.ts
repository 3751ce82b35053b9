/**
 * Helpers for reference-model tests: an in-memory workspace whose service
 * loads the built-in model, and a `checkModelCode` like `checkCode`.
 *
 * The shared `helpers.ts` keeps its built-in data without a model, so the
 * fixtures of other features are not checked against sections they never meant
 * to have.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS, type LanguageService, type ServiceSettings } from '../../server/src/core/index';
import { builtin as baseBuiltin, offsets, parseMarkers, ROOT } from './helpers';

export const MODEL_URI = 'builtin:///wco-digital-customs.model.yaml';
export const MODEL_TEXT = fs.readFileSync(path.join(__dirname, '..', '..', 'server', 'data', 'wco-digital-customs.model.yaml'), 'utf8');
export const builtinWithModel = { ...baseBuiltin, models: [{ uri: MODEL_URI, text: MODEL_TEXT }] };

export interface ModelWorkspace {
  service: LanguageService;
  files: Map<string, string>;
  doc(path: string, version?: number): TextDocument;
  uri(path: string): string;
  /** Replaces a file's text (as an editor or the disk would) and drops the service's cache of it. */
  set(path: string, text: string): void;
}

export function modelWorkspace(files: Record<string, string>, settings: Partial<ServiceSettings> = {}): ModelWorkspace {
  const map = new Map<string, string>();
  for (const [p, t] of Object.entries(files)) map.set(ROOT + p, t);
  let stamp = 0;
  const versions = new Map<string, number>();
  const service = createLanguageService({
    builtin: builtinWithModel,
    workspace: {
      read(uri) {
        const t = map.get(uri);
        return t === undefined ? { error: 'no such file.' } : { text: t, version: versions.get(uri) ?? 0 };
      },
      termBaseUris: () => [...map.keys()].filter((u) => u.endsWith('.terms.yaml')),
      modelUris: () => [...map.keys()].filter((u) => u.endsWith('.model.yaml')),
    },
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
  });
  return {
    service,
    files: map,
    uri: (p) => ROOT + p,
    doc: (p, version = 1) => TextDocument.create(ROOT + p, p.endsWith('.md') ? 'markdown' : 'yaml', version, map.get(ROOT + p) ?? ''),
    set(p, text) {
      map.set(ROOT + p, text);
      versions.set(ROOT + p, ++stamp);
      service.invalidate(ROOT + p);
    },
  };
}

/**
 * Checks the diagnostics of one code in a marked file: every `<|…|>` range
 * must carry exactly one diagnostic of that code and there must be no other.
 */
export function checkModelCode(code: string, marked: string, others: Record<string, string> = {}, docPath = 'doc.concept.md'): Diagnostic[] {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ ...others, [docPath]: fx.text });
  const diags = ws.service.computeDiagnostics(ws.doc(docPath)).filter((d) => d.code === code);
  const got = diags.map((d) => offsets(fx.text, d.range)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const show = (rs: [number, number][]) => rs.map(([s, e]) => `${s}-${e} ${JSON.stringify(fx.text.slice(s, e))}`);
  if (JSON.stringify(show(got)) !== JSON.stringify(show(fx.ranges))) {
    throw new Error(`${code}: expected\n  ${show(fx.ranges).join('\n  ') || '(none)'}\ngot\n  ${show(got).join('\n  ') || '(none)'}`);
  }
  return diags;
}

/** All diagnostics of a file in a fresh model workspace. */
export function diagnosticsOf(text: string, others: Record<string, string> = {}, docPath = 'doc.concept.md'): Diagnostic[] {
  const ws = modelWorkspace({ ...others, [docPath]: text });
  return ws.service.computeDiagnostics(ws.doc(docPath));
}

/** Every section heading of the built-in model, in order, as a document body. */
export const ALL_SECTIONS = [
  'Terms and definitions', 'Competencies', 'Characteristics', 'Scope', 'Models of construction and development',
  'Management mechanism', 'Instruments and tools', 'Relation to ICT and technological solutions for economic operators',
  'Relation to the single window', 'Customs operations and business processes', 'Indicators and KPI evaluation methods',
  'Maturity self-assessment',
].map((t) => `# ${t}\n\nText.\n`).join('\n');
