/**
 * The analysis host: each language service keeps its own state. Two services in
 * one process are given the same uris with the same version stamps but different
 * texts; each must answer from its own files, so no cache may be shared.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type WorkspaceFiles } from '../../server/src/core/index';
import { builtin } from './helpers';
import { builtinWithModel } from './modelHelpers';

const TERMS = 'file:///ws/shared.terms.yaml';
const DOC = 'file:///ws/a.concept.md';
const MODEL = 'file:///ws/custom.model.yaml';

/** A workspace whose files all carry version 1, whatever their text. */
function workspace(files: Record<string, string>): WorkspaceFiles {
  return {
    read: (uri) => (uri in files ? { text: files[uri], version: 1 } : { error: 'not found' }),
    termBaseUris: () => Object.keys(files).filter((u) => u.endsWith('.terms.yaml')),
    modelUris: () => Object.keys(files).filter((u) => u.endsWith('.model.yaml')),
    conceptUris: () => Object.keys(files).filter((u) => u.endsWith('.concept.md')),
  };
}

const termBase = (term: string) => `terms:\n  - term: ${term}\n    definition: A term of this workspace only.\n`;
const concept = '---\ntitle: T\nglossaries: [shared.terms.yaml]\n---\n\nThe «tariff quota» and the «транзитная декларация» apply.\n';

function codes(service: ReturnType<typeof createLanguageService>, text: string) {
  return service.computeDiagnostics(TextDocument.create(DOC, 'markdown', 1, text)).map((d) => `${d.code}:${text.slice(0, 0)}${d.message.match(/«[^»]+»/)?.[0] ?? ''}`);
}

describe('two language services in one process', () => {
  it('keep their own parsed term bases, analyses and word folders', () => {
    const a = createLanguageService({ builtin, workspace: workspace({ [TERMS]: termBase('tariff quota'), [DOC]: concept }) });
    const b = createLanguageService({ builtin, workspace: workspace({ [TERMS]: termBase('транзитная декларация'), [DOC]: concept }) });
    // Interleaved, so a shared cache keyed by uri and version would hand one service the other's parse.
    const fromA = codes(a, concept);
    const fromB = codes(b, concept);
    expect(fromA.some((c) => c.includes('tariff quota'))).toBe(false);
    expect(fromA.some((c) => c.includes('транзитная декларация'))).toBe(true);
    expect(fromB.some((c) => c.includes('tariff quota'))).toBe(true);
    expect(fromB.some((c) => c.includes('транзитная декларация'))).toBe(false);
    // And again, each after the other has cached its own.
    expect(codes(a, concept)).toEqual(fromA);
    expect(codes(b, concept)).toEqual(fromB);
  });

  it('keep their own reference models', () => {
    const model = 'id: custom\nextends: wco-digital-customs\nsections:\n  - id: pilots\n    title: Pilot projects\n    required: true\n    order: 200\n';
    const doc = '---\ntitle: T\nmodel: custom\n---\n\n# Scope\n';
    const a = createLanguageService({ builtin: builtinWithModel, workspace: workspace({ [MODEL]: model, [DOC]: doc }) });
    const b = createLanguageService({ builtin: builtinWithModel, workspace: workspace({ [MODEL]: 'id: custom\nsections: [broken\n', [DOC]: doc }) });
    const document = TextDocument.create(DOC, 'markdown', 1, doc);
    const missing = (s: ReturnType<typeof createLanguageService>) => s.computeDiagnostics(document).filter((d) => d.code === 'missing-section').map((d) => (d.data as { sectionId: string }).sectionId);
    const problems = (s: ReturnType<typeof createLanguageService>) => s.computeDiagnostics(document).filter((d) => d.code === 'model-problems').length;
    expect(missing(a)).toContain('pilots');
    expect(problems(a)).toBe(0);
    expect(problems(b)).toBe(1);
    expect(missing(b)).toEqual([]);
    expect(a.analyse(document).model?.model?.sections.some((s) => s.id === 'pilots')).toBe(true);
    expect(b.analyse(document).model?.model).toBeUndefined();
  });

  it('give the same answers after an edit noted on one of them only', () => {
    // Both parse version 1 of the same uri, with different texts; an edit hint is noted on one only.
    // Taken by the other, the hint would make it keep chunks of its own version 1 that the new text does not have.
    const x = '# A\n\nThe «alpha» term.\n\nThe «betas» term.\n';
    const y = '# A\n\nThe «gamma» term.\n\nThe «delta» term.\n';
    const a = createLanguageService({ builtin, workspace: workspace({}) });
    const b = createLanguageService({ builtin, workspace: workspace({}) });
    a.computeDiagnostics(TextDocument.create(DOC, 'markdown', 1, x));
    b.computeDiagnostics(TextDocument.create(DOC, 'markdown', 1, y));
    const v2 = TextDocument.create(DOC, 'markdown', 2, x + 'x');
    a.noteEdit(v2, { fromVersion: 1, toVersion: 2, oldLength: x.length, start: x.length, oldEnd: x.length, newEnd: x.length + 1 });
    const fresh = createLanguageService({ builtin, workspace: workspace({}) }).computeDiagnostics(v2);
    expect(fresh.map((d) => d.message).join('\n')).toContain('alpha');
    expect(a.computeDiagnostics(v2)).toEqual(fresh);
    expect(b.computeDiagnostics(v2)).toEqual(fresh);
  });

  it('never changes an analysis it has handed out', () => {
    const files: Record<string, string> = { [TERMS]: termBase('tariff quota'), [DOC]: concept };
    const service = createLanguageService({ builtin, workspace: workspace(files) });
    const document = TextDocument.create(DOC, 'markdown', 1, concept);
    const first = service.analyse(document);
    const model = first.model;
    const frozen = { uses: first.uses, model, defining: first.defining };
    service.analyse(document);
    service.computeDiagnostics(document);
    expect({ uses: first.uses, model: first.model, defining: first.defining }).toEqual(frozen);
    expect(first.model).toBe(model);
  });
});

describe('a term base checked as a document', () => {
  it('is read from the text given, whether or not the scopes parsed the same uri with another text', () => {
    const onDisk = 'terms:\n  - term: tariff quota\n    definition: A quota.\n';
    const edited = 'terms:\n  - term: tariff quota\n    definition: A quota.\n  - term: tariff quota\n    definition: Again.\n';
    const service = createLanguageService({ builtin, workspace: workspace({ [TERMS]: onDisk, [DOC]: concept }) });
    const check = (text: string) => service.computeDiagnostics(TextDocument.create(TERMS, 'yaml', 1, text)).map((d) => d.code);
    // The scope of the concept document parses the term base as the workspace has it.
    codes(service, concept);
    expect(check(onDisk)).toEqual([]);
    // An editor's unsaved text: its own problems, not those of the parse the scopes keep.
    expect(check(edited)).toContain('duplicate-definition');
    expect(check(onDisk)).toEqual([]);
  });
});
