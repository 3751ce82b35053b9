/**
 * `dependencies` of a concept document (core/host.ts): the files whose change calls for a new check of it. The
 * server asks it of every open document on each keystroke in a term base, so it reads no term base: it is worked
 * out from the document's parse, its settings and the workspace's lists, and may list more than the check reads.
 */
import { describe, expect, it } from 'vitest';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/core/index';
import { builtin } from './helpers';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = 'file:///w/';

describe('dependencies of a concept document', () => {
  it('lists imported, configured and workspace term bases, models and catalogs, reading none of them', () => {
    const files = new Map<string, string>([
      [ROOT + 'g.terms.yaml', 'terms:\n  - term: data lake\n    definition: A store.\n'],
      [ROOT + 'other.terms.yaml', 'terms: [\n'],
      [ROOT + 'x.instruments.yaml', 'instruments: []\n'],
    ]);
    const reads: string[] = [];
    const service = createLanguageService({
      builtin,
      workspace: {
        read(uri) {
          reads.push(uri);
          const t = files.get(uri);
          return t === undefined ? { error: 'no such file.' } : { text: t, version: 1 };
        },
        termBaseUris: () => [ROOT + 'g.terms.yaml', ROOT + 'other.terms.yaml'],
        catalogUris: () => [ROOT + 'x.instruments.yaml'],
        modelUris: () => [ROOT + 'm.model.yaml'],
      },
      settings: () => ({ ...DEFAULT_SETTINGS, termBases: [ROOT + 'set.terms.yaml'] }),
    });
    const doc = TextDocument.create(ROOT + 'a.concept.md', 'markdown', 1, '---\nglossaries: [g.terms.yaml, ../missing.terms.yaml]\n---\n# Scope\n\nThe «data lake».\n');
    const deps = service.dependencies(doc);
    expect(reads.filter((u) => u.endsWith('.terms.yaml'))).toEqual([]);
    expect(deps).toEqual(expect.arrayContaining([ROOT + 'g.terms.yaml', 'file:///missing.terms.yaml', ROOT + 'set.terms.yaml', ROOT + 'other.terms.yaml', ROOT + 'x.instruments.yaml']));
    expect(new Set(deps).size).toBe(deps.length);
    // Every term base the check reads is listed.
    service.computeDiagnostics(doc);
    const readByCheck = reads.filter((u) => u.endsWith('.terms.yaml'));
    expect(readByCheck.length).toBeGreaterThan(0);
    for (const u of readByCheck) expect(deps).toContain(u);
  });
});
