// The matching semantics the benchmark checks our engine against, written
// independently of server/src (only the documented rules are shared):
//   - a word is a maximal run of letters, marks and digits; matching is per
//     word, case-insensitive (toLowerCase, ё → е);
//   - between two words of one use the text holds only whitespace (at most one
//     line break) and hyphens, or a single `/` or `.`;
//   - the last word of a label may take its English plural;
//   - leftmost-longest, non-overlapping.
// It gives two independent scanners: a big RegExp (the peer users would write,
// with the same semantics) and a hash-of-n-grams reference scanner used on the
// inputs where the RegExp does not finish.

/** Whitespace (no line break) and hyphen characters allowed between words. */
export const GAP_CHARS = ' \\t\\r\\u00a0\\u202f\\u2007\\u2009\\u200a\\u3000\\-\\u2010-\\u2014\\u2212\\u00ad';
export const GAP_SOURCE = `(?:[./]|[${GAP_CHARS}]+\\n?[${GAP_CHARS}]*|\\n[${GAP_CHARS}]*)`;
const GAP_WHOLE = new RegExp(`^${GAP_SOURCE}$`, 'u');
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function fold(word) {
  return word.toLowerCase().replace(/ё/g, 'е');
}

export function words(label) {
  return [...label.matchAll(WORD)].map((m) => fold(m[0]));
}

export function keyOf(label) {
  return words(label).join(' ');
}

/** English plural of a folded word (the documented rule), or undefined. */
export function plural(word) {
  if (!/^[a-z]+$/.test(word) || word.length < 2) return undefined;
  if (/(s|x|z|ch|sh)$/.test(word)) return word + 'es';
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  return word + 's';
}

/** Every key a label answers to: itself and the plural of its last word. */
export function formsOf(label) {
  const w = words(label);
  if (!w.length) return [];
  const out = [w.join(' ')];
  const p = plural(w[w.length - 1]);
  if (p) out.push([...w.slice(0, -1), p].join(' '));
  return out;
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A label table: key → kind ('preferred' | 'variant' | 'deprecated' | 'builtin' | 'local').
 * `labels` is a list of {label, kind}; the first kind registered for a key wins
 * (generated labels never share a key, by construction).
 */
export function labelTable(labels) {
  const kinds = new Map();
  let maxWords = 0;
  for (const { label, kind } of labels) {
    for (const k of formsOf(label)) if (!kinds.has(k)) kinds.set(k, kind);
    maxWords = Math.max(maxWords, words(label).length);
  }
  return { kinds, maxWords };
}

/** The one big RegExp: an alternation of all labels, longest (in words) first. */
export function buildRegExp(labels) {
  const alts = [];
  const seen = new Set();
  for (const { label } of labels) {
    const w = words(label);
    if (!w.length) continue;
    const key = w.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const last = w[w.length - 1];
    const p = plural(last);
    const lastAlt = p ? `(?:${escape(p)}|${escape(last)})` : escape(last);
    alts.push({ n: w.length, len: key.length, src: [...w.slice(0, -1).map(escape), lastAlt].join(GAP_SOURCE) });
  }
  alts.sort((a, b) => b.n - a.n || b.len - a.len);
  const source = `(?<![\\p{L}\\p{M}\\p{N}])(?:${alts.map((a) => a.src).join('|')})(?![\\p{L}\\p{M}\\p{N}])`;
  return new RegExp(source, 'giu');
}

/** All matches of the big RegExp: [start, end) pairs. */
export function regexScan(re, text) {
  const out = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Reference scanner: words of the text, then the longest n-gram that is a label key. */
export function referenceScan(table, text) {
  const starts = [];
  const ends = [];
  const keys = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    keys.push(fold(m[0]));
  }
  const out = [];
  const n = keys.length;
  for (let i = 0; i < n; ) {
    let found = 0;
    for (let len = Math.min(table.maxWords, n - i); len >= 1; len--) {
      let ok = true;
      for (let j = i; j < i + len - 1; j++) {
        if (!GAP_WHOLE.test(text.slice(ends[j], starts[j + 1]))) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (table.kinds.has(keys.slice(i, i + len).join(' '))) {
        found = len;
        break;
      }
    }
    if (found) {
      out.push([starts[i], ends[i + found - 1]]);
      i += found;
    } else {
      i++;
    }
  }
  return out;
}
