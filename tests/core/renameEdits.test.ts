/**
 * The edits a rename sends: ordered, never overlapping, never a no-op, and
 * only for a name that can be written wherever a label goes.
 */
import { describe, expect, it } from 'vitest';
import type { TextDocumentEdit } from 'vscode-languageserver-types';
import { nonOverlapping } from '../../server/src/core/features/rename';
import { workspace } from './helpers';

const edit = (start: number, end: number, newText: string) => ({ start, end, newText });

describe('edits of one file', () => {
  it('at one offset, an insertion comes before a replacement starting there, whatever order they came in', () => {
    expect(nonOverlapping([edit(5, 8, 'r'), edit(5, 5, 'i')])).toEqual([edit(5, 5, 'i'), edit(5, 8, 'r')]);
    expect(nonOverlapping([edit(9, 12, 'c'), edit(5, 8, 'r'), edit(5, 5, 'i')])).toEqual([edit(5, 5, 'i'), edit(5, 8, 'r'), edit(9, 12, 'c')]);
  });

  it('an insertion right after a replacement is kept: they only touch', () => {
    expect(nonOverlapping([edit(3, 5, 'ab'), edit(5, 5, 'c')])).toEqual([edit(3, 5, 'ab'), edit(5, 5, 'c')]);
    expect(nonOverlapping([edit(5, 5, 'c'), edit(3, 5, 'ab')])).toEqual([edit(3, 5, 'ab'), edit(5, 5, 'c')]);
  });
});

describe('rename', () => {
  const terms = 'terms:\n  - term: data lake\n    definition: A store.\n';
  const text = '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the data lake.\n';
  const rename = (newName: string, body = text) => {
    const ws = workspace({ 'g.terms.yaml': terms, 'doc.concept.md': body });
    const doc = ws.doc('doc.concept.md');
    return ws.service.getRenameEdits(doc, doc.positionAt(text.indexOf('data lake') + 2), newName);
  };

  it('to the same label sends no edit at all, not empty changes of each file', () => {
    expect(rename('data lake')).toEqual({ documentChanges: [] });
    expect(rename('  data lake ')).toEqual({ documentChanges: [] });
  });

  it('sends only the edits that change something', () => {
    const upper = text.replace(/data lake/g, 'DATA LAKE');
    const result = rename('Data lake', upper);
    if ('error' in result) throw new Error(result.error);
    const changes = result.documentChanges as TextDocumentEdit[];
    // Uses written in capitals stay in capitals, so only the label in the term base changes.
    expect(changes.map((c) => [c.textDocument.uri.replace(/^.*\//, ''), c.edits.map((e) => e.newText)])).toEqual([['g.terms.yaml', ['Data lake']]]);
    const mixed = rename('Data lake', upper.replace('the DATA LAKE', 'the data lake'));
    if ('error' in mixed) throw new Error(mixed.error);
    expect((mixed.documentChanges as TextDocumentEdit[]).map((c) => c.edits.map((e) => e.newText))).toEqual([['Data lake'], ['Data lake']]);
  });

  it('accepts a name of up to 200 characters, and refuses a longer one', () => {
    const long = 'lake '.repeat(40).trim() + 'x';
    expect(long).toHaveLength(200);
    expect('error' in rename(long)).toBe(false);
    expect(rename(long + 'y')).toEqual({ error: 'A term needs at least one letter or digit, on one line, without guillemets or double quotes.' });
  });
});

describe('rename refusals', () => {
  const a = 'terms:\n  - term: data lake\n    definition: A store.\n  - term: data swamp\n    definition: A worse store.\n    variants: [data bog]\n';
  const b = 'terms:\n  - term: data pond\n    definition: A small store.\n';
  const text = '---\nglossaries: [a.terms.yaml, b.terms.yaml]\nterms:\n  smart border:\n    definition: A border that reads data.\n---\nThe data lake, the data pond, the smart border, «mystery term», digital customs and plain words.\n';
  const ws = workspace({ 'a.terms.yaml': a, 'b.terms.yaml': b, 'doc.concept.md': text });
  const doc = ws.doc('doc.concept.md');
  const at = (word: string) => doc.positionAt(text.indexOf(word) + 2);
  const rename = (word: string, name: string) => {
    const r = ws.service.getRenameEdits(doc, at(word), name);
    return 'error' in r ? r.error : (r.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument.uri.replace(/^.*\//, '')).join(' ');
  };
  const prepare = (word: string) => {
    const r = ws.service.prepareRename(doc, at(word));
    return r && 'error' in r ? r.error : r && text.slice(doc.offsetAt(r.range.start), doc.offsetAt(r.range.end)) + ' / ' + r.placeholder;
  };

  it('say why a place cannot be renamed, naming the term', () => {
    expect(prepare('plain words')).toBe('Only a term can be renamed here: a «use», a plain-prose use, or a label in `terms:` or a term base.');
    expect(prepare('mystery term')).toBe('«mystery term» is not defined anywhere, so there is nothing to rename: define it first.');
    expect(prepare('digital customs')).toBe('«digital customs» comes from the built-in WCO term base, which is read-only: adopt or define it first.');
    expect(prepare('data lake')).toBe('data lake / data lake');
    expect(rename('plain words', 'x')).toBe('Only a term can be renamed here: a «use», a plain-prose use, or a label in `terms:` or a term base.');
    expect(rename('mystery term', 'x')).toBe('«mystery term» is not defined anywhere, so there is nothing to rename: define it first.');
  });

  it('refuse a label another entry of the same file has, as its term or a variant; another file’s label is no clash', () => {
    expect(rename('data lake', 'Data Swamp')).toBe('«data swamp» is already a term in a.terms.yaml.');
    expect(rename('data lake', 'data bog')).toBe('«data swamp» is already a term in a.terms.yaml.');
    expect(rename('data lake', 'data pond')).toBe('a.terms.yaml doc.concept.md');
    expect(rename('data pond', 'data lake')).toBe('b.terms.yaml doc.concept.md');
    expect(rename('smart border', 'data lake')).toBe('doc.concept.md');
  });
});
