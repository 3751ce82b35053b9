/**
 * One test file's client and temporary folders: the client is stopped and the
 * folders are removed after each test, so test runs leave nothing behind.
 */
import { afterEach } from 'vitest';
import { startClient, type Client } from './harness';
import { tempFolder } from '../tempFolder';

export interface Session {
  /** Starts the client of the current test (stopped after it). */
  start(folder: string, init?: Parameters<typeof startClient>[1]): Promise<Client>;
  /** A temporary folder with these files (removed after the test). */
  workspace(prefix: string, files?: Record<string, string>): string;
}

export function testSession(): Session {
  let client: Client | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  return {
    async start(folder, init) {
      client = await startClient(folder, init);
      return client;
    },
    workspace: tempFolder,
  };
}
