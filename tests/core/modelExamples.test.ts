/**
 * The example workspace against the reference models, read from disk with the
 * same built-in data as the server: the complete example concept and the
 * custom model check cleanly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../../server/src/core/index';
import { findFiles, loadBuiltinData, readFileUri } from '../../server/src/node/files';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

function service() {
  const termBases = findFiles(EXAMPLES, ['.terms.yaml']).map((f) => URI.file(f).toString());
  const models = findFiles(EXAMPLES, ['.model.yaml']).map((f) => URI.file(f).toString());
  return createLanguageService({
    builtin: loadBuiltinData(path.join(__dirname, '..', '..', 'server', 'data')),
    workspace: { read: (uri) => readFileUri(uri, [EXAMPLES]), termBaseUris: () => termBases, modelUris: () => models },
  });
}

function check(file: string) {
  const uri = URI.file(path.join(EXAMPLES, file)).toString();
  const doc = TextDocument.create(uri, file.endsWith('.md') ? 'markdown' : 'yaml', 1, fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  return service().computeDiagnostics(doc).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

describe('example workspace and reference models', () => {
  it('the complete example concept, which follows the custom model, has no diagnostic at all', () => {
    expect(check('eaeu-digital-customs-2030.concept.md')).toEqual([]);
  });

  it('the custom model of the example workspace is valid', () => {
    expect(check('models/eaeu-digital-customs.model.yaml')).toEqual([]);
  });

  it('the first example still lacks sections of the built-in model, reported on its `model:` line', () => {
    const codes = check('eeu-digital-customs.concept.md');
    expect(codes.filter((c) => c.endsWith('missing-section'))).toHaveLength(9);
    expect(codes.filter((c) => c.endsWith('missing-section')).every((c) => c.startsWith('6:1 '))).toBe(true);
    expect(codes).toContain('25:3 missing-term-definition');
  });
});
