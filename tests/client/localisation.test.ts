/**
 * The VS Code interface in English, French and Russian: every `%key%` of
 * package.json has a text in each package.nls file, every string the client
 * passes to `vscode.l10n.t` has a French and a Russian translation, and each
 * translation keeps the placeholders of its English original.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const json = (p: string) => JSON.parse(read(p)) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}|`[^`]+`|\[[^\]]*\]\(command:[^)]+\)|\*\.[a-z.]+/g)].map((m) => (m[0].startsWith('[') ? m[0].replace(/^\[[^\]]*\]/, '') : m[0])).sort();

/** The strings given to `vscode.l10n.t` in the client's sources (first argument, a literal). */
function clientStrings(): string[] {
  const dir = path.join(root, 'client', 'src');
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  const out = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'"));
    // Every call must pass a literal, or its string escapes this check.
    expect(text.match(/l10n\.t\(\s*[^'\s]/g) ?? [], `${f}: vscode.l10n.t with a non-literal message`).toEqual([]);
  }
  return [...out].sort();
}

describe('package.nls', () => {
  const pkg = read('package.json');
  const used = [...new Set([...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
  const en = json('package.nls.json');

  it('has an English text for every key package.json names, and no key nothing names', () => {
    expect(Object.keys(en).sort()).toEqual(used);
  });

  it.each(['fr', 'ru'])('package.nls.%s.json translates every key, keeping code, commands and placeholders', (lang) => {
    const tr = json(`package.nls.${lang}.json`);
    expect(Object.keys(tr).sort()).toEqual(used);
    for (const key of used) {
      expect(tr[key].trim(), key).not.toBe('');
      expect(placeholders(tr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('names no contributed title or setting description in plain text', () => {
    const p = JSON.parse(pkg);
    const c = p.contributes;
    const plain: string[] = [];
    const check = (where: string, v: unknown) => {
      if (typeof v === 'string' && !/^%[^%]+%$/.test(v)) plain.push(`${where}: ${v}`);
    };
    for (const [k, s] of Object.entries<Record<string, unknown>>(c.configuration.properties)) {
      check(k, s.markdownDescription ?? s.description);
      for (const d of (s.enumDescriptions as unknown[] | undefined) ?? []) check(`${k} enum`, d);
    }
    for (const cmd of c.commands) check(cmd.command, cmd.title);
    for (const v of c.views.explorer) check(v.id, v.name);
    for (const w of c.walkthroughs) {
      check(w.id, w.title);
      for (const s of w.steps) (check(s.id, s.title), check(s.id, s.description));
    }
    expect(plain).toEqual([]);
  });

  it('gives every new setting a description, a default and, for a choice, an enum with descriptions', () => {
    const props = JSON.parse(pkg).contributes.configuration.properties as Record<string, { default?: unknown; enum?: unknown[]; enumDescriptions?: unknown[]; markdownDescription?: string }>;
    for (const [key, s] of Object.entries(props)) {
      expect(s.markdownDescription, key).toBeTruthy();
      expect('default' in s, key).toBe(true);
    }
    const lang = props['customsConcepts.authoring.defaultLanguage'];
    expect(lang.enum).toEqual(['auto', 'en', 'fr', 'ru']);
    expect(lang.enumDescriptions).toHaveLength(4);
  });
});

describe('client strings (vscode.l10n)', () => {
  const strings = clientStrings();

  it('finds the client strings', () => {
    expect(strings).toContain('Sections');
    expect(strings.length).toBeGreaterThan(30);
  });

  it.each(['fr', 'ru'])('l10n/bundle.l10n.%s.json translates every one, with the same placeholders', (lang) => {
    const bundle = json(`l10n/bundle.l10n.${lang}.json`);
    expect(Object.keys(bundle).sort()).toEqual(strings);
    for (const s of strings) {
      expect(bundle[s].trim(), s).not.toBe('');
      expect(placeholders(bundle[s]), s).toEqual(placeholders(s));
    }
  });
});
