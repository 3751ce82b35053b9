import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportArgs, formatOfFile, importArgs, runCli } from '../../client/src/runCli';
import { cli, ROOT, workspace } from './helpers';

const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const CLI_PREFIX = 'node .customs-concepts/bin/customs-concepts.js ';

/** Splits a shell command line of plain words (the CI files use no quoting in these lines). */
const words = (line: string) => line.trim().split(/\s+/);

describe('ready-made CI files', () => {
  it('GitHub Actions: the SARIF the check writes is the one uploaded, and the check command runs', () => {
    const wf = read('docs/ci/github-actions.yml');
    const steps = wf.jobs.check.steps as { uses?: string; run?: string; with?: Record<string, string> }[];
    expect(wf.permissions['security-events']).toBe('write');
    const check = steps.find((s) => s.run?.startsWith(CLI_PREFIX))!;
    const args = words(check.run!.slice(CLI_PREFIX.length));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(args[args.indexOf('--output-file') + 1]).toBe(upload.with!.sarif_file);
    expect(args[args.indexOf('--format') + 1]).toBe('sarif');
    const dir = workspace({ 'a.concept.md': '---\nterms: {}\n---\nThe «unknown thing».\n' });
    const r = cli(args, dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, upload.with!.sarif_file), 'utf8')).version).toBe('2.1.0');
  });

  it('GitLab CI: the report the check writes is the Code Quality artifact, and the check command runs', () => {
    const job = read('docs/ci/gitlab-ci.yml')['customs-concepts'];
    const line = (job.script as string[]).find((s) => s.startsWith(CLI_PREFIX))!;
    const args = words(line.slice(CLI_PREFIX.length));
    expect(args[args.indexOf('--format') + 1]).toBe('gitlab');
    const report = args[args.indexOf('--output-file') + 1];
    expect(job.artifacts.reports.codequality).toBe(report);
    expect(job.artifacts.when).toBe('always');
    const dir = workspace({ 'a.concept.md': '---\nterms: {}\n---\nThe «unknown thing».\n' });
    expect(cli(args, dir).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, report), 'utf8')).map((i: { check_name: string }) => i.check_name)).toContain('undefined-term');
  });

  it('pre-commit: the hook checks the staged files it names', () => {
    const [hook] = read('.pre-commit-hooks.yaml') as { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[];
    expect(hook).toMatchObject({ id: 'customs-concepts', language: 'script', pass_filenames: true });
    const files = new RegExp(hook.files);
    expect(['a.concept.md', 'g/x.terms.yaml', 'm.model.yml'].every((f) => files.test(f))).toBe(true);
    expect(['README.md', 'a.concept.md.bak', 'x.yaml'].some((f) => files.test(f))).toBe(false);
    // pre-commit runs the entry from its clone of this repository, with the staged file names; dist/ is built (npm test builds first).
    const dir = workspace({ 'ok.concept.md': '---\nterms:\n  data lake: A store of raw data.\n---\nThe «data lake».\n', 'bad.terms.yaml': 'terms:\n  - definition: no label\n' });
    const hookRun = (...names: string[]) => spawnSync(path.join(ROOT, hook.entry), names, { cwd: dir, encoding: 'utf8' });
    expect(hookRun('ok.concept.md').status).toBe(0);
    const bad = hookRun('ok.concept.md', 'bad.terms.yaml');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.terms\.yaml:2:\d+: error invalid-value/m);
  });
});

describe('the editor commands run the bundled CLI', () => {
  const bundled = path.join(ROOT, 'dist', 'cli.js');

  it('export then import through runCli, as the extension does', async () => {
    const dir = workspace({ 'g.terms.yaml': 'language: fr\nterms:\n  - term: douane\n    translations: {en: customs}\n' });
    expect(formatOfFile('x.TTL')?.id).toBe('skos');
    expect(formatOfFile('x.xml')?.id).toBe('tbx');
    expect(formatOfFile('x.txt')).toBeUndefined();
    const out = await runCli(bundled, exportArgs(path.join(dir, 'g.terms.yaml'), 'skos', path.join(dir, 'g.ttl')));
    expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'g.ttl'), 'utf8')).toContain('skos:prefLabel "douane"@fr');
    const back = await runCli(bundled, importArgs(path.join(dir, 'g.ttl'), 'skos', path.join(dir, 'back.terms.yaml')));
    expect(back.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'back.terms.yaml'), 'utf8')).toMatch(/^language: fr\n/m);
    const bad = await runCli(bundled, importArgs(path.join(dir, 'g.terms.yaml'), 'csv', path.join(dir, 'bad.terms.yaml')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/g\.terms\.yaml:1: Unknown column/);
  });
});
