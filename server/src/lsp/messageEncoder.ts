/**
 * The JSON encoder of the server's messages on a stream (stdio). Diagnostics are most of what the server
 * sends: a 1 MB document has ~1,800 of them, ~0.5 MB of JSON, published again after every keystroke,
 * while an edit changes the few of the chunk it touched (the language service hands back the same
 * `Diagnostic` objects for the rest). So the diagnostics of a `publishDiagnostics` notification or of a
 * full pull report are written from the UTF-8 JSON of each diagnostic, kept per object, and only new
 * objects are serialised; everything else is written as `JSON.stringify` writes it.
 *
 * The first diagnostics of a document are written as one `JSON.stringify` and nothing is kept: most documents of a
 * folder opened at once are published once, and keeping the JSON of each of their diagnostics cost more than it
 * saved. Keeping starts with the document's second publication (its first edit), or with its first when it has
 * `KEEP_FROM_FIRST` diagnostics or more (a long document, opened to be edited: its first edit is then as fast as
 * the next ones instead of serialising every diagnostic again).
 *
 * A publication without a version (a closed document, checked from disk) is written whole too, and nothing is kept:
 * its next check makes new objects. Diagnostics already written as JSON by the worker for closed documents
 * (`EncodedDiagnostics`) are written as they are.
 *
 * **Invariant:** a diagnostic is never changed once sent. The encoder freezes each one it keeps (deeply),
 * so a change would throw where it is made instead of sending stale JSON.
 */
import { format } from 'node:util';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const COMMA = Buffer.from(',');

/** A first publication with this many diagnostics keeps their JSON (a folder's documents have far fewer each). */
export const KEEP_FROM_FIRST = 500;

/**
 * Diagnostics already written as UTF-8 JSON (an array), in place of the array of a `publishDiagnostics`: this
 * encoder writes the bytes as they are; any other writer (`--node-ipc`, `--socket`) serialises what `toJSON` gives.
 */
export class EncodedDiagnostics {
  constructor(readonly json: Uint8Array) {}

  toJSON(): unknown {
    return JSON.parse(Buffer.from(this.json.buffer, this.json.byteOffset, this.json.byteLength).toString('utf8'));
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** The diagnostics array of a message, when it carries one: a push notification (with its document) or a full pull report. */
function diagnosticsOf(msg: Message): { items: readonly object[]; without: Message; uri?: unknown } | undefined {
  const m = msg as { method?: string; params?: { diagnostics?: unknown; uri?: unknown }; result?: { kind?: unknown; items?: unknown } };
  if (m.method === 'textDocument/publishDiagnostics' && m.params && Array.isArray(m.params.diagnostics)) {
    const { diagnostics, ...params } = m.params;
    return { items: diagnostics, without: { ...msg, params: { ...params, diagnostics: [] } } as Message, uri: params.uri };
  }
  if (m.result && m.result.kind === 'full' && Array.isArray(m.result.items) && !('error' in m)) {
    const { items, ...result } = m.result;
    return { items, without: { ...msg, result: { ...result, items: [] } } as Message };
  }
  return undefined;
}

/** A `publishDiagnostics` whose diagnostics are `EncodedDiagnostics`, written with their JSON spliced in. */
function encodedOf(msg: Message): Buffer | undefined {
  const m = msg as { method?: string; params?: { diagnostics?: unknown } };
  if (m.method !== 'textDocument/publishDiagnostics' || !(m.params?.diagnostics instanceof EncodedDiagnostics)) return undefined;
  const { diagnostics, ...params } = m.params;
  // The array last, empty: the message ends with `[]}}` and the JSON goes in its place (else `toJSON` serves).
  const outer = JSON.stringify({ ...msg, params: { ...params, diagnostics: [] } });
  if (!outer.endsWith('[]}}')) return undefined;
  return Buffer.concat([Buffer.from(outer.slice(0, -4), 'utf8'), diagnostics.json, Buffer.from(outer.slice(-2), 'utf8')]);
}

export function createMessageEncoder(): ContentTypeEncoder {
  const kept = new WeakMap<object, Buffer>();
  /** Documents whose diagnostics have been published before. */
  const published = new Set<string>();
  const jsonOf = (d: object): Buffer => {
    let b = kept.get(d);
    if (!b) {
      b = Buffer.from(JSON.stringify(d), 'utf8');
      deepFreeze(d);
      kept.set(d, b);
    }
    return b;
  };
  return {
    name: 'application/json',
    encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
      try {
        const encoded = options.charset === 'utf-8' ? encodedOf(msg) : undefined;
        if (encoded) return Promise.resolve(encoded);
        const found = options.charset === 'utf-8' ? diagnosticsOf(msg) : undefined;
        // A document's first publication, or one without a version (a closed document): written whole, nothing kept.
        const unversioned = found?.uri !== undefined && (msg as { params?: { version?: unknown } }).params?.version === undefined;
        const isFirst = !unversioned && typeof found?.uri === 'string' && !published.has(found.uri);
        if (isFirst) published.add(found!.uri as string);
        const first = unversioned || (isFirst && found!.items.length < KEEP_FROM_FIRST);
        // The message with an empty array last ends with `[]}}`: the items go between the brackets.
        const outer = found && !first && found.items.every((d) => d !== null && typeof d === 'object') ? JSON.stringify(found.without) : undefined;
        if (!found || !outer?.endsWith('[]}}')) return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
        const parts: Buffer[] = [Buffer.from(outer.slice(0, -3), 'utf8')];
        found.items.forEach((d, i) => {
          if (i) parts.push(COMMA);
          parts.push(jsonOf(d));
        });
        parts.push(Buffer.from(outer.slice(-3), 'utf8'));
        return Promise.resolve(Buffer.concat(parts));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

/** Console output of a stdio server, sent to the client's log instead of stdout (which carries the protocol). */
export function routeConsole(connection: { console: { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void } }): void {
  const text = (args: unknown[]) => format(...args);
  console.log = (...a: unknown[]) => connection.console.log(text(a));
  console.debug = (...a: unknown[]) => connection.console.log(text(a));
  console.info = (...a: unknown[]) => connection.console.info(text(a));
  console.warn = (...a: unknown[]) => connection.console.warn(text(a));
  console.error = (...a: unknown[]) => connection.console.error(text(a));
}
