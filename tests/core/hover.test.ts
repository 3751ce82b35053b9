import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { offsets, parseMarkers, workspace } from './helpers';

const GLOSSARY = `terms:
  - term: single window
    definition: One entry point for all border formalities.
    variants: [SW]
    deprecated: [one-stop window]
    source: "@uncefact-rec-33"
    translations: {ru: единое окно, fr: guichet unique}
`;

/** Hovers at `<|>` and returns the text and the range (as offsets). */
function hover(marked: string, others: Record<string, string> = { 'glossary.terms.yaml': GLOSSARY }) {
  const fx = parseMarkers(marked);
  const ws = workspace({ ...others, 'doc.concept.md': fx.text });
  const doc = ws.doc('doc.concept.md');
  const h = ws.service.getHover(doc, doc.positionAt(fx.cursor!));
  if (!h) return undefined;
  return { value: (h.contents as MarkupContent).value, range: offsets(fx.text, h.range!), text: fx.text };
}

const FM = `---
glossaries: [glossary.terms.yaml]
terms:
  digital customs:
    definition: Customs run on data, end to end.
    source: "@wco-dcc"
    variants: [digital customs administration]
    translations: {ru: цифровая таможня, fr: douane numérique}
---
`;

describe('hover on terms', () => {
  it('shows a document definition with its source, variants and translations', () => {
    const h = hover(FM + 'The «digi<|>tal customs» model.\n')!;
    expect(h.text.slice(...h.range)).toBe('digital customs');
    expect(h.value).toContain('**digital customs**');
    expect(h.value).toContain('defined in this document');
    expect(h.value).toContain('Customs run on data, end to end.');
    expect(h.value).toContain('*Source:* @wco-dcc');
    expect(h.value).toContain('digital customs administration');
    expect(h.value).toContain('ru: цифровая таможня');
    expect(h.value).toContain('fr: douane numérique');
  });

  it('shows where a term-base definition comes from, for a variant use', () => {
    const h = hover(FM + 'Each S<|>W is national.\n')!;
    expect(h.text.slice(...h.range)).toBe('SW');
    expect(h.value).toContain('defined in glossary.terms.yaml');
    expect(h.value).toContain('One entry point for all border formalities.');
    expect(h.value).toContain('is a variant of this term');
    expect(h.value).toContain('ru: единое окно');
  });

  it('marks the WCO reference meaning of a known term as not defined by the document', () => {
    const h = hover(FM + 'Then risk man<|>agement applies.\n')!;
    expect(h.text.slice(...h.range)).toBe('risk management');
    expect(h.value).toContain('WCO reference meaning — not defined by this document');
  });

  it('says when an explicit use has no definition', () => {
    const h = hover(FM + 'A «smart bor<|>der».\n')!;
    expect(h.value).toContain('no definition in scope');
  });

  it('shows a definition when hovering the defined term in front matter', () => {
    const h = hover(FM.replace('  digital customs:', '  digital cus<|>toms:') + 'digital customs twice: digital customs.\n')!;
    expect(h.value).toContain('Customs run on data');
    expect(h.value).toContain('*Uses in this document:* 2');
  });

  it('returns nothing on plain prose', () => {
    expect(hover(FM + 'Noth<|>ing here.\n')).toBeUndefined();
  });
});

describe('hover on instruments', () => {
  it('shows the official title, kind, years, owner and summary', () => {
    const h = hover(FM + 'See [@r<|>kc, General Annex, Chapter 7].\n')!;
    expect(h.text.slice(...h.range)).toBe('@rkc');
    expect(h.value).toContain('International Convention on the Simplification and Harmonization of Customs Procedures');
    expect(h.value).toContain('Kind: convention');
    expect(h.value).toContain('Owner: WCO');
    expect(h.value).toMatch(/Adopted: 1973/);
    expect(h.value).toMatch(/In force: 2006/);
  });

  it('shows the title in the document language, when known', () => {
    const h = hover('---\nlanguage: ru\n---\nСм. @r<|>kc.\n')!;
    expect(h.value).toContain('ru: *Международная конвенция об упрощении и гармонизации таможенных процедур*');
    const fr = hover('---\nlanguage: fr\n---\nVoir @r<|>kc.\n')!;
    expect(fr.value).toContain('fr: *Convention internationale pour la simplification');
  });

  it('shows the cited edition and whether it is superseded', () => {
    const h = hover(FM + 'See @safe-fos-20<|>12.\n')!;
    expect(h.value).toContain('*Edition cited:* 2012');
    expect(h.value).toContain('superseded');
  });

  it('suggests the closest ids for an unknown one', () => {
    const h = hover(FM + 'See @wco-data<|>model.\n')!;
    expect(h.value).toContain('`@wco-dm`');
  });
});
