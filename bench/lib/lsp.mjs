// A minimal LSP client over the server's stdio, with the real protocol
// (vscode-languageserver-protocol), for timing didOpen → publishDiagnostics,
// edit → fresh diagnostics, hover and completion.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const proto = require('vscode-languageserver-protocol/node');

export class LspClient {
  constructor(root) {
    this.root = root;
    this.waiters = new Map();
    this.published = new Map();
    this.onAnyPublish = undefined;
    this.stderr = '';
    this.logWaiters = new Set();
  }

  /**
   * Starts the server; resolves after `initialized`. `nodeArgs`: options for Node itself (`--cpu-prof`…); `pull`: the
   * client pulls diagnostics and can be asked to refresh its code lenses, as VS Code does.
   */
  async start(folder, initializationOptions, { nodeArgs = [], configuration = false, pull = false } = {}) {
    this.t0 = performance.now();
    this.child = spawn(process.execPath, [...nodeArgs, path.join(this.root, 'bin', 'customs-concepts-language-server.js'), '--stdio'], {
      cwd: folder,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (d) => {
      this.stderr += d;
      if (this.stderr.length > 20000) this.stderr = this.stderr.slice(-20000);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    // When the server's last bytes came in: a message is decoded (and handled) after its last chunk arrives, so
    // `arrived` of a publication splits its latency into the server and the pipe, then this client's decoding.
    this.lastDataT = 0;
    this.child.stdout.on('data', () => (this.lastDataT = performance.now()));
    this.conn = proto.createProtocolConnection(new proto.StreamMessageReader(this.child.stdout), new proto.StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => this.handlePublish(p));
    this.conn.onNotification('window/logMessage', (p) => this.handleLog(p.message));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => initializationOptions?.settings ?? null));
    this.conn.listen();
    const folderUri = pathToFileURL(folder).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
      initializationOptions,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
        workspace: { workspaceFolders: true, configuration, ...(pull ? { codeLens: { refreshSupport: true } } : {}) },
      },
    });
    await this.conn.sendNotification('initialized', {});
  }

  handleLog(message) {
    for (const w of [...this.logWaiters]) {
      if (message.startsWith(w.prefix)) {
        this.logWaiters.delete(w);
        w.resolve(message);
      }
    }
  }

  /** A promise for the next log message of the server that starts with `prefix`. */
  logStartingWith(prefix) {
    return new Promise((resolve) => this.logWaiters.add({ prefix, resolve }));
  }

  handlePublish(p) {
    const t = performance.now();
    const arrived = this.lastDataT;
    this.published.set(p.uri, p);
    const key = `${p.uri}#${p.version}`;
    const w = this.waiters.get(key);
    if (w) {
      this.waiters.delete(key);
      w({ t, arrived, count: p.diagnostics.length });
    }
    this.onAnyPublish?.(p, t);
  }

  /** A promise for the publishDiagnostics of `uri` at `version`; register before sending. */
  diagnosticsFor(uri, version) {
    return new Promise((resolve) => this.waiters.set(`${uri}#${version}`, resolve));
  }

  open(uri, text, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  close(uri) {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  hover(uri, position) {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri, position) {
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  /** Resident and peak resident memory of the server process, in MB (Linux). */
  memory() {
    try {
      const s = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, peakRssMB: kb('VmHWM') / 1024 };
    } catch {
      return { rssMB: NaN, peakRssMB: NaN };
    }
  }

  /** Polls memory every `ms` so the peak survives a crash. */
  pollMemory(ms = 250) {
    this.lastMemory = this.memory();
    this.poller = setInterval(() => {
      const m = this.memory();
      if (!Number.isNaN(m.rssMB)) this.lastMemory = m;
    }, ms);
    this.poller.unref();
  }

  async stop() {
    if (this.poller) clearInterval(this.poller);
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    this.conn.dispose();
  }
}

/** Line starts of a text, for offset → position. */
export function lineStarts(text) {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

export function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(starts, pos) {
  return starts[pos.line] + pos.character;
}
