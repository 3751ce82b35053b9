/**
 * Integrity of the built-in data: the instrument catalog and the WCO starter
 * term base are valid against their JSON Schemas and consistent with each other.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import Ajv from 'ajv';

const dataDir = path.resolve(__dirname, '../../server/data');
const readYaml = (name: string): any => parse(readFileSync(path.join(dataDir, name), 'utf8'));
const readJson = (name: string): any => JSON.parse(readFileSync(path.join(dataDir, name), 'utf8'));

const catalog = readYaml('instruments.yaml');
const termBase = readYaml('wco.terms.yaml');
const instruments: any[] = catalog?.instruments ?? [];
const terms: any[] = termBase?.terms ?? [];

/** Hyphen-like characters folded to a space when comparing labels. */
const HYPHENS = /[-\u2010\u2011\u2012\u2013\u2014]/g;

/** A label's comparison key: lower case, hyphens folded to spaces, `ё` as `е`, runs of space collapsed. */
function labelKey(label: string): string {
  return label.toLowerCase().replace(/ё/g, 'е').replace(HYPHENS, ' ').replace(/\s+/g, ' ').trim();
}

function labelsOf(term: any): string[] {
  return [term.term, ...(term.variants ?? []), ...(term.deprecated ?? [])];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word occurrence of `label` (or a simple English plural of it) in `text`, after folding both. */
function containsLabel(text: string, label: string): boolean {
  const words = labelKey(label).split(' ').map(escapeRegExp);
  const pattern = words.join('\\s+') + '(?:s|es)?';
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${pattern}(?![\\p{L}\\p{M}\\p{N}])`, 'u').test(labelKey(text));
}

/**
 * Ajv in strict mode, knowing the VS Code annotation keyword used by the schemas.
 * `strictRequired` is off because `anyOf: [{required: [term]}, {required: [prefLabel]}]`
 * names properties defined one level up, which is valid draft-07.
 */
function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addKeyword({ keyword: 'markdownDescription', schemaType: 'string' });
  return ajv;
}

const citedId = (source: string): string | undefined => /^\[?@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*?)(?:,|\]|$)/.exec(source)?.[1];

describe('built-in data files', () => {
  it('parse as YAML into the expected top-level shape', () => {
    expect(Array.isArray(catalog.instruments)).toBe(true);
    expect(Array.isArray(termBase.terms)).toBe(true);
  });

  it('are valid against their JSON Schemas', () => {
    const ajv = makeAjv();
    const validateInstruments = ajv.compile(readJson('instruments.schema.json'));
    const validateTerms = ajv.compile(readJson('terms.schema.json'));
    const okI = validateInstruments(catalog);
    expect(validateInstruments.errors ?? [], ajv.errorsText(validateInstruments.errors)).toEqual([]);
    expect(okI).toBe(true);
    const okT = validateTerms(termBase);
    expect(validateTerms.errors ?? [], ajv.errorsText(validateTerms.errors)).toEqual([]);
    expect(okT).toBe(true);
  });

  it('the term schema accepts the optional user fields and rejects unknown ones', () => {
    const ajv = makeAjv();
    const validate = ajv.compile(readJson('terms.schema.json'));
    const good = {
      language: 'ru',
      terms: [{ term: 'единое окно', definition: 'x', match: 'inflected', exclude: ['единое окно ЕАЭС'], translations: { en: 'single window' } }],
    };
    expect(validate(good), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ terms: [{ term: 'a', definition: 'x', colour: 'red' }] })).toBe(false);
    expect(validate({ terms: [{ term: 'a', definition: 'x', match: 'fuzzy' }] })).toBe(false);
    expect(validate({ language: 'de', terms: [] })).toBe(false);
    // A free-text reference is a source too (a national law, a decision not in the catalog); only `@id` is checked.
    expect(validate({ terms: [{ term: 'a', definition: 'x', source: 'EEC Board Decision No. 135 of 24 December 2025' }] })).toBe(true);
    expect(validate({ terms: [{ term: 'a', definition: 'x', role: 'general', prefLabel: { en: 'a', ru: 'а' }, definition_: undefined }].map(({ definition_, ...t }) => t) })).toBe(true);
    expect(validate({ terms: [{ term: 'a', definition: { en: 'x', ru: 'икс' }, altLabel: { ru: ['б'] } }] })).toBe(true);
    expect(validate({ terms: [{ term: 'a', definition: 'x', role: 'central' }] })).toBe(false);
    expect(validate({ terms: [{ term: 'a', definition: 'x', source: '@rkc-general-annex, Chapter 7' }] })).toBe(true);
  });
});

describe('instrument catalog', () => {
  const ids = instruments.map((i) => i.id as string);
  const editionIds = instruments.flatMap((i) => (i.editions ?? []).map((e: any) => e.id as string));
  const instrumentIds = new Set(ids);

  it('has at least 55 instruments', () => {
    expect(instruments.length).toBeGreaterThanOrEqual(55);
  });

  it('has unique ids across instruments and editions', () => {
    const all = [...ids, ...editionIds];
    const dupes = all.filter((id, i) => all.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('contains the required ids', () => {
    const required = [
      'rkc', 'rkc-general-annex', 'rkc-ict-guidelines', 'safe-fos', 'wco-dm', 'hs', 'dcmm', 'it-guide', 'wco-dcc', 'tfa',
      'eaeu-cc', 'cu-cc', 'kyoto-1973', 'sw-compendium', 'trs-guide', 'irg', 'ecom-fos', 'aeo-compendium', 'cbm-compendium',
      'rm-compendium', 'istanbul', 'ata', 'nairobi', 'johannesburg', 'arusha', 'baku-declaration', 'luxor-resolution', 'gnc',
      'mercator', 'columbus', 'cen', 'ucr', 'uncefact-rec-33',
    ];
    expect(required.filter((id) => !instrumentIds.has(id))).toEqual([]);
  });

  it('resolves every related, part_of and superseded_by id', () => {
    const unresolved: string[] = [];
    for (const i of instruments) {
      for (const r of i.related ?? []) if (!instrumentIds.has(r)) unresolved.push(`${i.id}.related: ${r}`);
      if (i.part_of !== undefined && !instrumentIds.has(i.part_of)) unresolved.push(`${i.id}.part_of: ${i.part_of}`);
      if (i.superseded_by !== undefined && !instrumentIds.has(i.superseded_by)) unresolved.push(`${i.id}.superseded_by: ${i.superseded_by}`);
      if (i.part_of === i.id || i.superseded_by === i.id) unresolved.push(`${i.id}: refers to itself`);
      if ((i.related ?? []).includes(i.id)) unresolved.push(`${i.id}: related to itself`);
    }
    expect(unresolved).toEqual([]);
  });

  it('has no part_of cycles', () => {
    const byId = new Map(instruments.map((i) => [i.id, i]));
    for (const i of instruments) {
      const seen = new Set<string>();
      for (let cur = i; cur?.part_of; cur = byId.get(cur.part_of)) {
        expect(seen.has(cur.id), `part_of cycle through ${cur.id}`).toBe(false);
        seen.add(cur.id);
      }
    }
  });

  it('marks exactly one current edition when editions exist', () => {
    const wrong = instruments
      .filter((i) => Array.isArray(i.editions) && i.editions.length > 0)
      .filter((i) => i.editions.filter((e: any) => e.current === true).length !== 1)
      .map((i) => i.id);
    expect(wrong).toEqual([]);
  });

  it('gives the required superseded_by links', () => {
    const byId = new Map(instruments.map((i) => [i.id, i]));
    expect(byId.get('cu-cc')?.superseded_by).toBe('eaeu-cc');
    expect(byId.get('kyoto-1973')?.superseded_by).toBe('rkc');
    expect(byId.get('baku-declaration')?.confidence).toBe('low');
    expect(byId.get('dcmm')?.confidence).not.toBe('high');
    const dm = byId.get('wco-dm');
    expect(dm?.editions?.find((e: any) => e.current)?.id).toBe('wco-dm-4-0-0');
    expect(dm?.editions?.map((e: any) => e.id)).toEqual(expect.arrayContaining(['wco-dm-3-9-0', 'wco-dm-3-10-0']));
    expect(byId.get('safe-fos')?.editions?.map((e: any) => e.id)).toEqual(
      expect.arrayContaining(['safe-fos-2005', 'safe-fos-2015', 'safe-fos-2018', 'safe-fos-2021']),
    );
  });

  it('gives every entry a confidence, and a note when it is low', () => {
    expect(instruments.filter((i) => !i.confidence).map((i) => i.id)).toEqual([]);
    expect(instruments.filter((i) => i.confidence === 'low' && !i.note).map((i) => i.id)).toEqual([]);
  });

  /** What a catalog entry (or edition) rests on: an address, a title, or both. */
  const hasSource = (x: any): boolean => typeof x?.source === 'string' || typeof x?.source_title === 'string';

  it('gives every entry a source and a confidence, and every current edition a source', () => {
    expect(instruments.filter((i) => !hasSource(i)).map((i) => i.id)).toEqual([]);
    expect(instruments.filter((i) => !['high', 'medium', 'low'].includes(i.confidence)).map((i) => i.id)).toEqual([]);
    const unsourced = instruments.flatMap((i) => (i.editions ?? []).filter((e: any) => e.current && !hasSource(e)).map((e: any) => e.id));
    expect(unsourced).toEqual([]);
  });

  it('the source check catches an entry or a current edition without a source', () => {
    // The same predicate as above, on entries made to fail: a check that passes everything would pass here too.
    expect(hasSource({ id: 'x', confidence: 'high' })).toBe(false);
    expect(hasSource({ id: 'x', source_title: 'Treaty text' })).toBe(true);
    expect(hasSource({ id: 'x-1', edition: '1', current: true })).toBe(false);
  });

  it('keeps the audited facts', () => {
    const byId = new Map(instruments.map((i) => [i.id, i]));
    expect(byId.get('ucr')?.adopted).toBe('2004-06-26');
    expect(byId.has('api-pnr-guidelines')).toBe(false);
    expect(byId.get('api-guidelines')?.owner).toBe('WCO / IATA / ICAO');
    expect(byId.get('rkc')?.note).not.toMatch(/\b122\b/);
    expect(byId.get('rkc-general-annex')?.summary).toMatch(/guarantees/);
    for (const id of ['punta-cana-resolution', 'ecp', 'kyoto-communique', 'revenue-package', 'api-pnr-recommendation', 'ict-tfa-analysis', 'pmm', 'eaeu-digital-agenda'])
      expect(byId.has(id), id).toBe(true);
    const chapters = (byId.get('rkc')?.parts ?? []).map((p: any) => p.locator);
    expect(chapters).toContain('General Annex, Chapter 7');
    expect(chapters).toContain('Specific Annex K');
    expect(byId.get('ecustoms-strategy-2007')?.abbreviations).toContain('Strategy Paper on Customs and E-Commerce');
  });

  it('the instrument schema accepts well-formed titles and rejects malformed ones', () => {
    const ajv = makeAjv();
    const validate = ajv.compile(readJson('instruments.schema.json'));
    const withTitles = (titles: unknown) => ({ instruments: [{ id: 'x', title: 'X', kind: 'other', titles }] });
    const good = withTitles({
      fr: { title: 'Convention X', name: 'X', confidence: 'high', source: 'https://example.org/x' },
      ru: { title: 'Конвенция X', confidence: 'low', note: 'not verified' },
    });
    expect(validate(good), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate(withTitles({ fr: { title: 'Convention X' } }))).toBe(false);
    expect(validate(withTitles({ fr: { confidence: 'high' } }))).toBe(false);
    expect(validate(withTitles({ fr: { title: 'Convention X', confidence: 'sure' } }))).toBe(false);
    expect(validate(withTitles({ de: { title: 'Übereinkommen X', confidence: 'high' } }))).toBe(false);
    expect(validate(withTitles({ fr: { title: 'Convention X', confidence: 'high', lang: 'fr' } }))).toBe(false);
    expect(validate(withTitles({ fr: { title: 'Convention X', confidence: 'high', source: 'wcoomd.org' } }))).toBe(false);
  });

  it('gives every low-confidence title a note', () => {
    const bare = instruments.flatMap((i) =>
      Object.entries(i.titles ?? {})
        .filter(([, t]: [string, any]) => t.confidence === 'low' && !t.note)
        .map(([lang]) => `${i.id}.titles.${lang}`),
    );
    expect(bare).toEqual([]);
  });

  it('has French titles for at least 15 entries and Russian names or titles for at least 15', () => {
    const fr = instruments.filter((i) => i.titles?.fr?.title);
    const ru = instruments.filter((i) => i.titles?.ru?.title || i.titles?.ru?.name);
    expect(fr.length).toBeGreaterThanOrEqual(15);
    expect(ru.length).toBeGreaterThanOrEqual(15);
    const byId = new Map(instruments.map((i) => [i.id, i]));
    expect(byId.get('rkc')?.titles?.fr?.title).toBe("Convention internationale pour la simplification et l'harmonisation des régimes douaniers");
    expect(byId.get('rkc')?.titles?.ru?.name).toBe('Пересмотренная Киотская конвенция');
    expect(byId.get('eaeu-cc')?.titles?.ru?.title).toBe('Таможенный кодекс Евразийского экономического союза');
  });

  it('has no abbreviation shared by two instruments', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const i of instruments) {
      for (const a of new Set((i.abbreviations ?? []).map((x: string) => labelKey(x)))) {
        const prev = owner.get(a as string);
        if (prev && prev !== i.id) clashes.push(`${a}: ${prev} / ${i.id}`);
        owner.set(a as string, i.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('WCO starter term base', () => {
  const preferred = new Set(terms.map((t) => t.term as string));
  const instrumentIds = new Set([
    ...instruments.map((i) => i.id as string),
    ...instruments.flatMap((i) => (i.editions ?? []).map((e: any) => e.id as string)),
  ]);

  it('has at least 28 terms', () => {
    expect(terms.length).toBeGreaterThanOrEqual(28);
  });

  it('contains the required terms', () => {
    const keys = new Set(terms.flatMap((t) => labelsOf(t).map(labelKey)));
    const required = [
      'digital customs', 'electronic customs', 'single window', 'authorized economic operator', 'risk management',
      'customs clearance', 'electronic declaration', 'advance cargo information', 'preliminary information',
      'post-clearance audit', 'coordinated border management', 'data harmonization', 'e-commerce', 'customs procedure',
      'release of goods', 'mutual recognition arrangement', 'information and communication technology', 'maturity model',
      'key performance indicator', 'trade facilitation', 'customs control', 'paperless trade',
      'e-customs', 'e\u2011Customs',
    ];
    expect(required.filter((l) => !keys.has(labelKey(l)))).toEqual([]);
    const ec = terms.find((t) => t.term === 'electronic customs');
    expect(ec?.variants).toContain('e\u2011Customs');
    expect(ec?.variants).toContain('e-customs');
  });

  it('cites an existing instrument in every source', () => {
    const bad = terms
      .filter((t) => t.source !== undefined)
      .filter((t) => {
        const id = citedId(t.source);
        return id === undefined || !instrumentIds.has(id);
      })
      .map((t) => `${t.term}: ${t.source}`);
    expect(bad).toEqual([]);
  });

  it('resolves related, broader and narrower to preferred labels', () => {
    const unresolved: string[] = [];
    for (const t of terms) {
      for (const field of ['related', 'broader', 'narrower']) {
        for (const r of t[field] ?? []) {
          if (!preferred.has(r)) unresolved.push(`${t.term}.${field}: ${r}`);
          if (r === t.term) unresolved.push(`${t.term}.${field}: itself`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('keeps broader and narrower symmetric', () => {
    const byTerm = new Map(terms.map((t) => [t.term, t]));
    const asym: string[] = [];
    for (const t of terms) {
      for (const n of t.narrower ?? []) if (!(byTerm.get(n)?.broader ?? []).includes(t.term)) asym.push(`${t.term} > ${n}`);
      for (const b of t.broader ?? []) if (!(byTerm.get(b)?.narrower ?? []).includes(t.term)) asym.push(`${t.term} < ${b}`);
    }
    expect(asym).toEqual([]);
  });

  it('has no label shared by two terms (case, hyphen variants folded)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of terms) {
      for (const key of new Set(labelsOf(t).map(labelKey))) {
        const prev = owner.get(key);
        if (prev !== undefined && prev !== t.term) clashes.push(`"${key}": ${prev} / ${t.term}`);
        owner.set(key, t.term);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has no circular definition (a definition using its own term or variants)', () => {
    const circular: string[] = [];
    for (const t of terms) {
      for (const label of labelsOf(t)) {
        if (containsLabel(t.definition ?? '', label)) circular.push(`${t.term}: "${label}"`);
      }
    }
    expect(circular).toEqual([]);
  });

  it('the circularity check itself folds case, hyphens and plurals', () => {
    expect(containsLabel('Uses E\u2011Customs daily', 'e-customs')).toBe(true);
    expect(containsLabel('several single windows', 'single window')).toBe(true);
    expect(containsLabel('ecustoms', 'e-customs')).toBe(false);
    expect(containsLabel('the AEOs', 'AEO')).toBe(true);
    expect(containsLabel('AEON', 'AEO')).toBe(false);
  });

  it('gives every term a confidence, and a note when it is low', () => {
    expect(terms.filter((t) => !t.confidence).map((t) => t.term)).toEqual([]);
    expect(terms.filter((t) => t.confidence === 'low' && !t.note).map((t) => t.term)).toEqual([]);
  });

  it('has no pure plural variant', () => {
    const plurals: string[] = [];
    for (const t of terms) {
      const base = labelKey(t.term);
      for (const v of t.variants ?? []) {
        const k = labelKey(v);
        if (k === base + 's' || k === base + 'es' || (base.endsWith('y') && k === base.slice(0, -1) + 'ies')) plurals.push(`${t.term}: ${v}`);
      }
    }
    expect(plurals).toEqual([]);
  });
});
