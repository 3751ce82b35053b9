/**
 * No module-level mutable state in the language service: all state of a service
 * lives in its `AnalysisHost`. This reads every module of `server/src/core` with
 * the TypeScript parser and fails on a top-level `let`/`var`, and on a top-level
 * container (`new Map`, `new Set`, an array, a typed array) that is not typed
 * read-only. `WeakMap`s are side tables keyed by objects a host owns: they share
 * nothing between services and die with their keys.
 *
 * The exceptions below hold answers that depend on no input at all, the same
 * for every service; each says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CORE = path.join(__dirname, '..', '..', 'server', 'src', 'core');

const ALLOWED: Record<string, string> = {
  'terms/matcher.ts:bmpWord': 'whether a UTF-16 unit is a letter, mark or number: a table of Unicode facts, filled as asked',
  'terms/matcher.ts:astralWord': 'the same for astral code points',
  'parse/markdown.ts:parser': 'the configured markdown-it parser, built on first use; parsing keeps nothing in it',
  'parse/markdown.ts:parsers': 'the two configurations of that parser (the one in use, and one with every inline rule for tests), built on first use',
};

const MUTABLE_CONTAINERS = /^(Map|Set|Array|Uint8Array|Uint16Array|Uint32Array|Int32Array|Float64Array)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Module-level declarations that hold mutable state, as `file:name`. */
function mutableState(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const rel = path.relative(CORE, file).split(path.sep).join('/');
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const name = d.name.getText(source);
      if (!isConst) {
        out.push(`${rel}:${name}`);
        continue;
      }
      const init = d.initializer;
      const readOnlyType = d.type && /^(Readonly|readonly )/.test(d.type.getText(source));
      const container = init && ((ts.isNewExpression(init) && MUTABLE_CONTAINERS.test(init.expression.getText(source))) || ts.isArrayLiteralExpression(init));
      const asConst = init && ts.isAsExpression(init) && init.type.getText(source) === 'const';
      if (container && !readOnlyType && !asConst) out.push(`${rel}:${name}`);
    }
  }
  return out;
}

describe('the language service has no module-level mutable state', () => {
  it('finds none outside the documented exceptions', () => {
    const found = files(CORE).flatMap((f) => mutableState(f, fs.readFileSync(f, 'utf8')));
    expect(found.filter((k) => !(k in ALLOWED))).toEqual([]);
    // Every exception still exists (a stale one would hide a new finding under its name).
    expect(Object.keys(ALLOWED).filter((k) => !found.includes(k))).toEqual([]);
  });

  it('would find a cache, a counter or a mutable list added at module level', () => {
    const found = mutableState(path.join(CORE, 'x.ts'), 'let last: string | undefined;\nconst cache = new Map<string, number>();\nconst list: string[] = [];\nconst fixed: ReadonlySet<string> = new Set(["a"]);\nconst side = new WeakMap<object, number>();\n');
    expect(found).toEqual(['x.ts:last', 'x.ts:cache', 'x.ts:list']);
  });
});
