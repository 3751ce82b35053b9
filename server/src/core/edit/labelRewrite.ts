/**
 * Rewriting one use of a term when its label changes (rename, replacing a
 * deprecated label): the use keeps what the author wrote around the label.
 *
 * The old label's words line up one to one with the use's words (that is how
 * the matcher found the use). The new label's words are aligned with the old
 * label's by a longest common subsequence; a word both labels share is copied
 * from the use as written, so its inflection survives (`single windows`,
 * `единого окна`), and a new word is written as typed. Around them:
 * - a use capitalised at the start of a sentence stays capitalised, an
 *   all-capitals use stays in capitals, a Title Case use stays in Title Case;
 * - an English plural of the last word is carried over to a new last word
 *   (`single windows` → `national data hubs`);
 * - a line break between two kept words stays where it was.
 */
import { englishForms } from '../terms/language';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

interface Split {
  words: string[];
  /** gaps[i] is the text before words[i]; gaps[words.length] the text after the last. */
  gaps: string[];
}

function split(text: string): Split {
  const words: string[] = [];
  const gaps: string[] = [];
  let last = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    gaps.push(text.slice(last, m.index));
    words.push(m[0]);
    last = m.index + m[0].length;
  }
  gaps.push(text.slice(last));
  return { words, gaps };
}

function fold(word: string): string {
  const l = word.toLowerCase();
  return l.includes('ё') ? l.replace(/ё/g, 'е') : l;
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const capitalise = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);
const decapitalise = (w: string) => (w ? w[0].toLowerCase() + w.slice(1) : w);

/** Pairs (i in a, j in b) of a longest common subsequence of folded words. */
function lcs(a: string[], b: string[]): Map<number, number> {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const pairs = new Map<number, number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      pairs.set(j, i);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** The plural of a single English word, in the word's own case; undefined when it has none. */
function pluralOf(word: string): string | undefined {
  const forms = englishForms(word.toLowerCase());
  if (forms.length < 2) return undefined;
  const p = forms[1];
  if (word === word.toUpperCase() && word.length > 1) return p.toUpperCase();
  return isUpper(word[0]) ? capitalise(p) : p;
}

/**
 * How the use `useText`, which matched `oldLabel`, reads with `newLabel` instead.
 */
export function rewriteUse(useText: string, oldLabel: string, newLabel: string): string {
  const use = split(useText);
  const old = split(oldLabel);
  const neu = split(newLabel);
  if (!neu.words.length) return newLabel;
  const letters = useText.replace(/[^\p{L}]/gu, '');
  const oldLetters = oldLabel.replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && oldLetters !== oldLetters.toUpperCase();
  const titleCase = !allCaps && use.words.length > 1 && use.words.every((w) => !isLower(w[0])) && old.words.some((w) => isLower(w[0]));
  const initialCap = !allCaps && !titleCase && use.words.length > 0 && isUpper(use.words[0][0]) && old.words.length > 0 && isLower(old.words[0][0]);

  if (use.words.length !== old.words.length) {
    // The use does not line up with the label (should not happen): adapt the case only.
    let s = newLabel;
    if (allCaps) s = s.toUpperCase();
    else if (initialCap || titleCase) s = capitalise(s);
    return s;
  }

  const pairs = lcs(old.words.map(fold), neu.words.map(fold));
  const out: string[] = [];
  const from: (number | undefined)[] = [];
  neu.words.forEach((n, j) => {
    const i = pairs.get(j);
    from.push(i);
    if (i !== undefined && fold(use.words[i]) !== fold(old.words[i])) {
      // An inflected form (plural, grammatical case): keep it as written.
      const o = old.words[i];
      let w = use.words[i];
      if (isUpper(n[0]) && isLower(o[0])) w = capitalise(w);
      else if (isLower(n[0]) && isUpper(o[0])) w = decapitalise(w);
      // A capital that only marked the start of the sentence does not move with the word.
      if (initialCap && i === 0 && j > 0) w = decapitalise(w);
      out.push(w);
    } else {
      // The label's own form: written as the new label has it, in the use's case pattern.
      out.push(allCaps ? n.toUpperCase() : titleCase ? capitalise(n) : n);
    }
  });

  // An English plural of the old last word goes onto the new last word.
  const lastJ = neu.words.length - 1;
  const lastI = old.words.length - 1;
  const u = use.words[lastI];
  const o = old.words[lastI];
  if (fold(u) !== fold(o) && englishForms(fold(o)).slice(1).includes(fold(u))) {
    const jOld = from.indexOf(lastI);
    if (jOld !== lastJ) {
      if (jOld >= 0) out[jOld] = fold(u).startsWith(fold(o)) ? out[jOld].slice(0, o.length) : allCaps ? o.toUpperCase() : o;
      const suffix = fold(u).startsWith(fold(o)) ? u.slice(o.length) : undefined;
      const target = out[lastJ];
      const forms = englishForms(fold(target));
      if (forms.length > 1) {
        // The plural ending is written as the author wrote it (`SWs`, not `SWS`).
        const ending = forms[1].slice(fold(target).length);
        out[lastJ] = forms[1].startsWith(fold(target)) && suffix !== undefined && fold(suffix) === ending ? target + suffix : pluralOf(target) ?? target;
      }
    }
  }
  if (initialCap) out[0] = capitalise(out[0]);

  // A line break of the use (a wrapped line) stays between the words it separated, or their replacements.
  const usedGaps = new Set<number>();
  let s = neu.gaps[0];
  for (let j = 0; j < out.length; j++) {
    if (j > 0) {
      const a = from[j - 1];
      const b = from[j];
      const candidates = [a !== undefined ? a + 1 : undefined, b];
      const g = candidates.find((x) => x !== undefined && x > 0 && x < use.words.length && !usedGaps.has(x) && /\n/.test(use.gaps[x]));
      if (g !== undefined) usedGaps.add(g);
      s += g !== undefined ? use.gaps[g] : neu.gaps[j];
    }
    s += out[j];
  }
  return s + neu.gaps[neu.words.length];
}
