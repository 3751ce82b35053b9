/**
 * Validation of a `*.model.yaml` against `server/data/model.schema.json` with
 * Ajv, and the mapping of each Ajv error back to the YAML node it concerns,
 * so that the diagnostic lands on the offending key or value.
 *
 * The core does no IO and reads no schema: the validator is code written from the
 * schema by `scripts/schema-validators.mjs` (Ajv's standalone output, compiled strict):
 * no Ajv to load and no schema to compile at run time. Built-in models are not
 * validated at run time (the tests validate them).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, Node } from 'yaml';
import { deref, isMap, isScalar, isSeq, mapPairs, scalarString, type Problem } from '../yaml';
import { validate as generated } from '../generated/modelSchemaValidator';

const validator = generated as unknown as ValidateFunction;

/** The validator of reference models (the JSON Schema as code). */
export function modelSchemaValidator(): ValidateFunction {
  return validator;
}

/** Validates the parsed YAML of a model; problems are in offsets of the model text. */
export function validateModelSchema(y: Document.Parsed, text: string): Problem[] {
  if (y.errors.length) return []; // The YAML errors say it better; the tree may be partial.
  let value: unknown;
  try {
    value = y.toJS({ maxAliasCount: 1000 });
  } catch {
    return [];
  }
  const validate = modelSchemaValidator();
  if (validate(value)) return [];
  return mapAjvErrors(validate.errors ?? [], y, text);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'a map of keys',
  null: 'empty',
};

/** Turns Ajv errors into problems placed on YAML nodes; `root` names the whole file in messages. */
export function mapAjvErrors(errors: ErrorObject[], y: Document, text: string, root = 'The model'): Problem[] {
  // An `anyOf` failure makes Ajv report every branch at the same path; the
  // branches' own errors at that path become one message on the node.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const push = (p: Problem) => {
    const key = `${p.start}:${p.end}:${p.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(p);
  };
  for (const e of errors) {
    const path = splitPointer(e.instancePath);
    const at = locate(y, path, text);
    const where = pathName(path, root);
    if (e.keyword === 'anyOf') {
      // Deeper errors of a branch (a bad item of a list) say more; use them when there are some.
      const deeper = errors.some((x) => x.instancePath.startsWith(e.instancePath + '/') && x.keyword !== 'anyOf');
      if (deeper) continue;
      const branches = errors.filter((x) => x.instancePath === e.instancePath && x.keyword !== 'anyOf');
      const expected = [...new Set(branches.map(describe))].join(', or ');
      push({ ...at.value, code: 'invalid-value', severity: 'error', message: `${where} must be ${expected || 'of another form'}.` });
      continue;
    }
    if (anyOfPaths.has(e.instancePath) && e.keyword !== 'additionalProperties' && e.keyword !== 'required') continue;
    const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
    if (e.keyword === 'propertyNames') continue;
    if (propertyName !== undefined) {
      const k = keyRange(y, path, propertyName) ?? at.value;
      push({ ...k, code: 'invalid-value', severity: 'error', message: `The key \`${propertyName}\` of ${where} is not valid: ${e.message ?? 'see the schema'}.` });
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const k = keyRange(y, path, extra) ?? at.value;
      push({ ...k, code: 'unknown-key', severity: 'warning', message: `Unknown key \`${extra}\` in ${where}.`, data: { key: extra } });
      continue;
    }
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      push({ ...at.owner, code: 'missing-key', severity: 'error', message: `${where} lacks the required key \`${missing}\`.`, data: { key: missing } });
      continue;
    }
    push({ ...at.value, code: 'invalid-value', severity: 'error', message: `${where} must be ${describe(e)}.` });
  }
  return problems;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
    }
    case 'enum':
      return `one of: ${(p.allowedValues as unknown[]).map((v) => '`' + String(v) + '`').join(', ')}`;
    case 'pattern':
      return String(p.pattern).startsWith('^[A-Za-z][A-Za-z0-9_.-]*') ? 'an id: a letter, then letters, digits, `_`, `.` or `-`' : `text matching \`${String(p.pattern)}\``;
    case 'minItems':
      return `a list of at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return 'a non-empty text';
    default:
      return e.message ?? 'valid';
  }
}

function splitPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `sections[2].title` from `/sections/2/title`. */
function pathName(path: string[], root: string): string {
  if (!path.length) return root;
  let out = '';
  for (const seg of path) out += /^\d+$/.test(seg) ? `[${seg}]` : (out ? '.' : '') + seg;
  return '`' + out + '`';
}

type Span = { start: number; end: number };

/**
 * The node at a JSON pointer path: `value` is the node itself (or its key when
 * the value is empty), `owner` is where a missing key of that node is reported:
 * the key that holds the map, or the first key of a list item.
 */
function locate(y: Document, path: string[], text: string): { value: Span; owner: Span } {
  let node: unknown = y.contents;
  let keyNode: unknown;
  for (const seg of path) {
    node = deref(node, y);
    if (isMap(node)) {
      const pair = mapPairs(node).find((p) => scalarString(p.key) === seg);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
  }
  node = deref(node, y);
  const whole = spanOf(node);
  const key = spanOf(keyNode);
  const firstLine = (): Span => {
    const nl = text.indexOf('\n');
    return { start: 0, end: nl < 0 ? text.length : nl };
  };
  const empty = !whole || whole.start === whole.end || (isScalar(node) && node.value === null);
  const value = !empty ? whole! : (key ?? whole ?? firstLine());
  let owner: Span | undefined = key;
  if (!owner && isMap(node)) owner = spanOf(mapPairs(node)[0]?.key);
  return { value: value.start === value.end && key ? key : value, owner: owner ?? value };
}

function keyRange(y: Document, path: string[], key: string): Span | undefined {
  let node: unknown = y.contents;
  for (const seg of path) {
    node = deref(node, y);
    if (isMap(node)) node = mapPairs(node).find((p) => scalarString(p.key) === seg)?.value;
    else if (isSeq(node)) node = node.items[Number(seg)];
    else return undefined;
  }
  node = deref(node, y);
  return spanOf(mapPairs(node).find((p) => scalarString(p.key) === key)?.key);
}

function spanOf(node: unknown): Span | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}
