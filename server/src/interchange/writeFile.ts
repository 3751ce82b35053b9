/**
 * Writing a whole file or nothing: the text goes to a temporary file beside the
 * target, which is then renamed over it, so a failure never leaves half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `text` (one string, or pieces written in turn) to `file` atomically; returns an error message, or undefined on success. */
export function writeFileAtomic(file: string, text: string | Iterable<string>): string | undefined {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (typeof text === 'string') fs.writeFileSync(tmp, text, 'utf8');
    else {
      const fd = fs.openSync(tmp, 'w');
      try {
        for (const piece of text) fs.writeSync(fd, piece, null, 'utf8');
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.renameSync(tmp, file);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was left to remove.
    }
    return e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
  }
}
