/**
 * Whether the language server's arguments start a session (a transport or the client's process id is given) rather
 * than ask for the version or the usage: read by the entry point (`main.ts`) and by its start-up (`serverStart.ts`).
 * No import: the start-up bundle holds it.
 */
export function serves(args: readonly string[]): boolean {
  return args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'));
}
