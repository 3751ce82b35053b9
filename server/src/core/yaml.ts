/**
 * Small helpers over the `yaml` package's AST: parse with ranges, turn YAML
 * errors into problems, read scalars and collections without ever throwing.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

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

/** Parses YAML text; `base` is added to every offset (front matter starts after `---`). */
export function parseYaml(text: string, base = 0): ParsedYaml {
  const doc = parseDocument(text, {
    keepSourceTokens: false,
    lineCounter: new LineCounter(),
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
  });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const [s, en] = e.pos;
    problems.push({ start: base + s, end: base + Math.max(en, s + 1), code: 'yaml-syntax', severity: 'error', message: cleanYamlMessage(e.message) });
  }
  for (const w of doc.warnings) {
    const [s, en] = w.pos;
    problems.push({ start: base + s, end: base + Math.max(en, s + 1), code: 'yaml-syntax', severity: 'warning', message: cleanYamlMessage(w.message) });
  }
  return { doc, problems };
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends a code excerpt after a blank line; the editor shows the place itself.
  const first = message.split('\n\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  return `YAML: ${first}`;
}

/** Resolves an alias once; aliases to aliases are not followed further. */
export function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) {
    try {
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
