/**
 * The YAML side of navigation and refactoring: where every label of a term
 * entry sits (preferred label, variants, deprecated labels, translations) and
 * every mention of another term (related, broader, narrower), in a term base or
 * in a document's front matter; and text edits that insert an entry, a variant
 * or a scalar without reformatting the rest of the file.
 *
 * Edits are offsets into the file's text; callers turn them into LSP ranges.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ConceptDocument } from '../parse/conceptDocument';
import { deref, findPair, mapPairs, onlyStrictErrors, readFastYaml, readStrictYaml, scalarString } from '../yaml';

/** A replacement of `text[start, end)` by `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export type LabelNodeKind = 'preferred' | 'variant' | 'deprecated' | 'translation';
export type RelationField = 'related' | 'broader' | 'narrower';

export interface LabelNode {
  label: string;
  kind: LabelNodeKind;
  /** Language of a translation label. */
  lang?: string;
  start: number;
  end: number;
}

export interface RelationNode {
  label: string;
  field: RelationField;
  start: number;
  end: number;
}

/** One entry of a term base or of a front matter's `terms:` map, as YAML nodes. */
export interface EntryNodes {
  /** Offset of the preferred label: equals `TermEntry.labelRange[0]`. */
  labelStart: number;
  labels: LabelNode[];
  relations: RelationNode[];
  /** Offsets of the whole entry (the seq item, or the key through its value). */
  start: number;
  end: number;
  /** The entry's body map (term base: the item itself; front matter: the key's value), if it is a map. */
  body?: YAMLMap;
  /** Offset added to node ranges of `body` (front matter: where the YAML starts). */
  base: number;
}

function range(node: unknown, base: number): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [base + r[0], base + r[1]] : undefined;
}

/** Scalar labels of a node that is a scalar or a sequence of scalars. */
function scalars(node: unknown, doc: Document, base: number): { label: string; start: number; end: number }[] {
  const n = deref(node, doc);
  const list = isSeq(n) ? n.items.map((i) => deref(i, doc)) : [n];
  const out: { label: string; start: number; end: number }[] = [];
  for (const item of list) {
    const s = scalarString(item);
    const r = range(item, base);
    if (s !== undefined && r) out.push({ label: s, start: r[0], end: r[1] });
  }
  return out;
}

/** Reads the label and relation nodes of one entry body. */
function readBody(body: YAMLMap, doc: Document, base: number, out: EntryNodes): void {
  for (const pair of mapPairs(body)) {
    const key = scalarString(pair.key);
    const value = deref(pair.value, doc);
    switch (key) {
      case 'variants':
      case 'altLabel':
        if (isMap(value)) {
          for (const lp of mapPairs(value)) {
            const lang = scalarString(lp.key);
            for (const s of scalars(lp.value, doc, base)) out.labels.push({ ...s, kind: lang === 'en' ? 'variant' : 'translation', lang: lang === 'en' ? undefined : lang });
          }
        } else for (const s of scalars(value, doc, base)) out.labels.push({ ...s, kind: 'variant' });
        break;
      case 'deprecated':
        for (const s of scalars(value, doc, base)) out.labels.push({ ...s, kind: 'deprecated' });
        break;
      case 'translations':
        for (const tp of mapPairs(value)) {
          const lang = scalarString(tp.key);
          if (lang) for (const s of scalars(tp.value, doc, base)) out.labels.push({ ...s, kind: 'translation', lang });
        }
        break;
      case 'prefLabel':
        if (isMap(value)) {
          for (const lp of mapPairs(value)) {
            const lang = scalarString(lp.key);
            if (lang && lang !== 'en') for (const s of scalars(lp.value, doc, base)) out.labels.push({ ...s, kind: 'translation', lang });
          }
        }
        break;
      case 'related':
      case 'broader':
      case 'narrower':
        for (const s of scalars(value, doc, base)) out.relations.push({ ...s, field: key });
        break;
      default:
        break;
    }
  }
}

/**
 * A term base's text as a YAML tree, as navigation, edits and the schema check read it (the analysis host keeps the
 * last few), read leniently (`strict: false`): a file with errors is not edited and not checked against the schema.
 * The fast reader builds the tree `parseDocument` builds, for the plain files it reads. Any other file is read
 * strictly first, as the term base's own reading does, which then takes that tree (`parseYaml`'s `reuse`): the same
 * tree, with errors exactly when a lenient reading has some, unless all of them are errors of strict reading only;
 * only then is the file read again, leniently. A large term base left invalid by a keystroke is read once, not twice.
 */
export function parseTermBaseYaml(text: string): Document {
  const options = { uniqueKeys: false, strict: false };
  const fast = readFastYaml(text, options);
  if (fast) return fast;
  const strict = readStrictYaml(text);
  return strict.errors.length && onlyStrictErrors(strict) ? parseDocument(text, options) : strict;
}

/** The entries of a term base file (its YAML tree), as YAML nodes. */
export function readTermBaseEntryNodes(doc: Document): EntryNodes[] {
  const terms = deref(findPair(doc.contents, 'terms')?.value, doc);
  if (!isSeq(terms)) return [];
  const out: EntryNodes[] = [];
  for (const item of terms.items) {
    const node = deref(item, doc);
    if (!isMap(node)) continue;
    let labelNode = deref((findPair(node, 'term') ?? findPair(node, 'prefLabel'))?.value, doc);
    if (isMap(labelNode)) labelNode = deref((findPair(labelNode, 'en') ?? mapPairs(labelNode)[0])?.value, doc);
    const label = scalarString(labelNode);
    const lr = range(labelNode, 0);
    const r = range(node, 0);
    if (label === undefined || !lr || !r) continue;
    const entry: EntryNodes = { labelStart: lr[0], labels: [{ label, kind: 'preferred', start: lr[0], end: lr[1] }], relations: [], start: r[0], end: r[1], body: node, base: 0 };
    readBody(node, doc, 0, entry);
    out.push(entry);
  }
  return out;
}

/** The entries of a document's front-matter `terms:` map, as YAML nodes. */
export function frontMatterEntryNodes(doc: ConceptDocument): EntryNodes[] {
  const fm = doc.frontMatter;
  const y = fm?.yaml;
  if (!fm || !y) return [];
  const terms = deref(findPair(y.contents, 'terms')?.value, y);
  if (!isMap(terms)) return [];
  const out: EntryNodes[] = [];
  for (const pair of terms.items) {
    const label = scalarString(pair.key);
    const kr = range(pair.key, fm.start);
    if (label === undefined || !kr) continue;
    const value = deref(pair.value, y);
    const vr = range(value, fm.start);
    const entry: EntryNodes = { labelStart: kr[0], labels: [{ label, kind: 'preferred', start: kr[0], end: kr[1] }], relations: [], start: kr[0], end: vr ? vr[1] : kr[1], base: fm.start };
    if (isMap(value)) {
      entry.body = value;
      readBody(value, y, fm.start, entry);
    }
    out.push(entry);
  }
  return out;
}

const YAML_SPECIAL = /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** Whether a text must be quoted to be read back as the same plain YAML string (in block or flow context). */
function needsQuotes(value: string): boolean {
  return (
    value === '' ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) ||
    /[:#,[\]{}]|\s$/.test(value) ||
    /[\u0000-\u001f\u007f\u2028\u2029]/.test(value) ||
    YAML_SPECIAL.test(value)
  );
}

/** A double-quoted YAML scalar (JSON strings are valid YAML double-quoted scalars). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** The text of a YAML scalar holding `value`, in the quoting style of `raw` (the text it replaces) where possible. */
export function yamlScalar(value: string, raw = ''): string {
  if (raw.startsWith('"')) return doubleQuoted(value);
  if (raw.startsWith("'")) return /[\u0000-\u001f]/.test(value) ? doubleQuoted(value) : `'${value.replace(/'/g, "''")}'`;
  return needsQuotes(value) ? doubleQuoted(value) : value;
}

/** The line ending a text mostly uses. */
export function eolOf(text: string): string {
  const crlf = text.indexOf('\r\n');
  return crlf >= 0 && crlf <= text.indexOf('\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the start of the line after the one holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Offset where a block collection ending at `end` may be followed by a new line. */
function afterBlock(text: string, end: number): number {
  return end > 0 && text[end - 1] === '\n' ? end : nextLineStart(text, end);
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** `lines` joined with `eol`, each prefixed with `indent`, with a final line ending. */
function block(lines: string[], indent: string, eol: string): string {
  return lines.map((l) => (l ? indent + l : l)).join(eol) + eol;
}

/**
 * Folds a long text into the lines of a `>-` block scalar body. Lines break at
 * spaces only and never start with a space, so YAML folds them back into the
 * same text.
 */
export function foldedLines(value: string, width = 76): string[] {
  const words = value.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? line + ' ' + w : w;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Inserts a term into the front matter's `terms:` map, creating the map, the
 * key, or the whole front matter when absent. `body` lines are relative to the
 * entry (e.g. `definition: TODO`); they are indented under the term.
 */
export function insertFrontMatterTerm(doc: ConceptDocument, term: string, body: string[]): OffsetEdit {
  const text = doc.text;
  const eol = eolOf(text);
  const key = yamlScalar(term) + ':';
  const fm = doc.frontMatter;
  if (!fm) {
    // No front matter: create one at the very start (after a byte-order mark).
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { start: at, end: at, newText: block(['---', 'terms:', '  ' + key, ...body.map((l) => '    ' + l), '---'], '', eol) };
  }
  const y = fm.yaml;
  const pair = y ? findPair(y.contents, 'terms') : undefined;
  const value = y && pair ? deref(pair.value, y) : undefined;
  if (!pair || !y) {
    // No `terms:` key: add it at the end of the front matter.
    return { start: fm.end, end: fm.end, newText: block(['terms:', '  ' + key, ...body.map((l) => '    ' + l)], '', eol) };
  }
  const keyRange = range(pair.key, fm.start)!;
  const keyCol = column(text, keyRange[0]);
  if (isMap(value) && !value.flow && value.items.length) {
    const first = range(value.items[0].key, fm.start)!;
    const indent = ' '.repeat(column(text, first[0]));
    const firstValue = deref(value.items[0].value, y);
    let unit = '  ';
    if (isMap(firstValue) && firstValue.items.length && !firstValue.flow) {
      const sub = range(firstValue.items[0].key, fm.start);
      if (sub) unit = ' '.repeat(Math.max(1, column(text, sub[0]) - column(text, first[0])));
    }
    const end = range(value, fm.start)![1];
    return { start: afterBlock(text, end), end: afterBlock(text, end), newText: block([key, ...body.map((l) => unit + l)], indent, eol) };
  }
  const indent = ' '.repeat(keyCol + 2);
  const entryBlock = eol + block([key, ...body.map((l) => '  ' + l)], indent, eol).replace(new RegExp(eol + '$'), '');
  if (isMap(value) && value.flow && value.items.length) {
    // `terms: {a: b}`: add a flow pair before the closing brace.
    const vr = range(value, fm.start)!;
    const close = text.lastIndexOf('}', vr[1]);
    const flowBody = body.map((l) => l.trim()).filter((l) => /^[\w-]+: /.test(l)).join(', ');
    return { start: close, end: close, newText: `, ${key} {${flowBody}}` };
  }
  // `terms:` with no value, `~`, `{}`: the value becomes a block map.
  return replaceEmptyValue(text, keyRange[1], value ? range(value, fm.start) : undefined, entryBlock);
}

/** Replaces an empty value (`~`, `{}`, `[]`) by `newText`, or inserts it at the end of the key's line when there is none. */
function replaceEmptyValue(text: string, keyEnd: number, valueRange: [number, number] | undefined, newText: string): OffsetEdit {
  if (valueRange && valueRange[1] > valueRange[0] && valueRange[0] >= keyEnd) return { start: valueRange[0], end: valueRange[1], newText };
  let at = text.indexOf('\n', keyEnd);
  if (at < 0) at = text.length;
  else if (text[at - 1] === '\r') at--;
  // A comment after the key stays on the key's line.
  return { start: at, end: at, newText };
}

/**
 * Appends an entry to a term base's `terms:` list. `lines` are the entry's
 * fields, the first one after the dash (`term: x`, `definition: …`).
 */
export function insertTermBaseEntry(text: string, lines: string[], doc: Document): OffsetEdit {
  const eol = eolOf(text);
  const pair = findPair(doc.contents, 'terms');
  const terms = deref(pair?.value, doc);
  const entry = (indent: string) => block(['- ' + lines[0], ...lines.slice(1).map((l) => '  ' + l)], indent, eol);
  if (isSeq(terms) && !terms.flow && terms.items.length) {
    const first = range(deref(terms.items[0], doc), 0)!;
    // The dash is before the first item's node.
    const dash = text.lastIndexOf('-', first[0]);
    const indent = ' '.repeat(column(text, dash >= 0 ? dash : first[0]));
    const end = range(terms, 0)![1];
    const at = afterBlock(text, end);
    const pre = at === text.length && text.length && !text.endsWith('\n') ? eol : '';
    return { start: at, end: at, newText: pre + entry(indent) };
  }
  if (pair) {
    const kr = range(pair.key, 0)!;
    const vr = terms ? range(terms, 0) : undefined;
    if (isSeq(terms) && terms.flow && terms.items.length) {
      // A flow list of entries is unusual; append a flow map.
      const close = text.lastIndexOf(']', vr![1]);
      const fields = lines.map((l) => l.trim()).filter((l) => /^[\w-]+: /.test(l)).join(', ');
      return { start: close, end: close, newText: `, {${fields}}` };
    }
    return replaceEmptyValue(text, kr[1], vr, eol + entry(' '.repeat(column(text, kr[0]) + 2)).replace(new RegExp(eol + '$'), ''));
  }
  const pre = text.length && !text.endsWith('\n') ? eol : '';
  return { start: text.length, end: text.length, newText: pre + 'terms:' + eol + entry('  ') };
}

/**
 * Adds `variant` to an entry's `variants:` (a flow or block list, or a new key).
 * Returns undefined when the entry's body is not a map (`term: definition` shorthand).
 */
export function insertVariant(text: string, entry: EntryNodes, variant: string): OffsetEdit | undefined {
  const body = entry.body;
  if (!body) return undefined;
  const eol = eolOf(text);
  const base = entry.base;
  const pair = body.items.find((p) => scalarString(p.key) === 'variants' || scalarString(p.key) === 'altLabel');
  const scalar = yamlScalar(variant);
  if (pair && (isSeq(pair.value) || isScalar(pair.value))) {
    const value = pair.value as YAMLSeq | Scalar;
    const vr = range(value, base)!;
    if (isSeq(value) && value.flow) {
      const close = text.lastIndexOf(']', vr[1]);
      return { start: close, end: close, newText: value.items.length ? `, ${scalar}` : scalar };
    }
    if (isSeq(value)) {
      const first = range(value.items[0], base)!;
      const dash = text.lastIndexOf('-', first[0]);
      const at = afterBlock(text, vr[1]);
      return { start: at, end: at, newText: ' '.repeat(column(text, dash)) + '- ' + scalar + eol };
    }
    if (isScalar(value) && value.value !== null) return { start: vr[0], end: vr[1], newText: `[${text.slice(vr[0], vr[1])}, ${scalar}]` };
  }
  // No `variants:` yet: a new key right after the preferred label's line (term base) or before the first key (front matter).
  const firstKey = range(body.items[0]?.key, base);
  if (!firstKey) return undefined;
  const col = column(text, firstKey[0]);
  if (base === 0) {
    const at = nextLineStart(text, entry.labels[0].end);
    const pre = at === text.length && !text.endsWith('\n') ? eol : '';
    return { start: at, end: at, newText: pre + ' '.repeat(col) + `variants: [${scalar}]` + eol };
  }
  const at = lineStart(text, firstKey[0]);
  return { start: at, end: at, newText: ' '.repeat(col) + `variants: [${scalar}]` + eol };
}

export { Scalar };

/** Adds a path to the front matter's `glossaries:` (a flow or block list, or a new key; a new front matter if needed). */
export function insertGlossary(doc: ConceptDocument, path: string): OffsetEdit {
  const text = doc.text;
  const eol = eolOf(text);
  const scalar = yamlScalar(path);
  const fm = doc.frontMatter;
  if (!fm) {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { start: at, end: at, newText: block(['---', `glossaries: [${scalar}]`, '---'], '', eol) };
  }
  const y = fm.yaml;
  const pair = y ? findPair(y.contents, 'glossaries') : undefined;
  const value = y && pair ? deref(pair.value, y) : undefined;
  if (!pair || !y) return { start: fm.end, end: fm.end, newText: `glossaries: [${scalar}]` + eol };
  const vr = value ? range(value, fm.start) : undefined;
  if (isSeq(value) && value.flow && vr) {
    const close = text.lastIndexOf(']', vr[1]);
    return { start: close, end: close, newText: value.items.length ? `, ${scalar}` : scalar };
  }
  if (isSeq(value) && value.items.length && vr) {
    const first = range(value.items[0], fm.start)!;
    const dash = text.lastIndexOf('-', first[0]);
    const at = afterBlock(text, vr[1]);
    return { start: at, end: at, newText: ' '.repeat(column(text, dash)) + '- ' + scalar + eol };
  }
  if (isScalar(value) && value.value !== null && vr) return { start: vr[0], end: vr[1], newText: `[${text.slice(vr[0], vr[1])}, ${scalar}]` };
  const kr = range(pair.key, fm.start)!;
  return replaceEmptyValue(text, kr[1], vr, ` [${scalar}]`);
}

/** A relative path from the folder of `fromUri` to `toUri` (both hierarchical uris of one scheme and authority). */
export function relativePath(fromUri: string, toUri: string): string | undefined {
  const a = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)$/i.exec(fromUri);
  const b = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)$/i.exec(toUri);
  if (!a || !b || a[1] !== b[1]) return undefined;
  const from = a[2].split('/').slice(0, -1);
  const to = b[2].split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const parts = [...from.slice(i).map(() => '..'), ...to.slice(i)];
  try {
    return parts.map(decodeURIComponent).join('/');
  } catch {
    return parts.join('/');
  }
}
