/**
 * One test file's client and temporary folders: the client is stopped and the
 * folders are removed after each test, so test runs leave nothing behind.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import { startClient, type Client } from './harness';

export interface Session {
  /** Starts the client of the current test (stopped after it). */
  start(folder: string, init?: Parameters<typeof startClient>[1]): Promise<Client>;
  /** A temporary folder with these files (removed after the test). */
  workspace(prefix: string, files?: Record<string, string>): string;
}

export function testSession(): Session {
  let client: Client | undefined;
  const folders: string[] = [];
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    async start(folder, init) {
      client = await startClient(folder, init);
      return client;
    },
    workspace(prefix, files = {}) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      folders.push(dir);
      for (const [p, t] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        fs.writeFileSync(path.join(dir, p), t);
      }
      return dir;
    },
  };
}
