/**
 * Forms of the service's data made ahead of time, outside the service: the
 * compiled term base of the CLI's cache (V8's serialization format) and the stems of the
 * built-in models' section labels bundled with the service (`modelStemTable`).
 * Each must give exactly what the service would compute without it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createStemmers, headingStems } from '../../server/src/core/model/headingMatch';
import { parseReferenceModel } from '../../server/src/core/model/referenceModel';
import { modelStemTable } from '../../server/src/core/model/sections';
import { parseTermBase } from '../../server/src/core/terms/termBase';

const DATA = path.join(__dirname, '..', '..', 'server', 'data');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('a compiled term base', () => {
  it('reads back as the term base parsed from its text, problems, offsets and shared objects included', () => {
    const texts = [
      fs.readFileSync(path.join(DATA, 'wco.terms.yaml'), 'utf8'),
      ...fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.terms.yaml')).map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8')),
      // Problems of every kind: YAML syntax, a wrong type, a duplicate, an unknown key, CRLF and Cyrillic.
      'language: ru\r\nterms:\r\n  - term: таможня\r\n    definition: Орган.\r\n  - term: таможня\r\n    definition: Снова.\r\n  - term: [a, b]\r\n    defintion: x\r\n  - term: «ёлка»\r\n    variants: {a: 1}\r\n',
      'terms:\n  - term: broken\n    definition: "unterminated\n',
    ];
    for (const text of texts) {
      const uri = 'file:///w%20s/base.terms.yaml';
      const parsed = parseTermBase(uri, text);
      const back = v8.deserialize(v8.serialize(parsed)) as typeof parsed;
      expect(back).toStrictEqual(parsed);
      expect(JSON.stringify(back)).toBe(JSON.stringify(parsed));
      // Identity is kept where reading shares an object: the preferred label's range is the one in `labelRanges`.
      for (const entry of back.entries) if (entry.labelRanges.has(entry.term)) expect(entry.labelRanges.get(entry.term)).toBe(entry.labelRange);
    }
  });
});

describe('the bundled stems of the built-in model', () => {
  it('hold every stem the section lookup asks for, each the one the stemmer gives', () => {
    const text = fs.readFileSync(path.join(DATA, 'wco-digital-customs.model.yaml'), 'utf8');
    const model = parseReferenceModel('builtin:///wco-digital-customs.model.yaml', text, 'builtin').model!;
    const table = modelStemTable([model]);
    expect(Object.keys(table.en).length).toBeGreaterThan(50);
    expect(Object.keys(table.ru).length).toBeGreaterThan(50);
    const plain = createStemmers(undefined);
    for (const language of ['en', 'fr', 'ru'] as const) for (const [word, stem] of Object.entries(table[language])) expect(stem).toBe(plain[language](word));
    // Seeded stemmers answer as plain ones, for the model's labels and for words the table does not hold.
    const seeded = createStemmers(table);
    for (const label of [...model.sections.map((s) => s.title), 'Définitions des termes', 'Термины и определения', 'Unheard-of headings']) {
      for (const latin of ['en', 'fr'] as const) expect(headingStems(label, seeded, latin)).toEqual(headingStems(label, plain, latin));
    }
  });
});
