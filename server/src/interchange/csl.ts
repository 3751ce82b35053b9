/**
 * The instrument catalog as a CSL-JSON bibliography for Pandoc (`--citeproc`):
 * one item per instrument and one per edition, keyed by the ids concept
 * documents cite (`[@rkc, General Annex]`). The style `server/data/customs.csl`
 * renders them.
 */
import type { Instrument } from '../core/index';

/** Conventions, agreements and declarations are treaties; everything else an instrument body adopts is `legislation`. */
const TREATY_KINDS = new Set(['convention', 'agreement', 'declaration', 'protocol']);

export interface CslItem {
  id: string;
  type: 'treaty' | 'legislation';
  title: string;
  'title-short'?: string;
  authority?: string;
  issued?: { 'date-parts': number[][] };
  version?: string;
  URL?: string;
  note?: string;
  /** Set when the catalog is not sure of the entry; the shipped style prints it in the bibliography. */
  annote?: string;
  language: string;
}

function dateParts(date: string | undefined): { 'date-parts': number[][] } | undefined {
  const m = date && /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return undefined;
  return { 'date-parts': [m.slice(1).filter((x) => x !== undefined).map(Number)] };
}

/** Says how sure the catalog is, so no unchecked fact reads as certain. */
function confidenceOf(i: Instrument): string | undefined {
  if (!i.confidence || i.confidence === 'high') return undefined;
  return i.confidence === 'low' ? 'Not verified: check before relying on it' : `Catalog confidence: ${i.confidence}`;
}

export function toCslJson(instruments: Instrument[]): CslItem[] {
  const items: CslItem[] = [];
  for (const i of instruments) {
    const base: CslItem = {
      id: i.id,
      type: TREATY_KINDS.has(i.kind ?? '') ? 'treaty' : 'legislation',
      title: i.title,
      'title-short': i.name ?? i.abbreviations[0],
      authority: i.owner,
      issued: dateParts(i.adopted),
      URL: i.source && /^https?:\/\//.test(i.source) ? i.source : undefined,
      note: i.note,
      annote: confidenceOf(i),
      language: 'en',
    };
    items.push(JSON.parse(JSON.stringify(base)) as CslItem);
    for (const e of i.editions) {
      // An edition named by its year ("HS 2012", "2003 (revised)") is dated by it; a label of its own ("HS 2012") is its short title.
      const year = /\b(1[89]\d\d|20\d\d)\b/.exec(e.edition)?.[1];
      const item: CslItem = {
        ...base,
        id: e.id,
        version: e.edition,
        'title-short': /^\d/.test(e.edition) ? `${base['title-short'] ?? i.title} ${e.edition}` : e.edition,
        issued: year ? { 'date-parts': [[Number(year)]] } : undefined,
      };
      items.push(JSON.parse(JSON.stringify(item)) as CslItem);
    }
  }
  return items;
}
