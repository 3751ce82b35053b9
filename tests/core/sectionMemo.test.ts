import { describe, expect, it } from 'vitest';
import { parseReferenceModel } from '../../server/src/core/model/referenceModel';
import { closestSection, sectionOfHeading } from '../../server/src/core/model/sections';
import { MODEL_TEXT, MODEL_URI } from './modelHelpers';

/** Section matching remembers what it computed per heading text; the answers must not depend on what was asked before. */
describe('section matching of repeated heading texts', () => {
  const fresh = () => parseReferenceModel(MODEL_URI, MODEL_TEXT, 'builtin').model!;

  it('matches a text the same whatever came first, and an {#id} still wins over the text', () => {
    const texts = ['Competencies', '2. Terms and definitions', 'Compétences', 'Компетенции', 'Indicators', 'Budget overview', 'Competencies of digital customs'];
    const once = fresh();
    const expected = texts.map((text) => sectionOfHeading(fresh(), { text })?.id);
    // The same model asked again, in another order, with ids in between.
    for (const text of [...texts].reverse()) {
      expect(sectionOfHeading(once, { text, id: 'scope' })?.id).toBe('scope');
      expect(sectionOfHeading(once, { text })?.id).toBe(expected[texts.indexOf(text)]);
      expect(sectionOfHeading(once, { text, id: 'no-such-kind' })?.id).toBe(expected[texts.indexOf(text)]);
    }
    expect(expected.slice(0, 4)).toEqual(['competencies', 'terms', 'competencies', 'competencies']);
  });

  it('matches a heading by its French stems when its English stems match no label', () => {
    // These match only by their French stems ("évaluation" → "évalu", "technologie" → "technolog"): stemmed in
    // English alone, they would be unknown.
    const model = fresh();
    expect(sectionOfHeading(model, { text: 'Évaluations' })?.id).toBe('indicators');
    expect(sectionOfHeading(model, { text: 'Technologie numérique' })?.id).toBe('ict');
    // Matched in English first (and the same text again from the memo).
    expect(sectionOfHeading(model, { text: 'Indicateurs de performance' })?.id).toBe('indicators');
    expect(sectionOfHeading(model, { text: 'Évaluations' })?.id).toBe('indicators');
  });

  it('finds the closest kind among the candidates of each call, not of the first', () => {
    const model = fresh();
    const all = model.sections;
    const text = 'Competencies overview and tasks';
    const other = fresh();
    const first = closestSection(other, text, other.sections)?.id;
    expect(first).toBeDefined();
    const third = fresh();
    const second = closestSection(third, text, third.sections.filter((s) => s.id !== first))?.id;
    const withoutFirst = all.filter((s) => s.id !== first);
    expect(closestSection(model, text, all)?.id).toBe(first);
    expect(closestSection(model, text, withoutFirst)?.id).toBe(second);
    expect(closestSection(model, text, [])).toBeUndefined();
    expect(closestSection(model, text, all)?.id).toBe(first);
  });
});
