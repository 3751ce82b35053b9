// Correctness cross-check: the term uses our CLI reports (diagnostics
// `undefined-term` / `deprecated-term`) against the uses an independent
// scanner finds on the prose mask, plus the explicit «uses» the generator wrote.
import { keyOf } from './semantics.mjs';
import { lineStarts } from './lsp.mjs';

const USE_CODES = new Set(['undefined-term', 'deprecated-term']);

/**
 * What the diagnostics should be for `config` ('known': the term base is only
 * known, so every use is reported; 'glossary': it is imported, so only
 * deprecated labels and built-in WCO terms are reported).
 * `matches` are body offsets [start, end); `kinds` maps keys to label kinds.
 */
export function expectedUses(matches, meta, config, kinds, bodyText, rules = {}) {
  const fm = meta.fmLength[config];
  const out = new Map();
  const add = (s, e, kind, explicit) => {
    const text = bodyText.slice(s, e);
    // An acronym label matches only as written (a plural s aside); a Title Case instrument name is the instrument.
    if (!explicit && rules.acronyms?.has(keyOf(text)) && !/^[^\p{Ll}]*s?$/u.test(text)) return;
    if (!explicit && rules.instrumentNames?.has(text.replace(/[\s\u2010-\u2014-]+/g, ' '))) return;
    let code;
    if (kind === 'local' || kind === 'general') return;
    if (kind === 'deprecated') code = 'deprecated-term';
    else if (config === 'known' || kind === 'builtin' || (explicit && kind === undefined)) code = 'undefined-term';
    else return;
    out.set(`${s + fm}:${e + fm}`, { start: s + fm, end: e + fm, code, text: bodyText.slice(s, e) });
  };
  for (const [s, e] of matches) add(s, e, kinds.get(keyOf(bodyText.slice(s, e))), false);
  for (const [s, e, label] of meta.explicit) add(s, e, kinds.get(keyOf(label)), true);
  return out;
}

/** Our term-use diagnostics, as offsets into `fileText`. */
export function ourUses(cliJson, fileText) {
  const starts = lineStarts(fileText);
  const out = new Map();
  for (const f of cliJson) {
    for (const d of f.diagnostics) {
      if (!USE_CODES.has(d.code)) continue;
      const s = starts[d.range.start.line] + d.range.start.character;
      const e = starts[d.range.end.line] + d.range.end.character;
      out.set(`${s}:${e}`, { start: s, end: e, code: d.code, text: fileText.slice(s, e) });
    }
  }
  return out;
}

function context(text, s, e) {
  const a = Math.max(0, s - 30);
  const b = Math.min(text.length, e + 30);
  return JSON.stringify(text.slice(a, s) + '⟦' + text.slice(s, e) + '⟧' + text.slice(e, b));
}

/** Compares two use maps; returns counts and a few examples of each kind of mismatch. */
export function compareUses(ours, expected, fileText, maxExamples = 5) {
  const missing = [];
  const extra = [];
  const wrongCode = [];
  for (const [k, x] of expected) {
    const o = ours.get(k);
    if (!o) missing.push(x);
    else if (o.code !== x.code) wrongCode.push({ ...x, ours: o.code });
  }
  for (const [k, o] of ours) if (!expected.has(k)) extra.push(o);
  const ex = (list) => list.slice(0, maxExamples).map((x) => `${x.start}-${x.end} ${x.code}${x.ours ? ` (ours: ${x.ours})` : ''} ${context(fileText, x.start, x.end)}`);
  return {
    expected: expected.size,
    ours: ours.size,
    matched: expected.size - missing.length - wrongCode.length,
    missing: missing.length,
    extra: extra.length,
    wrongCode: wrongCode.length,
    ok: missing.length === 0 && extra.length === 0 && wrongCode.length === 0,
    examples: { missing: ex(missing), extra: ex(extra), wrongCode: ex(wrongCode) },
  };
}

/** Compares two lists of [start, end) matches (baseline vs reference scanner). */
export function sameMatches(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}
