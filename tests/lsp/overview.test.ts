/**
 * The guided-authoring requests over the real protocol: the concept overview of
 * the example documents (English, Russian, CRLF), the quick fix a missing
 * section carries, the choices of the citation picker, and a new document's
 * skeleton checked by the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AuthoringChoicesRequest, ConceptOverviewRequest, ConceptSkeletonRequest, type ConceptOverview } from '../../shared/overview';
import { startClient, type Client } from './harness';
import { tempFolder } from '../tempFolder';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function overviewOf(folder: string, file: string, text = fs.readFileSync(path.join(folder, file), 'utf8')): Promise<{ overview: ConceptOverview; uri: string; text: string }> {
  client ??= await startClient(folder);
  const uri = URI.file(path.join(folder, file)).toString();
  await client.open(uri, text);
  const overview = await client.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri } });
  expect(overview).not.toBeNull();
  return { overview: overview!, uri, text };
}

const states = (o: ConceptOverview) => Object.fromEntries(o.sections.map((s) => [s.id ?? `?${s.title}`, s.state]));
const terms = (o: ConceptOverview) => Object.fromEntries(o.terms.map((t) => [t.label, t.state]));

describe('customsConcepts/conceptOverview', () => {
  it('describes the English example: sections against the model, terms by state, citations by status, coverage', async () => {
    const { overview: o, text } = await overviewOf(EXAMPLES, 'eeu-digital-customs.concept.md');
    expect(o.model).toMatchObject({ id: 'wco-digital-customs', usable: true });
    expect(states(o)).toMatchObject({ terms: 'present', scope: 'present', instruments: 'present', competencies: 'missing', maturity: 'missing' });
    // The model's order: the first present section is `terms`, `competencies` follows it.
    expect(o.sections.map((s) => s.id).slice(0, 3)).toEqual(['terms', 'competencies', 'characteristics']);
    const doc = TextDocument.create('x', 'markdown', 1, text);
    const scope = o.sections.find((s) => s.id === 'scope')!;
    expect(doc.getText(scope.range)).toBe('Scope');

    expect(terms(o)).toMatchObject({
      'digital customs': 'defined',
      'single window': 'adopted',
      'authorized economic operator': 'adopted',
      'electronic customs': 'undefined',
      'smart border': 'undefined',
      'data lake': 'unused',
      'customs ecosystem': 'unused',
    });
    const sw = o.terms.find((t) => t.label === 'single window')!;
    expect(sw.definition?.uri).toMatch(/glossary\/customs\.terms\.yaml$/);
    expect(sw.uses).toBeGreaterThan(1);
    expect(o.terms.find((t) => t.label === 'electronic customs')).toMatchObject({ builtin: true });

    const cite = Object.fromEntries(o.citations.map((c) => [c.id, c]));
    expect(cite.rkc).toMatchObject({ status: 'current', title: 'Revised Kyoto Convention' });
    expect(cite['safe-fos-2012']).toMatchObject({ status: 'superseded' });
    expect(cite['cu-cc']).toMatchObject({ status: 'superseded', replacement: 'eaeu-cc' });
    expect(cite['wco-datamodel']).toMatchObject({ status: 'unknown' });
    expect(doc.getText(cite.rkc.ranges[0])).toBe('@rkc');

    expect(o.coverage).toMatchObject({ sectionsRequired: 12, sectionsPresent: 3 });
    expect(o.coverage.termsUsed).toBe(o.terms.filter((t) => t.uses > 0).length);
    expect(o.coverage.termsDefined).toBe(o.terms.filter((t) => t.uses > 0 && (t.state === 'defined' || t.state === 'adopted')).length);
    const published = await client!.diagnostics(o.uri, (p) => p.diagnostics.length > 0);
    expect(o.coverage.errors).toBe(published.diagnostics.filter((d) => d.severity === 1).length);
    expect(o.maturity?.length).toBeGreaterThan(0);
  });

  it('gives a missing section the quick fix that adds it, and the section is present once applied', async () => {
    const { overview: o, uri, text } = await overviewOf(EXAMPLES, 'eeu-digital-customs.concept.md');
    const add = o.sections.find((s) => s.id === 'competencies')!.add!;
    const edits = add.changes![uri] as TextEdit[];
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
    expect(after).toContain('# Competencies\n\n<!--');
    await client!.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
    const again = await client!.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri } });
    expect(again!.version).toBe(2);
    // Only a comment under the new heading: the section is there, and still empty.
    expect(states(again!)).toMatchObject({ competencies: 'empty', terms: 'present' });
    expect(again!.coverage.sectionsPresent).toBe(o.coverage.sectionsPresent + 1);
  });

  it('gives exact UTF-16 ranges in the Russian example, the same with CRLF line ends', async () => {
    const folder = path.join(EXAMPLES, 'ru');
    const { overview: lf, text } = await overviewOf(folder, 'eaeu-digital-customs.concept.md');
    const doc = TextDocument.create('x', 'markdown', 1, text);
    const ict = lf.sections.find((s) => s.id === 'ict')!;
    expect(ict.state).toBe('present');
    expect(doc.getText(ict.range)).toBe('Связь с ИКТ и технологическими решениями для участников ВЭД');
    expect(lf.language).toBe('ru');
    expect(terms(lf)['digital customs']).toBe('defined');
    const dc = lf.terms.find((t) => t.label === 'digital customs')!;
    expect(doc.getText(dc.firstUse).toLowerCase()).toMatch(/^цифров/);

    const crlfText = text.replace(/\n/g, '\r\n');
    await client!.connection.sendNotification('textDocument/didChange', { textDocument: { uri: lf.uri, version: 2 }, contentChanges: [{ text: crlfText }] });
    const crlf = (await client!.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri: lf.uri } }))!;
    expect(crlf.version).toBe(2);
    expect(crlf.sections.map((s) => [s.id, s.state, s.range])).toEqual(lf.sections.map((s) => [s.id, s.state, s.range]));
    expect(crlf.terms.map((t) => [t.label, t.firstUse])).toEqual(lf.terms.map((t) => [t.label, t.firstUse]));
  });

  it('answers null for a term base and for a document that is not open', async () => {
    client = await startClient(EXAMPLES);
    const base = URI.file(path.join(EXAMPLES, 'glossary', 'customs.terms.yaml')).toString();
    await client.open(base, fs.readFileSync(path.join(EXAMPLES, 'glossary', 'customs.terms.yaml'), 'utf8'), 'yaml');
    expect(await client.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri: base } })).toBeNull();
    const closed = URI.file(path.join(EXAMPLES, 'eaeu-digital-customs-2030.concept.md')).toString();
    expect(await client.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri: closed } })).toBeNull();
  });
});

describe('customsConcepts/authoringChoices and customsConcepts/conceptSkeleton', () => {
  it('lists the models and the instruments with their French and Russian titles and the RKC locators', async () => {
    client = await startClient(EXAMPLES);
    const choices = await client.connection.sendRequest(AuthoringChoicesRequest, {});
    expect(choices.models.map((m) => m.id)).toEqual(expect.arrayContaining(['wco-digital-customs', 'eaeu-digital-customs']));
    const rkc = choices.instruments.find((i) => i.id === 'rkc')!;
    expect(rkc.titles.ru).toContain('Пересмотренная Киотская конвенция');
    expect(rkc.titles.fr).toContain('Convention de Kyoto révisée');
    expect(rkc.locators).toContain('General Annex, Chapter 7 — Application of information technology');
    expect(rkc.locators).toContain('Specific Annex K — Origin');
    expect(rkc.locators.some((l) => l.startsWith('Specific Annex I '))).toBe(false);
    expect(choices.instruments.find((i) => i.id === 'kyoto-1973')).toMatchObject({ superseded: true });
  });

  it('writes a Russian skeleton that the server checks with no missing section', async () => {
    const dir = tempFolder('cc-skeleton-');
    fs.mkdirSync(path.join(dir, 'glossary'));
    fs.copyFileSync(path.join(EXAMPLES, 'glossary', 'customs.terms.yaml'), path.join(dir, 'glossary', 'customs.terms.yaml'));
    client = await startClient(dir);
    const r = await client.connection.sendRequest(ConceptSkeletonRequest, { model: 'wco-digital-customs', language: 'ru', title: 'Цифровая таможня: «пилот»', concept: 'pilot', glossaries: ['glossary/customs.terms.yaml'] });
    if (!('text' in r)) throw new Error(r.error);
    expect(r.text).toMatch(/^---\nconcept: pilot\ntitle: "Цифровая таможня: «пилот»"\nstatus: draft\nlanguage: ru\nmodel: wco-digital-customs\nglossaries: \[glossary\/customs.terms.yaml\]\n---\n/);
    // Headings and guidance in the document's language.
    expect(r.text).toContain('# 1. Термины и определения\n\n<!-- Определите каждый ключевой термин');
    expect(r.text).toContain('# 12. Самооценка зрелости');
    const uri = URI.file(path.join(dir, 'pilot.concept.md')).toString();
    await client.open(uri, r.text);
    const published = await client.diagnostics(uri);
    expect(published.diagnostics.filter((d) => d.code === 'missing-section' || d.code === 'unknown-section' || d.code === 'yaml-syntax')).toEqual([]);
    const o = (await client.connection.sendRequest(ConceptOverviewRequest, { textDocument: { uri } }))!;
    expect(o.title).toBe('Цифровая таможня: «пилот»');
    expect(o.sections.filter((s) => s.required).every((s) => s.state === 'empty')).toBe(true);
    expect(o.coverage.sectionsPresent).toBe(o.coverage.sectionsRequired);
  });

  it('refuses an unknown model with a message', async () => {
    client = await startClient(EXAMPLES);
    const r = await client.connection.sendRequest(ConceptSkeletonRequest, { model: 'no-such-model', language: 'en', title: 'x', concept: 'x', glossaries: [] });
    expect(r).toEqual({ error: expect.stringContaining('no-such-model') });
  });
});
