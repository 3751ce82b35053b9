/**
 * The CLI reads the instrument catalogs (`*.instruments.yaml`) beside the checked files, and checks one
 * named on the command line (an id shadowing a built-in one is reported).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('customs-concepts check with workspace catalogs', () => {
  it('resolves citations of a workspace catalog and reports a shadowing id in it', () => {
    const dir = tempFolder('cc-catalogs-');
    fs.copyFileSync(path.join(ROOT, 'examples', 'catalogs', 'eaeu.instruments.yaml'), path.join(dir, 'eaeu.instruments.yaml'));
    fs.writeFileSync(path.join(dir, 'doc.concept.md'), '---\nmodel: none-such\n---\nThe plan @eec-action-plan-sd-2025 and @eaeu-iis-strategy-2052.\n');
    const r = run(['check', '.', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[];
    const unknown = out.flatMap((f) => f.diagnostics).filter((d) => d.code === 'unknown-instrument');
    expect(unknown.map((d) => d.message)).toEqual([expect.stringContaining('`@eaeu-iis-strategy-2052`')]);
    fs.writeFileSync(path.join(dir, 'shadow.instruments.yaml'), 'instruments:\n  - id: safe-fos\n    title: Ours\n    kind: other\n    source_title: x\n    confidence: low\n    note: y\n');
    const s = run(['check', 'shadow.instruments.yaml'], dir);
    expect(s.stdout).toMatch(/^shadow\.instruments\.yaml:2:9: warning shadowed-instrument `safe-fos` is also an id of the built-in catalog/m);
    expect(s.code).toBe(0);
  });
});
