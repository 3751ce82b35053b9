/**
 * The extension manifest: a key given twice in one JSON object is legal JSON, but
 * VS Code (and every JSON reader) keeps only the last one, silently dropping the
 * other's contributions (a second `menus` once hid the export commands' menus).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

describe('package.json', () => {
  it('has no key twice in one object', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8');
    // JSON is YAML; the YAML parser reports duplicate keys that JSON.parse would merge away.
    const doc = parseDocument(text, { uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
  });

  it('contributes a menu entry for every export command', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const commands = Object.values(pkg.contributes.menus as Record<string, { command: string }[]>).flat().map((m) => m.command);
    for (const c of ['customsConcepts.exportHtml', 'customsConcepts.exportPdf', 'customsConcepts.newConcept']) expect(commands).toContain(c);
  });
});
