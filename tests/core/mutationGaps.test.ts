/**
 * Behaviours that mutation testing (npm run mutate) found unchecked: each of
 * these changes of the code left the whole suite green before.
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit } from 'vscode-languageserver-types';
import { workspace } from './helpers';
import { hoverText } from '../hoverText';
import { nonOverlapping } from '../../server/src/core/features/rename';

const GLOSSARY = 'terms:\n  - term: single window\n    definition: One entry point for all border formalities.\n    deprecated: [one-stop window]\n';
const fm = (body: string, language = 'en') => `---\nconcept: test\nlanguage: ${language}\nglossaries: [glossary.terms.yaml]\n---\n${body}`;

describe('severities', () => {
  it('a deprecated label is a warning, implicit or explicit', () => {
    const ws = workspace({ 'glossary.terms.yaml': GLOSSARY, 'doc.concept.md': fm('A one-stop window and a «one-stop window».\n') });
    const deprecated = ws.service.computeDiagnostics(ws.doc('doc.concept.md')).filter((d) => d.code === 'deprecated-term');
    expect(deprecated.map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
  });
});

describe('ё and е are one letter in Russian labels', () => {
  const terms = 'terms:\n  - term: объём таможенных платежей\n    definition: Сумма платежей за период.\n  - term: таможенный сбор\n    definition: Плата за таможенные операции.\n    variants: [сбор за таможенное оформление]\n';
  const undefinedLabels = (body: string) => {
    const ws = workspace({ 'glossary.terms.yaml': terms, 'doc.concept.md': fm(body, 'ru') }, {}, []);
    return ws.service
      .computeDiagnostics(ws.doc('doc.concept.md'))
      .filter((d) => d.code === 'undefined-term')
      .map((d) => d.message);
  };

  it('a label written with ё is used with е, and the other way round', () => {
    expect(undefinedLabels('Растёт «объем таможенных платежей».\n')).toEqual([]);
    expect(undefinedLabels('Растёт «объём таможенных платежей».\n')).toEqual([]);
  });

  it('an unknown term stays unknown whichever letter it is written with', () => {
    expect(undefinedLabels('Растёт «объём пошлин».\n')).toHaveLength(1);
    expect(undefinedLabels('Растёт «объем пошлин».\n')).toHaveLength(1);
  });

  it('completion and hover find the ё label from an е use', () => {
    const text = fm('Растёт «объем таможенных платежей».\n', 'ru');
    const ws = workspace({ 'glossary.terms.yaml': terms, 'doc.concept.md': text }, {}, []);
    const doc = ws.doc('doc.concept.md');
    expect(hoverText(doc, ws.service.getHover(doc, doc.positionAt(text.indexOf('объем') + 2)))).toMatchInlineSnapshot(`
      "range 5:8-5:33 «объем таможенных платежей»

      **объём таможенных платежей** — *определён в glossary.terms.yaml*

      Сумма платежей за период."
    `);
  });
});

describe('rename never sends overlapping edits', () => {
  it('a label anchored in YAML and aliased in `related:` is edited once, at its anchor', () => {
    const terms = 'terms:\n  - term: &dl data lake\n    definition: A store.\n  - term: data swamp\n    related: [*dl]\n';
    const text = '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake» and the data lake.\n';
    const ws = workspace({ 'g.terms.yaml': terms, 'doc.concept.md': text });
    const doc = ws.doc('doc.concept.md');
    const edit = ws.service.getRenameEdits(doc, doc.positionAt(text.indexOf('data lake') + 2), 'data pond');
    if ('error' in edit) throw new Error(edit.error);
    const changes = edit.documentChanges as TextDocumentEdit[];
    const base = changes.find((c) => c.textDocument.uri === ws.uri('g.terms.yaml'))!;
    expect(base.edits).toHaveLength(1);
    const after = TextDocument.applyEdits(TextDocument.create(ws.uri('g.terms.yaml'), 'yaml', 0, terms), base.edits);
    expect(after).toBe('terms:\n  - term: &dl data pond\n    definition: A store.\n  - term: data swamp\n    related: [*dl]\n');
    const inDoc = changes.find((c) => c.textDocument.uri === ws.uri('doc.concept.md'))!;
    expect(TextDocument.applyEdits(doc, inDoc.edits)).toBe('---\nglossaries: [g.terms.yaml]\n---\nThe «data pond» and the data pond.\n');
  });

  it('edits of one file come in document order, even when a mention precedes the label', () => {
    const terms = 'terms:\n  - term: data swamp\n    related: [data lake]\n  - term: data lake\n    definition: A store.\n';
    const text = '---\nglossaries: [g.terms.yaml]\n---\nThe «data lake».\n';
    const ws = workspace({ 'g.terms.yaml': terms, 'doc.concept.md': text });
    const doc = ws.doc('doc.concept.md');
    const edit = ws.service.getRenameEdits(doc, doc.positionAt(text.indexOf('data lake') + 2), 'data pond');
    if ('error' in edit) throw new Error(edit.error);
    const base = (edit.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === ws.uri('g.terms.yaml'))!;
    expect(base.edits.map((e) => e.range.start.line)).toEqual([2, 3]);
  });

  it('of edits that overlap, the first in document order is kept; a repeated one is sent once', () => {
    const edit = (start: number, end: number, newText: string) => ({ start, end, newText });
    expect(nonOverlapping([edit(5, 12, 'b'), edit(0, 10, 'a'), edit(12, 12, 'c')])).toEqual([edit(0, 10, 'a'), edit(12, 12, 'c')]);
    expect(nonOverlapping([edit(4, 4, 'x'), edit(4, 4, 'x'), edit(4, 6, 'y')])).toEqual([edit(4, 4, 'x'), edit(4, 6, 'y')]);
    expect(nonOverlapping([edit(3, 8, 'p'), edit(3, 8, 'q')])).toEqual([edit(3, 8, 'p')]);
  });
});
