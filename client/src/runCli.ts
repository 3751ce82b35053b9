/**
 * Runs the bundled CLI (`dist/cli.js`) in a child Node process, as the term
 * import and export commands of the extension do. No VS Code API here, so the
 * tests run it as the extension does.
 */
import { fork } from 'node:child_process';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node cliPath ...args` (in VS Code: its own Node, via fork) and collects its output. */
export function runCli(cliPath: string, args: string[], cwd?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = fork(cliPath, args, { cwd, silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ code: 2, stdout, stderr: stderr + e.message }));
    child.on('close', (code) => resolve({ code: code ?? 2, stdout, stderr }));
  });
}

export const TERM_FORMATS = [
  { id: 'tbx', label: 'TBX-Basic (TBX v3, ISO 30042)', extension: 'tbx' },
  { id: 'skos', label: 'SKOS (Turtle)', extension: 'ttl' },
  { id: 'csv', label: 'CSV (one row per concept)', extension: 'csv' },
] as const;

/** The exchange format of a file, from its extension. */
export function formatOfFile(file: string): (typeof TERM_FORMATS)[number] | undefined {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return TERM_FORMATS.find((f) => f.extension === ext || (f.id === 'tbx' && ext === 'xml'));
}

/** The arguments of `terms export` and `terms import`. */
export const exportArgs = (termBase: string, format: string, out: string) => ['terms', 'export', termBase, '--format', format, '--out', out];
export const importArgs = (file: string, format: string, out: string) => ['terms', 'import', file, '--format', format, '--out', out];
