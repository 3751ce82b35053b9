/**
 * Small helpers over the `yaml` package's AST: parse with ranges, turn YAML
 * errors into problems, read scalars and collections without ever throwing.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { fastParseDocument } from './yamlFast';

/** A problem found while reading a file, in offsets of that file. */
export interface Problem {
  start: number;
  end: number;
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  /** Extra data for quick fixes. */
  data?: unknown;
  related?: { uri: string; start: number; end: number; message: string }[];
}

export interface ParsedYaml {
  doc: Document.Parsed;
  problems: Problem[];
}

/** Documents read by the fast path (`yamlFast.ts`) rather than by `parseDocument`. */
const readFast = new WeakSet<Document>();

/** Whether `parseYaml` or `readFastYaml` read this document with the fast path. */
export function wasReadFast(doc: Document): boolean {
  return readFast.has(doc);
}

/**
 * The fast path alone (`fastParseDocument`), the tree marked as read by it: `parseYaml` of the same text may
 * take it as its own (`reuse`), since a text the fast path reads has no errors or warnings whatever the options.
 */
export function readFastYaml(text: string, options: Parameters<typeof fastParseDocument>[1]): Document.Parsed | undefined {
  const fast = fastParseDocument(text, options);
  if (fast) readFast.add(fast);
  return fast;
}

/** The options `parseYaml` reads with. */
const readingOptions = () => ({
  keepSourceTokens: false,
  lineCounter: new LineCounter(),
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
});

/** Documents `readStrictYaml` read with `parseYaml`'s own options (`parseDocument`, not the fast path). */
const readStrict = new WeakSet<Document>();

/**
 * `parseDocument` with `parseYaml`'s options (strict), the tree marked so that `parseYaml` of the same text takes it
 * as its own (`reuse`) instead of reading the text again: what a term base the fast path cannot read costs once.
 */
export function readStrictYaml(text: string): Document.Parsed {
  const doc = parseDocument(text, readingOptions());
  readStrict.add(doc);
  return doc;
}

/**
 * Errors the `yaml` library reports only when reading strictly (`strict: true`): a comment not separated by white
 * space, an implicit key over 1,024 characters, a flow sequence pair's key over several lines. The trees are the
 * same either way; a strict reading whose errors are not all of these has errors when read leniently too
 * (`tests/core/yamlStrict.test.ts` holds the library to that).
 */
export function onlyStrictErrors(doc: Document): boolean {
  return doc.errors.every(
    (e) =>
      e.code === 'KEY_OVER_1024_CHARS' ||
      (e.code === 'MISSING_CHAR' && e.message.startsWith('Comments must be separated from other tokens by white space')) ||
      (e.code === 'MULTILINE_IMPLICIT_KEY' && e.message.startsWith('Implicit keys of flow sequence pairs')),
  );
}

/**
 * Parses YAML text; `base` is added to every offset (front matter starts after `---`).
 * Plain files (no anchors, aliases, tags, directives, multi-line scalars…) go through `fastParseDocument`,
 * which builds the same tree as `parseDocument` several times faster; anything
 * else, errors included, goes through `parseDocument` itself.
 * `reuse`: a tree of this same text that the fast path read (`wasReadFast`) or `readStrictYaml` read, taken instead
 * of reading it again.
 */
export function parseYaml(text: string, base = 0, reuse?: Document): ParsedYaml {
  if (reuse && readFast.has(reuse)) return { doc: reuse as Document.Parsed, problems: [] };
  const options = readingOptions();
  const strict = reuse && readStrict.has(reuse) ? (reuse as Document.Parsed) : undefined;
  const fast = strict ? undefined : fastParseDocument(text, options);
  if (fast) {
    readFast.add(fast);
    // No errors, warnings, anchors or aliases on this path, so no problems and no alias index
    // (`deref` consults the index only for alias nodes, and builds it when missing).
    return { doc: fast, problems: [] };
  }
  const doc = strict ?? parseDocument(text, options);
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const [s, en] = e.pos;
    problems.push({ start: base + s, end: base + Math.max(en, s + 1), code: 'yaml-syntax', severity: 'error', message: cleanYamlMessage(e.message) });
  }
  for (const w of doc.warnings) {
    const [s, en] = w.pos;
    problems.push({ start: base + s, end: base + Math.max(en, s + 1), code: 'yaml-syntax', severity: 'warning', message: cleanYamlMessage(w.message) });
  }
  indexAliases(doc, base, problems);
  return { doc, problems };
}

/** An alias that stands for more nodes than this is reported as an alias bomb (`yaml-alias-limit`). */
export const MAX_ALIAS_EXPANSION = 100_000;

/** Per parsed document: each alias node → the node it names (undefined when none). */
const aliasTargets = new WeakMap<Document, Map<unknown, Node | undefined>>();

/**
 * One pass over the tree that maps every alias to its anchor (the last node
 * with that anchor before it), so that resolving all aliases of a file costs
 * O(file) and not O(file × aliases) as `Alias.resolve` (a full visit per call) would.
 * The pass is iterative, so 10,000 levels of nesting cannot overflow the stack.
 * It also measures how many nodes each alias would stand for if expanded:
 * nothing here ever expands an alias, but a billion-laughs file is reported
 * (`yaml-alias-limit`) together with recursive and unresolved aliases.
 */
function indexAliases(doc: Document, base = 0, problems?: Problem[]): Map<unknown, Node | undefined> {
  const targets = new Map<unknown, Node | undefined>();
  aliasTargets.set(doc, targets);
  const anchors = new Map<string, Node>();
  const size = new Map<unknown, number>();
  const open = new Set<unknown>();
  let bomb: { node: Node; size: number } | undefined;
  let recursive: Node | undefined;
  const at = (n: Node): [number, number] => {
    const r = n.range ?? [0, 1, 1];
    return [base + r[0], base + Math.max(r[1], r[0] + 1)];
  };
  const children = (n: unknown): unknown[] => {
    if (!isMap(n) && !isSeq(n)) return [];
    const out: unknown[] = [];
    for (const it of (n as { items: unknown[] }).items) {
      if (isPair(it)) out.push(it.key, it.value);
      else out.push(it);
    }
    return out;
  };
  const stack: { node: unknown; exit: boolean }[] = [{ node: doc.contents, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (exit) {
      open.delete(node);
      let total = 1;
      for (const c of children(node)) total = Math.min(total + (size.get(c) ?? 0), Number.MAX_SAFE_INTEGER);
      size.set(node, total);
      continue;
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (!target) {
        problems?.push({ start: at(node)[0], end: at(node)[1], code: 'yaml-syntax', severity: 'error', message: `YAML: the alias \`*${node.source}\` names no anchor (\`&${node.source}\`) defined before it.` });
      } else if (open.has(target)) {
        recursive ??= node;
        size.set(node, 1);
      } else {
        const n = size.get(target) ?? 1;
        size.set(node, n);
        if (n > MAX_ALIAS_EXPANSION && !bomb) bomb = { node, size: n };
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      stack.push({ node, exit: true });
      const kids = children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
    } else {
      size.set(node, 1);
    }
  }
  if (bomb && problems) {
    const [s, e] = at(bomb.node);
    const n = bomb.size >= Number.MAX_SAFE_INTEGER ? 'an astronomical number of' : bomb.size.toLocaleString('en');
    problems.push({ start: s, end: e, code: 'yaml-alias-limit', severity: 'error', message: `YAML: this alias stands for ${n} nodes (more than ${MAX_ALIAS_EXPANSION.toLocaleString('en')}): an alias bomb. Aliases are read once here and never expanded, but other YAML tools may hang on this file.` });
  }
  if (recursive && problems) {
    const [s, e] = at(recursive);
    problems.push({ start: s, end: e, code: 'yaml-alias-limit', severity: 'error', message: `YAML: the alias \`*${(recursive as unknown as { source: string }).source}\` refers to a node that contains it, so it can never be expanded.` });
  }
  return targets;
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends a code excerpt after a blank line; the editor shows the place itself.
  const first = message.split('\n\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  // The yaml package reports its own stack overflow on very deep nesting as an error at the place.
  if (/Maximum call stack size exceeded/.test(first)) return 'YAML: nested too deeply to be read (hundreds of levels); the rest of this value is ignored.';
  return `YAML: ${first}`;
}

/** Resolves an alias once (from the document's alias index); aliases to aliases are not followed further. */
export function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) {
    const targets = aliasTargets.get(doc) ?? indexAliases(doc);
    if (targets.has(node)) return targets.get(node);
    try {
      // An alias added after the document was indexed (an edited tree): resolve it the slow way.
      const target = node.resolve(doc);
      return isAlias(target) ? undefined : (target as Node | undefined);
    } catch {
      return undefined;
    }
  }
  return (node ?? undefined) as Node | undefined;
}

export function rangeOf(node: unknown, base: number): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [base + r[0], base + r[1]] : undefined;
}

/** The string value of a scalar node, or undefined. Numbers and booleans are turned into text. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function mapPairs(node: unknown): Pair<unknown, unknown>[] {
  return isMap(node) ? (node as YAMLMap<unknown, unknown>).items : [];
}

export function findPair(node: unknown, key: string): Pair<unknown, unknown> | undefined {
  for (const p of mapPairs(node)) if (scalarString(p.key) === key) return p;
  return undefined;
}

export { isAlias, isMap, isScalar, isSeq };
