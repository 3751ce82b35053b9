/**
 * Quick fixes for the diagnostics of a concept document or a term base.
 *
 * Each fix is computed from the current analysis, not from the diagnostic's
 * `data` alone, so a fix asked for on a stale diagnostic finds nothing rather
 * than editing the wrong text. Edits are versioned `documentChanges` like
 * rename's; a fix that writes into a term base edits that file.
 */
import { distance } from 'fastest-levenshtein';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, TermUse } from '../analysis';
import type { Locale } from '../l10n';
import { labelKey } from '../terms/matcher';
import { preferredLabel, type TermEntry } from '../terms/termBase';
import type { FeatureContext } from '../workspaceContext';
import { SOURCE } from './diagnostics';
import { missingSectionFix } from '../model/index';
import { rewriteUse } from '../edit/labelRewrite';
import { nodesOfEntry } from './navigation';
import { toWorkspaceEdit } from './rename';
import { fileName, wt } from '../workspaceMessages';
import { eolOf, foldedLines, insertFrontMatterTerm, insertGlossary, insertTermBaseEntry, insertVariant, relativePath, yamlScalar, type OffsetEdit } from '../edit/yamlEdits';
import { documentKind } from '../uri';

/** Text of a definition stub; the author replaces it. */
export const DEFINITION_STUB = 'TODO';

type FileEdits = Map<string, { document: TextDocument; edits: OffsetEdit[] }>;

function edit(ctx: FeatureContext, current: TextDocument, parts: { document: TextDocument; edit: OffsetEdit }[]): WorkspaceEdit {
  const files: FileEdits = new Map();
  for (const p of parts) {
    let f = files.get(p.document.uri);
    if (!f) files.set(p.document.uri, (f = { document: p.document, edits: [] }));
    f.edits.push(p.edit);
  }
  return toWorkspaceEdit(ctx, files, current);
}

function fix(title: string, diagnostic: Diagnostic, workspaceEdit: WorkspaceEdit, isPreferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit };
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** Made once (see `letterCase.ts`). */
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

/** The label to define for an undefined use: the known term's preferred label, or the use as written. */
function labelToDefine(use: TermUse, text: string, language?: string): string {
  if (use.refs[0]) return preferredLabel(use.refs[0].entry, language);
  const written = text.slice(use.start, use.end).replace(/\s+/g, ' ').trim();
  // A capital that only starts the sentence is not part of the term; an acronym keeps its capitals.
  const first = written.split(' ')[0];
  return CAPITALISED.test(first) ? first[0].toLowerCase() + written.slice(1) : written;
}

function undefinedTermFixes(ctx: FeatureContext, document: TextDocument, a: Analysis, use: TermUse, d: Diagnostic, locale: Locale | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  const text = a.doc.text;
  const term = labelToDefine(use, text, a.language);
  const builtin = use.refs.find((r) => r.entry.origin === 'builtin')?.entry;
  const fromBase = use.refs.find((r) => r.entry.origin === 'termBase' && !r.defining)?.entry;
  // Front matter that does not parse as YAML has no structure to insert into: the fixes that edit it wait until
  // its syntax error is fixed (inserting into it could only add errors, e.g. inside an unclosed quotation).
  const frontMatterEditable = !a.doc.frontMatter?.yaml?.errors.length;

  // Adopt the WCO definition: copied with its source, so the document defines it explicitly.
  if (builtin?.definition && frontMatterEditable) {
    // In a Russian or French document the key is the label in that language, the English one a translation,
    // so the document's own uses match the definition it adopts.
    const key = preferredLabel(builtin, a.language);
    const definition = builtin.definitions[a.language] ?? builtin.definition;
    const body = ['definition: >-', ...foldedLines(definition, 72).map((l) => '  ' + l)];
    if (builtin.source) body.push(`source: ${yamlScalar(builtin.source)}`);
    if (key !== builtin.term) body.push(`translations: {en: ${yamlScalar(builtin.term)}}`);
    out.push(fix(wt(locale, 'fix.adopt-wco', { term: key }), d, edit(ctx, document, [{ document, edit: insertFrontMatterTerm(a.doc, key, body) }]), true));
  }
  // Import the workspace term base that defines it.
  if (fromBase && frontMatterEditable) {
    const path = relativePath(a.doc.uri, fromBase.uri);
    if (path) out.push(fix(wt(locale, 'fix.import', { file: path, term: fromBase.term }), d, edit(ctx, document, [{ document, edit: insertGlossary(a.doc, path) }]), !builtin));
  }
  // A stub in the document's `terms:`.
  if (frontMatterEditable) out.push(fix(wt(locale, 'fix.define-here', { term }), d, edit(ctx, document, [{ document, edit: insertFrontMatterTerm(a.doc, term, [`definition: ${DEFINITION_STUB}`]) }]), !builtin && !fromBase));
  // A stub in each imported term base.
  for (const g of a.defining) {
    if (!g.ref || !g.base || g.text === undefined) continue;
    const target = ctx.textDocument(g.uri, document);
    if (!target) continue;
    const tree = ctx.termBaseTree(target);
    if (tree.errors.length) continue;
    const insertion = insertTermBaseEntry(target.getText(), [`term: ${yamlScalar(term)}`, `definition: ${DEFINITION_STUB}`], tree);
    out.push(fix(wt(locale, 'fix.define-in', { term, file: g.ref.path }), d, edit(ctx, document, [{ document: target, edit: insertion }])));
  }
  // An unknown explicit use close to a defined term: perhaps a variant of it.
  if (!use.refs.length) {
    const written = text.slice(use.start, use.end).replace(/\s+/g, ' ').trim();
    const key = labelKey(written);
    const limit = Math.max(2, Math.ceil(key.length * 0.3));
    const candidates: { entry: TermEntry; d: number }[] = [];
    const consider = (e: TermEntry) => {
      const dist = Math.min(distance(key, labelKey(e.term)), ...e.variants.map((v) => distance(key, labelKey(v))));
      if (dist <= limit || (key.includes(labelKey(e.term)) && labelKey(e.term).length >= 4)) candidates.push({ entry: e, d: dist });
    };
    a.doc.definitions.forEach(consider);
    for (const g of a.defining) g.base?.entries.forEach(consider);
    candidates.sort((x, y) => x.d - y.d);
    const concepts = [ctx.concept(document.uri, document)!];
    for (const c of candidates.slice(0, 2)) {
      const found = nodesOfEntry(ctx, c.entry, concepts, document);
      if (!found || (c.entry.origin === 'document' ? !frontMatterEditable : ctx.termBaseTree(found.document).errors.length)) continue;
      const insertion = insertVariant(found.document.getText(), found.nodes, written);
      if (!insertion) continue;
      out.push(fix(wt(locale, 'fix.add-variant', { label: written, term: c.entry.term, file: c.entry.origin === 'document' ? fileName(document.uri) : fileName(c.entry.uri) }), d, edit(ctx, document, [{ document: found.document, edit: insertion }])));
    }
  }
  return out;
}

function deprecatedFixes(ctx: FeatureContext, document: TextDocument, a: Analysis, use: TermUse, d: Diagnostic, locale: Locale | undefined): CodeAction[] {
  const text = a.doc.text;
  const replace = (u: TermUse): OffsetEdit => ({ start: u.start, end: u.end, newText: rewriteUse(text.slice(u.start, u.end), u.refs[0]?.label ?? text.slice(u.start, u.end), u.deprecatedFor!.term) });
  const label = text.slice(use.start, use.end).replace(/\s+/g, ' ');
  const out = [fix(wt(locale, 'fix.replace-deprecated', { label, term: use.deprecatedFor!.term }), d, edit(ctx, document, [{ document, edit: replace(use) }]), true)];
  const all = a.uses.filter((u) => u.deprecatedFor);
  if (all.length > 1) {
    const action = fix(wt(locale, 'fix.replace-deprecated-all', { count: all.length }), d, edit(ctx, document, all.map((u) => ({ document, edit: replace(u) }))));
    out.push(action);
  }
  return out;
}

function citeFixes(ctx: FeatureContext, document: TextDocument, start: number, end: number, id: string, ids: string[], d: Diagnostic, locale: Locale | undefined): CodeAction[] {
  const text = document.getText();
  const at = text.slice(start, end).indexOf('@' + id);
  if (at < 0) return [];
  const s = start + at + 1;
  return ids.map((x, i) => {
    const inst = ctx.catalog.get(x)?.instrument;
    return fix(wt(locale, 'fix.cite', { id: x, title: inst?.name ?? inst?.title ?? x }), d, edit(ctx, document, [{ document, edit: { start: s, end: s + id.length, newText: x } }]), i === 0);
  });
}

/** Rename a heading that looks like a missing section, or mark it with the section's `{#id}`; recomputed from the current text. */
function misnamedSectionFixes(ctx: FeatureContext, document: TextDocument, a: Analysis, s: number, e: number, d: Diagnostic, locale: Locale | undefined): CodeAction[] {
  const data = (d.data ?? {}) as { sectionId?: string; title?: string; newText?: string };
  const heading = a.doc.markdown.headings.find((h) => h.start === s && h.end === e);
  const section = data.sectionId ? a.model?.model?.sections.find((x) => x.id === data.sectionId) : undefined;
  if (!heading || !section || heading.id || !data.newText || !data.title) return [];
  const text = a.doc.text;
  // The heading's own text must still be what was checked; a `{#id}` goes after it, before any closing `#`s.
  if (text.slice(heading.start, heading.end) !== heading.text) return [];
  return [
    fix(wt(locale, 'fix.rename-section', { title: data.title }), d, edit(ctx, document, [{ document, edit: { start: heading.start, end: heading.end, newText: data.newText } }]), true),
    fix(wt(locale, 'fix.section-id', { title: data.title, id: section.id }), d, edit(ctx, document, [{ document, edit: { start: heading.end, end: heading.end, newText: ` {#${section.id}}` } }])),
  ];
}

/** A suppression comment for one diagnostic: on its line in prose, on the line above in YAML and before headings. */
function suppressFix(ctx: FeatureContext, document: TextDocument, a: Analysis | undefined, start: number, code: string, d: Diagnostic, locale: Locale | undefined): CodeAction | undefined {
  const text = document.getText();
  const eol = eolOf(text);
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', start);
  if (le < 0) le = text.length;
  if (text[le - 1] === '\r') le--;
  const line = text.slice(ls, le);
  // Blanks only: `\s` would also take a lone CR (a line break to YAML) and put it into the inserted comment.
  const indent = /^[ \t]*/.exec(line)![0];
  const inYaml = !a || (a.doc.frontMatter !== undefined && start < a.doc.frontMatter.end);
  let insertion: OffsetEdit;
  if (inYaml) {
    // Inside a block scalar a `#` line would be text, not a comment.
    const defs = a ? a.doc.definitions : [];
    if (defs.some((e) => e.definitionRange && start >= e.definitionRange[0] && start < e.definitionRange[1])) return undefined;
    insertion = { start: ls, end: ls, newText: `${indent}# customs-concepts-disable-next-line ${code}${eol}` };
  } else {
    const heading = a!.doc.markdown.headings.some((h) => start >= h.lineStart && start <= h.lineEnd);
    const previous = text.slice(text.lastIndexOf('\n', ls - 2) + 1, ls).trim();
    // A comment line interrupts a paragraph, so it goes above a block's first line only; elsewhere it ends the line.
    if (heading || previous === '' || ls <= a!.doc.bodyStart) insertion = { start: ls, end: ls, newText: `${indent}<!-- customs-concepts-disable-next-line ${code} -->${eol}` };
    else insertion = { start: le, end: le, newText: ` <!-- customs-concepts-disable-line ${code} -->` };
  }
  return fix(wt(locale, 'fix.suppress', { code }), d, edit(ctx, document, [{ document, edit: insertion }]));
}

/** Quick fixes for the diagnostics in `context` (those of this server). */
export function getCodeActions(ctx: FeatureContext, document: TextDocument, _range: Range, context: CodeActionContext): CodeAction[] {
  if (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const locale = ctx.settings().locale;
  const isConcept = documentKind(document.uri) === 'concept';
  const a = isConcept ? ctx.analyse(document) : undefined;
  const out: CodeAction[] = [];
  for (const d of context.diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const s = document.offsetAt(d.range.start);
    const e = document.offsetAt(d.range.end);
    const use = a?.uses.find((u) => u.start === s && u.end === e);
    const data = (d.data ?? {}) as { id?: string; suggestions?: string[]; replacement?: string };
    if (d.code === 'undefined-term' && a && use && !use.defined) out.push(...undefinedTermFixes(ctx, document, a, use, d, locale));
    else if (d.code === 'deprecated-term' && a && use?.deprecatedFor) out.push(...deprecatedFixes(ctx, document, a, use, d, locale));
    else if (d.code === 'unknown-instrument') {
      const c = a?.citations.find((x) => x.start === s && x.end === e);
      const id = c?.id ?? data.id;
      if (id && !ctx.catalog.get(id)) out.push(...citeFixes(ctx, document, s, e, id, data.suggestions?.length ? data.suggestions : ctx.catalog.closest(id), d, locale));
    } else if (d.code === 'missing-section' && a) {
      // Recomputed from the current text, never from the diagnostic's (possibly stale) offsets.
      const sectionId = (d.data as { sectionId?: string } | undefined)?.sectionId;
      const ins = sectionId ? missingSectionFix(a, sectionId) : undefined;
      const title = (d.data as { title?: string } | undefined)?.title ?? sectionId;
      if (ins) out.push(fix(wt(locale, 'fix.add-section', { title: title ?? '' }), d, edit(ctx, document, [{ document, edit: ins }]), true));
    } else if (d.code === 'instrument-mention' && a) {
      const m = a.mentions.find((x) => x.start === s && x.end === e);
      if (m) out.push(fix(wt(locale, 'fix.cite-mention', { id: m.instrument.id }), d, edit(ctx, document, [{ document, edit: { start: e, end: e, newText: ` [@${m.instrument.id}]` } }]), true));
    } else if (d.code === 'misnamed-section' && a) {
      out.push(...misnamedSectionFixes(ctx, document, a, s, e, d, locale));
    } else if (d.code === 'superseded-instrument') {
      const c = a?.citations.find((x) => x.start === s && x.end === e);
      const target = c?.target;
      const replacement = target ? (target.edition && !target.edition.current ? (target.instrument.editions.find((x) => x.current)?.id ?? target.instrument.id) : target.instrument.supersededBy) : data.replacement;
      if (c && replacement) out.push(...citeFixes(ctx, document, s, e, c.id, [replacement], d, locale));
    }
    const suppress = suppressFix(ctx, document, a, s, d.code, d, locale);
    if (suppress) out.push(suppress);
  }
  return out;
}
