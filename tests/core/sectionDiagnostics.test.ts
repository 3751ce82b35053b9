/**
 * Section diagnostics against a small workspace model, shown whole: message,
 * covered text and the data the quick fixes use (where a missing section goes,
 * numbered like its neighbours, in the document's language, with the kind's
 * template or guidance).
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { modelWorkspace } from './modelHelpers';
import { diagnosticLines } from './diagnosticLines';
import { isMissingSectionData, missingSectionEdit, numberingOf, sectionBody, sectionKey, sectionTitle } from '../../server/src/core/model/sections';

const MODEL = `id: small
title: Small model
sections:
  - id: scope
    title: Scope
    aliases: [Purpose]
    translations: {ru: Область применения, fr: Champ d'application}
    required: true
    order: 10
    defines: [data lake]
    guidance: Say what the concept covers -- and what not.
  - id: design
    title: Design
    translations: {ru: Устройство}
    required: true
    order: 20
    template: |
      Describe the design.
  - id: roadmap
    title: Roadmap of delivery
    required: true
    order: 30
  - id: annex
    title: Annex
    required: false
    order: 40
`;

function check(text: string) {
  const ws = modelWorkspace({ 'small.model.yaml': MODEL, 'doc.concept.md': text });
  const diagnostics = ws.service.computeDiagnostics(ws.doc('doc.concept.md'));
  return { lines: diagnosticLines(text, diagnostics), data: diagnostics.map((d) => d.data) };
}

describe('section diagnostics', () => {
  it('a missing, a misplaced and an unknown section, and a term the section must define', () => {
    const text = '---\nmodel: small\n---\n# Title\n\n## 1. Design\n\nText.\n\n## 2. Scope\n\nText.\n\n## 3. Weather\n\nText.\n';
    expect(check(text)).toEqual({
      lines: [
        'missing-section warning «model: small» The reference model `small` expects a section «Roadmap of delivery».',
        'section-order hint «2. Scope» The reference model `small` puts «Scope» before «Design».',
        'missing-term-definition warning «2. Scope» The section «2. Scope» must define «data lake» (reference model `small`): add it to `terms:` or to an imported term base.',
        'unknown-section information «3. Weather» «3. Weather» is not a section of the reference model `small`; sections are matched by title, alias or a `{#id}`.',
      ],
      data: [
        { kind: 'missing-section', sectionId: 'roadmap', title: 'Roadmap of delivery', insertOffset: text.length, insertText: '\n## 4. Roadmap of delivery\n\n<!-- Write the roadmap of delivery of the concept here. -->\n' },
        { sectionId: 'scope', before: 'design' },
        { term: 'data lake' },
        { heading: '3. Weather' },
      ],
    });
  });

  it('in a Russian document: titles in Russian, a misnamed heading instead of an unknown one and a missing section', () => {
    const text = '---\nmodel: small\nlanguage: ru\n---\n# Заголовок\n\n## Устройство\n\nТекст.\n\n## Roadmap of deliveries plan\n\nText.\n';
    expect(check(text)).toEqual({
      lines: [
        'missing-section warning «model: small» The reference model `small` expects a section «Область применения» defining «data lake».',
        'misnamed-section warning «Roadmap of deliveries plan» «Roadmap of deliveries plan» looks like the section «Roadmap of delivery» of the reference model `small`, which is missing: rename the heading or mark it with `{#id}`.',
      ],
      data: [
        { kind: 'missing-section', sectionId: 'scope', title: 'Область применения', insertOffset: text.indexOf('## Устройство'), insertText: '## Область применения\n\n<!-- Say what the concept covers — and what not. -->\n\n' },
        { kind: 'misnamed-section', sectionId: 'roadmap', title: 'Roadmap of delivery', newText: 'Roadmap of delivery', idText: ' {#roadmap}' },
      ],
    });
  });

  it('by `{#id}`, by alias and by a shortened title; a section with its term defined says nothing', () => {
    const text = '---\nmodel: small\n---\n## Purpose {#scope}\n\nThe data lake.\n\n## Design\n\n## Roadmap\n';
    expect(check(text).lines).toEqual([
      'missing-term-definition warning «Purpose» The section «Purpose» must define «data lake» (reference model `small`): add it to `terms:` or to an imported term base.',
    ]);
    const defined = text.replace('model: small\n', 'model: small\nterms:\n  data lake:\n    definition: A store of raw data.\n');
    expect(check(defined).lines).toEqual([]);
  });
});

describe('what the quick fix of a missing section inserts', () => {
  it('recognises its data and inserts it at the offset, kept inside the document', () => {
    const doc = TextDocument.create('file:///ws/d.concept.md', 'markdown', 1, 'ab\ncd\n');
    const data = { kind: 'missing-section', sectionId: 's', title: 'S', insertOffset: 4, insertText: 'X' } as const;
    expect(isMissingSectionData(data)).toBe(true);
    expect(missingSectionEdit(doc, data)).toEqual({ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, newText: 'X' });
    expect(missingSectionEdit(doc, { ...data, insertOffset: 99 }).range.start).toEqual({ line: 2, character: 0 });
    expect(missingSectionEdit(doc, { ...data, insertOffset: -5 }).range.start).toEqual({ line: 0, character: 0 });
    for (const bad of [undefined, null, {}, { ...data, kind: 'misnamed-section' }, { ...data, insertOffset: '4' }, { ...data, insertText: 5 }]) expect(isMissingSectionData(bad)).toBe(false);
  });

  it('titles and bodies: the translation when there is one, the template trimmed, else the guidance as a comment', () => {
    const section = { id: 's', title: 'Data Flows', aliases: [], translations: { ru: 'Потоки данных' } as Record<string, string>, required: true, order: 1, defines: [] };
    expect(sectionTitle(section as never, 'ru')).toBe('Потоки данных');
    expect(sectionTitle(section as never, 'fr')).toBe('Data Flows');
    expect(sectionTitle(section as never)).toBe('Data Flows');
    expect(sectionBody(section as never)).toBe('<!-- Write the data flows of the concept here. -->');
    expect(sectionBody({ ...section, template: 'Line one.\n\nLine two.\n\n' } as never)).toBe('Line one.\n\nLine two.');
  });
});

describe('where a missing section goes', () => {
  const TWO = 'id: small\ntitle: Small model\nsections:\n  - id: scope\n    title: Scope\n    required: true\n    order: 10\n  - id: design\n    title: Design\n    required: true\n    order: 20\n';
  const inserted = (text: string) => {
    const ws = modelWorkspace({ 'small.model.yaml': TWO, 'doc.concept.md': text });
    return ws.service
      .computeDiagnostics(ws.doc('doc.concept.md'))
      .filter((d) => d.code === 'missing-section')
      .map((d) => {
        const data = d.data as { insertOffset: number; insertText: string };
        return [data.insertOffset === text.length ? 'end' : text.slice(data.insertOffset, data.insertOffset + 10), data.insertText];
      });
  };
  const design = '## Design\n\n<!-- Write the design of the concept here. -->\n';

  it('at the end, after a blank line: none added after one, one after a line end, two after text', () => {
    expect(inserted('---\nmodel: small\n---\n## Scope\n\nText.\n\n')).toEqual([['end', design]]);
    expect(inserted('---\nmodel: small\n---\n## Scope\n\nText.\n \t\n')).toEqual([['end', design]]);
    expect(inserted('---\nmodel: small\n---\n## Scope\n\nText.\n')).toEqual([['end', '\n' + design]]);
    expect(inserted('---\nmodel: small\n---\n## Scope\n\nText.')).toEqual([['end', '\n\n' + design]]);
  });

  it('with the document’s line ends', () => {
    expect(inserted('---\r\nmodel: small\r\n---\r\n## Scope\r\n\r\nText.\r\n')).toEqual([['end', '\r\n## Design\r\n\r\n<!-- Write the design of the concept here. -->\r\n']]);
  });

  it('before the first section that the model puts after it', () => {
    expect(inserted('---\nmodel: small\n---\n## Design\n')).toEqual([['## Design\n', '## Scope\n\n<!-- Write the scope of the concept here. -->\n\n']]);
  });

  it('at the level of the document’s sections, numbered after the one before it', () => {
    expect(inserted('---\nmodel: small\n---\n# Title\n\n### 4) Scope\n\nx\n')).toEqual([['end', '\n### 5) Design\n\n<!-- Write the design of the concept here. -->\n']]);
    expect(inserted('---\nmodel: small\n---\n# Title\n\n## 9 Scope\n\nx\n')).toEqual([['end', '\n## 10 Design\n\n<!-- Write the design of the concept here. -->\n']]);
    // No headings at all: level 1.
    expect(inserted('---\nmodel: small\n---\n')).toEqual([
      ['end', '\n# Scope\n\n<!-- Write the scope of the concept here. -->\n'],
      ['end', '\n# Design\n\n<!-- Write the design of the concept here. -->\n'],
    ]);
  });
});

describe('heading keys and numbering', () => {
  it('a heading is compared without numbering, emphasis, quotes, dashes, case, ё and a trailing colon', () => {
    const keys: [string, string][] = [
      ['2.1. Scope:', 'scope'], ['12.3.4 Deep', 'deep'], ['2 Scope', 'scope'], ['IV. Scope', 'scope'], ['§ 3 Scope', 'scope'], ['a) Scope', 'scope'], ['B. Scope', 'scope'],
      ['**Scope**', 'scope'], ['«Объём»', 'объем'], ['Data‑flows — and—more', 'data flows and more'], ['Scope  and\u00a0aims.', 'scope and aims'], ['  Scope ', 'scope'],
      ['Scope:.', 'scope'], ['Customs\' “data”', 'customs data'], ['IV Scope', 'iv scope'], ['ab) x', 'ab) x'], ['Раздел 5. Цели', 'раздел 5. цели'],
    ];
    expect(keys.map(([h]) => [h, sectionKey(h)])).toEqual(keys);
  });

  it('the numbering of a heading is kept by a rename', () => {
    const numbering: [string, string][] = [['5. Scope', '5. '], ['IV. Scope', 'IV. '], ['2.1 Scope', '2.1 '], ['1) Scope', '1) '], ['X) Scope', 'X) '], ['Scope', ''], ['a) Scope', ''], ['**Scope**', '']];
    expect(numbering.map(([h]) => [h, numberingOf(h)])).toEqual(numbering);
  });
});
