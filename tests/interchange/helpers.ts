/** Runs the built CLI (`npm run build` first) as a user would, with a fixed locale. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempFolder } from '../tempFolder';

export const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'customs-concepts.js');

export function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder holding `files` (path → text). */
export function workspace(files: Record<string, string>): string {
  const dir = tempFolder('cc-interchange-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
