import { describe, expect, it } from 'vitest';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { parseMarkers, workspace } from './helpers';

function complete(marked: string, others: Record<string, string> = {}) {
  const fx = parseMarkers(marked);
  const ws = workspace({ ...others, 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  const list = ws.service.getCompletions(doc, doc.positionAt(fx.cursor!));
  /** Applies an item's edit and returns the new text. */
  const apply = (item: CompletionItem) => {
    const edit = item.textEdit as TextEdit;
    return fx.text.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + fx.text.slice(doc.offsetAt(edit.range.end));
  };
  return { list, apply, ws };
}

describe('instrument completion after @', () => {
  it('offers the whole catalog right after @', () => {
    const { list } = complete('Body cites @<|>\n');
    const ids = list.items.map((i) => i.label);
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(ids).toContain('rkc');
    expect(ids).toContain('safe-fos');
  });

  it('filters by id, abbreviation and title', () => {
    expect(complete('See @rk<|>\n').list.items[0].label).toBe('rkc');
    expect(complete('See @Kyoto<|>\n').list.items.map((i) => i.label)).toContain('rkc');
    expect(complete('See @SAFE<|>\n').list.items[0].label).toBe('safe-fos');
    expect(complete('See @zzzz<|>\n').list.items).toHaveLength(0);
  });

  it('replaces the typed part of the id and resolves documentation', () => {
    const { list, apply, ws } = complete('See [@Kyo<|>, Chapter 7].\n');
    const rkc = list.items.find((i) => i.label === 'rkc')!;
    expect(apply(rkc)).toBe('See [@rkc, Chapter 7].\n');
    const resolved = ws.service.resolveCompletion(rkc);
    expect((resolved.documentation as MarkupContent).value).toContain('International Convention on the Simplification');
  });

  it('does not complete inside an e-mail address', () => {
    expect(complete('Write to user@exa<|>\n').list.items).toHaveLength(0);
  });
});

describe('term completion after «', () => {
  it('offers defined terms first, then known ones, and closes the guillemet', () => {
    const { list, apply } = complete('---\nglossaries: [g.terms.yaml]\nterms:\n  data lake: A store.\n---\nThe «<|>\n', {
      'g.terms.yaml': 'terms:\n  - term: cargo manifest\n    definition: List of cargo.\n',
    });
    const labels = list.items.map((i) => i.label);
    expect(labels.indexOf('data lake')).toBeLessThan(labels.indexOf('cargo manifest'));
    expect(labels.indexOf('cargo manifest')).toBeLessThan(labels.indexOf('risk management'));
    expect(apply(list.items.find((i) => i.label === 'data lake')!)).toContain('The «data lake»\n');
  });

  it('cuts a long list to the best 200 and filters by what is typed, asking the client to come back', () => {
    const many = 'terms:\n' + Array.from({ length: 600 }, (_, i) => `  - term: gate ${String(i).padStart(3, '0')} procedure\n    definition: Step ${i}.\n`).join('');
    const head = '---\nglossaries: [g.terms.yaml]\nterms:\n  zeta border: A border.\n---\n';
    const all = complete(head + 'The «<|>\n', { 'g.terms.yaml': many }).list;
    expect(all.isIncomplete).toBe(true);
    expect(all.items).toHaveLength(200);
    // The document's own definition comes first even though it sorts last alphabetically.
    expect(all.items[0].label).toBe('zeta border');
    const typed = complete(head + 'The «gate 12<|>\n', { 'g.terms.yaml': many }).list;
    expect(typed.isIncomplete).toBe(false);
    expect(typed.items.map((i) => i.label)).toEqual(['gate 120 procedure', 'gate 121 procedure', 'gate 122 procedure', 'gate 123 procedure', 'gate 124 procedure', 'gate 125 procedure', 'gate 126 procedure', 'gate 127 procedure', 'gate 128 procedure', 'gate 129 procedure']);
    // A word inside the term matches too, after the terms that start with it.
    const inner = complete(head + 'The «proc<|>\n', { 'g.terms.yaml': many }).list;
    expect(inner.items.every((i) => String(i.label).includes('procedure'))).toBe(true);
    expect(inner.items.length).toBe(200);
  });

  it('replaces an existing closing guillemet instead of adding a second one', () => {
    const { list, apply } = complete('---\nterms:\n  data lake: A store.\n---\nThe «da<|>» here\n');
    expect(apply(list.items.find((i) => i.label === 'data lake')!)).toContain('The «data lake» here\n');
  });
});

describe('front-matter completion', () => {
  it('offers the keys not yet present', () => {
    const labels = complete('---\ntitle: x\n<|>\n---\n').list.items.map((i) => i.label);
    expect(labels).toContain('status');
    expect(labels).toContain('glossaries');
    expect(labels).not.toContain('title');
  });

  it('offers enum values', () => {
    expect(complete('---\nstatus: <|>\n---\n').list.items.map((i) => i.label)).toEqual(['draft', 'consultation', 'adopted', 'superseded']);
    expect(complete('---\nlanguage: r<|>\n---\n').list.items.map((i) => i.label)).toEqual(['en', 'fr', 'ru']);
  });
});
