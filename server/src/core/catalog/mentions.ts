/**
 * Instrument names in prose: "the Revised Kyoto Convention", «Пересмотренной
 * Киотской конвенции», « Cadre SAFE ». A mention is found by the same word
 * matcher as terms (so Russian and French names match inflected), against every
 * title, name and abbreviation of the catalog in every language.
 *
 * Words of a label written in capitals (`RKC`, `SAFE`, `TIR`) or with inner
 * capitals (`CENcomm`, `nCEN`) match only as written: "a safe framework" is
 * not the SAFE Framework.
 */
import { TermMatcher, type LabelHit } from '../terms/matcher';
import type { WordFolder } from '../terms/language';
import type { InstrumentCatalog, Instrument } from './catalog';
import { hasLower } from '../letterCase';

export interface InstrumentLabel {
  instrument: Instrument;
  label: string;
  /** The text must be written exactly as the label (spacing aside). */
  caseSensitive: boolean;
}

export interface InstrumentMention {
  start: number;
  end: number;
  instrument: Instrument;
}

/** Made once (see `letterCase.ts`). */
const LETTER = /\p{L}/u;
const INNER_UPPER = /.\p{Lu}/u;

/** A word written in capitals (`SAFE`, `RKC`, `МДП`) or with inner capitals (`CENcomm`, `nCEN`): it must be written so in the text. */
function isCasedWord(word: string): boolean {
  if (!LETTER.test(word)) return false;
  if (!hasLower(word)) return word.replace(/[^\p{L}]/gu, '').length >= 2;
  return INNER_UPPER.test(word);
}

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

function isCaseSensitive(label: string): boolean {
  return (label.match(WORDS) ?? []).some(isCasedWord);
}

/** The labels an instrument is named by in prose. */
export function instrumentLabels(instrument: Instrument): string[] {
  const out = [instrument.title, ...(instrument.name ? [instrument.name.replace(/\s*\([^)]*\)\s*$/, '')] : []), ...instrument.abbreviations];
  for (const t of Object.values(instrument.titles)) {
    out.push(t.title);
    if (t.name) out.push(t.name.replace(/\s*\([^)]*\)\s*$/, ''));
  }
  return out.filter((l, i) => l.trim().length > 1 && out.indexOf(l) === i);
}

/** A matcher of every instrument label of a catalog, folded as the document's language folds words. */
export function buildMentionMatcher(catalog: InstrumentCatalog, folder: WordFolder): TermMatcher<InstrumentLabel> {
  const m = new TermMatcher<InstrumentLabel>(folder);
  for (const instrument of catalog.instruments) {
    for (const label of instrumentLabels(instrument)) m.add(label, { instrument, label, caseSensitive: isCaseSensitive(label) });
  }
  return m;
}

/** Whether the text writes every capitalised word of the label as the label does (`SAFE Framework`, not `safe framework`). */
function casedAsLabel(surface: string, label: string): boolean {
  const a = surface.match(WORDS) ?? [];
  const b = label.match(WORDS) ?? [];
  return b.every((w, i) => !isCasedWord(w) || a[i] === w || (i === b.length - 1 && a[i]?.startsWith(w)));
}

/** The instrument a hit names, or undefined when a case-sensitive label was written otherwise or the hit is ambiguous. */
export function mentionOf(text: string, hit: LabelHit<InstrumentLabel>): Instrument | undefined {
  const surface = text.slice(hit.start, hit.end);
  const ok = hit.values.filter((v) => !v.caseSensitive || casedAsLabel(surface, v.label));
  if (!ok.length) return undefined;
  const first = ok[0].instrument;
  // Two instruments sharing a label (the Kyoto Conventions of 1973 and 1999): the one that is in force.
  if (ok.every((v) => v.instrument === first)) return first;
  return ok.find((v) => !v.instrument.supersededBy)?.instrument ?? first;
}

/** Labels the word matcher cannot join (they hold `:`, `,`, `(`…): found as written, case aside. */
export function punctuatedLabels(catalog: InstrumentCatalog): { label: string; instrument: Instrument }[] {
  const out: { label: string; instrument: Instrument }[] = [];
  for (const instrument of catalog.instruments) {
    for (const label of instrumentLabels(instrument)) {
      if (/[^\p{L}\p{M}\p{N}\s\u00a0'’./\u2010-\u2014-]/u.test(label) && label.length >= 8) out.push({ label: label.toLowerCase(), instrument });
    }
  }
  return out;
}
