/**
 * The fast YAML path (`server/src/core/yamlFast.ts`) against `parseDocument`:
 * wherever the fast path reads a text, its tree must be the one
 * `parseDocument` builds (node kinds, ranges, values, scalar types and
 * sources, flow flags, `toJS()`, line starts); wherever it is unsure it must
 * give up, so that `parseYaml` falls back to `parseDocument`.
 *
 * Inputs: every YAML file of the repository, the front matter of every
 * example concept document, generated term bases (fast-check; the seed is
 * printed on failure, `FUZZ_SEED`/`FUZZ_RUNS` override it) and the same with
 * random characters inserted, and hostile inputs that must take the slow path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseTermBaseYaml } from '../../server/src/core/edit/yamlEdits';
import { parseConceptDocument } from '../../server/src/core/parse/conceptDocument';
import { parseTermBase } from '../../server/src/core/terms/termBase';
import { parseYaml, wasReadFast } from '../../server/src/core/yaml';
import { fastParseDocument } from '../../server/src/core/yamlFast';

const root = path.resolve(__dirname, '../..');
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1500;

const options = () => ({ keepSourceTokens: false, lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false, strict: true });

type Kind = 'map' | 'seq' | 'scalar' | 'pair' | 'null' | string;
const kindOf = (n: unknown): Kind => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isPair(n) ? 'pair' : n === null ? 'null' : typeof n);

/** The first difference between two trees, or undefined. */
function treeDiff(a: any, b: any, at = '$'): string | undefined {
  if (kindOf(a) !== kindOf(b)) return `${at}: ${kindOf(a)} vs ${kindOf(b)}`;
  if (isPair(a)) return treeDiff(a.key, (b as any).key, `${at}.key`) ?? treeDiff(a.value, (b as any).value, `${at}.value`);
  if (a === null || typeof a !== 'object') return a === b ? undefined : `${at}: ${String(a)} vs ${String(b)}`;
  if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return `${at}: range ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)}`;
  if (isScalar(a)) {
    for (const k of ['value', 'type', 'source', 'format', 'tag', 'anchor', 'minFractionDigits']) {
      const x = (a as unknown as Record<string, unknown>)[k];
      const y = (b as unknown as Record<string, unknown>)[k];
      if (!Object.is(x, y)) return `${at}: ${k} ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    }
    return undefined;
  }
  if (Boolean(a.flow) !== Boolean(b.flow)) return `${at}: flow ${a.flow} vs ${b.flow}`;
  if (a.tag !== b.tag || a.anchor !== b.anchor) return `${at}: tag or anchor`;
  if (a.items.length !== b.items.length) return `${at}: ${a.items.length} vs ${b.items.length} items`;
  for (let i = 0; i < a.items.length; i++) {
    const d = treeDiff(a.items[i], b.items[i], `${at}[${i}]`);
    if (d) return d;
  }
  return undefined;
}

/** 'fast' (same tree as parseDocument), 'slow' (the fast path gave up), or what differs. */
function differential(text: string): string {
  const fo = options();
  const so = options();
  const fast = fastParseDocument(text, fo);
  if (!fast) return 'slow';
  const slow = parseDocument(text, so);
  const issues = [...slow.errors, ...slow.warnings];
  if (issues.length) return `fast path read a text parseDocument reports: ${issues.map((e) => e.code).join(', ')}`;
  if (fast.errors.length || fast.warnings.length) return 'fast path reported errors';
  if (JSON.stringify(fast.range) !== JSON.stringify(slow.range)) return `document range ${JSON.stringify(fast.range)} vs ${JSON.stringify(slow.range)}`;
  const d = treeDiff(fast.contents, slow.contents);
  if (d) return d;
  if (!isDeepStrictEqual(fast.toJS(), slow.toJS())) return 'toJS() differs';
  if (!isDeepStrictEqual(fo.lineCounter.lineStarts, so.lineCounter.lineStarts)) return 'line starts differ';
  return 'fast';
}

function filesUnder(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

describe('fast YAML path: repository files', () => {
  const yamlFiles = [...filesUnder(path.join(root, 'server/data'), /\.ya?ml$/), ...filesUnder(path.join(root, 'examples'), /\.ya?ml$/), ...filesUnder(path.join(root, 'tests'), /\.ya?ml$/)];
  const lf = (t: string) => t.replace(/\r\n/g, '\n');
  const crlf = (t: string) => lf(t).replace(/\n/g, '\r\n');

  it.each(yamlFiles.map((f) => [path.relative(root, f)]))('%s (LF and CRLF)', (rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    for (const t of [lf(text), crlf(text)]) expect(differential(t)).toMatch(/^(fast|slow)$/);
  });

  it('reads the built-in data and the example glossary on the fast path', () => {
    for (const rel of ['server/data/wco.terms.yaml', 'server/data/instruments.yaml', 'server/data/wco-digital-customs.model.yaml', 'examples/glossary/customs.terms.yaml']) {
      expect([rel, differential(fs.readFileSync(path.join(root, rel), 'utf8'))]).toEqual([rel, 'fast']);
    }
  });

  it('gives navigation and edits the tree parseDocument builds for every term base (parseTermBaseYaml)', () => {
    const termBases = yamlFiles.filter((f) => f.endsWith('.terms.yaml'));
    expect(termBases.length).toBeGreaterThan(3);
    const broken = 'terms:\n  - term: a\n    definition: [unclosed\n';
    let fast = 0;
    for (const text of termBases.map((f) => fs.readFileSync(f, 'utf8'))) {
      for (const t of [lf(text), crlf(text)]) {
        const ours = parseTermBaseYaml(t);
        // Where the fast reader gives up, the tree is parseDocument's own.
        if (!fastParseDocument(t, {})) continue;
        fast++;
        const theirs = parseDocument(t, { uniqueKeys: false, strict: false });
        expect(treeDiff(ours.contents, theirs.contents)).toBeUndefined();
        expect(JSON.stringify(ours.range)).toBe(JSON.stringify(theirs.range));
        expect(ours.toJS()).toEqual(theirs.toJS());
      }
    }
    expect(fast).toBeGreaterThan(3);
    // A text with errors is read by parseDocument, which reports them.
    expect(parseTermBaseYaml(broken).errors.map((e) => [e.code, e.pos])).toEqual(parseDocument(broken, { uniqueKeys: false, strict: false }).errors.map((e) => [e.code, e.pos]));
    expect(parseTermBaseYaml(broken).errors.length).toBeGreaterThan(0);
  });

  const concepts = filesUnder(path.join(root, 'examples'), /\.concept\.md$/);
  it.each(concepts.map((f) => [path.relative(root, f)]))('front matter of %s', (rel) => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const fm = parseConceptDocument('file:///x.concept.md', text).frontMatter;
    if (!fm) return;
    expect(differential(text.slice(fm.start, fm.end))).toMatch(/^(fast|slow)$/);
  });

  it('reads the generated 1 MB term base on the fast path, when it exists', () => {
    const f = path.join(root, 'bench/out/t5000/bench.terms.yaml');
    if (!fs.existsSync(f)) return;
    expect(differential(fs.readFileSync(f, 'utf8'))).toBe('fast');
  });
});

// ---- generated term bases -------------------------------------------------------

const words = ['customs', 'declaration', 'goods', 'risk', 'single window', 'таможня', 'декларация', 'товаров', 'douane', 'marchandises', 'e‑Customs', '🚢', 'ёлка', 'AEO', 'C#', 'a:b', 'x-y', 'https://wco.org/x', '50%', 'it’s'];
const specials = ['yes', 'no', 'on', 'off', 'true', 'False', 'TRUE', 'null', 'Null', '~', '0', '12', '-7', '+3', '007', '0o12', '0x1F', '0xff', '1_000', '1.5', '1.50', '.5', '1e3', '-1.2E+3', '.inf', '-.Inf', '.nan', '.NaN', '2001-12-14', '12:30', '1:2', '0.', '-', '@x', '`x`', '%x', '!x', '&x', '*x', '?x', '? x', '- x', ':x', 'x #y', 'x#y', 'x: y', '[x]', '{x}', 'x,y', "'x'", '"x"', '\\x', 'a\\nb'];
const word = fc.constantFrom(...words);
const special = fc.constantFrom(...specials);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')) },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'б', ' ', ':', '#', ',', "'", '"', '\\', '-', '[', '}', '1', '.', 'é', '😀', '\t') }) },
);

/** A scalar written as plain, double-quoted or single-quoted text (possibly invalid YAML: that is what the slow path is for). */
const scalarAs = (s: string, style: number): string => {
  if (style === 1) return JSON.stringify(s);
  if (style === 2) return `'${s.replace(/'/g, "''")}'`;
  return s;
};
/** Term bases from the given scalar texts and block-scalar headers (many of them invalid YAML on purpose). */
function makeTermBase(text: fc.Arbitrary<string>, headers: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const scalar = fc.tuple(text, fc.nat(4)).map(([s, st]) => scalarAs(s, st > 2 ? 0 : st));
  const trailing = fc.oneof(fc.constant(''), fc.constant(''), fc.constant('  '), fc.constant(' # note'), fc.constant('  #c'), fc.constant('#x'));

  const blockScalar = fc
    .tuple(headers, fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 5 }), fc.nat(6)), { minLength: 1, maxLength: 4 }))
    .map(([header, lines]) => (indent: string) => {
      const body = lines.map(([ws, extra]) => (extra === 0 ? '' : extra === 1 ? `${indent}    ${ws.join(' ')}` : extra === 2 ? `${indent}  ${ws.join(' ')}  ` : `${indent}  ${ws.join(' ')}`));
      return `${header}\n${body.join('\n')}`;
    });

  const flowSeq = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.nat(3), fc.nat(2)).map(([items, sp, br]) => (indent: string) => {
    const sep = br === 0 && items.length > 1 ? `,\n${indent}      ` : sp === 0 ? ', ' : sp === 1 ? ',' : ' , ';
    return `[${sp === 2 ? ' ' : ''}${items.join(sep)}${sp === 3 ? ' ' : ''}]`;
  });
  const flowMap = fc.array(fc.tuple(fc.constantFrom('ru', 'fr', 'en', '1', 'true', '"q"', 'x y'), scalar), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);

  const key = fc.oneof(fc.constantFrom('term', 'definition', 'variants', 'deprecated', 'source', 'related', 'translations', 'note', 'confidence', '1', 'true', 'null', '~', '0x10', '1.0', '"quoted key"', "'single'", 'ключ', 'a b'), scalar);

  type Gen = (indent: string) => string;
  const value: fc.Arbitrary<Gen> = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(scalar, trailing).map(([s, tr]) => () => ` ${s}${tr}`) },
    { weight: 2, arbitrary: fc.tuple(blockScalar, trailing).map(([b, tr]) => (ind: string) => ` ${b(ind).replace('\n', `${tr}\n`)}`) },
    { weight: 2, arbitrary: fc.tuple(flowSeq, trailing).map(([f, tr]) => (ind: string) => ` ${f(ind)}${tr}`) },
    { weight: 1, arbitrary: fc.tuple(flowMap, trailing).map(([f, tr]) => () => ` ${f}${tr}`) },
    { weight: 1, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => (ind: string) => `\n${items.map((s) => `${ind}  - ${s}`).join('\n')}`) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom('ru', 'fr', 'en'), scalar), { minLength: 1, maxLength: 2 }).map((pairs) => (ind: string) => `\n${pairs.map(([k, v]) => `${ind}  ${k}: ${v}`).join('\n')}`) },
    { weight: 1, arbitrary: fc.constantFrom<Gen>(() => '', () => ' ', () => ' # empty') },
  );

  /** Lines between entries: blank lines and comments at various indentations. */
  const between = fc.array(fc.constantFrom('', '', '# c', '  # c', '    # c', '      # deep', '#'), { maxLength: 3 });

  const entry = fc.tuple(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 5 }), between).map(([fields, gaps]) => (seqIndent: string) => {
    const ind = `${seqIndent}  `;
    const lines = fields.map(([k, v], i) => `${i === 0 ? `${seqIndent}- ` : ind}${k}:${v(ind)}`);
    return [...gaps, ...lines].join('\n');
  });

  return fc
    .record({
      header: fc.array(fc.constantFrom('# Generated.', '#', '', '# Термины'), { maxLength: 3 }),
      language: fc.constantFrom('', 'language: en\n', 'language: ru\n', 'language: "fr"  # note\n'),
      seqIndent: fc.constantFrom('  ', '  ', '', '    '),
      afterKey: fc.constantFrom('', '', '\n', '\n  # entries\n'),
      entries: fc.array(entry, { minLength: 0, maxLength: 6 }),
      after: fc.array(fc.tuple(key, value), { maxLength: 2 }),
      tail: fc.constantFrom('', '', '\n', '\n# end', '\n  # end', '\n\n'),
      final: fc.constantFrom('\n', '\n', ''),
      crlf: fc.boolean(),
    })
    .map((r) => {
      const header = r.header.length ? `${r.header.join('\n')}\n` : '';
      const list = r.entries.length ? `terms:${r.afterKey}\n${r.entries.map((e) => e(r.seqIndent)).join('\n')}` : 'terms: []';
      const after = r.after.map(([k, v]) => `${k}:${v('')}`).join('\n');
      let t = `${header}${r.language}${list}${after ? `\n${after}` : ''}${r.tail}${r.final}`;
      if (r.crlf) t = t.replace(/\n/g, '\r\n');
      return t;
    });
}

const termBase = makeTermBase(text, fc.constantFrom('>-', '>-', '>', '|', '|-', '|+', '>2', '> # c'));
/** Mostly what the fast path reads: words, numbers and booleans, valid headers. */
const plainTermBase = makeTermBase(fc.oneof({ weight: 8, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')) }, { weight: 1, arbitrary: fc.constantFrom('yes', 'true', '12', '0x1F', '1.50', '.inf', '~', 'null', '1_000', '2001-12-14') }), fc.constantFrom('>-', '>', '|', '|-'));

const insert = fc.tuple(fc.nat(), fc.constantFrom('&a ', '*a', '!!str ', '<<: ', '? ', '- ', ': ', '#', ' ', '\t', '\n', '\r', '\r\n', '"', "'", '[', ']', '{', '}', ',', '|', '>', '---\n', '...\n', '%YAML 1.2\n', '\uFEFF', '\u0000', '\u0085', '\u2028', 'é', '😀', '\\', '  ', '\n  '));

describe('fast YAML path: generated term bases', () => {
  const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

  it('builds the same tree as parseDocument, or gives up', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof(termBase, plainTermBase), (t) => {
        const r = differential(t);
        if (r === 'fast') fast++;
        return r === 'fast' || r === 'slow' ? true : (console.log(JSON.stringify(t), r), false);
      }),
      params,
    );
    // Half the cases come from the plain generator: the fast path must read a fair share of them.
    expect(fast).toBeGreaterThan(RUNS / 10);
  });

  it('builds the same tree as parseDocument, or gives up, with characters inserted', () => {
    fc.assert(
      fc.property(termBase, fc.array(insert, { minLength: 1, maxLength: 3 }), (t, ins) => {
        let s = t;
        for (const [at, what] of ins) {
          const i = s.length ? at % (s.length + 1) : 0;
          s = s.slice(0, i) + what + s.slice(i);
        }
        const r = differential(s);
        return r === 'fast' || r === 'slow' ? true : (console.log(JSON.stringify(s), r), false);
      }),
      params,
    );
  });
});

// ---- the path parseYaml takes -----------------------------------------------

describe('fast YAML path: parseYaml', () => {
  const fastText = 'language: en\nterms:\n  - term: digital customs\n    variants: [e-customs, «цифровая таможня»]\n    definition: >-\n      Customs on\n      digital systems.\n';

  it('takes the fast path on a plain term base, with the same tree', () => {
    const { doc, problems } = parseYaml(fastText, 7);
    expect(wasReadFast(doc)).toBe(true);
    expect(problems).toEqual([]);
    expect(differential(fastText)).toBe('fast');
    expect(doc.toJS()).toEqual(parseDocument(fastText).toJS());
  });

  const hostile: [string, string][] = [
    ['alias bomb', 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nterms: [*c]\n'],
    ['recursive alias', 'a: &a\n  b: *a\n'],
    ['unresolved alias', 'a: *nothing\n'],
    ['anchor', 'terms:\n  - &t term: a\n'],
    ['merge key', 'base: &b {x: 1}\nterms:\n  - <<: *b\n    term: a\n'],
    ['merge key without alias', 'terms:\n  - <<: {term: a}\n'],
    ['explicit tag', 'terms:\n  - term: !!str 12\n'],
    ['custom tag', 'terms:\n  - term: !label a\n'],
    ['two documents', 'terms: []\n---\nterms: []\n'],
    ['directive', '%YAML 1.2\n---\nterms: []\n'],
    ['explicit key', '? terms\n: []\n'],
    ['invalid: bad indentation', 'terms:\n  - term: a\n   definition: b\n'],
    ['invalid: unclosed quote', 'terms:\n  - term: "a\n'],
    ['invalid: unclosed flow', 'terms: [a, b\n'],
    ['invalid: tab indentation', 'terms:\n\t- term: a\n'],
    ['invalid: compact nested map', 'a: b: c\n'],
    ['byte-order mark', '\uFEFFterms: []\n'],
    ['multi-line plain scalar', 'terms:\n  - term: a\n    definition: one\n      two\n'],
    ['deep nesting', `${'['.repeat(2000)}${']'.repeat(2000)}\n`],
    ['root sequence', '- a\n- b\n'],
    ['empty', ''],
    ['comment only', '# nothing\n'],
  ];

  it('takes as its own a tree of the same text that the fast path read, and only such a tree', () => {
    const tree = parseTermBaseYaml(fastText);
    expect(wasReadFast(tree)).toBe(true);
    expect(parseYaml(fastText, 0, tree).doc).toBe(tree);
    expect(parseTermBase('file:///a.terms.yaml', fastText, 'termBase', tree)).toEqual(parseTermBase('file:///a.terms.yaml', fastText));
    // A text the fast path cannot read: the term base tree is read strictly, as `parseYaml` reads, and taken too.
    const slowText = 'terms:\n  - term: a\n   definition: b\n';
    const slowTree = parseTermBaseYaml(slowText);
    expect(wasReadFast(slowTree)).toBe(false);
    const taken = parseYaml(slowText, 0, slowTree);
    expect(taken.doc).toBe(slowTree);
    expect(taken.problems.length).toBeGreaterThan(0);
    expect(taken.problems).toEqual(parseYaml(slowText).problems);
    expect(parseTermBase('file:///b.terms.yaml', slowText, 'termBase', slowTree)).toEqual(parseTermBase('file:///b.terms.yaml', slowText));
    // A tree `parseDocument` read with other options (the edits', not strict) is not taken: its errors may not be the strict ones.
    const lenient = parseDocument(slowText, { uniqueKeys: false, strict: false });
    expect(parseYaml(slowText, 0, lenient).doc).not.toBe(lenient);
    expect(parseYaml(slowText, 0, lenient).problems).toEqual(taken.problems);
  });

  it.each(hostile)('%s: takes the slow path, problems as parseDocument reports them', (_name, t) => {
    const { doc, problems } = parseYaml(t, 5);
    expect(wasReadFast(doc)).toBe(false);
    expect(fastParseDocument(t, options())).toBeUndefined();
    const slow = parseDocument(t, options());
    if (slow.errors.length) expect(problems.some((p) => p.severity === 'error')).toBe(true);
    for (const p of problems) expect(p.start).toBeGreaterThanOrEqual(5);
  });
});
