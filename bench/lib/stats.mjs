// Timing helpers: percentiles, whole-process timing (hyperfine-like), formatting.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export function percentile(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

export function summary(values) {
  return {
    n: values.length,
    median: percentile(values, 50),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}

/**
 * Runs a command `runs` times (after `warmup` untimed runs), stdout to `outFile`,
 * and returns the wall times in ms. Stops early (marking `timedOut`) when one run
 * passes `timeoutMs`, or when the total passes `budgetMs` after at least `minRuns`.
 */
export function timeProcess({ cmd, args, cwd, env }, { runs = 5, warmup = 1, outFile = '/dev/null', timeoutMs = 600000, budgetMs = Infinity, minRuns = 1 } = {}) {
  const times = [];
  let status;
  let stderr = '';
  let timedOut = false;
  const started = performance.now();
  for (let i = 0; i < warmup + runs; i++) {
    const fd = fs.openSync(outFile, 'w');
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', fd, 'pipe'], timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    const dt = performance.now() - t;
    fs.closeSync(fd);
    status = r.status;
    stderr = String(r.stderr ?? '').slice(0, 2000);
    // coreutils `timeout --signal=KILL` kills its process group, itself included.
    if (cmd.endsWith('/timeout') && (r.status === 124 || r.status === 137 || r.signal === 'SIGKILL')) {
      times.push(dt);
      timedOut = true;
      break;
    }
    if (r.error || r.signal) {
      timedOut = r.error?.code === 'ETIMEDOUT' || (r.signal === 'SIGTERM' && dt >= timeoutMs * 0.9);
      times.push(dt);
      if (timedOut) break;
      // A crash (for example V8 out of memory: SIGABRT) is reported, not thrown.
      return { times, status, stderr, timedOut: false, crashed: String(r.signal ?? r.error?.code ?? r.error) };
    }
    if (/FATAL ERROR|out of memory/i.test(stderr)) {
      times.push(dt);
      return { times, status, stderr, timedOut: false, crashed: 'out of memory' };
    }
    if (i >= warmup) times.push(dt);
    if (i >= warmup && times.length >= minRuns && performance.now() - started > budgetMs) break;
  }
  return { times, status, stderr, timedOut };
}

export function fmtMs(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '–';
  if (v >= 10000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

export function fmtRatio(v) {
  if (v === undefined || Number.isNaN(v)) return '–';
  return v >= 100 ? `${v.toFixed(0)}×` : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`;
}
