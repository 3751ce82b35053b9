/**
 * Writing a whole file or nothing: the text goes to a temporary file beside the
 * target, which is then renamed over it, so a failure never leaves half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const message = (e: unknown) => (e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e));

/** A file written piece by piece into a temporary file, which `commit` renames over the target. */
export class AtomicFile {
  private readonly tmp: string;
  private fd: number | undefined;
  private error: string | undefined;

  constructor(private readonly file: string) {
    this.tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  }

  write(piece: string | Uint8Array): void {
    if (this.error !== undefined) return;
    try {
      this.fd ??= fs.openSync(this.tmp, 'w');
      if (typeof piece === 'string') fs.writeSync(this.fd, piece, null, 'utf8');
      else fs.writeSync(this.fd, piece);
    } catch (e) {
      this.error = message(e);
    }
  }

  /** Renames the written text over the file; returns an error message, or undefined on success. */
  commit(): string | undefined {
    try {
      this.fd ??= fs.openSync(this.tmp, 'w');
      fs.closeSync(this.fd);
      if (this.error !== undefined) throw new Error(this.error);
      fs.renameSync(this.tmp, this.file);
      return undefined;
    } catch (e) {
      try {
        fs.rmSync(this.tmp, { force: true });
      } catch {
        // Nothing was left to remove.
      }
      return message(e);
    }
  }
}

/** Writes `text` (one string or buffer, or pieces written in turn) to `file` atomically; returns an error message, or undefined on success. */
export function writeFileAtomic(file: string, text: string | Uint8Array | Iterable<string | Uint8Array>): string | undefined {
  const f = new AtomicFile(file);
  for (const piece of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) f.write(piece);
  return f.commit();
}
