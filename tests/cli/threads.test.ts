import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The example workspace (term bases, models, a catalog, Russian documents) and more documents beside it: copies of
 * the examples with CRLF line ends, a broken front matter, and documents that import nothing, so that every thread
 * gets documents of every kind.
 */
function workspace(): string {
  const dir = tempFolder('cc-threads-');
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'eeu-digital-customs.concept.md'), 'utf8');
  fs.mkdirSync(path.join(dir, 'more'));
  for (let i = 0; i < 12; i++) {
    let text = example.replace(/smart border/g, i % 2 ? 'smart border' : 'Smart Border');
    if (i % 3 === 1) text = text.replace(/\n/g, '\r\n');
    if (i % 4 === 2) text = text.replace(/^---\n/, '---\nlanguage: [\n');
    if (i % 5 === 3) text = text.replace(/^glossaries:.*$/m, '');
    fs.writeFileSync(path.join(dir, 'more', `copy-${i}.concept.md`), `${text}\nCopy ${i}: the «single window» and the «таможня» (@rkc).\n`);
  }
  return dir;
}

describe('check --jobs', () => {
  it('is shipped with its worker bundle', () => {
    // Without it every check runs on one thread, and the comparisons below would compare one thread with itself.
    expect(fs.existsSync(path.join(ROOT, 'dist', 'checkWorker.js'))).toBe(true);
  });

  it('gives the same report, in the same order, on one thread and on several', () => {
    const dir = workspace();
    for (const format of ['json', 'text', 'sarif']) {
      const one = run(['check', '.', '--format', format, '--implicit-uses', 'all', '--jobs', '1'], dir);
      expect(one.code).toBe(1);
      expect(one.stdout.length).toBeGreaterThan(1000);
      for (const jobs of format === 'json' ? ['2', '5'] : ['2']) {
        const many = run(['check', '.', '--format', format, '--implicit-uses', 'all', '--jobs', jobs], dir);
        expect({ format, jobs, code: many.code, stderr: many.stderr }).toEqual({ format, jobs, code: one.code, stderr: one.stderr });
        expect(many.stdout === one.stdout, `${format} with --jobs ${jobs}`).toBe(true);
      }
    }
  });

  it('writes the JSON report exactly as one JSON.stringify of the whole would', () => {
    const dir = workspace();
    const r = run(['check', '.', '--format', 'json', '--jobs', '2'], dir);
    const files = JSON.parse(r.stdout) as unknown[];
    expect(files.length).toBeGreaterThan(12);
    expect(r.stdout === JSON.stringify(files, null, 2) + '\n').toBe(true);
    const out = path.join(dir, 'report.json');
    expect(run(['check', '.', '--format', 'json', '--jobs', '2', '--output-file', out], dir).code).toBe(1);
    expect(fs.readFileSync(out, 'utf8') === r.stdout).toBe(true);
  });

  it('fills the cache from every thread: a re-run on one thread takes every result from it and reports the same', () => {
    const dir = workspace();
    const cache = path.join(dir, 'check.cache');
    const filled = run(['check', '.', '--format', 'json', '--jobs', '2', '--cache-location', cache], dir);
    const again = run(['check', '.', '--format', 'json', '--jobs', '1', '--cache-location', cache], dir);
    expect(again.stdout === filled.stdout).toBe(true);
    expect(again.stdout === run(['check', '.', '--format', 'json', '--jobs', '1'], dir).stdout).toBe(true);
  });

  it('refuses a --jobs that is not a whole number of threads', () => {
    const dir = workspace();
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = run(['check', '.', '--jobs', bad], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs takes a whole number of threads/);
    }
    expect(run(['check', '.', '--jobs'], dir).code).toBe(2);
  });
});
