/**
 * Validation of a `*.terms.yaml` against `server/data/terms.schema.json`, the
 * schema editors use: one source of truth for the format. Its errors are
 * placed on YAML nodes the way a model's are (`model/schema.ts`).
 *
 * The reader (`termBase.ts`) reports what it cannot read; the schema adds what
 * it reads but the format does not allow. Where both speak about the same place
 * with the same code, the reader's message is kept.
 */
import type { ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import type { Problem } from '../yaml';
import { mapAjvErrors } from '../model/schema';
import { validate as generated } from '../generated/termsSchemaValidator';

/**
 * The term-base schema's validator, written as code by `scripts/schema-validators.mjs` (Ajv's standalone output, not
 * strict: the schema carries editor keywords such as `markdownDescription`): no Ajv to load, no schema to compile.
 */
const validateTermBase = generated as unknown as ValidateFunction;

export class TermBaseSchema {
  /** Schema problems of a term base (its text and YAML tree) that `known` (the reader's problems) does not already report. */
  problems(text: string, y: Document, known: readonly Problem[]): Problem[] {
    if (y.errors.length) return [];
    let value: unknown = null;
    try {
      value = y.toJS({ maxAliasCount: 1000 });
    } catch {
      // Aliases that expand without bound: there is no plain value to check.
    }
    // Stryker disable next-line ConditionalExpression: a file that is a single scalar is reported by the reader at the same place with the same code, which drops the schema's message anyway.
    if (value === null || typeof value !== 'object') return [];
    const validate = validateTermBase;
    // Stryker disable next-line ConditionalExpression: after a successful validation `validate.errors` is null, so the line below also gives [].
    if (validate(value)) return [];
    const overlaps = (p: Problem) => known.some((k) => k.start < p.end && p.start < k.end && (k.code === p.code || k.code === 'invalid-value' || p.code === 'unknown-key'));
    // Stryker disable next-line ArrayDeclaration: Ajv sets `errors` whenever validation fails; the fallback only satisfies the type.
    return mapAjvErrors(validate.errors ?? [], y, text, 'The term base').filter((p) => !overlaps(p));
  }
}
