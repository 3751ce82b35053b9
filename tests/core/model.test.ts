/**
 * Reference models: sections, structured front-matter parts, model files,
 * completion and hover. Fixtures mark expected ranges with `<|…|>` and the
 * cursor with `<|>`; tests match codes and ranges, never message text.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMissingSectionData, missingSectionEdit } from '../../server/src/core/index';
import { offsets, parseMarkers } from './helpers';
import { hoverText } from '../hoverText';
import { ALL_SECTIONS, checkModelCode, diagnosticsOf, MODEL_TEXT, MODEL_URI, modelWorkspace } from './modelHelpers';

/** A workspace model that extends the built-in one: one more required section, and its own two-level maturity scale. */
const SMALL_MODEL = `id: small
extends: wco-digital-customs
sections:
  - id: pilots
    title: Pilot projects
    required: true
    order: 200
maturity:
  provenance: Test scale.
  levels:
    - {level: 1, id: low, name: Low}
    - {level: 2, id: high, name: High}
  dimensions:
    - {id: overall, name: Overall}
`;

function missingSections(text: string, others: Record<string, string> = {}): { ids: string[]; ranges: string[] } {
  const diags = diagnosticsOf(text, others).filter((d) => d.code === 'missing-section');
  return {
    ids: diags.map((d) => (d.data as { sectionId: string }).sectionId),
    ranges: [...new Set(diags.map((d) => JSON.stringify(offsets(text, d.range))))],
  };
}

describe('missing-section', () => {
  it('reports each required section the document lacks on the `model:` entry, in the model order', () => {
    const fx = parseMarkers(`---\ntitle: T\n<|model: wco-digital-customs|>\n---\n# Terms and definitions\n\nText.\n\n# Scope\n\nText.\n`);
    const got = missingSections(fx.text);
    expect(got.ranges).toEqual([JSON.stringify(fx.ranges[0])]);
    expect(got.ids).toEqual(['competencies', 'characteristics', 'models', 'management', 'instruments', 'ict', 'single-window', 'operations', 'indicators', 'maturity']);
  });

  it('reports on the first heading when the front matter names no model (the built-in one is the default)', () => {
    const fx = parseMarkers(`---\ntitle: T\n---\n# <|Terms and definitions|>\n`);
    const got = missingSections(fx.text);
    expect(got.ranges).toEqual([JSON.stringify(fx.ranges[0])]);
    expect(got.ids).toHaveLength(11);
  });

  it('is silent for a document with every required section, and for a plain Markdown file without front matter', () => {
    expect(missingSections(`---\ntitle: T\n---\n${ALL_SECTIONS}`).ids).toEqual([]);
    const ws = modelWorkspace({ 'README.md': '# Notes\n' });
    expect(ws.service.computeDiagnostics(ws.doc('README.md')).filter((d) => d.code === 'missing-section')).toEqual([]);
  });

  it('carries the data of a quick fix that inserts the heading and a body at the model position', () => {
    const text = `---\nmodel: wco-digital-customs\n---\n# Terms and definitions\n\nText.\n\n# Scope\n\nText.\n`;
    const ws = modelWorkspace({ 'doc.concept.md': text });
    const doc = ws.doc('doc.concept.md');
    const diags = ws.service.computeDiagnostics(doc).filter((d) => d.code === 'missing-section');
    const competencies = diags.find((d) => (d.data as { sectionId: string }).sectionId === 'competencies')!;
    expect(isMissingSectionData(competencies.data)).toBe(true);
    const fixed = TextDocument.applyEdits(doc, [missingSectionEdit(doc, competencies.data as never)]);
    // Before Scope (order 40), after Terms (order 10); the body is the guidance, as a comment.
    expect(fixed).toMatch(/\n# Terms and definitions\n\nText\.\n\n# Competencies\n\n<!-- Which functions and powers [^\n]* -->\n\n# Scope\n/);
    const maturity = diags.find((d) => (d.data as { sectionId: string }).sectionId === 'maturity')!;
    const atEnd = TextDocument.applyEdits(doc, [missingSectionEdit(doc, maturity.data as never)]);
    expect(atEnd.startsWith(text)).toBe(true);
    expect(atEnd.slice(text.length)).toMatch(/^\n# Maturity self-assessment\n\n<!-- [^\n]* -->\n$/);
  });

  it('applying every quick fix in turn leaves no missing, unknown or misplaced section (CRLF and Russian titles kept)', () => {
    let text = '---\r\nlanguage: ru\r\n---\r\n# Сфера применения\r\n\r\nТекст.\r\n';
    for (let round = 0; round < 20; round++) {
      const ws = modelWorkspace({ 'doc.concept.md': text });
      const doc = ws.doc('doc.concept.md', round + 1);
      const d = ws.service.computeDiagnostics(doc).find((x) => x.code === 'missing-section');
      if (!d) break;
      text = TextDocument.applyEdits(doc, [missingSectionEdit(doc, d.data as never)]);
    }
    const codes = diagnosticsOf(text).map((d) => d.code);
    expect(codes.filter((c) => c === 'missing-section' || c === 'unknown-section' || c === 'section-order')).toEqual([]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const headings = [...text.matchAll(/^# (.*)\r$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 4)).toEqual(['Термины и определения', 'Компетенции', 'Характеристики', 'Сфера применения']);
  });

  it('inserts the guidance in the document\'s language when the model has it, else in the model\'s own', () => {
    const fixOf = (text: string) => {
      const ws = modelWorkspace({ 'doc.concept.md': text });
      const doc = ws.doc('doc.concept.md', 1);
      const d = ws.service.computeDiagnostics(doc).find((x) => x.code === 'missing-section' && (x.data as { sectionId: string }).sectionId === 'competencies')!;
      return missingSectionEdit(doc, d.data as never).newText;
    };
    expect(fixOf('---\nlanguage: ru\n---\n# Сфера применения\n\nТекст.\n')).toMatch(/^# Компетенции\n\n<!-- Какие функции и полномочия осуществляет цифровая таможня/);
    expect(fixOf('---\nlanguage: fr\n---\n# Champ d\'application\n\nTexte.\n')).toMatch(/^# Compétences\n\n<!-- Les fonctions et pouvoirs qu'exerce la douane numérique/);
    expect(fixOf('---\nlanguage: en\n---\n# Scope\n\nText.\n')).toMatch(/^# Competencies\n\n<!-- Which functions and powers/);
  });

  it('follows a workspace model named by id or by path, with the sections it adds', () => {
    const others = { 'models/small.model.yaml': SMALL_MODEL };
    expect(missingSections(`---\nmodel: small\n---\n${ALL_SECTIONS}`, others).ids).toEqual(['pilots']);
    expect(missingSections(`---\nmodel: models/small.model.yaml\n---\n${ALL_SECTIONS}`, others).ids).toEqual(['pilots']);
  });
});

describe('unknown-model and model-problems', () => {
  it('reports a model id that no model has, on the value', () => {
    checkModelCode('unknown-model', `---\nmodel: <|wco-digital-custom|>\n---\n# Scope\n`);
    checkModelCode('unknown-model', `---\nmodel: <|missing.model.yaml|>\n---\n# Scope\n`);
    checkModelCode('invalid-value', `---\nmodel: <|[a, b]|>\n---\n# Scope\n`);
  });

  it('reports a model that has errors instead of checking against it', () => {
    const bad = `id: bad\nelementTypes:\n  - id: layer\nelements:\n  - id: x\n    type: gadget\n`;
    const diags = checkModelCode('model-problems', `---\nmodel: <|bad|>\n---\n# Scope\n`, { 'bad.model.yaml': bad });
    expect(diags[0].severity).toBe(2);
    expect(diagnosticsOf(`---\nmodel: bad\n---\n# Scope\n`, { 'bad.model.yaml': bad }).filter((d) => d.code === 'missing-section')).toEqual([]);
  });
});

describe('unknown-section and section-order', () => {
  it('reports headings at the section level that match no section kind, as information', () => {
    const diags = checkModelCode('unknown-section', `---
title: T
---
# A concept with a title heading

## Terms and definitions

## <|Budget|>

### A subsection is never reported

## 4. scope

## Our mandate {#competencies}

## Характеристики

## **Relation to the single window**:
`);
    expect(diags.every((d) => d.severity === 3)).toBe(true);
  });

  it('gives a hint on a section that comes before one the model puts earlier', () => {
    checkModelCode('section-order', `---\ntitle: T\n---\n# Terms and definitions\n\n# Scope\n\n# <|Competencies|>\n\n# Management mechanism\n`);
  });
});

describe('missing-term-definition', () => {
  it('reports each term the terms section must define and the document does not, on its heading', () => {
    checkModelCode('missing-term-definition', `---
terms:
  digital customs: A way of running customs on data exchanged electronically.
---
# <|Terms and definitions|>

The «digital customs».
`);
  });

  it('accepts a definition from an imported term base, and says nothing when the section is absent', () => {
    const glossary = 'terms:\n  - term: electronic customs\n    definition: Customs on electronic messages.\n';
    checkModelCode('missing-term-definition', `---\nglossaries: [g.terms.yaml]\nterms:\n  digital customs: Customs run on data.\n---\n# Terms and definitions\n\n«digital customs», «electronic customs».\n`, { 'g.terms.yaml': glossary });
    checkModelCode('missing-term-definition', `---\ntitle: T\n---\n# Scope\n`);
  });
});

describe('maturity self-assessment', () => {
  it('reports unknown dimensions with unknown-element, on the key', () => {
    const [d] = checkModelCode('unknown-element', `---\nmaturity:\n  <|data-mgmt|>: 2\n  data-management: 3\n---\n`);
    expect(d.data).toMatchObject({ kind: 'dimension', suggestions: ['data-management'] });
  });

  it('reports out-of-range and malformed levels with invalid-value, on the value', () => {
    checkModelCode('invalid-value', `---
maturity:
  data-management: <|7|>
  legal-framework: paperless
  business-processes: {level: <|2.5|>, target: 5}
  ict-infrastructure: {level: 2, target: <|"top"|>}
  people-skills: <|[1, 2]|>
  strategy-governance: Integrated
---
`);
  });

  it('reports a map without its level, and unknown keys of a map', () => {
    checkModelCode('missing-key', `---\nmaturity:\n  <|people-skills|>: {target: 3}\n---\n`);
    checkModelCode('unknown-key', `---\nmaturity:\n  people-skills: {level: 2, <|goal|>: 3}\n---\n`);
  });

  it('uses the levels and dimensions of a workspace model that replaces them', () => {
    const others = { 'small.model.yaml': SMALL_MODEL };
    checkModelCode('invalid-value', `---\nmodel: small\nmaturity:\n  overall: <|3|>\n---\n`, others);
    checkModelCode('invalid-value', `---\nmodel: small\nmaturity:\n  overall: high\n---\n`, others);
    checkModelCode('unknown-element', `---\nmodel: small\nmaturity:\n  <|data-management|>: 1\n---\n`, others);
  });
});

describe('indicators', () => {
  it('checks field types, allowed values and references, each on its node', () => {
    checkModelCode('invalid-value', `---
indicators:
  - id: release-time
    name: Release time
    unit: hours
    method: Time release measurement
    baseline: <|[1, 2]|>
    target: 6
    year: <|2030.5|>
    frequency: <|weekly|>
---
`);
    checkModelCode('unknown-element', `---
indicators:
  - id: release-time
    name: Release time
    unit: hours
    method: Time release measurement
    dimension: <|speed|>
    element: <|robot|>
---
`);
  });

  it('reports unknown fields, missing required fields and a missing formula-or-method', () => {
    checkModelCode('unknown-key', `---\nindicators:\n  - {id: a, name: A, unit: h, method: m, <|colour|>: red}\n---\n`);
    checkModelCode('missing-key', `---
indicators:
  - id: <|share|>
    name: Share
    unit: "%"
  - <|name|>: Other
    unit: h
    method: m
---
`);
  });

  it('reports a repeated indicator id and an unknown instrument cited in a source', () => {
    checkModelCode('duplicate-id', `---\nindicators:\n  - {id: a, name: A, unit: h, method: m}\n  - {id: <|a|>, name: B, unit: h, method: m}\n---\n`);
    checkModelCode('unknown-instrument', `---\nindicators:\n  - {id: a, name: A, unit: h, method: m, source: "Customs data and <|@trs-guid|>"}\n---\n`);
  });

  it('accepts a complete indicator', () => {
    const text = `---\nindicators:\n  - {id: a, name: A, unit: h, formula: x / y, baseline: 1, target: 2, source: "@trs-guide", frequency: yearly, dimension: data-management, element: performance-monitoring}\n---\n`;
    expect(diagnosticsOf(text).filter((d) => !['missing-section'].includes(String(d.code)))).toEqual([]);
  });
});

describe('adopted components', () => {
  it('reports unknown elements, relation types and relation targets with unknown-element', () => {
    checkModelCode('unknown-element', `---
components:
  - element: <|risk-engine|>
    status: operational
  - element: single-window-interface
    status: planned
    relations:
      <|talksTo|>: [trader-portal]
      exchangesWith: [<|nowhere|>]
---
`);
  });

  it('reports wrong statuses and relations the model does not allow with invalid-value', () => {
    checkModelCode('invalid-value', `---
components:
  - element: electronic-declaration-system
    status: <|live|>
  - element: single-window-interface
    status: planned
    relations:
      partOf: [interface-layer, <|trader-portal|>]
  - element: paperless-clearance
    status: planned
    relations:
      <|dependsOn|>: [trader-portal]
  - element: trader-portal
    status: pilot
    since: <|soon|>
---
`);
  });

  it('reports a missing element or status, a component adopted twice and a dependency cycle', () => {
    checkModelCode('missing-key', `---\ncomponents:\n  - <|status|>: planned\n  - element: <|trader-portal|>\n---\n`);
    checkModelCode('duplicate-id', `---\ncomponents:\n  - {element: trader-portal, status: pilot}\n  - {element: <|trader-portal|>, status: planned}\n---\n`);
    // The model has risk-management-system → electronic-declaration-system; the document closes the loop.
    checkModelCode('relation-cycle', `---
components:
  - element: electronic-declaration-system
    status: operational
    relations:
      dependsOn: [<|risk-management-system|>]
---
`);
  });
});

describe('model files', () => {
  it('the built-in model is valid against its own JSON Schema and has no problem of its own', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'server', 'data', 'model.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(parse(MODEL_TEXT)), ajv.errorsText(validate.errors)).toBe(true);
    const ws = modelWorkspace({ 'copy.model.yaml': MODEL_TEXT.replace('id: wco-digital-customs', 'id: copy') });
    expect(ws.service.computeDiagnostics(ws.doc('copy.model.yaml'))).toEqual([]);
  });

  it('the built-in model covers what the literature says a concept lacks, and says where its maturity levels come from', () => {
    const m = parse(MODEL_TEXT);
    const required = m.sections.filter((s: { required?: boolean }) => s.required).map((s: { id: string }) => s.id);
    expect(required).toEqual(['terms', 'competencies', 'characteristics', 'scope', 'models', 'management', 'instruments', 'ict', 'single-window', 'operations', 'indicators', 'maturity']);
    expect(m.sections[1].defines).toEqual(['digital customs', 'electronic customs']);
    expect(new Set(m.elements.map((e: { type: string }) => e.type))).toEqual(new Set(['layer', 'component', 'capability']));
    expect(m.maturity.provisional).toBe(true);
    expect(m.maturity.confidence).toBe('low');
    expect(m.maturity.provenance).toMatch(/IT Guide for Executives/);
    expect(m.maturity.provenance).toMatch(/NOT the official DCMM/);
  });

  it('maps schema errors to the YAML node: unknown-key, missing-key, invalid-value', () => {
    const model = `id: x
<|colour|>: blue
sections:
  - <|id|>: a
  - id: b
    title: B
    required: <|"yes"|>
    part: <|budget|>
    order: <|first|>
`;
    checkModelCode('unknown-key', model.replace(/<\|(?!colour)([^|]*)\|>/g, '$1'), {}, 'x.model.yaml');
    checkModelCode('missing-key', model.replace(/<\|(?!id)([^|]*)\|>/g, '$1'), {}, 'x.model.yaml');
    checkModelCode('invalid-value', model.replace(/<\|(colour|id)\|>/g, '$1'), {}, 'x.model.yaml');
  });

  it('reports YAML syntax errors', () => {
    const diags = diagnosticsOf('id: x\nsections: [\n', {}, 'x.model.yaml');
    expect(diags.map((d) => d.code)).toContain('yaml-syntax');
  });

  const GRAPH = `id: g
elementTypes:
  - id: layer
  - id: component
relationTypes:
  - id: partOf
    from: [component]
    to: [layer, <|lair|>]
  - id: dependsOn
    from: [component]
    to: [component]
    acyclic: true
elements:
  - id: base
    type: layer
  - id: a
    type: component
    relations:
      dependsOn: [[b]]
      partOf: [base]
  - id: b
    type: component
    relations:
      dependsOn: [[a]]
      <|uses|>: [a]
      partOf: [<|nowhere|>]
  - id: c
    type: <|gadget|>
  - id: d
    type: component
    relations:
      partOf: [{a}]
`;
  const only = (marks: string) => GRAPH.replace(/<\|([^|]*)\|>/g, '$1').replace(/\[\[(\w+)\]\]/g, marks === 'cycle' ? '[<|$1|>]' : '[$1]').replace(/\{(\w+)\}/g, marks === 'allowed' ? '<|$1|>' : '$1');

  it('reports dangling references between elements, types and relation types', () => {
    checkModelCode('dangling-reference', GRAPH.replace(/\[\[(\w+)\]\]/g, '[$1]').replace(/\{(\w+)\}/g, '$1'), {}, 'g.model.yaml');
  });

  it('reports cycles of a relation the model declares acyclic, and relations outside their allowed types', () => {
    checkModelCode('relation-cycle', only('cycle'), {}, 'g.model.yaml');
    checkModelCode('invalid-value', only('allowed'), {}, 'g.model.yaml');
  });

  it('reports duplicate ids and section headings, and unknown instruments of elements', () => {
    checkModelCode('duplicate-id', `id: x
elementTypes:
  - id: component
  - id: <|component|>
sections:
  - {id: scope, title: Scope}
  - {id: <|scope|>, title: Field}
  - {id: range, title: Range, aliases: [<|SCOPE|>]}
`, {}, 'x.model.yaml');
    checkModelCode('unknown-instrument', `id: x
elementTypes: [{id: component}]
elements:
  - {id: a, type: component, instruments: [wco-dm, <|wco-dmm|>]}
`, {}, 'x.model.yaml');
  });

  it('reports an unknown or cyclic `extends`', () => {
    checkModelCode('dangling-reference', `id: x\nextends: <|wco-digital|>\n`, {}, 'x.model.yaml');
    checkModelCode('relation-cycle', `id: x\nextends: <|y|>\n`, { 'y.model.yaml': 'id: y\nextends: x\n' }, 'x.model.yaml');
  });

  it('checks a model that extends another against the merged model', () => {
    const child = `id: child
extends: wco-digital-customs
elements:
  - id: gateway
    type: component
    relations:
      partOf: [interface-layer]
      dependsOn: [electronic-declaration-system, <|ghost|>]
`;
    checkModelCode('dangling-reference', child, {}, 'child.model.yaml');
  });
});

describe('re-checking when a model changes', () => {
  it('lists the model among a document\'s dependencies and follows its edits', () => {
    const ws = modelWorkspace({ 'small.model.yaml': SMALL_MODEL, 'doc.concept.md': `---\nmodel: small\n---\n${ALL_SECTIONS}` });
    expect(ws.service.dependencies(ws.doc('doc.concept.md'))).toContain(ws.uri('small.model.yaml'));
    const missing = () => ws.service.computeDiagnostics(ws.doc('doc.concept.md')).filter((d) => d.code === 'missing-section').length;
    expect(missing()).toBe(1);
    ws.set('small.model.yaml', SMALL_MODEL.replace('required: true', 'required: false'));
    expect(missing()).toBe(0);
    ws.set('small.model.yaml', SMALL_MODEL.replace('extends: wco-digital-customs', 'extends: nothing'));
    expect(ws.service.computeDiagnostics(ws.doc('doc.concept.md')).map((d) => d.code)).toContain('model-problems');
  });
});

function complete(marked: string, others: Record<string, string> = {}): CompletionItem[] {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ ...others, 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  return ws.service.getCompletions(doc, doc.positionAt(fx.cursor!)).items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

describe('completion from the model', () => {
  it('offers the section headings the document still lacks, in the model order', () => {
    const items = complete(`---\ntitle: T\n---\n# Terms and definitions\n\n# <|>\n\n# Scope\n`);
    expect(sorted(items).slice(0, 4)).toEqual(['Introduction', 'Competencies', 'Characteristics', 'Models of construction and development']);
    expect(labels(items)).not.toContain('Scope');
    expect(labels(items)).not.toContain('Terms and definitions');
    expect(items.find((i) => i.label === 'Competencies')!.detail).toBe('required section');
    const bare = complete(`---\ntitle: T\n---\n#<|>\n`).find((i) => i.label === 'Scope')!;
    expect(bare.textEdit).toMatchObject({ newText: ' Scope' });
  });

  it('titles headings in the document language', () => {
    expect(labels(complete(`---\nlanguage: ru\n---\n# <|>\n`))).toContain('Компетенции');
  });

  it('offers every known model id after `model:`', () => {
    expect(labels(complete(`---\nmodel: <|>\n---\n`, { 'small.model.yaml': SMALL_MODEL }))).toEqual(['small', 'wco-digital-customs']);
  });

  it('offers maturity dimensions not yet assessed, and levels with their names', () => {
    const dims = labels(complete(`---\nmaturity:\n  data-management: 2\n  <|>\n---\n`));
    expect(dims).toContain('strategy-governance');
    expect(dims).not.toContain('data-management');
    const levels = complete(`---\nmaturity:\n  data-management: <|>\n---\n`);
    expect(levels.map((i) => [i.label, i.detail])).toEqual([['1', 'Initial'], ['2', 'Computerised'], ['3', 'Paperless'], ['4', 'Integrated'], ['5', 'Data-driven']]);
    expect(labels(complete(`---\nmaturity:\n  data-management:\n    level: 3\n    target: <|>\n---\n`))).toHaveLength(5);
    expect(labels(complete(`---\nmaturity:\n  data-management:\n    <|>\n---\n`))).toEqual(['level', 'target', 'evidence', 'note']);
  });

  it('offers elements, statuses, relation types allowed from the element, and targets of the allowed types', () => {
    expect(labels(complete(`---\ncomponents:\n  - element: <|>\n---\n`))).toContain('risk-management-system');
    expect(labels(complete(`---\ncomponents:\n  - element: trader-portal\n    status: <|>\n---\n`))).toEqual(['planned', 'in-progress', 'pilot', 'operational', 'retired']);
    const fromComponent = labels(complete(`---\ncomponents:\n  - element: trader-portal\n    status: pilot\n    relations:\n      <|>\n---\n`));
    expect(fromComponent).toEqual(['partOf', 'realises', 'dependsOn', 'exchangesWith']);
    const fromCapability = labels(complete(`---\ncomponents:\n  - element: paperless-clearance\n    relations:\n      <|>\n---\n`));
    expect(fromCapability).toEqual(['enables']);
    const layers = labels(complete(`---\ncomponents:\n  - element: trader-portal\n    relations:\n      partOf: [<|>\n---\n`));
    expect(layers).toEqual(['governance-layer', 'business-layer', 'data-layer', 'application-layer', 'interface-layer', 'technology-layer']);
  });

  it('offers indicator fields not yet given, and the values of an enumerated field', () => {
    const keys = labels(complete(`---\nindicators:\n  - id: a\n    name: A\n    <|>\n---\n`));
    expect(keys).toContain('unit');
    expect(keys).not.toContain('name');
    expect(labels(complete(`---\nindicators:\n  - id: a\n    frequency: <|>\n---\n`))).toEqual(['continuous', 'monthly', 'quarterly', 'yearly', 'once']);
    expect(labels(complete(`---\nindicators:\n  - id: a\n    dimension: <|>\n---\n`))).toContain('data-management');
  });
});

/** The hover at `<|>`: its range and its whole text, for an inline snapshot. */
function hover(marked: string, others: Record<string, string> = {}): string {
  const fx = parseMarkers(marked);
  const ws = modelWorkspace({ ...others, 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  return hoverText(doc, ws.service.getHover(doc, doc.positionAt(fx.cursor!)));
}

describe('hover from the model', () => {
  it('explains the section kind of a heading', () => {
    expect(hover(`---\ntitle: T\n---\n# Sco<|>pe\n`)).toMatchInlineSnapshot(`
      "range 3:2-3:7 «Scope»

      **Scope** — *required section of the reference model \`wco-digital-customs\`*

      Which procedures, goods, territories, participants and time horizon the concept covers, and what it deliberately leaves out.

      *Also matched:* Scope of application, Field of application, Coverage, Application, Champ d'application, Portée, Domaine d'application, Сфера применения, Область применения, Сфера действия, Предмет регулирования, \`{#scope}\`  
      *Position:* 5 of 17"
    `);
  });

  it('explains a maturity level, with where the levels come from', () => {
    expect(hover(`---\nmaturity:\n  data-management: <|>3\n---\n`)).toMatchInlineSnapshot(`
      "range 2:19-2:20 «3»

      **Level 3: Paperless** — *Data and analytics*

      Procedures are electronic from lodgement to release within customs; paper is the exception.

      *Provisional levels.* Provisional project data. The WCO Digital Customs Maturity Model (DCMM) is presented in the WCO IT Guide for Executives, but its levels, their names and number, and its dimensions could not be confirmed from public sources. The five levels and eight dimensions below are a generic maturity ladder written for this project, ordered from paper-based to data-driven administration; they are NOT the official DCMM. Replace them with a workspace model (\`extends: wco-digital-customs\` and a \`maturity:\` block) once the official model is at hand. *(confidence: low)*"
    `);
  });

  it('explains a dimension, an element, a status and the model', () => {
    expect(hover(`---\nmaturity:\n  data-man<|>agement: 3\n---\n`)).toMatchInlineSnapshot(`
      "range 2:2-2:17 «data-management»

      **Data and analytics** (\`data-management\`) — *maturity dimension of \`wco-digital-customs\`*

      Data is standardised, of known quality, shared under rules and used for decisions.

      1. **Initial** — Procedures are paper-based; automation, where it exists, is isolated and local.  
      2. **Computerised** — Core procedures run on customs systems, but paper documents are still required and exchanged.  
      3. **Paperless** — Procedures are electronic from lodgement to release within customs; paper is the exception.  
      4. **Integrated** — Customs systems are connected with other agencies, operators and foreign administrations through standard data.  
      5. **Data-driven** — Decisions rest on data analytics and automation, and processes are improved continuously from measured results.

      *Provisional levels.* Provisional project data. The WCO Digital Customs Maturity Model (DCMM) is presented in the WCO IT Guide for Executives, but its levels, their names and number, and its dimensions could not be confirmed from public sources. The five levels and eight dimensions below are a generic maturity ladder written for this project, ordered from paper-based to data-driven administration; they are NOT the official DCMM. Replace them with a workspace model (\`extends: wco-digital-customs\` and a \`maturity:\` block) once the official model is at hand. *(confidence: low)*"
    `);
    expect(hover(`---\ncomponents:\n  - element: risk-man<|>agement-system\n    status: pilot\n---\n`)).toMatchInlineSnapshot(`
      "range 2:13-2:35 «risk-management-system»

      **Risk management system** (\`risk-management-system\`) — *component of \`wco-digital-customs\`*

      Applies risk profiles and models to declarations and advance information to select controls.

      *part of:* \`application-layer\`  
      *realises:* \`automated-risk-assessment\`  
      *depends on:* \`electronic-declaration-system\`  
      *Instruments:* \`@rm-compendium\`, \`@safe-fos\`, \`[@rkc, General Annex, Chapter 6]\` (Customs control), \`[@tfa, Art. 7.4]\`"
    `);
    expect(hover(`---\ncomponents:\n  - element: trader-portal\n    status: pi<|>lot\n---\n`)).toMatchInlineSnapshot(`
      "range 3:12-3:17 «pilot»

      **pilot** — *component status*

      Running for part of the traffic or of the territory."
    `);
    expect(hover(`---\nmodel: wco-dig<|>ital-customs\n---\n`)).toMatchInlineSnapshot(`
      "range 1:7-1:26 «wco-digital-customs»

      **Digital customs reference model (WCO-based)** (\`wco-digital-customs\`) — *built-in reference model*

      Default reference model for digital customs concept documents. It asks a concept to define its key terms, to say what digital customs may do and how it is recognised, what it covers, how it is built, steered and measured, which instruments it applies, how it relates to ICT, to economic operators' systems and to the single window, which customs operations it changes, and where the administration stands today.

      *Sections:* 17 (12 required)  
      *Elements:* 36  
      *Maturity:* 8 dimensions, 5 levels (provisional)  
      *Version:* 0.1.0  
      *Source:* @wco-dcc"
    `);
  });
});

describe('localised model messages', () => {
  const TEXT = `---
model: wco-digital-customs
maturity:
  data-mgmt: 2
  data-management: 9
indicators:
  - {id: a, name: A, colour: red}
components:
  - element: robot
    status: live
---
# Scope

# Terms and definitions

# Budget
`;
  const run = (locale: 'en' | 'fr' | 'ru') => {
    const ws = modelWorkspace({ 'doc.concept.md': TEXT }, { locale, implicitUseSeverity: 'off' });
    const doc = ws.doc('doc.concept.md');
    return {
      diagnostics: ws.service.computeDiagnostics(doc),
      hover: (ws.service.getHover(doc, doc.positionAt(TEXT.indexOf('data-management: 9') + 2))!.contents as MarkupContent).value,
    };
  };
  const en = run('en');
  for (const locale of ['fr', 'ru'] as const) {
    it(`${locale}: same codes and ranges, other words`, () => {
      const other = run(locale);
      expect(other.diagnostics.map((d) => [d.code, d.range])).toEqual(en.diagnostics.map((d) => [d.code, d.range]));
      expect(new Set(en.diagnostics.map((d) => d.code))).toEqual(new Set(['missing-section', 'unknown-section', 'section-order', 'missing-term-definition', 'unknown-element', 'invalid-value', 'unknown-key', 'missing-key']));
      other.diagnostics.forEach((d, i) => expect(d.message, String(d.code)).not.toBe(en.diagnostics[i].message));
      expect(other.hover).not.toBe(en.hover);
    });
  }
});

describe('missingSectionFix', () => {
  it('recomputes the insertion from the current analysis, and finds nothing once the section exists', async () => {
    const { missingSectionFix } = await import('../../server/src/core/model/index');
    const text = `---\nmodel: wco-digital-customs\n---\n# Terms and definitions\n\n# Scope\n`;
    const ws = modelWorkspace({ 'doc.concept.md': text });
    const a = ws.service.analyse(ws.doc('doc.concept.md'));
    const fix = missingSectionFix(a, 'competencies')!;
    expect(fix.start).toBe(text.indexOf('# Scope'));
    expect(fix.newText.startsWith('# Competencies\n\n<!-- ')).toBe(true);
    expect(missingSectionFix(a, 'scope')).toBeUndefined();
    expect(missingSectionFix(a, 'no-such-section')).toBeUndefined();
  });
});
