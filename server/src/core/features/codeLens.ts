/**
 * Code lens on each definition: how many uses it has, in the document (a
 * front-matter definition is seen by its own document only) or across the
 * workspace (a term-base entry). Clicking shows the uses.
 *
 * The command is `customsConcepts.showReferences` with arguments
 * `(uri, position, locations)` in LSP types; the VS Code client turns them into
 * `editor.action.showReferences`. Other clients may bind it to their own
 * references view.
 */
import type { CodeLens, Location } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TermEntry } from '../terms/termBase';
import { entryId, type ConceptFile, type FeatureContext } from '../workspaceContext';
import { wt } from '../workspaceMessages';
import { documentKind } from '../uri';
import { COMMANDS, type ShowReferencesArgs } from '../../../../shared/protocol';

export const SHOW_REFERENCES_COMMAND = COMMANDS.showReferences;

export function getCodeLenses(ctx: FeatureContext, document: TextDocument): CodeLens[] {
  const isConcept = documentKind(document.uri) === 'concept';
  const isTermBase = documentKind(document.uri) === 'termBase';
  if (!isConcept && !isTermBase) return [];
  const locale = ctx.settings().locale;
  let entries: TermEntry[];
  let concepts: ConceptFile[];
  if (isConcept) {
    entries = ctx.analyse(document).doc.definitions;
    concepts = [ctx.concept(document.uri, document)!];
  } else {
    concepts = ctx.concepts(document);
    entries = ctx.termBases([], document).find((b) => b.uri === document.uri)?.base.entries ?? [];
  }
  if (!entries.length) return [];
  const uses = new Map<string, Location[]>();
  for (const e of entries) uses.set(entryId(e), []);
  for (const c of concepts) {
    for (const u of c.analysis.uses) {
      const best = u.refs[0];
      const list = best && uses.get(entryId(best.entry));
      if (list) list.push({ uri: c.uri, range: { start: c.document.positionAt(u.start), end: c.document.positionAt(u.end) } });
    }
  }
  return entries.map((e) => {
    const locations = uses.get(entryId(e)) ?? [];
    const range = { start: document.positionAt(e.labelRange[0]), end: document.positionAt(e.labelRange[1]) };
    const title = locations.length ? wt(locale, 'lens.uses', { count: locations.length }) : wt(locale, 'lens.no-uses');
    return { range, command: { title, command: locations.length ? SHOW_REFERENCES_COMMAND : '', arguments: locations.length ? ([document.uri, range.start, locations] satisfies ShowReferencesArgs) : undefined } };
  });
}
