/**
 * The schema validators the core runs are code written from `server/data/*.schema.json` by
 * `scripts/schema-validators.mjs` (no Ajv compiles a schema at run time). A schema changed without its validator
 * being written again would check files against the old schema: the files written must be what the schemas give now.
 * And the written validator must judge as Ajv compiling the schema would, on files it accepts and files it rejects.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a script of the project, in JavaScript.
import { VALIDATORS, validatorSource } from '../../scripts/schema-validators.mjs';
import { validate as termsValidate } from '../../server/src/core/generated/termsSchemaValidator';
import { validate as modelValidate } from '../../server/src/core/generated/modelSchemaValidator';

const ROOT = path.join(__dirname, '..', '..');

interface Validator {
  schema: string;
  out: string;
  options: Record<string, unknown>;
}

describe('the schema validators written as code', () => {
  it('are what the schemas give now (run `node scripts/schema-validators.mjs` after changing a schema)', () => {
    const validators = VALIDATORS as Validator[];
    expect(validators.map((v) => v.schema).sort()).toEqual(['server/data/model.schema.json', 'server/data/terms.schema.json']);
    for (const v of validators) expect(fs.readFileSync(path.join(ROOT, v.out), 'utf8'), v.out).toBe(validatorSource(v));
  });

  it('would notice a schema that changed', () => {
    const [terms] = (VALIDATORS as Validator[]).filter((v) => v.schema.endsWith('terms.schema.json'));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, terms.schema), 'utf8')) as { required?: string[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    try {
      const changed = path.join(dir, 'terms.schema.json');
      fs.writeFileSync(changed, JSON.stringify({ ...schema, required: ['language'] }));
      expect(validatorSource({ ...terms, schema: path.relative(ROOT, changed) })).not.toBe(fs.readFileSync(path.join(ROOT, terms.out), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const cases: [string, (data: unknown) => boolean, Record<string, unknown>, unknown[]][] = [
    [
      'terms.schema.json',
      termsValidate as (data: unknown) => boolean,
      { allErrors: true, strict: false, allowUnionTypes: true, logger: false },
      [
        { terms: [{ term: 'single window', definition: 'One entry point.' }] },
        { colour: 'red', terms: [{ term: 'single window ', definition: 'One entry point.', translation_confidence: 5 }] },
        { terms: [{ definition: 'No label.' }, 'not an entry'] },
        { language: 42, terms: 'none' },
      ],
    ],
    [
      'model.schema.json',
      modelValidate as (data: unknown) => boolean,
      { allErrors: true, strict: true, allowUnionTypes: true, logger: false },
      [
        JSON.parse(JSON.stringify({ id: 'm', title: 'M', sections: [{ id: 's', title: 'S', required: true }] })),
        { id: 3, sections: 'none', extra: true },
        {},
      ],
    ],
  ];
  for (const [name, written, options, data] of cases) {
    it(`${name}: the written validator gives the errors Ajv gives`, () => {
      const compiled = new Ajv(options).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', name), 'utf8')));
      let rejected = 0;
      for (const d of data) {
        const ok = compiled(d);
        expect(written(d), JSON.stringify(d)).toBe(ok);
        expect((written as unknown as { errors: unknown }).errors ?? null).toEqual(compiled.errors ?? null);
        if (!ok) rejected++;
      }
      expect(rejected).toBeGreaterThan(0);
    });
  }
});
