/**
 * Temporary folders for tests, removed by the test that made them (or, made
 * outside a test, after the file's tests): test runs leave nothing in the
 * temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/** A new folder `<tmp>/<prefix>XXXXXX` holding `files` (paths relative to it). */
export function tempFolder(prefix: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}
