/**
 * The markdown-it plugin that renders a concept document as its reader sees it,
 * shared by VS Code's Markdown preview and the HTML/PDF export:
 * - the front matter becomes a title block (title, status, language, model…);
 * - every term use becomes a `<dfn>` whose `title` is the definition in effect
 *   (undefined terms get the class `cc-undefined`); in the export it also links
 *   to its glossary entry;
 * - every `@id` citation becomes a link to the instrument's entry, titled with
 *   the instrument's title;
 * - in the preview, the maturity chart and the components diagram follow the
 *   headings of the sections that explain them, and a list of the instruments
 *   cited ends the document.
 *
 * Positions: the analysis gives document offsets; markdown-it gives each block
 * its source lines. A use is looked for, in order, in the text of the inline
 * token whose lines hold it (whitespace and line breaks compared loosely), so
 * Markdown markup between uses never shifts one onto another. A use that cannot
 * be found (written with a backslash escape or an entity) is left as plain text.
 */
import type MarkdownIt from 'markdown-it';
import type { ConceptView } from './conceptView';
import { escapeHtml, figuresHtml, instrumentsList, titleBlock } from './htmlParts';
// Line starts as markdown-it counts line breaks (CRLF, CR or LF each once), as the language service counts them.
import { lineStarts } from '../core/chunkLines';

type StateCore = Parameters<MarkdownIt['core']['ruler']['push']>[1] extends (state: infer S) => unknown ? S : never;
type Token = StateCore['tokens'][number];

export interface ConceptPluginOptions {
  /** The view of the document rendered from `src` (the whole text, front matter included), or undefined when it is not a concept document. */
  view(src: string, env: Record<string, unknown>): ConceptView | undefined;
  /** `preview`: figures in the body and a list of instruments at the end; `export`: terms and citations link to the annexes. */
  mode: 'preview' | 'export';
  /** SVG of the figures, for the preview (the export puts them in its annexes). */
  figures?(view: ConceptView): { radar?: string; components?: string };
}

const VIEW = Symbol.for('customs-concepts.view');

interface Item {
  line: number;
  needle: string[];
  open: string;
  close: string;
  /** Replaces the matched text (a citation shows the instrument's short name). */
  replace?: string;
}

/** Index of the last of the ascending `starts` that is at most `offset` (0 when none is). */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0';
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}\p{M}]/u.test(c);

/** Finds `words` (separated by any whitespace) in `hay` from `from`, on word boundaries. */
function findWords(hay: string, words: string[], from: number): [number, number] | undefined {
  if (!words.length) return undefined;
  let at = hay.indexOf(words[0], from);
  while (at >= 0) {
    let end = at + words[0].length;
    let ok = !isWordChar(hay[at - 1]) || !isWordChar(words[0][0]);
    for (let w = 1; ok && w < words.length; w++) {
      if (!isSpace(hay[end] ?? '')) ok = false;
      while (ok && isSpace(hay[end] ?? '')) end++;
      if (ok && hay.startsWith(words[w], end)) end += words[w].length;
      else ok = false;
    }
    const last = words[words.length - 1];
    if (ok && (!isWordChar(hay[end]) || !isWordChar(last[last.length - 1]))) return [at, end];
    at = hay.indexOf(words[0], at + 1);
  }
  return undefined;
}

function itemsOf(view: ConceptView, src: string, mode: ConceptPluginOptions['mode']): Item[] {
  const starts = lineStarts(src);
  const l = view.labels;
  const items: (Item & { start: number })[] = [];
  for (const u of view.uses) {
    const needle = src.slice(u.start, u.end).split(/\s+/).filter(Boolean);
    const t = u.term;
    const cls = u.defined ? 'cc-term' : 'cc-term cc-undefined';
    const title = u.defined ? (t?.definition ?? t?.label ?? '') : t?.definition ? `${l.undefinedTerm}. ${t.definition}` : l.undefinedTerm;
    const dfn = `<dfn class="${cls}" title="${escapeHtml(title)}"${t ? ` data-term="${escapeHtml(t.label)}"` : ''}>`;
    const link = mode === 'export' && t ? `<a class="cc-term-link" href="#${t.anchor}">` : '';
    items.push({ start: u.start, line: lineOf(starts, u.start), needle, open: link + dfn, close: '</dfn>' + (link ? '</a>' : '') });
  }
  for (const c of view.citations) {
    const ins = c.instrument;
    const needle = [src.slice(c.start, c.end)];
    if (ins) {
      items.push({
        start: c.start,
        line: lineOf(starts, c.start),
        needle,
        open: `<a class="cc-cite" href="#${ins.anchor}" title="${escapeHtml(ins.title)}" data-instrument="${escapeHtml(ins.id)}">`,
        close: '</a>',
        replace: escapeHtml(ins.short),
      });
    } else {
      items.push({ start: c.start, line: lineOf(starts, c.start), needle, open: `<span class="cc-cite cc-unknown" title="${escapeHtml(l.unknownInstrument)}">`, close: '</span>' });
    }
  }
  return items.sort((a, b) => a.start - b.start);
}

/** Rewrites the children of one inline token: wraps each item found, in order. */
function rewriteInline(token: Token, items: Item[], TokenCtor: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token): void {
  const children = token.children;
  if (!children?.length || !items.length) return;
  // The text of the children, with a line break for soft/hard breaks and NUL for anything else (never matched).
  let hay = '';
  const segStart: number[] = [];
  const linkDepth: number[] = [];
  let depth = 0;
  for (const ch of children) {
    segStart.push(hay.length);
    if (ch.type === 'link_open') depth++;
    if (ch.type === 'link_close') depth--;
    linkDepth.push(depth);
    hay += ch.type === 'text' ? ch.content : ch.type === 'softbreak' || ch.type === 'hardbreak' ? '\n' : '\u0000';
  }
  const events: { child: number; at: number; html: string; order: number; cut?: number }[] = [];
  let cursor = 0;
  const childAt = (pos: number) => lineOf(segStart, pos);
  for (const it of items) {
    const found = findWords(hay, it.needle, cursor);
    if (!found) continue;
    const [s, e] = found;
    cursor = e;
    const cs = childAt(s);
    const ce = childAt(e - 1);
    // Inside a link, no nested link: the element keeps its title, without the anchor.
    const inLink = linkDepth[cs] > 0;
    let open = it.open;
    let close = it.close;
    if (inLink && open.startsWith('<a class="cc-term-link"')) {
      open = open.slice(open.indexOf('>') + 1);
      close = close.slice(0, close.lastIndexOf('</a>'));
    } else if (inLink && open.startsWith('<a ')) {
      open = '<span' + open.slice(2).replace(/ href="[^"]*"/, '');
      close = '</span>';
    }
    if (it.replace !== undefined && cs === ce) {
      events.push({ child: cs, at: s - segStart[cs], html: open + it.replace + close, order: 1, cut: e - s });
    } else {
      events.push({ child: cs, at: s - segStart[cs], html: open, order: 1 });
      events.push({ child: ce, at: e - segStart[ce], html: close, order: 0 });
    }
  }
  if (!events.length) return;
  const out: Token[] = [];
  const html = (content: string) => {
    const t = new TokenCtor('html_inline', '', 0);
    t.content = content;
    return t;
  };
  const text = (content: string) => {
    const t = new TokenCtor('text', '', 0);
    t.content = content;
    return t;
  };
  children.forEach((ch, i) => {
    const mine = events.filter((ev) => ev.child === i).sort((a, b) => a.at - b.at || a.order - b.order);
    if (!mine.length) {
      out.push(ch);
      return;
    }
    let pos = 0;
    for (const ev of mine) {
      if (ev.at > pos) out.push(text(ch.content.slice(pos, ev.at)));
      out.push(html(ev.html));
      pos = Math.max(pos, ev.at + (ev.cut ?? 0));
    }
    if (pos < ch.content.length) out.push(text(ch.content.slice(pos)));
  });
  token.children = out;
}

export function conceptPlugin(md: MarkdownIt, options: ConceptPluginOptions): void {
  const viewOf = (env: unknown): ConceptView | undefined => (env && typeof env === 'object' ? ((env as Record<symbol, ConceptView | undefined>)[VIEW]) : undefined);

  // Before `normalize`: the analysis reads the text as written (offsets of the original line breaks).
  md.core.ruler.before('normalize', 'cc_analyse', (state) => {
    const env = (state.env ?? {}) as Record<string | symbol, unknown>;
    state.env = env;
    const view = options.view(state.src, env as Record<string, unknown>);
    env[VIEW] = view;
    if (view) env[Symbol.for('customs-concepts.items')] = itemsOf(view, state.src, options.mode);
    return false;
  });

  // The front matter becomes the title block (first, before any other block rule, VS Code's front-matter rule included).
  const first = (md.block.ruler as unknown as { __rules__: { name: string }[] }).__rules__[0].name;
  md.block.ruler.before(first, 'cc_front_matter', (state, startLine, _endLine, silent) => {
    if (startLine !== 0 || !viewOf(state.env)) return false;
    const lineText = (n: number) => state.src.slice(state.bMarks[n] + state.tShift[n], state.eMarks[n]);
    if (lineText(0).trimEnd() !== '---') return false;
    let end = 1;
    while (end < state.lineMax && !['---', '...'].includes(lineText(end).trimEnd())) end++;
    if (end >= state.lineMax) return false;
    if (silent) return true;
    const t = state.push('cc_title_block', '', 0);
    t.map = [0, end + 1];
    t.block = true;
    t.meta = viewOf(state.env);
    state.line = end + 1;
    return true;
  });
  // The view travels in the token: VS Code renders cached tokens with another env than it parsed them with.
  md.renderer.rules.cc_title_block = (tokens, idx) => {
    const view = tokens[idx].meta as ConceptView | undefined;
    return view ? titleBlock(view) : '';
  };

  md.core.ruler.push('cc_terms', (state) => {
    const view = viewOf(state.env);
    if (!view) return false;
    const items = ((state.env as Record<symbol, Item[]>)[Symbol.for('customs-concepts.items')] ?? []).slice();
    const TokenCtor = state.Token as unknown as new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
    // Another front-matter rule ran first: put the title block after its token.
    if (!state.tokens.some((t) => t.type === 'cc_title_block') && view.title !== undefined) {
      const fm = state.tokens.findIndex((t) => t.type === 'front_matter');
      const t = new TokenCtor('cc_title_block', '', 0);
      t.block = true;
      t.meta = view;
      state.tokens.splice(fm + 1, 0, t);
    }
    let k = 0;
    for (const token of state.tokens) {
      if (token.type !== 'inline' || !token.map) continue;
      const [a, b] = token.map;
      while (k < items.length && items[k].line < a) k++;
      let j = k;
      while (j < items.length && items[j].line < b) j++;
      if (j > k) rewriteInline(token, items.slice(k, j), TokenCtor);
      k = j;
    }
    if (options.mode === 'preview') {
      const figures = options.figures?.(view) ?? {};
      const starts = lineStarts(state.src);
      const after = (part: string, svg: string | undefined, cls: string) => {
        if (!svg) return;
        const section = view.coverage?.sections.find((s) => s.part === part && s.headingStart !== undefined);
        const line = section ? lineOf(starts, section.headingStart!) : -1;
        let at = state.tokens.findIndex((t, i) => t.type === 'heading_close' && state.tokens[i - 2]?.map?.[0] === line);
        if (at < 0) at = state.tokens.findIndex((t) => t.type === 'cc_title_block');
        const t = new TokenCtor('html_block', '', 0);
        t.content = figuresHtml(svg, cls);
        state.tokens.splice(at + 1, 0, t);
      };
      after('maturity', figures.radar, 'cc-figure cc-maturity');
      after('components', figures.components, 'cc-figure cc-components');
      if (view.instruments.length) {
        const t = new TokenCtor('html_block', '', 0);
        t.content = instrumentsList(view);
        state.tokens.push(t);
      }
    }
    return true;
  });
}
