/**
 * Entry point of `customs-concepts-language-server`: `--stdio`, `--node-ipc`
 * or `--socket=N` (read by vscode-languageserver from the arguments).
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type MessageReader } from 'vscode-languageserver/node';
import { createMessageEncoder, routeConsole } from './lsp/messageEncoder';
import { startServer } from './server';
import { serves } from './node/serverArgs';

declare const __VERSION__: string | undefined;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev'}\n`);
} else if (args.includes('--help') || args.includes('-h') || !serves(args)) {
  process.stdout.write('Usage: customs-concepts-language-server --stdio | --node-ipc | --socket=PORT\n\nThe Customs Concepts language server (Language Server Protocol).\n');
  if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
} else if (args.includes('--stdio')) {
  // Over stdio, messages go through the server's own encoder (diagnostics written from their kept JSON);
  // stdout carries the protocol, so the console goes to the client's log, as the library does for `--stdio`.
  // stdin is given as a stream, so the library reads it and exits when it ends, as with `--stdio`
  // (at run time a stream and a writer mix; the declared overloads take two of a kind).
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: createMessageEncoder() }));
  routeConsole(connection);
  startServer(connection);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
