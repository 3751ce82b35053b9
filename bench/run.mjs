#!/usr/bin/env node
// The Customs Concepts benchmark (issue 6): generates deterministic inputs,
// runs our CLI, our language server over LSP, textlint + textlint-rule-terminology
// and a big-RegExp baseline side by side, cross-checks our findings, and writes
// bench/results/latest.{md,json}.
//
//   node bench/run.mjs            full run (10 KB … 10 MB, 1,000-document workspace)
//   node bench/run.mjs --short    quick run for CI (10 KB … 1 MB, ≤ 3 minutes)
// Options: --no-STAGE or --only=STAGE,… with stages cli, engine, breakdown,
//          server, termbase, textlint, regex, crosscheck, workspace, lens, profile
//          --wait-idle=SECONDS (wait up to that long for a quiet machine first)
//          --out=DIR (results folder, default bench/results)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { generateAll, builtinLabels, instrumentTitleCaseNames, isAcronymLabel, LOCAL_TERMS, DOC_SIZES, TERM_SIZES } from './lib/generate.mjs';
import { keyOf, labelTable, referenceScan } from './lib/semantics.mjs';
import { expectedUses, ourUses, compareUses, sameMatches } from './lib/crosscheck.mjs';
import { summary, timeProcess, fmtMs, fmtRatio, percentile } from './lib/stats.mjs';
import { writeTextlintConfig, textlintCommand, textlintCount } from './lib/textlint.mjs';
import { LspClient, lineStarts, positionAt } from './lib/lsp.mjs';
import { loadCore } from './lib/core.mjs';
import { summariseProfile } from './lib/profile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const SHORT = flag('short');
/** Names the catalog writes in Title Case: written so in prose, they name the instrument, not a term (README). */
const INSTRUMENT_NAMES = instrumentTitleCaseNames(ROOT);
const RESULTS = path.resolve(option('out', path.join(ROOT, 'bench', 'results')));

const MODE = SHORT
  ? {
      name: 'short',
      docSizes: DOC_SIZES.filter((d) => d.id !== '10m'),
      cliRuns: { '10k': 3, '100k': 3, '1m': 3 },
      engineRuns: { '10k': 10, '100k': 5, '1m': 3 },
      textlintRuns: { '10k': 1, '100k': 1, '1m': 1 },
      textlintTimeoutS: 60,
      regexRuns: { '10k': 1, '100k': 1, '1m': 1 },
      regexTimeoutS: 10,
      serverTerms: [5000],
      server: { reopen: 3, edits: 30, hover: 30, completion: 30 },
      workspace: false,
    }
  : {
      name: 'full',
      docSizes: DOC_SIZES,
      cliRuns: { '10k': 20, '100k': 15, '1m': 10, '10m': 3 },
      engineRuns: { '10k': 30, '100k': 20, '1m': 10, '10m': 3 },
      textlintRuns: { '10k': 5, '100k': 3, '1m': 3, '10m': 1 },
      textlintTimeoutS: 600,
      regexRuns: { '10k': 5, '100k': 3, '1m': 1 },
      regexTimeoutS: 300,
      serverTerms: [500, 5000],
      server: { reopen: 10, edits: 200, hover: 200, completion: 200 },
      workspace: true,
    };
if (flag('no-workspace')) MODE.workspace = false;
const WORKSPACE_CAP_S = Number(option('workspace-cap', '600'));

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const started = performance.now();

// ---------------------------------------------------------------------------
// Machine.

function machine() {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    cpu = os.cpus()[0]?.model ?? 'unknown';
  }
  const ver = (pkg) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit,
    textlint: ver('textlint'),
    textlintRuleTerminology: ver('textlint-rule-terminology'),
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

async function waitIdle(maxSeconds) {
  const until = Date.now() + maxSeconds * 1000;
  while (os.loadavg()[0] > 1.0 && Date.now() < until) {
    log(`waiting for a quiet machine (load ${os.loadavg()[0].toFixed(2)})`);
    await new Promise((r) => setTimeout(r, 10000));
  }
}

// ---------------------------------------------------------------------------
// Helpers.

const HAS_TIME = fs.existsSync('/usr/bin/time');
const HAS_TIMEOUT = fs.existsSync('/usr/bin/timeout');
/** Clock ticks per second of the processor times in `/proc/PID/stat`. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Whole-process timing, with peak RSS from /usr/bin/time when it is there. */
function timeCommand(command, opts) {
  let { cmd, args } = command;
  const rssFile = path.join(OUT, 'time-rss.txt');
  if (HAS_TIME) {
    args = ['-f', '%M', '-o', rssFile, cmd, ...args];
    cmd = '/usr/bin/time';
  }
  // coreutils `timeout` kills the whole process group on time-out, so no
  // grandchild (the node process under /usr/bin/time) outlives the cap.
  let wrapped = false;
  if (opts?.timeoutMs && HAS_TIMEOUT) {
    args = ['--signal=KILL', `${Math.ceil(opts.timeoutMs / 1000)}s`, cmd, ...args];
    cmd = '/usr/bin/timeout';
    wrapped = true;
  }
  fs.rmSync(rssFile, { force: true });
  const r = timeProcess({ ...command, cmd, args }, wrapped ? { ...opts, timeoutMs: opts.timeoutMs + 30000 } : opts);
  if (wrapped && (r.status === 124 || r.status === 137)) r.timedOut = true;
  let peakRssMB;
  let crashed = r.crashed;
  if (HAS_TIME) {
    try {
      const report = fs.readFileSync(rssFile, 'utf8').trim();
      const last = report.split('\n').pop();
      peakRssMB = /^\d+$/.test(last) ? +(Number(last) / 1024).toFixed(1) : undefined;
      const sig = /terminated by signal (\d+)/.exec(report);
      if (sig) crashed ??= `signal ${sig[1]}`;
    } catch {
      peakRssMB = undefined;
    }
  }
  return { ...r, peakRssMB, crashed };
}

function cliCommand(file, cwd) {
  // Every use, not only the first of each term: the cross-check compares them all, and the timing measures the whole scan.
  return { cmd: process.execPath, args: [path.join(ROOT, 'bin', 'customs-concepts.js'), 'check', file, '--format', 'json', '--implicit-uses', 'all'], cwd };
}

/** How long the server rows waited for the edit warm-up before typing. */
function srvIdle(results) {
  const rows = (results.server ?? []).filter((s) => s.idleBeforeTypingMs !== undefined);
  if (!rows.length) return 'not measured';
  return rows.map((s) => `${s.shape ?? 'project'} t${s.terms}: ${s.warmUp ? fmtMs(s.idleBeforeTypingMs) + ' after the last reopen' : 'no warm-up within 20 s'}`).join('; ');
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function termsOf(dir) {
  const y = parseYaml(fs.readFileSync(path.join(dir, 'bench.terms.yaml'), 'utf8'));
  return y.terms.map((t) => ({ term: t.term, variants: t.variants ?? [], deprecated: t.deprecated ?? [] }));
}

function caseDir(n) {
  return path.join(OUT, `t${n}`);
}

// ---------------------------------------------------------------------------
// Runners.

function runCli(results) {
  for (const n of TERM_SIZES) {
    for (const size of MODE.docSizes) {
      const dir = caseDir(n);
      const file = path.join(dir, `glossary-${size.id}.concept.md`);
      const outFile = path.join(OUT, `cli-t${n}-${size.id}.json`);
      const runs = MODE.cliRuns[size.id];
      log(`CLI t${n}/${size.id} ×${runs}`);
      const warmup = size.id === '10k' || (!SHORT && size.id !== '10m') ? 1 : 0;
      const r = timeCommand(cliCommand(file, dir), { runs, warmup, outFile });
      if (r.crashed) throw new Error(`CLI crashed (${r.crashed}) on t${n}/${size.id}: ${r.stderr.slice(-400)}`);
      results.cli.push({ terms: n, size: size.id, bytes: fs.statSync(file).size, ...summary(r.times), peakRssMB: r.peakRssMB, exit: r.status, times: r.times.map((t) => +t.toFixed(1)) });
    }
  }
}

function runTextlint(results) {
  const builtin = builtinLabels(ROOT);
  for (const n of TERM_SIZES) {
    const dir = caseDir(n);
    const config = writeTextlintConfig(dir, termsOf(dir), builtin);
    let skipRest = false;
    for (const size of MODE.docSizes) {
      const file = path.join(dir, `glossary-${size.id}.concept.md`);
      const runs = MODE.textlintRuns[size.id];
      if (skipRest) {
        results.textlint.push({ terms: n, size: size.id, skipped: true, timedOut: true, capS: MODE.textlintTimeoutS });
        continue;
      }
      log(`textlint t${n}/${size.id} ×${runs}`);
      const outFile = path.join(OUT, `textlint-t${n}-${size.id}.json`);
      const r = timeCommand(textlintCommand(ROOT, config, file, outFile), { runs, warmup: size.id === '10k' ? 1 : 0, outFile: '/dev/null', timeoutMs: MODE.textlintTimeoutS * 1000 });
      if (r.timedOut || r.crashed) skipRest = true;
      results.textlint.push({ terms: n, size: size.id, ...summary(r.timedOut || r.crashed ? [] : r.times), timedOut: r.timedOut || !!r.crashed, crashed: r.crashed, capS: MODE.textlintTimeoutS, peakRssMB: r.peakRssMB, messages: r.timedOut ? undefined : textlintCount(outFile) });
    }
  }
}

function runRegex(results) {
  for (const n of TERM_SIZES) {
    let skipRest = false;
    for (const size of MODE.docSizes) {
      const reps = MODE.regexRuns[size.id];
      if (!reps) continue;
      const entry = { terms: n, size: size.id, capS: MODE.regexTimeoutS };
      if (skipRest) {
        results.regex.push({ ...entry, skipped: true, timedOut: true });
        continue;
      }
      log(`RegExp t${n}/${size.id} ×${reps} (cap ${MODE.regexTimeoutS} s)`);
      const job = path.join(OUT, 'regex-job.json');
      const outFile = path.join(OUT, `regex-t${n}-${size.id}.json`);
      fs.rmSync(outFile, { force: true });
      fs.writeFileSync(job, JSON.stringify({ root: ROOT, labelsFile: path.join(caseDir(n), 'labels.json'), textFile: path.join(caseDir(n), `${size.id}.mask.txt`), reps, outFile }));
      const t = performance.now();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'lib', 'regex-child.mjs'), job], { timeout: MODE.regexTimeoutS * 1000, stdio: ['ignore', 'ignore', 'pipe'] });
      const wallMs = performance.now() - t;
      let out;
      try {
        out = readJson(outFile);
      } catch {
        out = undefined;
      }
      // Cut off by the cap after at least one full scan: keep the scans that finished.
      const timedOut = !out?.matches;
      const cutShort = !timedOut && (!!r.error || !!r.signal);
      if (timedOut || cutShort) skipRest = true;
      results.regex.push({
        ...entry,
        timedOut,
        cutShort,
        wallMs: +wallMs.toFixed(0),
        buildMs: out ? +out.buildMs.toFixed(1) : undefined,
        compileMs: out ? +out.compileMs.toFixed(1) : undefined,
        sourceChars: out?.sourceChars,
        ...summary(out?.scanMs ?? []),
        // Relative to the project: the results are committed, and name no folder of the machine that made them.
        matchesFile: out?.matches ? path.relative(ROOT, outFile) : undefined,
        stderr: r.status ? String(r.stderr).slice(0, 500) : undefined,
      });
    }
  }
}

/**
 * The workspace's `read` as the server has it (workspaceIndex.ts): a closed file is read again only when its size or
 * time of change differ from the last read. Reading and decoding the 1 MB term base again for every check is not
 * what a running server does (it took 1–2 ms of each in-process check until this was changed).
 */
function readsAsTheServer(core, roots) {
  const cache = new Map();
  return (uri) => {
    let stamp;
    try {
      const st = fs.statSync(fileURLToPath(uri));
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      /* read below, which says why */
    }
    const known = cache.get(uri);
    if (known && known.version === stamp) return known;
    const r = core.readFileUri(uri, roots);
    if ('text' in r) cache.set(uri, r);
    return r;
  };
}

/** In-process: the language service core, warm (the "server already running" numbers without the protocol). */
async function runEngine(results, core) {
  const builtin = core.loadBuiltinData(path.join(ROOT, 'server', 'data'));
  for (const n of TERM_SIZES) {
    const dir = caseDir(n);
    const tbUri = core.URI.file(path.join(dir, 'bench.terms.yaml')).toString();
    const svc = core.createLanguageService({ builtin, workspace: { read: readsAsTheServer(core, [dir]), termBaseUris: () => [tbUri] } });
    for (const size of MODE.docSizes) {
      const file = path.join(dir, `glossary-${size.id}.concept.md`);
      const text = fs.readFileSync(file, 'utf8');
      const uri = core.URI.file(file).toString();
      const runs = MODE.engineRuns[size.id];
      log(`engine (in-process) t${n}/${size.id} ×${runs}`);
      let v = 1;
      let t = performance.now();
      svc.computeDiagnostics(core.TextDocument.create(uri, 'markdown', v++, text));
      const first = performance.now() - t;
      // Open: the document is new to the service (its caches dropped, as on
      // close), the term base is already loaded: a full check in a running server.
      const open = [];
      for (let i = 0; i < runs; i++) {
        svc.invalidate(uri);
        const doc = core.TextDocument.create(uri, 'markdown', v++, text);
        t = performance.now();
        svc.computeDiagnostics(doc);
        open.push(performance.now() - t);
      }
      // Re-check: same document, new version, same text (whatever the service caches per document is reused).
      const recheck = [];
      for (let i = 0; i < runs; i++) {
        const doc = core.TextDocument.create(uri, 'markdown', v++, text);
        t = performance.now();
        svc.computeDiagnostics(doc);
        recheck.push(performance.now() - t);
      }
      results.engine.push({ terms: n, size: size.id, firstMs: +first.toFixed(1), ...summary(open), recheck: summary(recheck) });
      svc.invalidate(uri);
    }
  }
}

/** In-process breakdown of one check (5,000 terms, 1 MB). */
function runBreakdown(results, core) {
  const n = 5000;
  const dir = caseDir(n);
  const file = path.join(dir, 'glossary-1m.concept.md');
  const tbFile = path.join(dir, 'bench.terms.yaml');
  const tbUri = core.URI.file(tbFile).toString();
  const uri = core.URI.file(file).toString();
  const rep = (k, fn) => {
    const times = [];
    let value;
    for (let i = 0; i < k; i++) {
      const t = performance.now();
      value = fn();
      times.push(performance.now() - t);
    }
    return { first: +times[0].toFixed(1), ...summary(times.slice(1).length ? times.slice(1) : times), value };
  };
  const out = {};
  out.readDocument = rep(5, () => core.readFileUri(uri, [dir]));
  out.readTermBase = rep(5, () => core.readFileUri(tbUri, [dir]));
  const tbText = out.readTermBase.value.text;
  out.parseTermBase = rep(5, () => core.parseTermBase(tbUri, tbText));
  const base = out.parseTermBase.value;
  const builtin = core.loadBuiltinData(path.join(ROOT, 'server', 'data'));
  const builtinBase = core.parseTermBase(builtin.termBase.uri, builtin.termBase.text, 'builtin');
  out.buildMatcher = rep(5, () => {
    const m = new core.TermMatcher();
    for (const b of [base, builtinBase]) for (const e of b.entries) for (const l of core.entryLabels(e)) m.add(l.label, l);
    return m;
  });
  const matcher = out.buildMatcher.value;
  const text = out.readDocument.value.text;
  out.parseDocument = rep(5, () => core.parseConceptDocument(uri, text));
  out.scanWholeText = rep(5, () => matcher.scan(text).length);
  out.scanProseRegions = rep(5, () => {
    const doc = out.parseDocument.value;
    let k = 0;
    for (const r of doc.markdown.regions) k += matcher.scan(text, r.start, r.end, doc.markdown.exclusions).length;
    return k;
  });
  const svc = core.createLanguageService({ builtin, workspace: { read: readsAsTheServer(core, [dir]), termBaseUris: () => [tbUri] } });
  let v = 1;
  out.computeDiagnosticsCold = rep(1, () => svc.computeDiagnostics(core.TextDocument.create(uri, 'markdown', v++, text)).length);
  out.computeDiagnosticsWarm = rep(6, () => svc.computeDiagnostics(core.TextDocument.create(uri, 'markdown', v++, text)).length);
  // One-character edits applied in-process (what the server does per keystroke, minus the protocol): its document
  // sync (the text in blocks, the edit noted on the service).
  const sync = core.syncedTextDocuments((d, hint) => svc.noteEdit(d, hint));
  let doc = sync.create(uri, 'markdown', v++, text);
  const line = Math.floor(doc.lineCount / 2);
  out.editThenDiagnostics = rep(10, () => {
    doc = sync.update(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }], v++);
    return svc.computeDiagnostics(doc).length;
  });
  out.hover = rep(10, () => svc.getHover(doc, { line, character: 5 }));
  for (const k of Object.keys(out)) {
    delete out[k].value;
    for (const f of ['median', 'p99', 'min', 'max']) out[k][f] = +out[k][f].toFixed(2);
  }
  results.breakdown = { terms: n, size: '1m', parts: out };
}

/** Keystroke `i` of the typing the server stages time: one character of a phrase, typed in `line` from column 10 on. */
const TYPED = ' and customs declaration ';
function keystroke(line, i) {
  const pos = { line, character: 10 + i };
  return [{ range: { start: pos, end: pos }, text: TYPED[i % TYPED.length] }];
}

/** The server's edit warm-up after opening (its log line), or undefined after 20 s. */
function warmedUpOrLate(within, warmedUp) {
  return within(Promise.race([warmedUp, new Promise((resolve) => setTimeout(() => resolve(undefined), 20000))]), 'edit warm-up', 30000);
}

function proseLineNear(text, starts, fromLine) {
  for (let l = fromLine; l < starts.length - 1; l++) {
    const s = text.slice(starts[l], starts[l + 1] - 1);
    if (/^[A-Z][a-z]+ [a-z]/.test(s) && s.length > 40) return l;
  }
  return fromLine;
}

/** Waits on a promise of the server `client` speaks to, at most `ms`, failing at once if the server exits. */
function bounded(client) {
  return (p, what, ms = 120000) => {
    let timer;
    return Promise.race([
      p,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms))),
      client.exited.then(() => Promise.reject(new Error(`${what}: the server exited. ${client.stderr.slice(-400)}`))),
    ]).finally(() => clearTimeout(timer));
  };
}

async function runServer(results, manifest) {
  // The project's shape for each term-base size, then the second shape (many sections, dense uses, unknown ids).
  const cases = [...MODE.serverTerms.map((n) => ({ n, shape: 'project', from: caseDir(n) })), ...(manifest.sectionsDir ? [{ n: 5000, shape: 'sections', from: manifest.sectionsDir }] : [])];
  for (const { n, shape, from } of cases) {
    // A workspace folder of its own: the term base and the 1 MB document only
    // (the server indexes every concept document under its folders).
    const dir = path.join(OUT, shape === 'project' ? `server-t${n}` : `server-${shape}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['bench.terms.yaml', 'glossary-1m.concept.md', '1m.mask.txt', '1m.meta.json', 'labels.json']) fs.copyFileSync(path.join(from, f), path.join(dir, f));
    const file = path.join(dir, 'glossary-1m.concept.md');
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    const meta = readJson(path.join(dir, '1m.meta.json'));
    const fm = meta.fmLength.glossary;
    const starts = lineStarts(text);
    const entry = { terms: n, size: '1m', shape, ...(meta.counts ? { counts: meta.counts } : {}) };
    log(`server ${shape} t${n}/1m: start, open`);
    const client = new LspClient(ROOT);
    // Every wait is bounded, and fails at once if the server dies.
    const within = bounded(client);
    try {
      const tStart = performance.now();
      await within(client.start(dir, { settings: { diagnostics: { debounceMs: 0 } } }), 'initialize');
      entry.initializeMs = +(performance.now() - tStart).toFixed(1);
      let version = 1;
      let wait = client.diagnosticsFor(uri, version);
      const warmedUp = client.logStartingWith('Edit warm-up:');
      let t = performance.now();
      await client.open(uri, text, version);
      let got = await within(wait, `diagnostics v${version}`);
      entry.firstDiagnosticsMs = +(got.t - t).toFixed(1);
      entry.diagnostics = got.count;
      // Full re-check with everything warm: close and reopen (a new version).
      const reopen = [];
      for (let i = 0; i < MODE.server.reopen; i++) {
        await client.close(uri);
        version++;
        wait = client.diagnosticsFor(uri, version);
        t = performance.now();
        await client.open(uri, text, version);
        got = await within(wait, `diagnostics v${version}`);
        reopen.push(got.t - t);
      }
      entry.fullCheck = summary(reopen);
      // An author reads before typing: typing starts once the server's idle work after opening is done (completion
      // prepared, the edit path warmed up on a copy; the server logs the end of the warm-up), or after 20 s.
      const idleFrom = performance.now();
      entry.warmUp = await warmedUpOrLate(within, warmedUp);
      entry.idleBeforeTypingMs = +(performance.now() - idleFrom).toFixed(1);
      // Typing: single-character incremental changes in a prose line in the middle.
      log(`server ${shape} t${n}/1m: ${MODE.server.edits} edits`);
      const line = proseLineNear(text, starts, Math.floor(starts.length / 2));
      const edits = [];
      const arrivals = [];
      const decodes = [];
      for (let i = 0; i < MODE.server.edits; i++) {
        version++;
        wait = client.diagnosticsFor(uri, version);
        t = performance.now();
        await client.change(uri, version, keystroke(line, i));
        const res = await within(wait, `diagnostics after edit v${version}`, 60000);
        edits.push(res.t - t);
        arrivals.push(res.arrived - t);
        decodes.push(res.t - res.arrived);
      }
      entry.edit = summary(edits);
      // The same edits split: to the last byte of the publication at this client (the server, and the pipe), then
      // this client's decoding of the message (vscode-jsonrpc and JSON.parse, as in an editor's language client).
      entry.editArrival = summary(arrivals);
      entry.editDecode = summary(decodes);
      // Undo the typing so positions below stay those of the file (one change, not timed).
      version++;
      wait = client.diagnosticsFor(uri, version);
      await client.change(uri, version, [{ range: { start: { line, character: 10 }, end: { line, character: 10 + MODE.server.edits } }, text: '' }]);
      await within(wait, 'diagnostics after undo');
      // Hover over term uses found by the reference scanner; completion after « and @ (`(@`, else a bare ` @`).
      log(`server ${shape} t${n}/1m: hover ×${MODE.server.hover}, completion ×${MODE.server.completion}`);
      const labels = [...JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')), ...builtinLabels(ROOT), ...LOCAL_TERMS];
      const uses = referenceScan(labelTable(labels), fs.readFileSync(path.join(dir, '1m.mask.txt'), 'utf8'));
      const hovers = [];
      let hoverHits = 0;
      for (let i = 0; i < MODE.server.hover; i++) {
        const u = uses[Math.floor((i * uses.length) / MODE.server.hover)];
        const pos = positionAt(starts, u[0] + fm + 1);
        t = performance.now();
        const h = await within(client.hover(uri, pos), 'hover');
        hovers.push(performance.now() - t);
        if (h) hoverHits++;
      }
      entry.hover = { ...summary(hovers), answered: hoverHits };
      const citeOffsets = [];
      for (let i = text.indexOf('(@', fm); i >= 0 && citeOffsets.length < 1000; i = text.indexOf('(@', i + 2)) citeOffsets.push(i + 2);
      // The sections shape cites with a bare ` @id` (no parentheses, no «»): completion right after its `@`.
      if (!citeOffsets.length) for (let i = text.indexOf(' @', fm); i >= 0 && citeOffsets.length < 1000; i = text.indexOf(' @', i + 2)) citeOffsets.push(i + 2);
      const comps = [];
      let items = 0;
      for (let i = 0; i < MODE.server.completion; i++) {
        let offset;
        if (i % 2 === 0 && meta.explicit.length) offset = meta.explicit[Math.floor((i * meta.explicit.length) / MODE.server.completion)][0] + fm;
        else offset = citeOffsets[Math.floor((i * citeOffsets.length) / MODE.server.completion)] ?? fm;
        t = performance.now();
        const c = await within(client.completion(uri, positionAt(starts, offset)), 'completion');
        comps.push(performance.now() - t);
        items += (Array.isArray(c) ? c.length : c?.items?.length) ?? 0;
      }
      entry.completion = { ...summary(comps), meanItems: Math.round(items / Math.max(1, comps.length)) };
      entry.memory = client.memory();
      results.server.push(entry);
    } finally {
      if (client.child.exitCode === null && client.child.signalCode === null) await client.stop();
      else client.conn.dispose();
    }
    if (n === 5000) {
      log(`server ${shape} t${n}/1m: ${MODE.server.edits} edits, diagnostics pulled`);
      entry.pull = await pulledEdits(dir, uri, text, proseLineNear(text, starts, Math.floor(starts.length / 2)));
    }
  }
}

/**
 * The edits of `runServer` with a client that pulls diagnostics (VS Code): after each keystroke it asks for the
 * document's report. Alternately with the id of the last report it kept (the server answers `unchanged` when the
 * diagnostics are those of that report) and without one (always a full report, as from a client that keeps no ids),
 * so both are timed in one session, each to the answer decoded.
 */
async function pulledEdits(dir, uri, text, line) {
  const client = new LspClient(ROOT);
  const within = bounded(client);
  try {
    await within(client.start(dir, { settings: { diagnostics: { debounceMs: 0 } } }, { pull: true }), 'initialize');
    const warmedUp = client.logStartingWith('Edit warm-up:');
    const pull = (previousResultId) => within(client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }), 'pulled diagnostics', 60000);
    let version = 1;
    await client.open(uri, text, version);
    let last = await pull(undefined);
    const fullBytes = Buffer.byteLength(JSON.stringify(last));
    await warmedUpOrLate(within, warmedUp);
    const withId = [];
    const withoutId = [];
    let unchanged = 0;
    for (let i = 0; i < MODE.server.edits; i++) {
      version++;
      await client.change(uri, version, keystroke(line, i));
      const keep = i % 2 === 0;
      const t = performance.now();
      const r = await pull(keep ? last.resultId : undefined);
      (keep ? withId : withoutId).push(performance.now() - t);
      if (r.kind === 'unchanged') unchanged++;
      else last = r;
    }
    return { withId: summary(withId), withoutId: summary(withoutId), unchanged, asked: withId.length, fullBytes };
  } finally {
    if (client.child.exitCode === null && client.child.signalCode === null) await client.stop();
    else client.conn.dispose();
  }
}

/**
 * Typing in an open term base (5,000 terms, 1 MB) while a 100 KB document importing it is open, in a folder that
 * also holds closed concept documents (1 MB each; in the full run a 10 MB one too): each keystroke to the term
 * base's diagnostics and the open document's re-published ones, whichever comes last. The author pauses 400 ms
 * between keystrokes: longer than the server's pause after openings (300 ms), shorter than its pause after edits
 * (1.5 s) before closed documents are checked again; the check of the closed documents that follows the openings
 * still runs while the first keystrokes are typed. Side by side,
 * alternating: closed documents checked in the server's worker thread (the default) and on the server's own thread
 * (`CUSTOMS_CONCEPTS_FAULT=closed-worker` makes the worker fail at start, so the server falls back to its thread).
 */
async function runTermBaseTyping(results) {
  const from = caseDir(5000);
  const dir = path.join(OUT, 'termbase-typing');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const closed = ['glossary-1m.concept.md', 'known-1m.concept.md', ...(SHORT ? [] : ['glossary-10m.concept.md'])];
  for (const f of ['bench.terms.yaml', 'glossary-100k.concept.md', ...closed]) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  const closedBytes = closed.reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
  const tbUri = pathToFileURL(path.join(dir, 'bench.terms.yaml')).href;
  const docUri = pathToFileURL(path.join(dir, 'glossary-100k.concept.md')).href;
  const tbText = fs.readFileSync(path.join(dir, 'bench.terms.yaml'), 'utf8');
  const tbLines = tbText.split('\n');
  // A line of a definition in the middle of the term base (folded scalars: the line after `definition: >-`).
  const line = tbLines.findIndex((l, i) => i > tbLines.length / 2 && /definition: >-/.test(l)) + 1;
  const keystrokes = SHORT ? 10 : 20;
  const rounds = SHORT ? 1 : 2;
  const out = { closedDocuments: closed.length, closedBytes, keystrokes, pauseMs: 400, modes: {} };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['worker', 'thread']) {
      log(`term base typing: closed documents in the ${mode === 'worker' ? 'worker' : "server's thread"}, round ${round + 1}`);
      const client = new LspClient(ROOT);
      const saved = process.env.CUSTOMS_CONCEPTS_FAULT;
      if (mode === 'thread') process.env.CUSTOMS_CONCEPTS_FAULT = 'closed-worker';
      const within = bounded(client);
      try {
        await within(client.start(dir, { settings: { diagnostics: { debounceMs: 0 } } }), 'initialize');
        if (saved === undefined) delete process.env.CUSTOMS_CONCEPTS_FAULT;
        else process.env.CUSTOMS_CONCEPTS_FAULT = saved;
        let wait = client.diagnosticsFor(tbUri, 1);
        await client.open(tbUri, tbText, 1);
        await within(wait, 'term base diagnostics');
        wait = client.diagnosticsFor(docUri, 1);
        await client.open(docUri, fs.readFileSync(path.join(dir, 'glossary-100k.concept.md'), 'utf8'), 1);
        await within(wait, 'document diagnostics');
        await new Promise((r) => setTimeout(r, 1000));
        const times = out.modes[mode]?.times ?? [];
        for (let i = 0; i < keystrokes; i++) {
          const v = i + 2;
          const tb = client.diagnosticsFor(tbUri, v);
          const doc = client.diagnosticsFor(docUri, 1);
          const t = performance.now();
          const pos = { line, character: 12 + i };
          await client.change(tbUri, v, [{ range: { start: pos, end: pos }, text: 'x' }]);
          const [a, b] = await within(Promise.all([tb, doc]), `keystroke ${i + 1}`);
          times.push(Math.max(a.t, b.t) - t);
          await new Promise((r) => setTimeout(r, 400));
        }
        out.modes[mode] = { times, peakRssMB: Math.max(out.modes[mode]?.peakRssMB ?? 0, client.memory().peakRssMB ?? 0) };
      } finally {
        if (mode === 'thread') {
          if (saved === undefined) delete process.env.CUSTOMS_CONCEPTS_FAULT;
          else process.env.CUSTOMS_CONCEPTS_FAULT = saved;
        }
        if (client.child.exitCode === null && client.child.signalCode === null) await client.stop();
        else client.conn.dispose();
      }
    }
  }
  for (const m of Object.values(out.modes)) Object.assign(m, summary(m.times), { times: m.times.map((x) => +x.toFixed(1)) });
  results.termBaseTyping = out;
}

/**
 * Code lens on a term base in a large workspace (issue 17): the benchmark's 1,000-document workspace and its 5,000-term
 * base, the client pulling diagnostics and able to refresh its lenses, as VS Code is. The term base's lenses are asked
 * for, then the first 50 resolved (what an editor shows): in a new session (the closed documents' uses not known yet:
 * they are analysed), again (known), and after one character typed into the term base (answered from the stale uses at
 * once), then the time until the server asks the client to refresh (the closed documents looked at again in its
 * worker) and a resolve after it.
 */
async function runLens(results, manifest) {
  const dir = manifest.workspaceDir;
  const tbUri = pathToFileURL(path.join(dir, 'bench.terms.yaml')).href;
  const tbText = fs.readFileSync(path.join(dir, 'bench.terms.yaml'), 'utf8');
  const client = new LspClient(ROOT);
  const within = bounded(client);
  const refreshes = [];
  const out = {};
  try {
    await within(client.start(dir, { settings: { diagnostics: { debounceMs: 0 } } }, { pull: true }), 'initialize');
    client.conn.onRequest('workspace/codeLens/refresh', () => (refreshes.push(performance.now()), null));
    client.pollMemory(100);
    await client.open(tbUri, tbText, 1);
    const visible = async (what) => {
      let t = performance.now();
      const lenses = await within(client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: tbUri } }), `${what}: code lens`, 600000);
      const lensMs = performance.now() - t;
      t = performance.now();
      const resolved = await within(Promise.all(lenses.slice(0, 50).map((l) => (l.command ? l : client.conn.sendRequest('codeLens/resolve', l)))), `${what}: resolve`, 600000);
      const counted = resolved.reduce((n, l) => n + (Array.isArray(l.command?.arguments?.[2]) ? l.command.arguments[2].length : 0), 0);
      return { lensMs: +lensMs.toFixed(1), lenses: lenses.length, lensBytes: JSON.stringify(lenses).length, resolveMs: +(performance.now() - t).toFixed(1), resolved: resolved.length, uses: counted };
    };
    log('code lens: a new session');
    out.first = await visible('first');
    out.known = await visible('known');
    const lines = tbText.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /definition: >-/.test(l)) + 1;
    const edited = performance.now();
    refreshes.length = 0;
    await client.change(tbUri, 2, [{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: 'x' }]);
    log('code lens: after an edit of the term base');
    out.afterEdit = await visible('after an edit');
    // Every edit of a term base asks for a refresh at once; the one that counts comes once the closed documents are looked at again.
    const since = performance.now();
    while (!refreshes.some((t) => t > since)) {
      if (performance.now() - since > 600000) throw new Error('no code lens refresh within 600 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    out.refreshAfterEditMs = +(refreshes.find((t) => t > since) - edited).toFixed(0);
    out.refreshed = await visible('refreshed');
    out.peakRssMB = client.memory().peakRssMB;
    // Typing on: 20 characters 400 ms apart, each followed by the code lens and its resolves, as VS Code asks after a
    // change; the server's processor time (both threads) and peak memory while typing, then until it is idle again.
    log('code lens: typing 20 characters');
    const cpuMs = () => {
      try {
        const f = fs.readFileSync(`/proc/${client.child.pid}/stat`, 'utf8');
        const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
        return ((+fields[11] + +fields[12]) * 1000) / CLOCK_TICKS;
      } catch {
        return NaN;
      }
    };
    const typing = { keystrokes: 20, pauseMs: 400, lensTimes: [] };
    typing.peakRssBeforeMB = client.memory().peakRssMB;
    const cpu0 = cpuMs();
    for (let i = 0; i < typing.keystrokes; i++) {
      const character = 13 + i;
      await client.change(tbUri, 3 + i, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      const t = performance.now();
      await visible(`typing ${i + 1}`);
      typing.lensTimes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, typing.pauseMs));
    }
    typing.cpuWhileTypingMs = cpuMs() - cpu0;
    typing.peakRssWhileTypingMB = client.memory().peakRssMB;
    // Until the uses are known again: the refresh the server asks for once the typing has paused and the worker has looked.
    const typed = performance.now();
    while (!refreshes.some((t) => t > typed)) {
      if (performance.now() - typed > 600000) throw new Error('no code lens refresh within 600 s of typing');
      await new Promise((r) => setTimeout(r, 20));
    }
    typing.refreshAfterTypingMs = +(refreshes.find((t) => t > typed) - typed).toFixed(0);
    typing.cpuUntilRefreshMs = cpuMs() - cpu0;
    Object.assign(typing, summary(typing.lensTimes), { lensTimes: typing.lensTimes.map((x) => +x.toFixed(1)) });
    out.typing = typing;
    out.peakRssMB = client.memory().peakRssMB;
  } finally {
    if (client.child.exitCode === null && client.child.signalCode === null) await client.stop();
    else client.conn.dispose();
  }
  results.lens = out;
}

/**
 * A new server on the workspace folder, timed from its spawn to the diagnostics of every document of `docs`: with
 * `open`, each is opened (`didOpen`) and its version 1 awaited; without, none is opened and the background check's
 * publications (no version) are awaited, as an editor that is pushed diagnostics (Neovim, Emacs) gets them.
 */
async function serverUntilDiagnosed(dir, docs, { open, capMs }) {
  const client = new LspClient(ROOT);
  const pending = new Set(docs.map((d) => d.uri));
  let lastT = 0;
  let firstT;
  const allDone = new Promise((resolve) => {
    client.onAnyPublish = (p, t) => {
      if (p.version === (open ? 1 : undefined) && pending.delete(p.uri)) {
        firstT ??= t;
        lastT = t;
        if (!pending.size) resolve();
      }
    };
  });
  const t0 = performance.now();
  await client.start(dir, { settings: { diagnostics: { debounceMs: 0 } } });
  client.pollMemory();
  const tInit = performance.now();
  if (open) for (const d of docs) await client.open(d.uri, d.text, 1);
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), capMs)));
  const outcome = await Promise.race([allDone.then(() => 'done'), timeout, client.exited.then(() => 'exited')]);
  clearTimeout(timer);
  const mem = outcome === 'done' ? client.memory() : client.lastMemory;
  const out = {
    outcome,
    timedOut: outcome === 'timeout',
    crashed: outcome === 'exited' ? (/heap out of memory/i.test(client.stderr) ? 'out of memory' : 'exited') : undefined,
    capS: capMs / 1000,
    initializeMs: +(tInit - t0).toFixed(1),
    firstDiagnosticsMs: firstT ? +(firstT - t0).toFixed(1) : undefined,
    allDiagnosedMs: +(lastT - t0).toFixed(1),
    endedMs: +(performance.now() - t0).toFixed(1),
    diagnosed: docs.length - pending.size,
    ...mem,
    stderrTail: outcome === 'done' ? undefined : client.stderr.slice(-600),
  };
  if (outcome === 'exited') client.conn.dispose();
  else await client.stop();
  return out;
}

async function runWorkspace(results, manifest) {
  const dir = manifest.workspaceDir;
  const files = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.concept.md')) files.push(f);
    }
  })(dir);
  const docs = files.map((f) => ({ uri: pathToFileURL(f).href, text: fs.readFileSync(f, 'utf8') }));
  const ws = { documents: docs.length, bytes: docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) };
  const capMs = WORKSPACE_CAP_S * 1000;
  log(`workspace: server cold start on ${docs.length} documents`);
  ws.server = await serverUntilDiagnosed(dir, docs, { open: true, capMs });
  log(`workspace: server ${ws.server.outcome} after ${fmtMs(ws.server.endedMs)} (${ws.server.diagnosed} diagnosed)`);
  log(`workspace: server on the folder, ${docs.length} closed documents`);
  ws.serverClosed = await serverUntilDiagnosed(dir, docs, { open: false, capMs });
  log(`workspace: server on the closed folder ${ws.serverClosed.outcome} after ${fmtMs(ws.serverClosed.allDiagnosedMs)} (${ws.serverClosed.diagnosed} diagnosed)`);
  // The CLI's own choice of threads depends on the load average when it starts (see checkPool.ts), which the stages
  // before leave high: the folder is checked with the threads asked for, every processor, then one thread.
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const cliOnFolder = (threads, outFile) => {
    log(`workspace: CLI on the folder, --jobs ${threads}`);
    const plain = cliCommand(dir, dir);
    const r = timeCommand({ ...plain, args: [...plain.args, '--jobs', String(threads)] }, { runs: 1, warmup: 0, outFile: path.join(OUT, outFile), timeoutMs: capMs });
    log(`workspace: CLI ${r.crashed ? 'crashed (' + r.crashed + ')' : r.timedOut ? 'timed out' : 'done'} after ${fmtMs(r.times[0])}`);
    return { ...summary(r.times), threads, timedOut: r.timedOut, crashed: r.crashed, capS: WORKSPACE_CAP_S, peakRssMB: r.peakRssMB, exit: r.status, stderrTail: r.crashed ? r.stderr.slice(-600) : undefined };
  };
  ws.cli = cliOnFolder(cores, 'cli-workspace.json');
  if (cores > 1) {
    ws.cliOneThread = cliOnFolder(1, 'cli-workspace-1.json');
    ws.cliOneThread.sameReport = fs.readFileSync(path.join(OUT, 'cli-workspace-1.json'), 'utf8') === fs.readFileSync(path.join(OUT, 'cli-workspace.json'), 'utf8');
  }
  // `check --cache`: one run fills the cache, the timed runs find nothing changed.
  log('workspace: CLI --cache, filled then re-run ×5');
  const cacheFile = path.join(OUT, 'workspace.cache');
  fs.rmSync(cacheFile, { force: true });
  const plain = cliCommand(dir, dir);
  const cached = { ...plain, args: [...plain.args, '--cache-location', cacheFile] };
  const fill = timeCommand(cached, { runs: 1, warmup: 0, outFile: path.join(OUT, 'cli-workspace-cache-fill.json'), timeoutMs: capMs });
  const rerun = timeCommand(cached, { runs: 5, warmup: 0, outFile: path.join(OUT, 'cli-workspace-cached.json'), timeoutMs: capMs });
  const same = fs.readFileSync(path.join(OUT, 'cli-workspace-cached.json'), 'utf8') === fs.readFileSync(path.join(OUT, 'cli-workspace.json'), 'utf8');
  ws.cliCache = { fillMs: +fill.times[0].toFixed(1), fillPeakRssMB: fill.peakRssMB, ...summary(rerun.times), peakRssMB: rerun.peakRssMB, sameReport: same };
  log(`workspace: CLI --cache re-run median ${fmtMs(ws.cliCache.median)} (report ${same ? 'identical' : 'DIFFERENT'})`);
  results.workspace = ws;
  try {
    ws.v8Pool = v8PoolRuns(dir, cores, capMs);
  } catch (e) {
    log(`workspace: V8 helper threads not measured: ${e instanceof Error ? e.message : e}`);
  }
}

/** `NODE_OPTIONS` that gives V8 one helper thread (README: "On a machine with two cores"). */
const ONE_HELPER = '--v8-pool-size=1';

/**
 * Node starts four V8 helper threads (the collector's and the optimising compiler's) whatever the machine; on two
 * cores they take turns with the threads that check. The CLI as it starts, and with `--v8-pool-size=1` added to
 * `NODE_OPTIONS`, in interleaved pairs (the first of each pair alternating): on the workspace folder (every
 * processor) and on the 1 MB document with 5,000 terms. A run that crashed or timed out is counted, not timed.
 */
function v8PoolRuns(dir, cores, capMs) {
  const big = caseDir(5000);
  const doc = path.join(big, 'glossary-1m.concept.md');
  if (!fs.existsSync(doc)) return undefined;
  const own = process.env.NODE_OPTIONS ?? '';
  const variants = [
    { name: 'default', env: { ...process.env, NODE_OPTIONS: own } },
    { name: 'one helper', env: { ...process.env, NODE_OPTIONS: `${own} ${ONE_HELPER}`.trim() } },
  ];
  const out = { cores, nodeOptions: ONE_HELPER, pairs: 3, folder: {}, doc: {}, failed: 0, sameReport: true };
  for (const v of variants) {
    out.folder[v.name] = { times: [] };
    out.doc[v.name] = { times: [] };
  }
  const ok = (r) => !r.crashed && !r.timedOut && r.status !== null && r.status !== 2;
  // Each set of Node options has a code cache of its own: filled before anything is timed.
  for (const v of variants) timeCommand({ ...cliCommand(doc, big), env: v.env }, { runs: 1, warmup: 1, outFile: '/dev/null', timeoutMs: capMs });
  for (let i = 0; i < out.pairs; i++) {
    for (const v of i % 2 ? [...variants].reverse() : variants) {
      const plain = cliCommand(dir, dir);
      const report = path.join(OUT, `cli-workspace-pool-${v.name === 'default' ? 'default' : 'one'}.json`);
      const r = timeCommand({ ...plain, args: [...plain.args, '--jobs', String(cores)], env: v.env }, { runs: 1, warmup: 0, outFile: report, timeoutMs: capMs });
      if (ok(r)) out.folder[v.name].times.push(r.times[0]);
      else out.failed++;
      out.sameReport &&= ok(r) && fs.readFileSync(report, 'utf8') === fs.readFileSync(path.join(OUT, 'cli-workspace.json'), 'utf8');
      const d = timeCommand({ ...cliCommand(doc, big), env: v.env }, { runs: 3, warmup: 0, outFile: '/dev/null', timeoutMs: capMs });
      if (ok(d)) out.doc[v.name].times.push(...d.times);
      else out.failed++;
    }
    log(`workspace: V8 helper threads, pair ${i + 1}: folder ${variants.map((v) => fmtMs(out.folder[v.name].times.at(-1))).join(' / ')}`);
  }
  for (const part of [out.folder, out.doc]) for (const v of Object.values(part)) Object.assign(v, summary(v.times));
  return out;
}

function runCrossCheck(results) {
  for (const n of TERM_SIZES) {
    const dir = caseDir(n);
    const labels = [...JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')), ...builtinLabels(ROOT), ...LOCAL_TERMS];
    const table = labelTable(labels);
    // Labels written in capitals only match as written (README: "Names written in capitals match only as written").
    const acronyms = new Set(labels.filter((l) => isAcronymLabel(l.label)).map((l) => keyOf(l.label)));
    for (const size of MODE.docSizes) {
      const mask = fs.readFileSync(path.join(dir, `${size.id}.mask.txt`), 'utf8');
      const meta = readJson(path.join(dir, `${size.id}.meta.json`));
      const t = performance.now();
      const ref = referenceScan(table, mask);
      const refMs = performance.now() - t;
      const re = results.regex.find((x) => x.terms === n && x.size === size.id);
      let regexAgrees;
      let baseline = 'reference scanner';
      let matches = ref;
      if (re?.matchesFile) {
        const reMatches = readJson(path.resolve(ROOT, re.matchesFile)).matches;
        regexAgrees = sameMatches(reMatches, ref);
        baseline = 'RegExp';
        matches = reMatches;
      }
      for (const config of ['known', 'glossary']) {
        const file = path.join(dir, `${config}-${size.id}.concept.md`);
        const text = fs.readFileSync(file, 'utf8');
        const body = text.slice(meta.fmLength[config]);
        let ours;
        // The CLI stage's report of this very run, never one left by an earlier run of other code.
        if (config === 'glossary' && results.cli.some((c) => c.terms === n && c.size === size.id) && fs.existsSync(path.join(OUT, `cli-t${n}-${size.id}.json`))) {
          ours = readJson(path.join(OUT, `cli-t${n}-${size.id}.json`));
        } else {
          log(`cross-check: CLI on ${config}-${size.id} (t${n})`);
          const outFile = path.join(OUT, `cli-${config}-t${n}-${size.id}.json`);
          const r = timeProcess(cliCommand(file, dir), { runs: 1, warmup: 0, outFile });
          results.cliKnown.push({ terms: n, size: size.id, config, ms: +r.times[0].toFixed(1) });
          ours = readJson(outFile);
        }
        const cmp = compareUses(ourUses(ours, text), expectedUses(matches, meta, config, table.kinds, body, { acronyms, instrumentNames: INSTRUMENT_NAMES }), text);
        // Say so when our side did not analyse the document at all (size limit…).
        const skippedBy = ours.flatMap((f) => f.diagnostics).find((d) => /too-large|not-analysed/.test(String(d.code)));
        results.crosscheck.push({ terms: n, size: size.id, config, baseline, regexAgreesWithReference: regexAgrees, referenceScanMs: +refMs.toFixed(0), ...cmp, note: skippedBy ? `not analysed by us: ${skippedBy.code}` : undefined });
        if (!cmp.ok) log(`MISMATCH t${n}/${size.id}/${config}: ${cmp.missing} missing, ${cmp.extra} extra, ${cmp.wrongCode} wrong code`);
      }
    }
  }
}

/**
 * Profiles the CLI on 1 MB / 5,000 terms. It runs a bundle of server/src/cli.ts
 * built here like esbuild.mjs's development build (unminified, names kept, with
 * a source map), so the profile names functions and source files even when
 * dist/ holds a minified production build.
 */
async function runProfile(results) {
  const dir = caseDir(5000);
  const build = path.join(OUT, 'prof-build');
  const profDir = path.join(OUT, 'prof');
  fs.rmSync(profDir, { recursive: true, force: true });
  fs.mkdirSync(profDir, { recursive: true });
  fs.mkdirSync(path.join(build, 'dist'), { recursive: true });
  // The CLI finds its built-in data at <bundle dir>/../server/data.
  const link = path.join(build, 'server');
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(ROOT, 'server'), link, 'dir');
  const require = (await import('node:module')).createRequire(path.join(ROOT, 'package.json'));
  const esbuild = require('esbuild');
  const bundle = path.join(build, 'dist', 'cli.js');
  // As esbuild.mjs does: Vega's browser canvas stub (the Node one awaits at top level), playwright-core left out.
  await esbuild.build({ entryPoints: [path.join(ROOT, 'server', 'src', 'cli.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, keepNames: true, outfile: bundle, logLevel: 'error', define: { __VERSION__: '"bench"' }, alias: { 'vega-canvas': path.join(ROOT, 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js') }, external: ['playwright-core'] });
  log('profile: CLI, 1 MB, 5,000 terms');
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200', bundle, 'check', path.join(dir, 'glossary-1m.concept.md'), '--format', 'json'], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  const prof = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (prof) results.profile = { file: path.relative(ROOT, path.join(profDir, prof)), ...summariseProfile(path.join(profDir, prof), 20) };
}

// ---------------------------------------------------------------------------
// Targets and report.

function find(list, n, size) {
  return list.find((x) => x.terms === n && x.size === size);
}

function targets(results) {
  const rows = [];
  const add = (measure, target, stretch, value, ok, okStretch, note = '') => rows.push({ measure, target, stretch, measured: value, met: ok, stretchMet: okStretch, note });
  const eng = find(results.engine, 5000, '1m');
  const srv = results.server.find((s) => s.terms === 5000 && s.shape !== 'sections');
  const sections = results.server.find((s) => s.shape === 'sections');
  const full = srv?.fullCheck.median ?? eng?.median;
  add('full check of a 1 MB document (5,000 terms, warm server)', '≤ 50 ms', '≤ 20 ms', srv ? `${fmtMs(srv.fullCheck.median)} over LSP, didOpen → diagnostics (p99 ${fmtMs(srv.fullCheck.p99)}); ${fmtMs(eng?.median)} in-process (open), ${fmtMs(eng?.recheck?.median)} re-check of unchanged text` : fmtMs(eng?.median), full <= 50, full <= 20);
  if (srv) add('one-character edit in 1 MB → fresh diagnostics', 'p99 ≤ 5 ms', 'median ≤ 1 ms', `median ${fmtMs(srv.edit.median)}, p99 ${fmtMs(srv.edit.p99)}`, srv.edit.p99 <= 5, srv.edit.median <= 1, 'over LSP, debounce 0');
  if (sections) {
    const c = sections.counts;
    add('one-character edit in 1 MB, second shape (sections) → fresh diagnostics', 'p99 ≤ 20 ms', 'p99 ≤ 5 ms', `median ${fmtMs(sections.edit.median)}, p99 ${fmtMs(sections.edit.p99)}; didOpen → diagnostics ${fmtMs(sections.firstDiagnosticsMs)}`, sections.edit.p99 <= 20, sections.edit.p99 <= 5, `issue 17; over LSP, debounce 0${c ? `; ${c.headings} headings, ${c.paragraphs} paragraphs, ${c.unknownCitations} unknown citations (${c.distinctUnknownIds} ids)` : ''}`);
  }
  const ws = results.workspace;
  if (ws) {
    const done = ws.server.outcome === 'done';
    add('cold start, 1,000 × 20 KB workspace, all checked', '≤ 1 s', '≤ 0.5 s', `server ${wsServerCell(ws)}; CLI on the folder ${wsCliCell(ws.cli)}${ws.cliOneThread ? ` (${threadsText(ws.cli.threads)}; ${wsCliCell(ws.cliOneThread)} on one)` : ''}`, done && ws.server.allDiagnosedMs <= 1000, done && ws.server.allDiagnosedMs <= 500, 'server: spawn → initialize → didOpen of all 1,000 → last publishDiagnostics');
    if (ws.cliCache) add('CLI re-run on that workspace, nothing changed (`--cache`)', '≤ 300 ms', '≤ 150 ms', `median ${fmtMs(ws.cliCache.median)}, p99 ${fmtMs(ws.cliCache.p99)}; the run that fills the cache ${fmtMs(ws.cliCache.fillMs)}; report ${ws.cliCache.sameReport ? 'identical to the run without cache' : '**different** from the run without cache'}`, ws.cliCache.sameReport && ws.cliCache.median <= 300, ws.cliCache.sameReport && ws.cliCache.median <= 150, 'issue 17; whole process');
    add('memory for that workspace', '≤ 200 MB RSS', '≤ 120 MB', `server peak ${ws.server.peakRssMB?.toFixed(0)} MB${done ? '' : ' (when it stopped)'}; CLI peak ${ws.cli.peakRssMB?.toFixed(0) ?? '–'} MB${ws.cliOneThread ? ` (${threadsText(ws.cli.threads)}; ${ws.cliOneThread.peakRssMB?.toFixed(0) ?? '–'} MB on one)` : ''}`, done && ws.server.peakRssMB <= 200, done && ws.server.peakRssMB <= 120);
  }
  const cli = find(results.cli, 5000, '1m');
  const tl = find(results.textlint, 5000, '1m');
  if (cli && tl) {
    const ratio = tl.timedOut ? undefined : tl.median / cli.median;
    add('CLI whole process, 1 MB, 5,000 terms vs textlint-rule-terminology', '≥ 25× faster', '≥ 50×', tl.timedOut ? `textlint > ${tl.capS} s; ours ${fmtMs(cli.median)}` : `${fmtRatio(ratio)} (ours ${fmtMs(cli.median)}, textlint ${fmtMs(tl.median)})`, tl.timedOut ? cli.median * 25 < tl.capS * 1000 : ratio >= 25, tl.timedOut ? cli.median * 50 < tl.capS * 1000 : ratio >= 50);
  }
  if (srv) {
    const worst = Math.max(srv.hover.p99, srv.completion.p99);
    add('hover / completion in a 1 MB document', 'p99 ≤ 10 ms', '', `hover p99 ${fmtMs(srv.hover.p99)}, completion p99 ${fmtMs(srv.completion.p99)}`, worst <= 10, undefined, `completion returns ~${srv.completion.meanItems} items`);
  }
  const b = results.breakdown?.parts;
  if (b) add('loading a 5,000-term term base (YAML)', '≤ 300 ms', '', `${fmtMs(b.parseTermBase.first)} first, ${fmtMs(b.parseTermBase.median)} warm (parse only)`, b.parseTermBase.first <= 300, undefined);
  const e1 = find(results.engine, 5000, '1m');
  const e10 = find(results.engine, 5000, '10m');
  const e500 = find(results.engine, 500, '1m');
  if (e1 && e500) {
    const sizeRatio = e10 ? e10.median / e1.median : undefined;
    const termRatio = e1.median / e500.median;
    add('linear in document size, flat in term-base size', '1 MB → 10 MB ≈ 10×; 500 → 5,000 terms ≈ 1×', '', `${sizeRatio ? fmtRatio(sizeRatio) + ' for 10× the text' : 'n/a (no 10 MB in this mode)'}; ${fmtRatio(termRatio)} for 10× the terms`, (sizeRatio === undefined || sizeRatio <= 13) && termRatio <= 1.5, undefined, 'engine in-process, warm');
  }
  return rows;
}

function wsServerCell(ws) {
  const s = ws.server;
  if (s.outcome === 'done') return fmtMs(s.allDiagnosedMs);
  if (s.outcome === 'timeout') return `> ${s.capS} s (${s.diagnosed} of ${ws.documents} diagnosed)`;
  return `crashed (${s.crashed}) after ${fmtMs(s.endedMs)}, ${s.diagnosed} of ${ws.documents} diagnosed`;
}

const threadsText = (n) => (n === 1 ? 'one thread' : `${n} threads`);

function wsCliCell(c) {
  if (c.crashed) return `crashed (${c.crashed}) after ${fmtMs(c.median)}`;
  if (c.timedOut) return `> ${c.capS} s`;
  return fmtMs(c.median);
}

function yesNo(v) {
  return v === undefined ? '' : v ? '**yes**' : 'no';
}

function markdown(results) {
  const m = results.meta;
  const L = [];
  L.push(`# Benchmark results (${m.mode} run)`);
  L.push('');
  L.push(`Run ${m.date} on ${m.machine.cpu}, ${m.machine.cores} cores, ${m.machine.memoryGB} GB, Node ${m.machine.node}, ${m.machine.os}; commit ${m.machine.commit ?? '?'}; textlint ${m.machine.textlint} + textlint-rule-terminology ${m.machine.textlintRuleTerminology}. Load average at start ${m.machine.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')}. Total ${(m.durationS / 60).toFixed(1)} min. Generated by \`${m.command}\`.`);
  L.push('');
  L.push('Inputs are generated deterministically (bench/lib/generate.mjs). Documents import the term base (`glossaries:`) unless said otherwise. Times are wall-clock; "median / p99" over the repetitions shown as ×N.');
  L.push('');
  L.push('## Targets of issue 6');
  L.push('');
  L.push('| measure | target | stretch | measured | met | stretch met |');
  L.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of results.targets) L.push(`| ${r.measure} | ${r.target} | ${r.stretch || '–'} | ${r.measured}${r.note ? ` (${r.note})` : ''} | ${yesNo(r.met)} | ${yesNo(r.stretchMet)} |`);
  L.push('');
  L.push('## One document: our CLI vs textlint (whole processes)');
  L.push('');
  L.push('| terms | size | ours: CLI median / p99 | ×N | peak RSS | textlint + terminology median / p99 | ×N | textlint msgs | textlint ÷ ours |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const c of results.cli) {
    const tl = find(results.textlint, c.terms, c.size);
    const tlCell = !tl ? 'not run' : tl.timedOut ? `> ${tl.capS} s${tl.skipped ? ' (smaller input timed out)' : ''}` : `${fmtMs(tl.median)} / ${fmtMs(tl.p99)}`;
    const ratio = tl && !tl.timedOut ? fmtRatio(tl.median / c.median) : tl?.timedOut ? `> ${fmtRatio((tl.capS * 1000) / c.median)}` : '–';
    L.push(`| ${c.terms} | ${c.size} | ${fmtMs(c.median)} / ${fmtMs(c.p99)} | ${c.n} | ${c.peakRssMB ?? '–'} MB | ${tlCell} | ${tl?.n ?? '–'} | ${tl?.messages ?? '–'} | ${ratio} |`);
  }
  L.push('');
  L.push('## One document: our engine vs one big RegExp (in-process, warm)');
  L.push('');
  L.push('Ours: `computeDiagnostics` of the language service (parse + scan + all diagnostics). *First*: the first check in the process (term base parsed, matcher built, code not yet optimised). *Open*: a full check of a document new to a running service (its per-document caches dropped as on close; the term base already loaded) — the figure compared. *Re-check*: same text, new version (per-document caches reused). RegExp: one case-insensitive alternation of every label (same semantics: whole words, hyphen/space folding, plurals, longest first), run over the prose-masked text; its build and first-exec compile are shown apart.');
  L.push('');
  L.push('| terms | size | ours: first | ours: open median / p99 | ours: re-check median | ×N | RegExp scan median / p99 | ×N | RegExp build + compile | RegExp ÷ ours (open) |');
  L.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const e of results.engine) {
    const re = find(results.regex, e.terms, e.size);
    const reCell = !re ? 'not run' : re.timedOut ? `> ${re.capS} s${re.skipped ? ' (smaller input timed out)' : ''}` : `${fmtMs(re.median)} / ${fmtMs(re.p99)}`;
    const ratio = re && !re.timedOut ? fmtRatio(re.median / e.median) : re?.timedOut ? `> ${fmtRatio((re.capS * 1000) / e.median)}` : '–';
    L.push(`| ${e.terms} | ${e.size} | ${fmtMs(e.firstMs)} | ${fmtMs(e.median)} / ${fmtMs(e.p99)} | ${fmtMs(e.recheck?.median)} | ${e.n} | ${reCell} | ${re?.n || '–'} | ${re && re.buildMs !== undefined ? `${fmtMs(re.buildMs)} + ${fmtMs(re.compileMs)}` : '–'} | ${ratio} |`);
  }
  L.push('');
  if (results.server.length) {
    L.push('## Language server over LSP (stdio), 1 MB document');
    L.push('');
    L.push(`Full check: didClose then didOpen of the same text (a new version), to its publishDiagnostics, term base loaded. Edits: single characters typed in a prose line in the middle, each to the publishDiagnostics of its version (debounce 0), starting once the server has done its idle work after the last opening, as for an author who reads before typing (the server logs the end of its edit warm-up: ${srvIdle(results)}). Times include JSON-RPC over stdio and the client parsing the message.`);
    L.push('');
    L.push('Shape *project*: the generator\'s mixed Markdown; *sections*: the second shape of issue 17 (many short sections, dense plain term uses, many unknown citation ids).');
    L.push('');
    L.push('| shape | terms | didOpen → first diagnostics (new server) | full check (reopen) median / p99 | edit → diagnostics median / p99 | ×N | hover median / p99 | completion median / p99 | RSS (peak) |');
    L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of results.server) {
      L.push(`| ${s.shape ?? 'project'} | ${s.terms} | ${fmtMs(s.firstDiagnosticsMs)} (${s.diagnostics} diagnostics) | ${fmtMs(s.fullCheck.median)} / ${fmtMs(s.fullCheck.p99)} | ${fmtMs(s.edit.median)} / ${fmtMs(s.edit.p99)} | ${s.edit.n} | ${fmtMs(s.hover.median)} / ${fmtMs(s.hover.p99)} | ${fmtMs(s.completion.median)} / ${fmtMs(s.completion.p99)} (~${s.completion.meanItems} items) | ${s.memory.rssMB.toFixed(0)} MB (${s.memory.peakRssMB.toFixed(0)} MB) |`);
    }
    const split = results.server.filter((s) => s.editArrival);
    if (split.length) {
      L.push('');
      L.push("Where an edit's time goes: the same edits, to the last byte of the publication at the client (the server's check and encoding, and the pipe), then the client decoding the message (vscode-jsonrpc and `JSON.parse`, as an editor's language client does).");
      L.push('');
      L.push('| shape | terms | edit → last byte at the client median / p99 | client decoding median / p99 | diagnostics per publication |');
      L.push('| --- | ---: | ---: | ---: | ---: |');
      for (const s of split) L.push(`| ${s.shape ?? 'project'} | ${s.terms} | ${fmtMs(s.editArrival.median)} / ${fmtMs(s.editArrival.p99)} | ${fmtMs(s.editDecode.median)} / ${fmtMs(s.editDecode.p99)} | ${s.diagnostics} |`);
    }
    const pulled = results.server.filter((s) => s.pull);
    if (pulled.length) {
      L.push('');
      L.push("With a client that pulls diagnostics (VS Code): the same edits, each followed by the client's request for the document's report, timed to the answer decoded; alternately with the id of the last report the client kept (the server answers `unchanged` when the diagnostics are that report's) and without one (a full report every time). The edits go into a prose line in the middle: where that line holds a diagnostic after the cursor, the keystroke moves it and the report is full either way.");
      L.push('');
      L.push('| shape | terms | with the last id: median / p99 | unchanged answers | without an id (full): median / p99 | full report | ×N |');
      L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const s of pulled) L.push(`| ${s.shape ?? 'project'} | ${s.terms} | ${fmtMs(s.pull.withId.median)} / ${fmtMs(s.pull.withId.p99)} | ${s.pull.unchanged} of ${s.pull.asked} | ${fmtMs(s.pull.withoutId.median)} / ${fmtMs(s.pull.withoutId.p99)} | ${(s.pull.fullBytes / 1024).toFixed(0)} KB | ${s.pull.withId.n} + ${s.pull.withoutId.n} |`);
    }
    L.push('');
  }
  if (results.termBaseTyping) {
    const tt = results.termBaseTyping;
    L.push('## Typing in a term base while a document importing it is open (issue 17)');
    L.push('');
    L.push(`A 1 MB term base with 5,000 terms and a 100 KB document importing it, both open, in a folder with ${tt.closedDocuments} closed concept documents (${(tt.closedBytes / 2 ** 20).toFixed(1)} MB); ${tt.keystrokes} single characters typed into a definition in the middle of the term base, ${tt.pauseMs} ms apart, each to the last of the term base's and the document's new diagnostics (pushed, debounce 0). Side by side: closed documents checked in the server's worker thread (default) and on the server's own thread (the worker made to fail).`);
    L.push('');
    L.push('| closed documents checked | keystroke → diagnostics median / p99 | max | ×N | server peak RSS |');
    L.push('| --- | ---: | ---: | ---: | ---: |');
    for (const [mode, m] of Object.entries(tt.modes)) L.push(`| ${mode === 'worker' ? 'in the worker thread' : "on the server's thread"} | ${fmtMs(m.median)} / ${fmtMs(m.p99)} | ${fmtMs(m.max)} | ${m.n} | ${m.peakRssMB ? m.peakRssMB.toFixed(0) + ' MB' : '–'} |`);
    if (tt.modes.worker && tt.modes.thread) L.push(`\nMedian on the server's thread ÷ in the worker: ${fmtRatio(tt.modes.thread.median / tt.modes.worker.median)}.`);
    L.push('');
  }
  if (results.lens) {
    const z = results.lens;
    L.push("## Code lens on a term base in the 1,000-document workspace (issue 17)");
    L.push('');
    L.push('The 5,000-term base open, diagnostics pulled (no background check of closed documents), as in VS Code. The lenses come unresolved; the first 50 are resolved, as an editor resolves those it shows.');
    L.push('');
    L.push('| when | code lens (lenses, bytes) | resolve 50 | uses counted |');
    L.push('| --- | ---: | ---: | ---: |');
    const row = (what, r) => L.push(`| ${what} | ${fmtMs(r.lensMs)} (${r.lenses}, ${(r.lensBytes / 2 ** 20).toFixed(1)} MB) | ${fmtMs(r.resolveMs)} | ${r.uses} |`);
    row('new session (closed documents analysed)', z.first);
    row('again (their uses known)', z.known);
    row('after one character typed into the term base (stale uses)', z.afterEdit);
    row(`after the refresh the server asked for, ${fmtMs(z.refreshAfterEditMs)} after the edit`, z.refreshed);
    L.push('');
    if (z.typing) {
      const y = z.typing;
      L.push(`Typing on: ${y.keystrokes} characters ${y.pauseMs} ms apart, each followed by the code lens and 50 resolves (as VS Code asks after a change): lens and resolves median ${fmtMs(y.median)}, p99 ${fmtMs(y.p99)}; the server's processor time (both threads) ${fmtMs(y.cpuWhileTypingMs)} while typing (${fmtMs(y.keystrokes * y.pauseMs)} of pauses), ${fmtMs(y.cpuUntilRefreshMs)} until the refresh ${fmtMs(y.refreshAfterTypingMs)} after the last keystroke; peak RSS ${y.peakRssBeforeMB.toFixed(0)} MB before the typing, ${y.peakRssWhileTypingMB.toFixed(0)} MB by its end.`);
      L.push('');
    }
    L.push(`Server peak RSS: ${z.peakRssMB ? z.peakRssMB.toFixed(0) + ' MB' : '–'}.`);
    L.push('');
  }
  if (results.workspace) {
    const w = results.workspace;
    L.push(`## Cold start: workspace of ${w.documents} documents (${(w.bytes / 2 ** 20).toFixed(1)} MB), 5,000-term base`);
    L.push('');
    L.push('| runner | all checked | first diagnostics | memory |');
    L.push('| --- | ---: | ---: | ---: |');
    L.push(`| server: spawn → initialize → didOpen ×${w.documents} → last publishDiagnostics | ${wsServerCell(w)} | ${fmtMs(w.server.firstDiagnosticsMs)} | RSS ${w.server.rssMB?.toFixed(0)} MB, peak ${w.server.peakRssMB?.toFixed(0)} MB |`);
    const sc = w.serverClosed;
    if (sc) L.push(`| server: the folder opened with no document open (an editor pushed diagnostics) → the background check's last publishDiagnostics | ${sc.outcome === 'done' ? fmtMs(sc.allDiagnosedMs) : `${sc.outcome} (${sc.diagnosed} diagnosed)`} | – | RSS ${sc.rssMB?.toFixed(0)} MB, peak ${sc.peakRssMB?.toFixed(0)} MB |`);
    for (const c of [w.cli, w.cliOneThread].filter(Boolean)) {
      const differs = c.sameReport === false ? '; report **different** from the run on every processor' : '';
      L.push(`| CLI \`check --jobs ${c.threads ?? '(default)'}\` on the folder (whole process${c.threads ? ', ' + threadsText(c.threads) : ''}${differs}) | ${wsCliCell(c)} | – | peak ${c.peakRssMB ?? '–'} MB |`);
    }
    if (w.cliCache) L.push(`| CLI \`check --cache\` on the folder, nothing changed (filling run ${fmtMs(w.cliCache.fillMs)}) | ${fmtMs(w.cliCache.median)} / p99 ${fmtMs(w.cliCache.p99)} ×${w.cliCache.n} | – | peak ${w.cliCache.peakRssMB ?? '–'} MB |`);
    L.push('');
    const p = w.v8Pool;
    if (p) {
      L.push(`V8's helper threads (${p.cores} processors here; Node starts four): the CLI as it starts and with \`${p.nodeOptions}\` in \`NODE_OPTIONS\`, ${p.pairs} interleaved pairs${p.sameReport === false ? '; a report **differed** (or a run failed)' : '; the same report as the other workspace rows, from both'}${p.failed ? `; ${p.failed} runs crashed or timed out, left out` : ''}.`);
      L.push('');
      L.push('| CLI run | as it starts, median | one helper thread, median | ratio |');
      L.push('| --- | ---: | ---: | ---: |');
      const cell = (v) => (v.times.length ? `${fmtMs(v.median)} (${v.times.map(fmtMs).join(', ')})` : '–');
      const ratio = (a, b) => (a.times.length && b.times.length ? (b.median / a.median).toFixed(2) : '–');
      const row = (label, part) => L.push(`| ${label} | ${cell(part.default)} | ${cell(part['one helper'])} | ${ratio(part.default, part['one helper'])} |`);
      row(`the folder, \`--jobs ${p.cores}\``, p.folder);
      row('the 1 MB document, 5,000 terms', p.doc);
      L.push('');
    }
  }
  if (results.breakdown) {
    L.push('## Where one check goes (in-process, 5,000 terms, 1 MB)');
    L.push('');
    L.push('| step | first | median | p99 |');
    L.push('| --- | ---: | ---: | ---: |');
    for (const [k, v] of Object.entries(results.breakdown.parts)) L.push(`| ${k} | ${fmtMs(v.first)} | ${fmtMs(v.median)} | ${fmtMs(v.p99)} |`);
    L.push('');
  }
  if (results.profile) {
    L.push(`## CPU profile: CLI, 1 MB, 5,000 terms (self time, ${fmtMs(results.profile.totalMs)} sampled)`);
    L.push('');
    L.push('| module | self | % |  | function | self | % |');
    L.push('| --- | ---: | ---: | --- | --- | ---: | ---: |');
    const k = Math.max(results.profile.modules.length, results.profile.functions.length);
    for (let i = 0; i < Math.min(k, 12); i++) {
      const a = results.profile.modules[i];
      const b = results.profile.functions[i];
      L.push(`| ${a ? a.name : ''} | ${a ? fmtMs(a.ms) : ''} | ${a ? a.pct : ''} |  | ${b ? '`' + b.name.replace(/\|/g, '\\|') + '`' : ''} | ${b ? fmtMs(b.ms) : ''} | ${b ? b.pct : ''} |`);
    }
    L.push('');
  }
  if (results.errors.length) {
    L.push('## Stages that failed');
    L.push('');
    for (const e of results.errors) L.push(`- ${e.stage}: ${e.message.replace(/\n/g, ' ')}`);
    L.push('');
  }
  L.push('## Correctness cross-check');
  L.push('');
  L.push("Our `undefined-term` / `deprecated-term` diagnostics against the baseline's uses on the same text (prose only, by construction of the generator), plus the explicit «uses» the generator wrote. `known`: the term base sits beside the document without being imported, so every use is reported; `glossary`: imported, so only deprecated labels and built-in WCO terms are. The baseline is the RegExp where it finished, else the reference n-gram scanner (bench/lib/semantics.mjs); where both ran they are compared too.");
  L.push('');
  L.push('| terms | size | config | baseline | expected | ours | missing | extra | wrong code | RegExp = reference | ok |');
  L.push('| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const c of results.crosscheck) L.push(`| ${c.terms} | ${c.size} | ${c.config} | ${c.baseline} | ${c.expected} | ${c.ours} | ${c.missing} | ${c.extra} | ${c.wrongCode} | ${c.regexAgreesWithReference === undefined ? '–' : c.regexAgreesWithReference ? 'yes' : '**NO**'} | ${c.ok ? 'yes' : '**NO**'} |`);
  const bad = results.crosscheck.filter((c) => !c.ok);
  if (bad.length) {
    L.push('');
    L.push('Mismatch examples:');
    for (const c of bad) {
      if (c.note) L.push(`- t${c.terms}/${c.size}/${c.config}: ${c.note}`);
      for (const [kind, list] of Object.entries(c.examples)) for (const e of list) L.push(`- t${c.terms}/${c.size}/${c.config} ${kind}: ${e}`);
    }
  }
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------------------

async function main() {
  const wait = Number(option('wait-idle', '0'));
  if (wait > 0) await waitIdle(wait);
  const results = {
    meta: { mode: MODE.name, date: new Date().toISOString(), command: `node bench/run.mjs ${argv.join(' ')}`.trim(), machine: machine() },
    cli: [],
    cliKnown: [],
    textlint: [],
    regex: [],
    engine: [],
    server: [],
    crosscheck: [],
    errors: [],
  };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (or `node esbuild.mjs`) first.');
  }
  log(`mode ${MODE.name}; generating inputs`);
  const manifest = generateAll(ROOT, OUT, { docSizes: MODE.docSizes, workspace: MODE.workspace, log });
  const core = await loadCore(ROOT, OUT).catch((e) => {
    log(`in-process core unavailable: ${e.message}`);
    return undefined;
  });

  const only = option('only', '') ? new Set(option('only', '').split(',')) : undefined;
  const want = (stage) => (!only || only.has(stage)) && !flag(`no-${stage}`);
  // A stage that fails (the engine's internals moved, a peer is missing…) is
  // reported in the results; the other stages still run.
  const stage = async (name, fn) => {
    if (!want(name)) return;
    try {
      await fn();
    } catch (e) {
      log(`stage ${name} failed: ${e.stack ?? e}`);
      results.errors.push({ stage: name, message: String(e.message ?? e).slice(0, 1000) });
    }
  };
  await stage('cli', () => runCli(results));
  if (core) await stage('engine', () => runEngine(results, core));
  if (core) await stage('breakdown', () => runBreakdown(results, core));
  await stage('server', () => runServer(results, manifest));
  await stage('termbase', () => runTermBaseTyping(results));
  await stage('textlint', () => runTextlint(results));
  await stage('regex', () => runRegex(results));
  await stage('crosscheck', () => runCrossCheck(results));
  if (MODE.workspace) await stage('workspace', () => runWorkspace(results, manifest));
  if (MODE.workspace) await stage('lens', () => runLens(results, manifest));
  await stage('profile', () => runProfile(results));

  results.targets = targets(results);
  results.meta.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  results.meta.durationS = +((performance.now() - started) / 1000).toFixed(1);
  const md = markdown(results);
  fs.mkdirSync(RESULTS, { recursive: true });
  const base = option('name', only ? 'partial' : SHORT ? 'latest-short' : 'latest');
  fs.writeFileSync(path.join(RESULTS, `${base}.json`), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, `${base}.md`), md);
  process.stdout.write(md + '\n');
  log(`wrote ${path.relative(ROOT, path.join(RESULTS, base))}.{md,json} in ${results.meta.durationS} s`);
  if (results.errors.length) {
    log(`${results.errors.length} stage(s) failed: ${results.errors.map((e) => e.stage).join(', ')}`);
    process.exitCode = 1;
  }
  const mismatches = results.crosscheck.filter((c) => !c.ok).length;
  if (mismatches) {
    log(`${mismatches} cross-check case(s) differ from the baseline`);
    process.exitCode = 1;
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 2;
  })
  .finally(() => {
    // The results are written: stop esbuild's service (loadCore and the profile bundle started it), then exit, even
    // if a child's pipes or a timer would keep the process alive (runs have been seen to wait on after the results,
    // with only esbuild's service left as a child; CI must never wait on a finished benchmark).
    try {
      createRequire(path.join(ROOT, 'package.json'))('esbuild').stop?.();
    } catch {
      /* no esbuild: nothing to stop */
    }
    process.stdout.write('', () => process.exit(process.exitCode ?? 0));
  });
