// Summarises a V8 .cpuprofile: self time per function and per source module,
// mapped through the bundle's source map when there is one (dist/*.js.map).
import * as fs from 'node:fs';
import * as path from 'node:path';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes a source map's mappings into, per generated line, sorted [column, sourceIndex, line]. */
function decodeMappings(map) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const vals = [];
        let v = 0;
        let shift = 0;
        for (const ch of seg) {
          const d = B64_INDEX.get(ch);
          v += (d & 31) << shift;
          if (d & 32) {
            shift += 5;
          } else {
            vals.push(v & 1 ? -(v >>> 1) : v >>> 1);
            v = 0;
            shift = 0;
          }
        }
        col += vals[0];
        if (vals.length >= 4) {
          src += vals[1];
          srcLine += vals[2];
          srcCol += vals[3];
          segs.push([col, src, srcLine]);
        }
      }
    }
    lines.push(segs);
  }
  return lines;
}

function loadMap(file) {
  try {
    const map = JSON.parse(fs.readFileSync(file + '.map', 'utf8'));
    return { sources: map.sources, lines: decodeMappings(map) };
  } catch {
    return undefined;
  }
}

function lookup(map, line, column) {
  const segs = map.lines[line];
  if (!segs || !segs.length) return undefined;
  let lo = 0;
  let hi = segs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid][0] <= column) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const s = segs[best < 0 ? 0 : best];
  return { source: map.sources[s[1]], line: s[2] + 1 };
}

function moduleName(source) {
  if (!source) return '(unknown)';
  const s = source.replace(/\\/g, '/');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = s.slice(nm + 'node_modules/'.length).split('/');
    return 'npm:' + (rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0]);
  }
  const i = s.indexOf('server/src/');
  return i >= 0 ? s.slice(i) : s;
}

/** Self time (ms) by function and by module, top `top` of each. */
export function summariseProfile(profileFile, top = 15) {
  const prof = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i];
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  }
  const maps = new Map();
  const fnTotals = new Map();
  const modTotals = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    total += ms;
    const cf = byId.get(id).callFrame;
    let where = cf.url ? path.basename(cf.url) + ':' + (cf.lineNumber + 1) : '';
    let mod = cf.url ? (cf.url.startsWith('node:') ? 'node:' + cf.url.slice(5) : cf.url) : `(${cf.functionName || 'native'})`;
    if (cf.url && cf.url.startsWith('file://') && cf.url.endsWith('.js')) {
      const file = new URL(cf.url).pathname;
      if (!maps.has(file)) maps.set(file, loadMap(file));
      const map = maps.get(file);
      const orig = map && lookup(map, cf.lineNumber, cf.columnNumber);
      // Code the source map does not cover (the bundler's own helpers) is named by its bundle, not by where it was built.
      mod = path.basename(file);
      if (orig) {
        mod = moduleName(orig.source);
        const src = orig.source.replace(/\\/g, '/');
        const nm = src.lastIndexOf('node_modules/');
        const short = nm >= 0 ? src.slice(nm + 'node_modules/'.length) : mod;
        where = `${short}:${orig.line}`;
      }
    }
    if (!cf.url) mod = `(${cf.functionName || 'native'})`;
    const fnKey = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    fnTotals.set(fnKey, (fnTotals.get(fnKey) ?? 0) + ms);
    modTotals.set(mod, (modTotals.get(mod) ?? 0) + ms);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms: +ms.toFixed(1), pct: +((100 * ms) / total).toFixed(1) }));
  return { totalMs: +total.toFixed(1), functions: sorted(fnTotals), modules: sorted(modTotals) };
}
