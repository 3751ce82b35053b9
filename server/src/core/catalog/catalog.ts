/**
 * The instrument catalog: WCO instruments and the other instruments concept
 * documents cite, looked up by id, by edition id, or searched by abbreviation
 * and title.
 */
import { distance } from 'fastest-levenshtein';
import { deref, findPair, isMap, isSeq, mapPairs, parseYaml, rangeOf, scalarString, type Problem } from '../yaml';

export interface Edition {
  id: string;
  edition: string;
  current: boolean;
  /** Address of the page that confirms the edition. */
  source?: string;
  /** What confirms the edition, in words. */
  sourceTitle?: string;
  note?: string;
}

/** A citable part of an instrument (a chapter, an annex, an article): `[@rkc, General Annex, Chapter 7]`. */
export interface InstrumentPart {
  locator: string;
  title: string;
  summary?: string;
  confidence?: string;
  note?: string;
}

export interface Instrument {
  id: string;
  title: string;
  name?: string;
  abbreviations: string[];
  kind?: string;
  owner?: string;
  body?: string;
  adopted?: string;
  inForce?: string;
  partOf?: string;
  editions: Edition[];
  supersededBy?: string;
  summary?: string;
  source?: string;
  /** What the source is, in words (`source_title`). */
  sourceTitle?: string;
  confidence?: string;
  note?: string;
  related: string[];
  /** Citable parts (chapters, annexes, articles), matched against a citation's locator. */
  parts: InstrumentPart[];
  /** Where the parts come from. */
  partsNote?: string;
  /** Titles in other languages, each with its own confidence. */
  titles: Record<string, { title: string; name?: string; confidence?: string; note?: string }>;
  /** Where the entry is defined. */
  uri: string;
  /** `workspace` for an entry of a workspace catalog (`*.instruments.yaml`), else built in. */
  origin?: 'builtin' | 'workspace';
  idRange: [number, number];
}

export interface CitationTarget {
  instrument: Instrument;
  /** Set when the id named an edition rather than the instrument. */
  edition?: Edition;
}

/** What one catalog file holds: its instruments in file order, and its YAML problems. */
export interface CatalogPart {
  instruments: Instrument[];
  problems: Problem[];
}

/** A catalog source: its text, or what reading it gave (the built-in catalog from the bundled snapshot). */
export interface CatalogSource {
  uri: string;
  text: string;
  parsed?: CatalogPart;
}

/**
 * How many answers of `closest` a catalog keeps. A document citing more unknown ids than this (a generated one) made
 * every check work them all out again when the memo was emptied at 10,000.
 */
const CLOSEST_MEMO = 100_000;

export class InstrumentCatalog {
  private readonly byId = new Map<string, CitationTarget>();
  readonly instruments: Instrument[] = [];
  readonly problems: Problem[] = [];
  /** Workspace entries whose id (or an edition id) is also an id of an earlier source, with what they hide. */
  readonly shadows: { instrument: Instrument; id: string; hidden: Instrument }[] = [];
  private readonly base: CatalogPart[];
  /** Changes whenever `setWorkspace` changes the entries: a key for what is derived from them. */
  private gen = 0;

  get generation(): number {
    return this.gen;
  }

  constructor(sources: CatalogSource[]) {
    this.base = sources.map((s, i) => markOrigin(s.parsed ?? readCatalog(s.uri, s.text), i === 0 ? 'builtin' : 'workspace'));
    for (const part of this.base) this.add(part);
  }

  /**
   * Replaces the catalogs of the workspace (`*.instruments.yaml`) by these, keeping the sources given
   * at construction. Entries of a later source override those of an earlier one with the same id.
   */
  setWorkspace(parts: CatalogPart[]): void {
    this.gen++;
    this.byId.clear();
    this.instruments.length = 0;
    this.problems.length = 0;
    this.shadows.length = 0;
    this.closestCache.clear();
    this.closestKeys = undefined;
    for (const part of [...this.base, ...parts.map((p) => markOrigin(p, 'workspace'))]) this.add(part);
  }

  private add(part: CatalogPart): void {
    this.problems.push(...part.problems);
    for (const instrument of part.instruments) {
      this.instruments.push(instrument);
      // Later sources (the workspace's) override earlier ones (the built-in catalog).
      for (const id of [instrument.id, ...instrument.editions.map((e) => e.id)]) {
        const hidden = this.byId.get(id.toLowerCase())?.instrument;
        if (hidden && hidden !== instrument && instrument.origin === 'workspace') this.shadows.push({ instrument, id, hidden });
      }
      this.byId.set(instrument.id.toLowerCase(), { instrument });
      for (const e of instrument.editions) this.byId.set(e.id.toLowerCase(), { instrument, edition: e });
    }
  }

  get(id: string): CitationTarget | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** Every citable id (instruments and editions). */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The closest ids to an unknown one, best first. */
  closest(id: string, max = 3): string[] {
    // Edit distance costs length × length: a 5 MB `@aaaa…` would freeze the server, and no id is that long.
    if (id.length > 100) return [];
    // Every check of a document asks again for the same unknown ids: the answer is kept (the catalog is immutable).
    const key = `${max}\u0000${id}`;
    const known = this.closestCache.get(key);
    if (known) return known.slice();
    const found = this.closestUncached(id, max);
    if (this.closestCache.size > CLOSEST_MEMO) this.closestCache.clear();
    this.closestCache.set(key, found);
    return found.slice();
  }

  private readonly closestCache = new Map<string, string[]>();
  /** What an id is compared with, per instrument: its id, its abbreviations as ids, its editions' ids. */
  private closestKeys: { id: string; names: string[]; editions: string[] }[] | undefined;

  private closestUncached(id: string, max: number): string[] {
    const lower = id.toLowerCase();
    const limit = Math.max(2, Math.ceil(lower.length / 2));
    // Two words whose lengths differ by more than the limit are further apart than it: no distance to compute.
    const near = (key: string, extra = 0) => (Math.abs(key.length - lower.length) + extra > limit ? Infinity : distance(lower, key) + extra);
    this.closestKeys ??= this.instruments.map((inst) => ({ id: inst.id, names: [inst.id, ...inst.abbreviations.map((a) => a.toLowerCase().replace(/\s+/g, '-'))], editions: inst.editions.map((e) => e.id) }));
    const scored: { id: string; d: number }[] = [];
    for (const keys of this.closestKeys) {
      let best = Infinity;
      for (const name of keys.names) best = Math.min(best, near(name));
      for (const e of keys.editions) best = Math.min(best, near(e, 0.5));
      scored.push({ id: keys.id, d: best });
    }
    return scored
      .filter((s) => s.d <= limit)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, max)
      .map((s) => s.id);
  }

  /** Instruments whose id, abbreviation, name or title contains `query` (case-insensitive); all when empty. */
  /**
   * Instruments matching `query` (what follows `@`), best first: an id that starts with it, an
   * abbreviation that does, a word of a name or title in any language that does (`@Киот`,
   * `@Бак`, `@cadre`), then an id, name or title that contains it, then an edition id. Within a
   * rank, instruments the document already cites come first, then those in force.
   */
  search(query: string, cited: ReadonlySet<string> = new Set()): Instrument[] {
    const q = query.toLowerCase().replace(/ё/g, 'е');
    const order = (x: Instrument) => (cited.has(x.id) ? 0 : x.supersededBy ? 2 : 1);
    if (!q) return [...this.instruments].sort((a, b) => order(a) - order(b));
    const scored: { inst: Instrument; score: number; index: number }[] = [];
    this.instruments.forEach((inst, index) => {
      const names = [inst.title, ...(inst.name ? [inst.name] : []), ...Object.values(inst.titles).flatMap((t) => (t.name ? [t.title, t.name] : [t.title]))].map((n) => n.toLowerCase().replace(/ё/g, 'е'));
      let score = -1;
      if (inst.id.startsWith(q)) score = 0;
      else if (inst.abbreviations.some((a) => a.toLowerCase().startsWith(q))) score = 1;
      else if (names.some((n) => n.startsWith(q) || n.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q)))) score = 2;
      else if (inst.id.includes(q)) score = 3;
      else if (inst.abbreviations.some((a) => a.toLowerCase().includes(q)) || names.some((n) => n.includes(q))) score = 4;
      else if (inst.editions.some((e) => e.id.includes(q))) score = 5;
      if (score >= 0) scored.push({ inst, score, index });
    });
    return scored.sort((a, b) => a.score - b.score || order(a.inst) - order(b.inst) || a.index - b.index).map((s) => s.inst);
  }
}

/** Reads one catalog file. */
export function readCatalog(uri: string, text: string): CatalogPart {
  const { doc, problems } = parseYaml(text);
  const instruments: Instrument[] = [];
  const list = deref(findPair(doc.contents, 'instruments')?.value, doc);
  if (!isSeq(list)) return { instruments, problems };
  for (const item of list.items) {
    const node = deref(item, doc);
    if (!isMap(node)) continue;
    const get = (k: string) => scalarString(deref(findPair(node, k)?.value, doc));
    const list = (k: string): string[] => {
      const v = deref(findPair(node, k)?.value, doc);
      return isSeq(v) ? v.items.map((i) => scalarString(deref(i, doc))).filter((x): x is string => !!x) : [];
    };
    const idNode = deref(findPair(node, 'id')?.value, doc);
    const id = scalarString(idNode);
    if (!id) continue;
    const editions: Edition[] = [];
    const eds = deref(findPair(node, 'editions')?.value, doc);
    if (isSeq(eds)) {
      for (const e of eds.items) {
        const en = deref(e, doc);
        if (!isMap(en)) continue;
        const eid = scalarString(deref(findPair(en, 'id')?.value, doc));
        if (!eid) continue;
        const cur = deref(findPair(en, 'current')?.value, doc);
        const eget = (k: string) => scalarString(deref(findPair(en, k)?.value, doc));
        editions.push({ id: eid, edition: eget('edition') ?? eid, current: scalarString(cur) === 'true', source: eget('source'), sourceTitle: eget('source_title'), note: eget('note') });
      }
    }
    const parts: InstrumentPart[] = [];
    const partsNode = deref(findPair(node, 'parts')?.value, doc);
    if (isSeq(partsNode)) {
      for (const item of partsNode.items) {
        const pn = deref(item, doc);
        const pget = (k: string) => scalarString(deref(findPair(pn, k)?.value, doc));
        const locator = pget('locator');
        const title = pget('title');
        if (locator && title) parts.push({ locator, title, summary: pget('summary'), confidence: pget('confidence'), note: pget('note') });
      }
    }
    const titles: Instrument['titles'] = {};
    for (const tp of mapPairs(deref(findPair(node, 'titles')?.value, doc))) {
      const lang = scalarString(tp.key);
      const tn = deref(tp.value, doc);
      const title = scalarString(deref(findPair(tn, 'title')?.value, doc));
      if (!lang || !title) continue;
      titles[lang] = {
        title,
        name: scalarString(deref(findPair(tn, 'name')?.value, doc)),
        confidence: scalarString(deref(findPair(tn, 'confidence')?.value, doc)),
        note: scalarString(deref(findPair(tn, 'note')?.value, doc)),
      };
    }
    const instrument: Instrument = {
      titles,
      id,
      title: get('title') ?? id,
      name: get('name'),
      abbreviations: list('abbreviations'),
      kind: get('kind'),
      owner: get('owner'),
      body: get('body'),
      adopted: get('adopted'),
      inForce: get('in_force'),
      partOf: get('part_of'),
      editions,
      supersededBy: get('superseded_by'),
      summary: get('summary'),
      source: get('source'),
      sourceTitle: get('source_title'),
      confidence: get('confidence'),
      note: get('note'),
      related: list('related'),
      parts,
      partsNote: get('parts_note'),
      uri,
      idRange: rangeOf(idNode, 0) ?? [0, 0],
    };
    instruments.push(instrument);
  }
  return { instruments, problems };
}

/**
 * A locator's comparison key: lower case, abbreviations spelt out (`Ch.` → chapter, `Art.` → article,
 * `GA` → general annex), punctuation and the words "the" and "of" dropped, Roman numerals of chapters kept as written.
 */
export function locatorKey(locator: string): string {
  return locator
    .toLowerCase()
    .replace(/\bga\b/g, 'general annex')
    .replace(/\bsa\b/g, 'specific annex')
    .replace(/\bch(?:ap)?\b\.?/g, 'chapter')
    .replace(/\bart\b\.?/g, 'article')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\b(?:the|of)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part of an instrument (or of the instrument it is part of) that a citation's locator names, if the catalog knows it. */
export function findPart(catalog: InstrumentCatalog, instrument: Instrument, locator: string): { part: InstrumentPart; of: Instrument } | undefined {
  const key = locatorKey(locator);
  if (!key) return undefined;
  for (let inst: Instrument | undefined = instrument, depth = 0; inst && depth < 5; inst = inst.partOf ? catalog.get(inst.partOf)?.instrument : undefined, depth++) {
    for (const part of inst.parts) {
      const pk = locatorKey(part.locator);
      // `[@rkc-general-annex, Chapter 7]` names the part `General Annex, Chapter 7` of its parent.
      if (pk === key) return { part, of: inst };
      if (inst !== instrument && pk.endsWith(' ' + key)) {
        const prefix = pk.slice(0, pk.length - key.length - 1);
        if (locatorKey(instrument.name ?? instrument.title).includes(prefix)) return { part, of: inst };
      }
    }
  }
  return undefined;
}

/** The part with each instrument of a workspace catalog marked as such (built-in entries stay as read). */
function markOrigin(part: CatalogPart, origin: 'builtin' | 'workspace'): CatalogPart {
  if (origin === 'workspace') for (const i of part.instruments) i.origin = 'workspace';
  return part;
}
