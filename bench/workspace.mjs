// The server's cold workspace alone (the `workspace` stage of run.mjs without the CLI): spawn → initialize →
// didOpen of every concept document of a folder → the last publishDiagnostics of version 1, with peak RSS.
// For profiling and for before/after comparisons of builds:
//   node bench/workspace.mjs [--dir=bench/out/workspace] [--root=.] [--runs=1] [--cpu-prof=DIR] [--configuration]
// --root: the checkout whose bin/ and dist/ run (another build, for a comparison in one sitting);
// --cpu-prof: the server runs with `node --cpu-prof`, and the profile is summarised (bench/lib/profile.mjs);
// --configuration: the client answers workspace/configuration (as VS Code does) instead of sending settings once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lib/lsp.mjs';
import { summariseProfile } from './lib/profile.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const option = (name, fallback) => {
  const a = process.argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  return a === undefined ? fallback : a.includes('=') ? a.slice(a.indexOf('=') + 1) : true;
};
const dir = path.resolve(option('dir', path.join(HERE, 'out', 'workspace')));
const root = path.resolve(option('root', path.join(HERE, '..')));
const runs = Number(option('runs', '1'));
const profDir = option('cpu-prof', undefined);
const configuration = option('configuration', false) === true;

function conceptFiles(d, out = []) {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const f = path.join(d, e.name);
    if (e.isDirectory()) conceptFiles(f, out);
    else if (e.name.endsWith('.concept.md')) out.push(f);
  }
  return out;
}

async function once(docs) {
  const client = new LspClient(root);
  const pending = new Set(docs.map((d) => d.uri));
  let lastT = 0;
  let diagnostics = 0;
  const allDone = new Promise((resolve) => {
    client.onAnyPublish = (p, t) => {
      if (p.version === 1 && pending.delete(p.uri)) {
        lastT = t;
        diagnostics += p.diagnostics.length;
        if (!pending.size) resolve();
      }
    };
  });
  const settings = { diagnostics: { debounceMs: 0 } };
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [];
  const t0 = performance.now();
  await client.start(dir, { settings }, { nodeArgs, configuration });
  client.pollMemory(100);
  for (const d of docs) await client.open(d.uri, d.text, 1);
  await allDone;
  const mem = client.memory();
  await client.stop();
  return { allDiagnosedMs: +(lastT - t0).toFixed(0), peakRssMB: +mem.peakRssMB.toFixed(0), diagnostics };
}

const docs = conceptFiles(dir).map((f) => ({ uri: pathToFileURL(f).href, text: fs.readFileSync(f, 'utf8') }));
for (let i = 0; i < runs; i++) {
  const r = await once(docs);
  console.log(JSON.stringify({ root: path.basename(root), documents: docs.length, ...r, loadavg: os.loadavg().map((x) => +x.toFixed(2)) }));
}
if (profDir) {
  const files = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profDir, f));
  const latest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  const s = summariseProfile(latest, 30);
  console.log(`profile ${latest}: ${s.totalMs} ms`);
  for (const m of s.modules) console.log(`  ${String(m.ms).padStart(8)} ms ${String(m.pct).padStart(5)}%  ${m.name}`);
  console.log('functions:');
  for (const f of s.functions) console.log(`  ${String(f.ms).padStart(8)} ms ${String(f.pct).padStart(5)}%  ${f.name}`);
}
