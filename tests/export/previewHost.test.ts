/**
 * The preview host as VS Code's Markdown extension drives it: `extendMarkdownIt`
 * on a markdown-it instance that already has a front-matter rule, `render` with
 * `env.currentDocument`, the example workspace read from disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { describe, expect, it } from 'vitest';
import { createPreviewHost } from '../../client/src/preview/previewHost';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(REPO, 'examples');
const DOC = path.join(EXAMPLES, 'eaeu-digital-customs-2030.concept.md');

function host(trusted = true, open: Record<string, string> = {}) {
  return createPreviewHost({
    dataDir: path.join(REPO, 'server', 'data'),
    folders: () => [EXAMPLES],
    trusted: () => trusted,
    termBases: () => [],
    language: 'en',
    documentFor: (src) => Object.entries(open).find(([, text]) => text === src)?.[0],
  });
}

/** As VS Code's Markdown engine does: parse (tokens cached per document) with no document in the env, render with it. */
function renderLikeVsCode(md: MarkdownIt, src: string, uri: string): string {
  const tokens = md.parse(src, { currentDocument: undefined, containingImages: new Set() });
  return md.renderer.render(tokens, md.options, { currentDocument: URI.parse(uri), containingImages: new Set() });
}

/** A front-matter rule like VS Code's (markdown-it-front-matter): one token, rendered as nothing. */
function vscodeLikeMarkdownIt(): MarkdownIt {
  const md = new MarkdownIt({ html: true });
  md.block.ruler.before('table', 'front_matter', (state, start, _end, silent) => {
    if (start !== 0 || state.src.slice(0, 3) !== '---') return false;
    let line = 1;
    while (line < state.lineMax && state.src.slice(state.bMarks[line], state.eMarks[line]) !== '---') line++;
    if (silent) return true;
    state.push('front_matter', '', 0).map = [0, line + 1];
    state.line = line + 1;
    return true;
  });
  md.renderer.rules.front_matter = () => '';
  return md;
}

describe('preview host', () => {
  const text = fs.readFileSync(DOC, 'utf8');

  it('renders the example concept with its workspace glossary, model, figures and instruments', () => {
    const uri = URI.file(DOC).toString();
    const md = host(true, { [uri]: text }).extendMarkdownIt(vscodeLikeMarkdownIt());
    const html = renderLikeVsCode(md, text, uri);
    expect(html).toContain('<h1 class="cc-title">Digital customs 2030 — concept of the example administration</h1>');
    // «single window» comes from glossary/customs.terms.yaml, read from disk.
    expect(html).toMatch(/<dfn class="cc-term" title="A facility through which traders lodge[^"]*" data-term="single window">/);
    expect(html).toContain('<dt>Reference model</dt><dd>Digital customs reference model of the example administration</dd>');
    expect(html).toMatch(/<h1[^>]*>Maturity self-assessment<\/h1>\n<figure class="cc-figure cc-maturity"><svg/);
    expect(html).toMatch(/<figure class="cc-figure cc-components"><svg/);
    expect(html).toContain('<li id="ref-eaeu-cc"><strong>EAEU Customs Code</strong>: Customs Code of the Eurasian Economic Union');
    expect(html).not.toContain('cc-undefined');
  });

  it('finds the document from the env when markdown-it is called with one', () => {
    const md = host().extendMarkdownIt(vscodeLikeMarkdownIt());
    expect(md.render(text, { currentDocument: URI.file(DOC) })).toContain('<h1 class="cc-title">Digital customs 2030');
  });

  it('leaves other Markdown files alone', () => {
    const md = host().extendMarkdownIt(vscodeLikeMarkdownIt());
    const plain = vscodeLikeMarkdownIt().render(text);
    expect(md.render(text, { currentDocument: URI.file(path.join(EXAMPLES, 'notes.md')) })).toBe(plain);
    expect(md.render(text, {})).toBe(plain);
  });

  it('reads only the built-in data in Restricted Mode: workspace terms become undefined', () => {
    const md = host(false).extendMarkdownIt(vscodeLikeMarkdownIt());
    const html = md.render(text, { currentDocument: URI.file(DOC) });
    expect(html).toContain('data-term="digital customs"');
    expect(html).toContain('cc-undefined');
    expect(html).not.toContain('reference model of the example administration');
  });

  it('re-renders an edited text and remembers the document last shown', () => {
    const h = host();
    const md = h.extendMarkdownIt(vscodeLikeMarkdownIt());
    md.render(text, { currentDocument: URI.file(DOC) });
    const edited = md.render(text.replace('# Introduction\n', '# Introduction\n\nNow «paper forms» too.\n'), { currentDocument: URI.file(DOC) });
    expect(edited).toContain('<dfn class="cc-term cc-undefined" title="Not defined in this document’s scope">paper forms</dfn>');
    expect(h.lastRendered()).toBe(URI.file(DOC).toString());
  });
});
