/**
 * Letter-case tests shared by the term rules, made once: the bundler writes a regular expression literal with a
 * Unicode property outside a character class (`/\p{Ll}/u`) as `new RegExp(…)` for every Node target, which built a
 * new expression on every call of the hot functions that test a word's case. A pattern used in one place only is made
 * once beside it.
 */
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const STARTS_UPPER = /^\p{Lu}/u;

/** Whether `s` holds an upper-case letter. */
export const hasUpper = (s: string): boolean => UPPER.test(s);
/** Whether `s` holds a lower-case letter. */
export const hasLower = (s: string): boolean => LOWER.test(s);
/** Whether `s` starts with an upper-case letter. */
export const startsUpper = (s: string): boolean => STARTS_UPPER.test(s);
