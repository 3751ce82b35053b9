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
  confidence?: string;
  note?: string;
  related: string[];
  /** Titles in other languages, each with its own confidence. */
  titles: Record<string, { title: string; name?: string; confidence?: string; note?: string }>;
  /** Where the entry is defined. */
  uri: string;
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

export class InstrumentCatalog {
  private readonly byId = new Map<string, CitationTarget>();
  readonly instruments: Instrument[] = [];
  readonly problems: Problem[] = [];

  constructor(sources: CatalogSource[]) {
    for (const s of sources) this.add(s.parsed ?? readCatalog(s.uri, s.text));
  }

  private add(part: CatalogPart): void {
    this.problems.push(...part.problems);
    for (const instrument of part.instruments) {
      this.instruments.push(instrument);
      // Later sources (the workspace's) override earlier ones (the built-in catalog).
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
    if (this.closestCache.size > 10_000) this.closestCache.clear();
    this.closestCache.set(key, found);
    return found.slice();
  }

  private readonly closestCache = new Map<string, string[]>();

  private closestUncached(id: string, max: number): string[] {
    const lower = id.toLowerCase();
    const scored: { id: string; d: number }[] = [];
    for (const inst of this.instruments) {
      let best = distance(lower, inst.id);
      for (const a of inst.abbreviations) best = Math.min(best, distance(lower, a.toLowerCase().replace(/\s+/g, '-')));
      for (const e of inst.editions) best = Math.min(best, distance(lower, e.id) + 0.5);
      scored.push({ id: inst.id, d: best });
    }
    const limit = Math.max(2, Math.ceil(lower.length / 2));
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
        editions.push({ id: eid, edition: scalarString(deref(findPair(en, 'edition')?.value, doc)) ?? eid, current: scalarString(cur) === 'true' });
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
      confidence: get('confidence'),
      note: get('note'),
      related: list('related'),
      uri,
      idRange: rangeOf(idNode, 0) ?? [0, 0],
    };
    instruments.push(instrument);
  }
  return { instruments, problems };
}
