/**
 * What one version of a document needed must be able to die young (in V8's young collections) once the next version
 * replaces it. Three things kept it, and every later version with it, alive until a full collection, so that each
 * keystroke in a long document copied and promoted hundreds of kilobytes (see `keptOn.ts` and ARCHITECTURE.md):
 * memos of short-lived objects in `WeakMap`s (their values live as long as the map, whatever became of the key);
 * lazy accessors made of a closure per object (each object got hidden classes of its own, which held the closure);
 * a long-lived `Map` emptied with `clear()` (the cleared table points to the next one). Checked here as those
 * invariants: memos kept on their objects, one getter function per lazy property for every object, and the chunk
 * cache never cleared.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../server/src/core/index';
import { keptOn } from '../../server/src/core/keptOn';
import { loadBuiltinData } from '../../server/src/node/files';
import { syncedTextDocuments } from '../../server/src/syncedDocuments';

const builtin = loadBuiltinData();
const TERMS = 'file:///w/young.terms.yaml';
const TERM_BASE = ['language: en', 'terms:', '  - term: single window', '    definition: One place to lodge what trade must lodge.', ''].join('\n');

const service = (): LanguageService =>
  createLanguageService({
    builtin,
    workspace: { read: (uri) => (uri === TERMS ? { text: TERM_BASE, version: '1' } : { error: 'no such file.' }), termBaseUris: () => [TERMS] },
  });

const FRONT = ['---', 'concept: young', 'title: Young', 'terms:', '  data lake: A store of customs data (@rkc).', '---', ''].join('\n');
const BODY = Array.from({ length: 40 }, (_, i) =>
  i % 10 === 0 ? `## Section ${i}\n` : `Paragraph ${i}: digital customs and the single window, a «data lake» and @no-such-id. <!-- note ${i} -->\n`,
).join('\n');
const TEXT = FRONT + '\n# Young\n\n' + BODY;
const AT = TEXT.indexOf('Paragraph 21') + 10;

const getter = (o: object, key: string) => Object.getOwnPropertyDescriptor(o, key)?.get;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('keptOn', () => {
  it('keeps a value on its object, out of sight of keys, JSON and copies', () => {
    const kept = keptOn<object, number[]>('test');
    const key = { a: 1 };
    expect(kept.get(key)).toBeUndefined();
    const value = [1, 2];
    expect(kept.set(key, value)).toBe(value);
    expect(kept.get(key)).toBe(value);
    expect(Object.keys(key)).toEqual(['a']);
    expect(JSON.stringify(key)).toBe('{"a":1}');
    expect(structuredClone(key)).toEqual({ a: 1 });
    expect(kept.get({ a: 1 })).toBeUndefined();
    // Replaced, and apart from another memo's value on the same object.
    const other = keptOn<object, string>('test');
    other.set(key, 'other');
    kept.set(key, [3]);
    expect(kept.get(key)).toEqual([3]);
    expect(other.get(key)).toBe('other');
  });

  it('keeps a value for an object that takes no new property', () => {
    const kept = keptOn<object, string>('frozen');
    const key = Object.freeze({ a: 1 });
    expect(kept.set(key, 'v')).toBe('v');
    expect(kept.get(key)).toBe('v');
    kept.set(key, 'w');
    expect(kept.get(key)).toBe('w');
  });
});

describe('what a version of a document needed', () => {
  it('is read through getters shared by every version, after edits of a document kept in blocks and of one given whole', () => {
    const svc = service();
    const sync = syncedTextDocuments((d, hint) => svc.noteEdit(d, hint));
    let doc = sync.create('file:///w/blocks.concept.md', 'markdown', 1, TEXT);
    const first = svc.analyse(doc);
    const pos = doc.positionAt(AT);
    doc = sync.update(doc, [{ range: { start: pos, end: pos }, text: 'x' }], 2);
    const edited = svc.analyse(doc);
    const whole = svc.analyse(TextDocument.create('file:///w/whole.concept.md', 'markdown', 1, TEXT));
    expect(edited.doc).not.toBe(first.doc);
    for (const a of [edited, whole]) {
      for (const key of ['explicitUses', 'citations', 'text']) {
        const g = getter(a.doc, key);
        // The text is a getter only for a version read in parts (the edited one).
        if (key === 'text' && a !== edited) continue;
        expect(g, key).toBeTypeOf('function');
        expect(g, key).toBe(getter(key === 'text' ? edited.doc : first.doc, key));
      }
      for (const key of ['regions', 'exclusions', 'comments']) expect(getter(a.doc.markdown, key), key).toBe(getter(first.doc.markdown, key));
      for (const key of ['uses', 'mentions', 'citations']) {
        expect(getter(a, key), key).toBeTypeOf('function');
        expect(getter(a, key), key).toBe(getter(first, key));
      }
    }
    // And they read each version's own lists.
    expect(edited.doc.markdown.comments.length).toBe(first.doc.markdown.comments.length);
    expect(edited.doc.citations.map((c) => c.start)).toEqual(first.doc.citations.map((c) => (c.start > AT ? c.start + 1 : c.start)));
    expect(edited.uses.length).toBe(first.uses.length);
    expect(edited.doc.text).toBe(TEXT.slice(0, AT) + 'x' + TEXT.slice(AT));
  });

  it('leaves the chunk cache without clearing it when a new version is parsed whole', () => {
    const svc = service();
    const uri = 'file:///w/whole.concept.md';
    const d1 = svc.computeDiagnostics(TextDocument.create(uri, 'markdown', 1, TEXT));
    const clear = vi.spyOn(Map.prototype, 'clear');
    const text2 = TEXT.slice(0, AT) + 'x' + TEXT.slice(AT);
    const d2 = svc.computeDiagnostics(TextDocument.create(uri, 'markdown', 2, text2));
    expect(clear).not.toHaveBeenCalled();
    // The same problems, none lost with the entries of the old version.
    expect(d2.map((d) => d.code)).toEqual(d1.map((d) => d.code));
    clear.mockRestore();
    expect(svc.computeDiagnostics(TextDocument.create(uri, 'markdown', 3, TEXT))).toEqual(d1);
  });
});
