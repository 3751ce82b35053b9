import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('customs-concepts check', () => {
  it('checks the example workspace and exits 1 on errors, in the usual text form', () => {
    const r = run(['check', 'examples']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^examples\/[\w./-]+:\d+:\d+: (error|warning|info|hint) [a-z-]+ .+/);
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'eeu-digital-customs.concept.md'), 'utf8').split('\n');
    // Each reported position points at the reported text.
    const smart = lines.find((l) => l.includes('«smart border»'))!;
    const [, line, col] = /:(\d+):(\d+):/.exec(smart)!;
    expect(example[Number(line) - 1].slice(Number(col) - 1)).toMatch(/^smart border»/);
    expect(r.stdout).toMatch(/ error unknown-instrument Unknown instrument `@wco-datamodel`/);
    expect(r.stderr).toMatch(/checked: \d+ errors?/);
  });

  it('prints LSP diagnostics as JSON', () => {
    const r = run(['check', 'examples', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; range: { start: { line: number; character: number } } }[] }[];
    const file = out.find((f) => f.file.endsWith('eeu-digital-customs.concept.md'))!;
    expect(file.diagnostics.map((d) => d.code)).toContain('undefined-term');
    expect(file.diagnostics.every((d) => typeof d.range.start.line === 'number')).toBe(true);
  });

  it('exits 0 on a clean document and 2 on bad usage or missing files', () => {
    const dir = tempFolder('cc-cli-');
    fs.writeFileSync(path.join(dir, 'ok.concept.md'), '---\nterms:\n  data lake: A store of raw data.\n---\nThe «data lake».\n');
    expect(run(['check', dir]).code).toBe(0);
    expect(run(['check', path.join(dir, 'missing.concept.md')]).code).toBe(2);
    expect(run(['check', dir, '--format', 'xml']).code).toBe(2);
    expect(run(['lint']).code).toBe(2);
    expect(run(['check', dir, '--bogus']).code).toBe(2);
    expect(run(['--help']).code).toBe(0);
  });

  it('checks the Russian example cleanly', () => {
    const r = run(['check', 'examples/ru', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([{ file: 'examples/ru/eaeu-digital-customs.concept.md', diagnostics: [] }]);
    expect(r.code).toBe(0);
  });

  it('checks term bases named on the command line', () => {
    const dir = tempFolder('cc-cli-');
    fs.writeFileSync(path.join(dir, 'g.terms.yaml'), 'terms:\n  - term: a\n    definition: "unclosed\n');
    const r = run(['check', path.join(dir, 'g.terms.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/g\.terms\.yaml:\d+:\d+: error yaml-syntax/);
  });
});
