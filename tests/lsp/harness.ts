/**
 * A real client for protocol tests: spawns the built server (`dist/server.js --stdio`)
 * and speaks LSP to it with vscode-languageserver-protocol.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface Client {
  connection: ProtocolConnection;
  child: ChildProcess;
  stderr: () => string;
  logs: string[];
  /** Every publishDiagnostics received so far, in order. */
  published: PublishDiagnosticsParams[];
  /** Resolves with the first diagnostics for `uri` that satisfy `pred` (past or future). */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string, version?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The installed command (`bin/`), which loads the bundle with a code cache, instead of the bundle itself. */
export const SERVER_BIN = path.join(__dirname, '..', '..', 'bin', 'customs-concepts-language-server.js');

export async function startClient(folder: string, init: Partial<InitializeParams> = {}, how: { script?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Client> {
  const child = spawn(process.execPath, [how.script ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: how.env ?? process.env });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const logs: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const folderUri = URI.file(folder).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } },
    ...init,
  } as InitializeParams);
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    logs,
    published,
    stderr: () => stderr,
    diagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      // Latest first: a test asks for the state that satisfies it, not a stale one.
      for (let i = published.length - 1; i >= 0; i--) {
        if (published[i].uri === uri) {
          if (pred(published[i])) return Promise.resolve(published[i]);
          break;
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; server stderr:\n${stderr}`)), timeoutMs);
        waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async open(uri, text, languageId = 'markdown', version = 1) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // The process may already be gone.
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => (child.kill('SIGKILL'), resolve()), 3000);
        child.once('exit', () => (clearTimeout(t), resolve()));
      });
      connection.dispose();
    },
  };
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}
