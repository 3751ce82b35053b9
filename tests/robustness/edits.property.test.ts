/**
 * Edits never lose text: for random documents (the examples with random edits),
 * every quick fix the language service proposes for a sample of its diagnostics,
 * and renames of random terms to random names, are applied. Each edit must be
 * versioned (the open document carries its version, closed files `null`), stay
 * inside the file, split no surrogate pair or CRLF, overlap no other edit, leave
 * every byte outside its range as it was, and leave a file that re-parses with
 * no more YAML syntax errors than before.
 *
 * Through the core API (`getCodeActions`, `prepareRename`, `getRenameEdits`),
 * with the example workspace in memory. `FUZZ_SEED` / `FUZZ_RUNS` as in fuzz.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { createLanguageService, documentKind, type LanguageService } from '../../server/src/core/index';
import { findFiles, loadBuiltinData } from '../../server/src/node/files';
import { applyChecked, EXAMPLES, FUZZ_SCALE, FUZZ_SEED, randomDocument } from './fuzz';

const RUNS = 120 * FUZZ_SCALE;
const stats = { runs: 0, fixes: 0, renames: 0, refusedRenames: 0 };

afterAll(() => {
  console.log(`edits never lose text: ${stats.runs} random documents, ${stats.fixes} quick fixes and ${stats.renames} renames applied (${stats.refusedRenames} renames refused), seed ${FUZZ_SEED}`);
});

const BUILTIN = loadBuiltinData();
const EXAMPLE_FILES = new Map(findFiles(EXAMPLES, ['.concept.md', '.terms.yaml', '.terms.yml', '.model.yaml']).map((f) => [URI.file(f).toString(), fs.readFileSync(f, 'utf8')]));

/** A service over the examples in memory, with `open` as the one open document (version 1). */
function serviceFor(files: Map<string, string>, open: string): LanguageService {
  const of = (kind: string) => [...files.keys()].filter((u) => documentKind(u) === kind);
  return createLanguageService({
    builtin: BUILTIN,
    workspace: {
      read: (uri) => (files.has(uri) ? { text: files.get(uri)!, version: hash(files.get(uri)!) } : { error: 'no such file.' }),
      termBaseUris: () => of('termBase'),
      modelUris: () => of('model'),
      conceptUris: () => of('concept'),
      openVersion: (uri) => (uri === open ? 1 : undefined),
    },
  });
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return `${s.length}:${h}`;
}

const kindOf = (uri: string) => documentKind(uri);
const languageOf = (uri: string) => (uri.endsWith('.md') ? 'markdown' : 'yaml');

function yamlErrors(service: LanguageService, uri: string, text: string): number {
  return service.computeDiagnostics(TextDocument.create(uri, languageOf(uri), 2, text)).filter((d) => d.code === 'yaml-syntax' || d.code === 'yaml-alias-limit').length;
}

/** Applies a workspace edit with every check; returns the edited files. */
function applyWorkspaceEdit(service: LanguageService, files: Map<string, string>, open: string, edit: WorkspaceEdit): Map<string, string> {
  const perFile = new Map<string, TextEdit[]>();
  const created = new Set<string>();
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      // Creating a new file (a term base) is the only resource operation a fix may make.
      expect(change.kind).toBe('create');
      if (change.kind === 'create') created.add(change.uri);
      continue;
    }
    const { uri, version } = change.textDocument;
    expect(version, `version of ${uri}`).toBe(uri === open ? 1 : null);
    perFile.set(uri, [...(perFile.get(uri) ?? []), ...(change.edits as TextEdit[])]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) perFile.set(uri, [...(perFile.get(uri) ?? []), ...edits]);
  const out = new Map<string, string>();
  for (const [uri, edits] of perFile) {
    const before = files.get(uri) ?? (created.has(uri) ? '' : undefined);
    if (before === undefined) throw new Error(`an edit to ${uri}, which does not exist`);
    const after = applyChecked(before, edits);
    out.set(uri, after);
    if (kindOf(uri) !== 'other') expect(yamlErrors(service, uri, after), `YAML errors after editing ${uri}:\n${after}`).toBeLessThanOrEqual(before ? yamlErrors(service, uri, before) : 0);
  }
  return out;
}

const NEW_NAMES = ['customs data lake', 'цифровая таможня', 'e-Customs', 'x', 'a: b', '"quoted"', "it's", 'term #1', '[list]', '{map}', '«inner»', 'emoji 😀', 'tab\tname', 'new\nline', '  padded  ', '-dash', '@rkc', '*alias', '&anchor', '!tag', '%', 'ё-label'];

describe('edits the server proposes', () => {
  it('are versioned and change nothing outside their ranges, and the result re-parses', () => {
    fc.assert(
      fc.property(randomDocument, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), fc.oneof(fc.constantFrom(...NEW_NAMES), fc.string({ minLength: 1, maxLength: 12 })), (random, picks, usePick, newName) => {
        const uri = URI.file(random.file).toString();
        const files = new Map(EXAMPLE_FILES);
        files.set(uri, random.text);
        const service = serviceFor(files, uri);
        const doc = TextDocument.create(uri, 'markdown', 1, random.text);
        const diagnostics: Diagnostic[] = service.computeDiagnostics(doc);
        const failures: string[] = [];
        const attempt = (what: string, fn: () => void) => {
          try {
            fn();
          } catch (e) {
            failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
          }
        };
        // Quick fixes for a sample of the diagnostics.
        for (const pick of picks) {
          if (!diagnostics.length) break;
          const d = diagnostics[pick % diagnostics.length];
          for (const action of service.getCodeActions(doc, d.range, { diagnostics: [d] })) {
            if (!action.edit) continue;
            attempt(`quick fix «${action.title}» for ${d.code}`, () => applyWorkspaceEdit(service, files, uri, action.edit!));
            stats.fixes++;
          }
        }
        // Renames of terms used in the document (built-in terms refuse: a few tries).
        const uses = service.analyse(doc).uses;
        for (let k = 0; k < Math.min(3, uses.length); k++) {
          const use = uses[(usePick + k * 7) % uses.length];
          const position = doc.positionAt(use.start + Math.floor((use.end - use.start) / 2));
          const prepared = service.prepareRename(doc, position);
          if (!('error' in prepared)) {
            const edit = service.getRenameEdits(doc, position, newName);
            if ('error' in edit) stats.refusedRenames++;
            else {
              attempt(`rename to ${JSON.stringify(newName)}`, () => applyWorkspaceEdit(service, files, uri, edit));
              stats.renames++;
            }
          }
        }
        stats.runs++;
        if (failures.length) throw new Error(`${failures.join('\n')}\ndocument ${path.basename(random.file)}: ${JSON.stringify(random.text)}`);
      }),
      {
        seed: FUZZ_SEED,
        numRuns: RUNS,
        reporter: (details) => {
          if (details.failed) {
            console.error(`edit property failed; replay with FUZZ_SEED=${details.seed} (path ${details.counterexamplePath})`);
            throw new Error(`${fc.defaultReportMessage(details)}\nGot error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
          }
        },
      },
    );
  }, 600_000);

  it('issue 7: the suppression comment takes the line\'s blanks, never a lone CR', () => {
    const uri = URI.file(path.join(EXAMPLES, '__cr.concept.md')).toString();
    const text = '---\n\r---\ntitle: x\n---\nBody.\n';
    const files = new Map(EXAMPLE_FILES);
    files.set(uri, text);
    const service = serviceFor(files, uri);
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const yaml = service.computeDiagnostics(doc).find((d) => d.code === 'yaml-syntax')!;
    const suppress = service.getCodeActions(doc, yaml.range, { diagnostics: [yaml] }).find((a) => /uppress/.test(a.title))!;
    const edits = applyWorkspaceEdit(service, files, uri, suppress.edit!);
    expect(edits.get(uri)).not.toMatch(/\r#/);
  });
});
