/**
 * Entry point of `customs-concepts-language-server`: `--stdio`, `--node-ipc`
 * or `--socket=N` (read by vscode-languageserver from the arguments).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

declare const __VERSION__: string | undefined;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev'}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stdout.write('Usage: customs-concepts-language-server --stdio | --node-ipc | --socket=PORT\n\nThe Customs Concepts language server (Language Server Protocol).\n');
  if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
