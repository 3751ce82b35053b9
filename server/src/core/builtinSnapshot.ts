/**
 * The built-in data (instrument catalog, WCO term base, reference models) read
 * at build time: `esbuild.mjs` reads each file with the same functions the
 * service uses, checks that the result survives the trip through JSON exactly,
 * and bundles it as `__BUILTIN_SNAPSHOT__`. At start-up the service takes a
 * part from the snapshot only when the text it is given is the text the part
 * was read from (kept in the snapshot: comparing costs less than hashing);
 * otherwise (data edited after the build, tests, a service given other data)
 * it reads the text as before. Offsets, problems and every other field are
 * those of reading the text; uris are those of the running service.
 *
 * Encoding: plain JSON, with objects tagged by the key `"\u0000"` for what
 * JSON cannot hold: `undefined`, a `Map`, the file's uri (filled in when the
 * snapshot is read), and objects referenced from several places (defined
 * once, referenced after, so identity is kept).
 */
import { parseTermBase, type TermBase } from './terms/termBase';
import { parseReferenceModel, type ParsedModel } from './model/referenceModel';
import { readCatalog, type CatalogPart } from './catalog/catalog';

declare const __BUILTIN_SNAPSHOT__: string | undefined;

export interface BuiltinTexts {
  catalog: { uri: string; text: string };
  termBase: { uri: string; text: string };
  models?: { uri: string; text: string }[];
}

export interface BuiltinParsed {
  catalog?: CatalogPart;
  termBase?: TermBase;
  /** Per model of `BuiltinTexts.models`, in order. */
  models: (ParsedModel | undefined)[];
}

type PartKind = 'catalog' | 'termBase' | 'model';
interface SnapshotPart {
  kind: PartKind;
  /** The text the part was read from. */
  text: string;
  data: unknown;
}
interface Snapshot {
  version: number;
  parts: SnapshotPart[];
}

const VERSION = 1;
const TAG = '\u0000';
/** The uri the data is read with at build time; replaced by the real one when read. */
const PLACEHOLDER_URI = '\u0000builtin-uri';

/** How each kind of file is read, exactly as `createLanguageService` reads it. */
const READERS: Record<PartKind, (uri: string, text: string) => unknown> = {
  catalog: (uri, text) => readCatalog(uri, text),
  termBase: (uri, text) => parseTermBase(uri, text, 'builtin'),
  model: (uri, text) => parseReferenceModel(uri, text, 'builtin'),
};

/** The snapshot bundled at build time, if any (`globalThis.__BUILTIN_SNAPSHOT__` when not bundled, for tests). */
export function bundledSnapshot(): string | undefined {
  return typeof __BUILTIN_SNAPSHOT__ === 'string' ? __BUILTIN_SNAPSHOT__ : undefined;
}

/** The parts of the snapshot whose text is the one given; the others are left undefined (to be read from the text). */
export function builtinFromSnapshot(builtin: BuiltinTexts, json: string | undefined = bundledSnapshot()): BuiltinParsed {
  const out: BuiltinParsed = { models: (builtin.models ?? []).map(() => undefined) };
  if (!json) return out;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(json) as Snapshot;
  } catch {
    return out;
  }
  if (snapshot?.version !== VERSION || !Array.isArray(snapshot.parts)) return out;
  const unused = [...snapshot.parts];
  const take = (kind: PartKind, file: { uri: string; text: string }): unknown => {
    const i = unused.findIndex((p) => p.kind === kind && p.text === file.text);
    if (i < 0) return undefined;
    // A part is decoded in place, so one part serves one file.
    const [part] = unused.splice(i, 1);
    return decode(part.data, file.uri, []);
  };
  out.catalog = take('catalog', builtin.catalog) as CatalogPart | undefined;
  out.termBase = take('termBase', builtin.termBase) as TermBase | undefined;
  out.models = (builtin.models ?? []).map((m) => take('model', m) as ParsedModel | undefined);
  return out;
}

/**
 * Reads the built-in files and encodes the result. Throws when a part would not
 * come back exactly as reading its text gives it (a value JSON cannot hold, a
 * string derived from the uri, a cycle): the build then bundles no snapshot.
 */
export function buildBuiltinSnapshot(builtin: BuiltinTexts): string {
  const files: { kind: PartKind; file: { uri: string; text: string } }[] = [
    { kind: 'catalog', file: builtin.catalog },
    { kind: 'termBase', file: builtin.termBase },
    ...(builtin.models ?? []).map((file) => ({ kind: 'model' as const, file })),
  ];
  const snapshot: Snapshot = { version: VERSION, parts: [] };
  for (const { kind, file } of files) {
    const data = encode(READERS[kind](PLACEHOLDER_URI, file.text), `${kind} ${file.uri}`);
    snapshot.parts.push({ kind, text: file.text, data });
  }
  const json = JSON.stringify(snapshot);
  // The check: what the service would take from the snapshot is what it would read from the text,
  // with a uri other than the placeholder (so a string built from the uri is caught).
  const back = builtinFromSnapshot(
    {
      catalog: { uri: 'file:///check/a%20b/instruments.yaml', text: builtin.catalog.text },
      termBase: { uri: 'file:///check/a%20b/wco.terms.yaml', text: builtin.termBase.text },
      models: (builtin.models ?? []).map((m, i) => ({ uri: `file:///check/a%20b/${i}.model.yaml`, text: m.text })),
    },
    json,
  );
  const expect = (what: string, got: unknown, kind: PartKind, uri: string, text: string) => {
    const diff = sameValue(got, READERS[kind](uri, text), new Map(), new Map(), '');
    if (diff !== undefined) throw new Error(`The built-in snapshot of ${what} differs from reading the file, at ${diff || 'the top'}.`);
  };
  expect(builtin.catalog.uri, back.catalog, 'catalog', 'file:///check/a%20b/instruments.yaml', builtin.catalog.text);
  expect(builtin.termBase.uri, back.termBase, 'termBase', 'file:///check/a%20b/wco.terms.yaml', builtin.termBase.text);
  (builtin.models ?? []).forEach((m, i) => expect(m.uri, back.models[i], 'model', `file:///check/a%20b/${i}.model.yaml`, m.text));
  return json;
}

function encode(root: unknown, what: string): unknown {
  // Objects met more than once are defined at their first place and referenced after.
  const seen = new Map<object, number>();
  const count = (x: unknown, path: Set<object>) => {
    if (typeof x !== 'object' || x === null) return;
    if (path.has(x)) throw new Error(`The built-in snapshot of ${what}: a cycle.`);
    const n = seen.get(x) ?? 0;
    seen.set(x, n + 1);
    if (n) return;
    path.add(x);
    if (x instanceof Map) for (const [k, v] of x) (count(k, path), count(v, path));
    else for (const v of Object.values(x)) count(v, path);
    path.delete(x);
  };
  count(root, new Set());
  const ids = new Map<object, number>();
  const enc = (x: unknown): unknown => {
    if (x === undefined) return { [TAG]: 'u' };
    if (x === PLACEHOLDER_URI) return { [TAG]: 'uri' };
    if (typeof x === 'string' || typeof x === 'boolean' || x === null) return x;
    if (typeof x === 'number') {
      if (!Number.isFinite(x) || Object.is(x, -0)) throw new Error(`The built-in snapshot of ${what}: the number ${x} has no JSON form.`);
      return x;
    }
    if (typeof x !== 'object') throw new Error(`The built-in snapshot of ${what}: a ${typeof x} has no JSON form.`);
    const shared = (seen.get(x) ?? 0) > 1;
    if (shared && ids.has(x)) return { [TAG]: 'r', i: ids.get(x) };
    let value: unknown;
    if (shared) ids.set(x, ids.size);
    const id = ids.get(x);
    if (x instanceof Map) {
      value = { [TAG]: 'm', e: [...x].map(([k, v]) => [enc(k), enc(v)]) };
    } else if (Array.isArray(x)) {
      if (Object.keys(x).length !== x.length) throw new Error(`The built-in snapshot of ${what}: a sparse or extended array.`);
      value = x.map(enc);
    } else {
      const proto = Object.getPrototypeOf(x);
      if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(x).length) throw new Error(`The built-in snapshot of ${what}: an object of class ${String(proto?.constructor?.name)}.`);
      if (TAG in x) throw new Error(`The built-in snapshot of ${what}: a key that is the tag.`);
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) o[k] = enc(v);
      value = o;
    }
    return shared ? { [TAG]: 'd', i: id, v: value } : value;
  };
  return enc(root);
}

/**
 * Decodes in place (the parsed JSON is not used otherwise). Only objects are visited, and a
 * property or element is written back only when its decoded value is another one (a tag):
 * a compiled term base is mostly strings and plain objects, which are left as JSON made them.
 */
function decode(x: unknown, uri: string, defs: unknown[]): unknown {
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v === 'object' && v !== null) {
        const d = decode(v, uri, defs);
        if (d !== v) x[i] = d;
      }
    }
    return x;
  }
  const o = x as Record<string, unknown>;
  const tag = o[TAG];
  if (tag !== undefined) {
    switch (tag) {
      case 'u':
        return undefined;
      case 'uri':
        return uri;
      case 'm':
        return new Map((o.e as [unknown, unknown][]).map(([k, v]) => [decode(k, uri, defs), decode(v, uri, defs)]));
      case 'd': {
        const v = decode(o.v, uri, defs);
        defs[o.i as number] = v;
        return v;
      }
      case 'r':
        return defs[o.i as number];
    }
  }
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'object' && v !== null) {
      const d = decode(v, uri, defs);
      if (d !== v) o[k] = d;
    }
  }
  return o;
}

/**
 * Where two values differ (a path), or undefined when they are the same: same
 * primitives, same kinds of objects with the same own keys in the same order,
 * and the same sharing (an object met twice on one side is met twice on the other).
 */
function sameValue(a: unknown, b: unknown, ab: Map<object, object>, ba: Map<object, object>, path: string): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : path;
  const ma = ab.get(a);
  const mb = ba.get(b);
  if (ma !== undefined || mb !== undefined) return ma === b && mb === a ? undefined : `${path} (sharing)`;
  ab.set(a, b);
  ba.set(b, a);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path} (kind)`;
  if (a instanceof Map) {
    const ea = [...a];
    const eb = [...(b as Map<unknown, unknown>)];
    if (ea.length !== eb.length) return `${path} (size)`;
    for (let i = 0; i < ea.length; i++) {
      const d = sameValue(ea[i][0], eb[i][0], ab, ba, `${path}{${i}}`) ?? sameValue(ea[i][1], eb[i][1], ab, ba, `${path}{${i}}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${path} (keys)`;
  for (const k of ka) {
    if (typeof k === 'symbol') return `${path} (symbol key)`;
    const d = sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], ab, ba, `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
