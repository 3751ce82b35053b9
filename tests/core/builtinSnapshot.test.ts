/**
 * The built-in data snapshot (server/src/core/builtinSnapshot.ts): what
 * the bundles take from it at start-up is exactly what reading the YAML gives,
 * and a snapshot of other texts is not used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildBuiltinSnapshot, builtinFromSnapshot } from '../../server/src/core/builtinSnapshot';
import { readCatalog } from '../../server/src/core/catalog/catalog';
import { parseReferenceModel } from '../../server/src/core/model/referenceModel';
import { parseTermBase } from '../../server/src/core/terms/termBase';
import { createLanguageService, type LanguageService } from '../../server/src/core/index';

const DATA = path.join(__dirname, '..', '..', 'server', 'data');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const read = (name: string) => fs.readFileSync(path.join(DATA, name), 'utf8');
const builtin = {
  catalog: { uri: 'builtin:///instruments.yaml', text: read('instruments.yaml') },
  termBase: { uri: 'builtin:///wco.terms.yaml', text: read('wco.terms.yaml') },
  models: [{ uri: 'builtin:///wco-digital-customs.model.yaml', text: read('wco-digital-customs.model.yaml') }],
};
const snapshot = buildBuiltinSnapshot(builtin);

/** The examples folder as an in-memory workspace under file:///ws/. */
function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else files.set('file:///ws/' + path.relative(EXAMPLES, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(EXAMPLES);
  return files;
}

function service(files: Map<string, string>, withSnapshot: boolean, data = builtin): LanguageService {
  const g = globalThis as { __BUILTIN_SNAPSHOT__?: string };
  if (withSnapshot) g.__BUILTIN_SNAPSHOT__ = snapshot;
  try {
    return createLanguageService({
      builtin: data,
      workspace: {
        read: (uri) => (files.has(uri) ? { text: files.get(uri)!, version: 1 } : { error: 'no such file.' }),
        termBaseUris: () => [...files.keys()].filter((u) => u.endsWith('.terms.yaml')),
        modelUris: () => [...files.keys()].filter((u) => u.endsWith('.model.yaml')),
        conceptUris: () => [...files.keys()].filter((u) => u.endsWith('.concept.md')),
      },
    });
  } finally {
    delete g.__BUILTIN_SNAPSHOT__;
  }
}

afterEach(() => {
  delete (globalThis as { __BUILTIN_SNAPSHOT__?: string }).__BUILTIN_SNAPSHOT__;
});

describe('built-in snapshot', () => {
  it('gives back exactly what reading the built-in files gives, with the uris of the service', () => {
    const other = {
      catalog: { ...builtin.catalog, uri: 'file:///elsewhere/data/instruments.yaml' },
      termBase: { ...builtin.termBase, uri: 'file:///elsewhere/data/wco.terms.yaml' },
      models: [{ ...builtin.models[0], uri: 'file:///elsewhere/data/wco-digital-customs.model.yaml' }],
    };
    const back = builtinFromSnapshot(other, snapshot);
    expect(back.catalog).toStrictEqual(readCatalog(other.catalog.uri, other.catalog.text));
    expect(back.termBase).toStrictEqual(parseTermBase(other.termBase.uri, other.termBase.text, 'builtin'));
    expect(back.models[0]).toStrictEqual(parseReferenceModel(other.models[0].uri, other.models[0].text, 'builtin'));
    // Identity is kept where reading shares an object: the preferred label's range is the one in `labelRanges`.
    const entry = back.termBase!.entries[0];
    expect(entry.labelRanges.get(entry.term)).toBe(entry.labelRange);
  });

  it('is not used for a text other than the one it was built from', () => {
    const edited = { ...builtin, catalog: { ...builtin.catalog, text: builtin.catalog.text + '  - id: added-after-build\n    title: Added\n' } };
    const back = builtinFromSnapshot(edited, snapshot);
    expect(back.catalog).toBeUndefined();
    expect(back.termBase).toBeDefined();
    expect(back.models[0]).toBeDefined();
    const s = service(new Map(), true, edited);
    expect(s.catalog.get('added-after-build')?.instrument.title).toBe('Added');
    expect(s.catalog.instruments).toStrictEqual(readCatalog(edited.catalog.uri, edited.catalog.text).instruments);
    expect(builtinFromSnapshot(builtin, 'not json')).toEqual({ models: [undefined] });
    expect(builtinFromSnapshot(builtin, undefined)).toEqual({ models: [undefined] });
  });

  it('a service built from it answers as one that reads the YAML: diagnostics, hover, definition, references, completion', () => {
    const files = exampleFiles();
    const fromYaml = service(files, false);
    const fromSnapshot = service(files, true);
    // The service really took every part from the snapshot (as the bundles do).
    (globalThis as { __BUILTIN_SNAPSHOT__?: string }).__BUILTIN_SNAPSHOT__ = snapshot;
    const taken = builtinFromSnapshot(builtin);
    expect(taken.catalog && taken.termBase && taken.models[0]).toBeTruthy();
    delete (globalThis as { __BUILTIN_SNAPSHOT__?: string }).__BUILTIN_SNAPSHOT__;
    expect(fromSnapshot.catalog.instruments).toStrictEqual(fromYaml.catalog.instruments);
    expect(fromSnapshot.catalog.problems).toStrictEqual(fromYaml.catalog.problems);
    expect(fromSnapshot.builtinTerms).toStrictEqual(fromYaml.builtinTerms);
    let positions = 0;
    for (const [uri, text] of files) {
      const doc = TextDocument.create(uri, uri.endsWith('.md') ? 'markdown' : 'yaml', 1, text);
      expect(fromSnapshot.computeDiagnostics(doc), uri).toStrictEqual(fromYaml.computeDiagnostics(doc));
      if (!uri.endsWith('.concept.md')) continue;
      // Every citation and explicit use, and the first word of every line.
      const offsets = new Set<number>();
      for (const m of text.matchAll(/@[\w-]|«.|^\s*#*\s*\p{L}/gmu)) offsets.add(m.index! + m[0].length - 1);
      for (const offset of offsets) {
        const at = doc.positionAt(offset);
        const where = `${uri} ${at.line}:${at.character}`;
        expect(fromSnapshot.getHover(doc, at), where).toStrictEqual(fromYaml.getHover(doc, at));
        expect(fromSnapshot.findDefinition(doc, at), where).toStrictEqual(fromYaml.findDefinition(doc, at));
        expect(fromSnapshot.findReferences(doc, at, true), where).toStrictEqual(fromYaml.findReferences(doc, at, true));
        expect(fromSnapshot.getCompletions(doc, at), where).toStrictEqual(fromYaml.getCompletions(doc, at));
        positions++;
      }
    }
    expect(positions).toBeGreaterThan(50);
    for (const q of ['', 'customs', 'kyoto', 'wco']) expect(fromSnapshot.getWorkspaceSymbols(q)).toStrictEqual(fromYaml.getWorkspaceSymbols(q));
    // Diagnostics on the built-in files themselves, opened in an editor.
    for (const f of [builtin.termBase, ...builtin.models]) {
      const doc = TextDocument.create(f.uri.replace('builtin:///', 'file:///ws/data/'), 'yaml', 1, f.text);
      expect(fromSnapshot.computeDiagnostics(doc)).toStrictEqual(fromYaml.computeDiagnostics(doc));
    }
  });
});
