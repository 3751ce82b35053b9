// Deterministic inputs for the benchmark: term bases, concept documents and a
// workspace, made from word lists with a seeded PRNG. Everything goes to
// bench/out/ (gitignored). Each document comes with its "prose mask" (the body
// with every non-prose character — front matter, Markdown markers, code, link
// targets, HTML, «explicit uses», @citations — replaced by U+0001, same length)
// and the list of its explicit uses: the ground truth the cross-check needs,
// known by construction rather than by parsing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Rng } from './prng.mjs';
import { formsOf, keyOf, plural, words } from './semantics.mjs';

export const GENERATOR_VERSION = 6;
const HIDE = '\u0001';

const MODIFIERS = [
  'electronic', 'digital', 'automated', 'integrated', 'national', 'regional', 'simplified', 'centralised',
  'preferential', 'temporary', 'bonded', 'provisional', 'advance', 'joint', 'mutual', 'periodic',
  'supplementary', 'standard', 'special', 'external', 'internal', 'common', 'unified', 'interoperable',
  'secure', 'risk-based', 'post-release', 'pre-arrival', 'cross-border', 'multimodal', 'consolidated',
  'summary', 'authorised', 'certified', 'accredited', 'statistical', 'fiscal', 'harmonised', 'real-time',
  'mobile', 'remote', 'self-assessed', 'paperless', 'single', 'federal', 'bilateral', 'multilateral',
  'inward', 'outward', 'local', 'general', 'intelligent', 'predictive', 'end-to-end', 'open',
];
const DOMAINS = [
  'customs', 'cargo', 'goods', 'tariff', 'excise', 'transit', 'border', 'trade', 'freight', 'container',
  'consignment', 'manifest', 'warehouse', 'valuation', 'origin', 'duty', 'levy', 'guarantee', 'licence',
  'permit', 'inspection', 'clearance', 'audit', 'compliance', 'risk', 'data', 'document', 'vessel',
  'carrier', 'broker', 'operator', 'importer', 'exporter', 'quota', 'seal', 'port', 'terminal', 'payment',
  'revenue', 'postal', 'passenger', 'baggage', 'rail', 'road', 'air', 'maritime', 'fuel', 'livestock',
  'pharmaceutical', 'tobacco', 'alcohol', 'textile', 'agricultural', 'veterinary', 'phytosanitary',
];
const HEADS = [
  'declaration', 'procedure', 'register', 'regime', 'office', 'authority', 'system', 'platform', 'portal',
  'service', 'interface', 'module', 'certificate', 'notification', 'assessment', 'agreement', 'arrangement',
  'framework', 'mechanism', 'programme', 'indicator', 'model', 'control', 'profile', 'report', 'record',
  'message', 'repository', 'gateway', 'scheme', 'network', 'facility', 'zone', 'channel', 'identifier',
  'database', 'workflow', 'protocol', 'policy', 'strategy', 'inventory', 'ledger', 'regulation', 'manual',
  'checklist', 'dashboard', 'benchmark', 'roadmap', 'registry', 'account', 'authorisation', 'exemption',
  'suspension', 'drawback', 'ruling', 'classification', 'sample', 'laboratory', 'officer', 'team',
];
const ARCHAIC = ['computerised', 'manual', 'paper-based', 'conventional', 'traditional', 'legacy', 'old-style', 'classic'];
const FILLER = [
  'the', 'of', 'and', 'a', 'for', 'in', 'is', 'are', 'which', 'with', 'by', 'to', 'each', 'every', 'shall',
  'must', 'may', 'be', 'on', 'through', 'under', 'within', 'between', 'supports', 'requires', 'enables',
  'covers', 'replaces', 'links', 'feeds', 'governs', 'describes', 'administration', 'member', 'states',
  'agencies', 'stakeholders', 'traders', 'officers', 'commission', 'union', 'phase', 'pilot', 'evaluation',
  'period', 'budget', 'annual', 'practice', 'approach', 'reform', 'priority', 'objective', 'target',
  'capacity', 'budgetary', 'legal', 'basis', 'coordination', 'exchange', 'information', 'level', 'its',
  'their', 'this', 'that', 'these', 'all', 'most', 'some', 'new', 'existing', 'further', 'also', 'only',
  'not', 'yet', 'when', 'where', 'while', 'before', 'after', 'across', 'together', 'step', 'stage',
  'requirements', 'measures', 'activities', 'results', 'decisions', 'rules', 'provisions', 'cases',
];
const SECTION_TITLES = [
  'Terms and definitions', 'Scope', 'Competencies', 'Models of construction', 'Management mechanism',
  'Instruments and tools', 'Indicators', 'Maturity self-assessment', 'Relation to ICT', 'Business processes',
  'Annex', 'Implementation plan', 'Risks', 'Governance', 'Financing',
];
const CITATIONS = ['rkc', 'safe-fos', 'wco-dm', 'hs', 'istanbul', 'ecom-fos', 'dcmm', 'gnc', 'wco-dcc', 'sw-compendium', 'rkc-ict-guidelines', 'aeo-compendium', 'trs-guide', 'cbm-compendium'];
const UNKNOWN_CITATIONS = ['safe-fos-2012', 'cu-cc', 'wco-datamodel', 'eaeu-tc'];
const LOCATORS = ['General Annex, Chapter 7', 'Pillar 1', 'Standard 3.21', 'Annex B', 'p. 12', 'Chapter 4'];

/** A label written in capitals only (`ICT`, `PLACI`). */
export function isAcronymLabel(label) {
  const letters = label.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && !/\p{Ll}/u.test(letters);
}

/** Instrument names and titles of the built-in catalog that are written in Title Case (two words or more). */
export function instrumentTitleCaseNames(root) {
  const y = parseYaml(fs.readFileSync(path.join(root, 'server', 'data', 'instruments.yaml'), 'utf8'));
  const out = new Set();
  const titleCase = (s) => {
    const ws = s.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
    return ws.length >= 2 && ws.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:of|the|and|for|on|in|to|de|la|du|des|et|l|d)$/.test(w));
  };
  for (const i of y.instruments ?? []) {
    for (const n of [i.title, i.name, ...(i.abbreviations ?? [])]) if (typeof n === 'string' && titleCase(n)) out.add(n);
  }
  return out;
}

/** The labels of the built-in WCO term base, which our engine always knows. */
export function builtinLabels(root) {
  const y = parseYaml(fs.readFileSync(path.join(root, 'server', 'data', 'wco.terms.yaml'), 'utf8'));
  const out = [];
  for (const t of y.terms ?? []) {
    // General vocabulary (`role: general`) is known but never reported; its deprecated labels still are.
    for (const l of [t.term, ...(t.variants ?? [])]) if (typeof l === 'string') out.push({ label: l, kind: t.role === 'general' ? 'general' : 'builtin' });
    for (const l of t.deprecated ?? []) if (typeof l === 'string') out.push({ label: l, kind: 'builtin' });
  }
  return out;
}

function acronym(labelWords) {
  return labelWords.map((w) => w[0]).join('').toUpperCase();
}

/**
 * A term base of `count` terms with unique labels (no two labels, plurals
 * included, share a key, and none shares one with the built-in base).
 */
export function makeTermBase(count, seed, taken) {
  const rng = new Rng(seed);
  const used = new Set(taken);
  const terms = [];
  const claim = (label) => {
    const forms = formsOf(label);
    if (!forms.length || forms.some((f) => used.has(f))) return false;
    for (const f of forms) used.add(f);
    return true;
  };
  let guard = 0;
  while (terms.length < count && guard++ < count * 200) {
    const shape = rng.float();
    let w;
    if (shape < 0.15) w = [rng.pick(DOMAINS), rng.pick(HEADS)];
    else if (shape < 0.75) w = [rng.pick(MODIFIERS), rng.pick(DOMAINS), rng.pick(HEADS)];
    else if (shape < 0.95) w = [rng.pick(MODIFIERS), rng.pick(DOMAINS), rng.pick(DOMAINS), rng.pick(HEADS)];
    else w = [rng.pick(MODIFIERS), rng.pick(MODIFIERS), rng.pick(DOMAINS), rng.pick(DOMAINS), rng.pick(HEADS)];
    if (new Set(w).size !== w.length) continue;
    const term = w.join(' ');
    if (!claim(term)) continue;
    const entry = { term, variants: [], deprecated: [] };
    if (rng.chance(0.3)) {
      const a = acronym(words(term));
      if (a.length >= 3 && claim(a)) entry.variants.push(a);
    }
    if (rng.chance(0.15) && w.length >= 3) {
      const v = `${w[w.length - 1]} of ${w.slice(0, -1).join(' ')}`;
      if (claim(v)) entry.variants.push(v);
    }
    if (rng.chance(0.15)) {
      const d = [rng.pick(ARCHAIC), ...w.slice(w.length >= 3 ? 1 : 0)].join(' ');
      if (claim(d)) entry.deprecated.push(d);
    }
    entry.definition = sentence(rng, 12, 24, []).replace(/\.$/, '') + '.';
    if (rng.chance(0.2)) entry.source = '@' + rng.pick(CITATIONS);
    terms.push(entry);
  }
  if (terms.length < count) throw new Error(`Only ${terms.length} unique labels could be made (asked for ${count}).`);
  return terms;
}

export function termBaseYaml(terms, seed) {
  const lines = [`# Generated by bench/lib/generate.mjs (seed ${seed}, ${terms.length} terms). Do not edit.`, 'language: en', 'terms:'];
  for (const t of terms) {
    lines.push(`  - term: ${t.term}`);
    lines.push('    definition: >-');
    lines.push(`      ${t.definition}`);
    if (t.variants.length) lines.push(`    variants: [${t.variants.join(', ')}]`);
    if (t.deprecated.length) lines.push(`    deprecated: [${t.deprecated.join(', ')}]`);
    if (t.source) lines.push(`    source: "${t.source}"`);
  }
  return lines.join('\n') + '\n';
}

/** Labels of a generated base, with their kinds, for the baselines. */
export function baseLabels(terms) {
  const out = [];
  for (const t of terms) {
    out.push({ label: t.term, kind: 'preferred' });
    for (const v of t.variants) out.push({ label: v, kind: 'variant' });
    for (const d of t.deprecated) out.push({ label: d, kind: 'deprecated' });
  }
  return out;
}

function sentence(rng, min, max, _atoms) {
  const n = rng.int(min, max);
  const w = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(FILLER));
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ') + '.';
}

// ---------------------------------------------------------------------------
// Documents. A paragraph is a list of atoms {text, hide, sep}: `sep` is what
// goes before the atom (' ' may become a line break when wrapping); hidden
// atoms are not prose.

/** Renders a label as an author would type it: case, hyphens, plural. */
function renderLabel(rng, label, kind) {
  let w = label.split(/(\s+|-)/).filter((x) => x !== '' && !/^\s+$/.test(x));
  // w alternates words and '-' markers; rebuild with varied separators.
  const parts = [];
  let pendingHyphen = false;
  for (const x of w) {
    if (x === '-') {
      pendingHyphen = true;
      continue;
    }
    parts.push({ word: x, hyphenBefore: pendingHyphen });
    pendingHyphen = false;
  }
  const isAcronym = /^[A-Z]+$/.test(label);
  const caseRoll = rng.float();
  const wantPlural = !isAcronym && rng.chance(0.15);
  if (wantPlural) {
    const last = parts[parts.length - 1];
    const p = plural(last.word.toLowerCase());
    if (p) last.word = p;
  }
  for (const p of parts) {
    if (isAcronym) continue;
    if (caseRoll < 0.08) p.word = p.word[0].toUpperCase() + p.word.slice(1);
    else if (caseRoll < 0.1) p.word = p.word.toUpperCase();
  }
  const atoms = [];
  parts.forEach((p, i) => {
    let sep = ' ';
    if (i > 0) {
      if (p.hyphenBefore) {
        const r = rng.float();
        sep = r < 0.6 ? '-' : r < 0.8 ? ' ' : r < 0.9 ? '\u2011' : '\u2010';
      } else if (rng.chance(0.04)) {
        sep = '-';
      } else if (rng.chance(0.01)) {
        sep = '\u00a0';
      }
    }
    atoms.push({ text: p.word, hide: false, sep, term: kind });
  });
  return atoms;
}

class DocWriter {
  constructor(rng, labels, localLabels, opts = {}) {
    this.rng = rng;
    this.labels = labels; // [{label, kind}]
    this.local = localLabels;
    this.parts = [];
    this.mask = [];
    this.length = 0;
    this.bytes = 0;
    this.explicit = [];
    this.blocks = 0;
    this.opts = opts;
  }

  emit(text, hide) {
    this.parts.push(text);
    this.mask.push(hide ? HIDE.repeat(text.length) : text);
    this.length += text.length;
    this.bytes += Buffer.byteLength(text);
  }

  pickLabel() {
    const r = this.rng.float();
    if (r < 0.03 && this.local.length) return this.rng.pick(this.local);
    return this.rng.pick(this.labels);
  }

  /** Atoms of one sentence. */
  sentenceAtoms() {
    const rng = this.rng;
    const atoms = [];
    const filler = (n) => {
      for (let i = 0; i < n; i++) atoms.push({ text: rng.pick(FILLER), hide: false, sep: ' ' });
    };
    filler(rng.int(2, 7));
    const uses = rng.int(1, 2);
    for (let u = 0; u < uses; u++) {
      const r = rng.float();
      const { label, kind } = this.pickLabel();
      if (r < 0.78) {
        atoms.push(...renderLabel(rng, label, kind));
      } else if (r < 0.86) {
        // «explicit use»
        const shown = rng.chance(0.9) ? label : rng.pick(['цифровая таможня', 'smart border', 'customs ecosystem 4.0']);
        atoms.push({ text: `«${shown}»`, hide: true, sep: ' ', explicit: shown });
      } else if (r < 0.9) {
        atoms.push({ text: `\`${label}\``, hide: true, sep: ' ' });
      } else if (r < 0.94) {
        const inner = renderLabel(rng, label, kind);
        inner[0].sep = '';
        atoms.push({ text: '*', hide: false, sep: ' ' }, ...inner, { text: '*', hide: false, sep: '' });
      } else if (r < 0.97) {
        const inner = renderLabel(rng, label, kind);
        inner[0].sep = '';
        atoms.push({ text: '[', hide: false, sep: ' ' }, ...inner, { text: `](https://example.org/${label.replace(/\W+/g, '-').toLowerCase()})`, hide: true, sep: '' });
      } else if (r < 0.985) {
        atoms.push({ text: '<abbr title="x">', hide: true, sep: ' ' }, ...renderLabel(rng, label, kind).map((a, i) => (i === 0 ? { ...a, sep: '' } : a)), { text: '</abbr>', hide: true, sep: '' });
      } else {
        atoms.push({ text: `<!-- check ${label} -->`, hide: true, sep: ' ' });
      }
      filler(rng.int(1, 5));
    }
    const c = rng.float();
    if (c < 0.12) {
      atoms.push({ text: '(', hide: false, sep: ' ' }, { text: '@' + rng.pick(CITATIONS), hide: true, sep: '' }, { text: ')', hide: false, sep: '' });
    } else if (c < 0.18) {
      atoms.push({ text: '[', hide: false, sep: ' ' }, { text: '@' + rng.pick(CITATIONS), hide: true, sep: '' }, { text: `, ${rng.pick(LOCATORS)}]`, hide: false, sep: '' });
    } else if (c < 0.2) {
      atoms.push({ text: '@' + rng.pick(UNKNOWN_CITATIONS), hide: true, sep: ' ' });
    } else if (c < 0.21) {
      atoms.push({ text: rng.chance(0.5) ? '🚢' : 'в рамках ЕАЭС', hide: false, sep: ' ' });
    }
    // Capitalise the first atom if it is a filler word; end with a period.
    if (!atoms[0].hide && /^[a-z]/.test(atoms[0].text)) atoms[0] = { ...atoms[0], text: atoms[0].text[0].toUpperCase() + atoms[0].text.slice(1) };
    atoms.push({ text: '.', hide: false, sep: '' });
    return atoms;
  }

  /** Writes atoms wrapped at ~80 columns; `indent` continues lines (list items). */
  writeAtoms(atoms, firstPrefix = '', indent = '') {
    let col = 0;
    if (firstPrefix) {
      this.emit(firstPrefix, true);
      col = firstPrefix.length;
    }
    atoms.forEach((a, i) => {
      if (i > 0) {
        // Never wrap before inline HTML: `<!--` at the start of a line would open an HTML block.
        if (a.sep === ' ' && col + 1 + a.text.length > 80 && !a.text.startsWith('<')) {
          this.emit('\n', false);
          if (indent) this.emit(indent, false);
          col = indent.length;
        } else if (a.sep) {
          this.emit(a.sep, false);
          col += a.sep.length;
        }
      }
      const start = this.length;
      this.emit(a.text, a.hide);
      if (a.explicit !== undefined) this.explicit.push([start + 1, start + 1 + a.explicit.length, a.explicit]);
      col += a.text.length;
    });
  }

  paragraph(minSentences = 2, maxSentences = 6) {
    const atoms = [];
    const n = this.rng.int(minSentences, maxSentences);
    for (let s = 0; s < n; s++) {
      const sa = this.sentenceAtoms();
      if (atoms.length) sa[0] = { ...sa[0], sep: ' ' };
      atoms.push(...sa);
    }
    this.writeAtoms(atoms);
    this.emit('\n\n', false);
  }

  heading() {
    const level = this.rng.int(1, 3);
    const atoms = this.rng
      .pick(SECTION_TITLES)
      .split(' ')
      .map((t) => ({ text: t, hide: false, sep: ' ' }));
    if (this.rng.chance(0.4)) {
      const { label, kind } = this.pickLabel();
      atoms.push({ text: 'of', hide: false, sep: ' ' }, ...renderLabel(this.rng, label, kind));
    }
    this.emit('#'.repeat(level) + ' ', true);
    atoms.forEach((a, i) => {
      if (i > 0) this.emit(a.sep === '' ? '' : a.sep, false);
      this.emit(a.text, false);
    });
    if (this.rng.chance(0.3)) this.emit(` {#sec-${this.blocks}}`, true);
    this.emit('\n\n', false);
  }

  list() {
    const n = this.rng.int(2, 5);
    for (let i = 0; i < n; i++) {
      const sa = this.sentenceAtoms();
      this.writeAtoms(sa, '- ', '  ');
      this.emit('\n', false);
    }
    this.emit('\n', false);
  }

  codeBlock() {
    const { label } = this.pickLabel();
    const body = `\`\`\`yaml\nterm: ${label}\nsee: ${this.pickLabel().label}\n\`\`\`\n`;
    this.emit(body, true);
    this.emit('\n', false);
  }

  body(targetBytes, reserve) {
    while (this.bytes + reserve < targetBytes) {
      const r = this.rng.float();
      if (this.blocks % 12 === 0 || r < 0.06) this.heading();
      else if (r < 0.8) this.paragraph();
      else if (r < 0.93) this.list();
      else this.codeBlock();
      this.blocks++;
    }
  }
}

/**
 * The second document shape (issue 17): many short sections, dense term uses and many distinct unknown citation
 * ids. Per 1 MB: ~360 headings, ~1,800 paragraphs of ~5–6 plain term uses each (~10,000), ~340 citations of
 * unknown ids. Plain prose only besides the headings and citations, so that the cost measured is that of sections,
 * uses and ids rather than of Markdown constructs.
 */
class SectionsWriter extends DocWriter {
  sentenceAtoms() {
    const rng = this.rng;
    const atoms = [];
    const filler = (n) => {
      for (let i = 0; i < n; i++) atoms.push({ text: rng.pick(FILLER), hide: false, sep: ' ' });
    };
    filler(rng.int(4, 9));
    const uses = rng.chance(0.12) ? 2 : 1;
    for (let u = 0; u < uses; u++) {
      const { label, kind } = this.pickLabel();
      atoms.push(...renderLabel(rng, label, kind));
      filler(rng.int(3, 6));
    }
    if (rng.chance(0.038)) atoms.push({ text: `@draft-ref-${rng.int(1, 600)}`, hide: true, sep: ' ' });
    if (!atoms[0].hide && /^[a-z]/.test(atoms[0].text)) atoms[0] = { ...atoms[0], text: atoms[0].text[0].toUpperCase() + atoms[0].text.slice(1) };
    atoms.push({ text: '.', hide: false, sep: '' });
    return atoms;
  }

  body(targetBytes, reserve) {
    while (this.bytes + reserve < targetBytes) {
      if (this.blocks % 5 === 0) this.heading();
      this.paragraph(4, 6);
      this.blocks++;
    }
  }
}

export const LOCAL_TERMS = [
  { label: 'bench local term', kind: 'local' },
  { label: 'document-defined concept', kind: 'local' },
];

export function frontMatter(name, withGlossary, glossaryPath) {
  const lines = ['---', `concept: ${name}`, `title: Benchmark concept ${name}`, 'status: draft', 'language: en'];
  if (withGlossary) lines.push(`glossaries: [${glossaryPath}]`);
  lines.push('terms:');
  lines.push('  bench local term:');
  lines.push('    definition: A term this document defines for itself, used now and then.');
  lines.push('  document-defined concept:');
  lines.push('    definition: Another term defined by the document.');
  lines.push('---', '', '');
  return lines.join('\n');
}

/** Generates one document body of about `targetBytes` (whole file, front matter included). */
export function makeBody(seed, labels, targetBytes, reserve = 300) {
  const w = new DocWriter(new Rng(seed), labels, LOCAL_TERMS);
  w.body(targetBytes, reserve);
  return { text: w.parts.join(''), mask: w.mask.join(''), explicit: w.explicit, bytes: w.bytes };
}

/** A body of the second shape (see SectionsWriter), with its counts of headings, paragraphs and unknown citations. */
export function makeSectionsBody(seed, labels, targetBytes, reserve = 300) {
  const w = new SectionsWriter(new Rng(seed), labels, LOCAL_TERMS);
  w.body(targetBytes, reserve);
  const text = w.parts.join('');
  return {
    text,
    mask: w.mask.join(''),
    explicit: w.explicit,
    bytes: w.bytes,
    counts: { headings: (text.match(/^#{1,3} /gm) ?? []).length, paragraphs: w.blocks, unknownCitations: (text.match(/@draft-ref-\d+/g) ?? []).length, distinctUnknownIds: new Set(text.match(/@draft-ref-\d+/g) ?? []).size },
  };
}

function writeIfChanged(file, text) {
  try {
    if (fs.readFileSync(file, 'utf8') === text) return;
  } catch {
    /* missing */
  }
  fs.writeFileSync(file, text);
}

export const TERM_SIZES = [500, 5000];
export const DOC_SIZES = [
  { id: '10k', bytes: 10 * 1024 },
  { id: '100k', bytes: 100 * 1024 },
  { id: '1m', bytes: 1024 * 1024 },
  // 10 MB (decimal), under the server's default 10 MiB `maxDocumentSize`.
  { id: '10m', bytes: 10_000_000 },
];

/**
 * Generates every input under `outDir` (skipped when a stamp says they are
 * already there for this generator version). Returns the manifest.
 */
export function generateAll(root, outDir, { docSizes = DOC_SIZES, workspace = true, log = () => {} } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const stampFile = path.join(outDir, 'manifest.json');
  const wanted = { version: GENERATOR_VERSION, docSizes: docSizes.map((d) => d.id), workspace };
  try {
    const old = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    const hasAll = wanted.docSizes.every((d) => old.docSizes.includes(d)) && (!workspace || old.workspace);
    if (old.version === GENERATOR_VERSION && hasAll) return old;
  } catch {
    /* regenerate */
  }
  const builtin = builtinLabels(root);
  const taken = new Set(builtin.flatMap((b) => formsOf(b.label)));
  for (const l of LOCAL_TERMS) for (const f of formsOf(l.label)) taken.add(f);
  const manifest = { version: GENERATOR_VERSION, docSizes: wanted.docSizes, workspace, cases: [], workspaceDir: undefined };
  // One 5,000-term base; the 500-term base is its first 500 terms.
  const all = makeTermBase(5000, 'bench-terms-v1', taken);
  for (const n of TERM_SIZES) {
    const terms = all.slice(0, n);
    const dir = path.join(outDir, `t${n}`);
    fs.mkdirSync(dir, { recursive: true });
    writeIfChanged(path.join(dir, 'bench.terms.yaml'), termBaseYaml(terms, 'bench-terms-v1'));
    fs.writeFileSync(path.join(dir, 'labels.json'), JSON.stringify(baseLabels(terms)));
    const labels = baseLabels(terms);
    // A few uses of built-in WCO terms, as real concepts have.
    const docLabels = [...labels, ...builtin.slice(0, 20)];
    for (const size of docSizes) {
      log(`generating t${n}/${size.id}`);
      const fmG = frontMatter(`bench-${size.id}`, true, 'bench.terms.yaml');
      const fmK = frontMatter(`bench-${size.id}`, false);
      const body = makeBody(`doc-${n}-${size.id}`, docLabels, size.bytes - Buffer.byteLength(fmG));
      writeIfChanged(path.join(dir, `glossary-${size.id}.concept.md`), fmG + body.text);
      writeIfChanged(path.join(dir, `known-${size.id}.concept.md`), fmK + body.text);
      fs.writeFileSync(path.join(dir, `${size.id}.mask.txt`), body.mask);
      fs.writeFileSync(path.join(dir, `${size.id}.meta.json`), JSON.stringify({ explicit: body.explicit, fmLength: { glossary: fmG.length, known: fmK.length } }));
      manifest.cases.push({ terms: n, size: size.id, dir, bytes: Buffer.byteLength(fmG + body.text) });
    }
  }
  {
    // The second shape: 1 MB with the 5,000-term base, in a folder of its own laid out like `t5000/`.
    log('generating the sections shape (1 MB)');
    const dir = path.join(outDir, 'sections');
    fs.mkdirSync(dir, { recursive: true });
    const terms = all.slice(0, 5000);
    writeIfChanged(path.join(dir, 'bench.terms.yaml'), termBaseYaml(terms, 'bench-terms-v1'));
    fs.writeFileSync(path.join(dir, 'labels.json'), JSON.stringify(baseLabels(terms)));
    const fm = frontMatter('bench-sections-1m', true, 'bench.terms.yaml');
    const body = makeSectionsBody('sections-1m', [...baseLabels(terms), ...builtin.slice(0, 20)], 1024 * 1024 - Buffer.byteLength(fm));
    writeIfChanged(path.join(dir, 'glossary-1m.concept.md'), fm + body.text);
    fs.writeFileSync(path.join(dir, '1m.mask.txt'), body.mask);
    fs.writeFileSync(path.join(dir, '1m.meta.json'), JSON.stringify({ explicit: body.explicit, fmLength: { glossary: fm.length }, counts: body.counts }));
    manifest.sectionsDir = dir;
    manifest.sections = { bytes: Buffer.byteLength(fm + body.text), ...body.counts };
  }
  if (workspace) {
    log('generating the 1,000-document workspace');
    const dir = path.join(outDir, 'workspace');
    fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
    writeIfChanged(path.join(dir, 'bench.terms.yaml'), termBaseYaml(all, 'bench-terms-v1'));
    const labels = [...baseLabels(all), ...builtin.slice(0, 20)];
    for (let i = 0; i < 1000; i++) {
      const sub = path.join(dir, 'docs', `part-${String(Math.floor(i / 100)).padStart(2, '0')}`);
      fs.mkdirSync(sub, { recursive: true });
      const name = `doc-${String(i).padStart(4, '0')}`;
      const fm = frontMatter(name, i % 5 !== 4, '../../bench.terms.yaml');
      const body = makeBody(`ws-${i}`, labels, 20 * 1024 - Buffer.byteLength(fm));
      writeIfChanged(path.join(sub, `${name}.concept.md`), fm + body.text);
    }
    manifest.workspaceDir = dir;
  }
  fs.writeFileSync(stampFile, JSON.stringify(manifest, null, 2));
  return manifest;
}
