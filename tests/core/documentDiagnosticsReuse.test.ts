/**
 * Document-level diagnostics (the reference model's, first uses of concepts with their later uses, the front
 * matter's) that say the same at the same place after an edit are handed back as the same objects, so the
 * server's message encoder does not serialise them again; any change of what they say or where gives a new one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/index';
import { sameDiagnostic, sameJson } from '../../server/src/core/features/diagnostics';
import { loadBuiltinData } from '../../server/src/node/files';

const builtin = loadBuiltinData();
const URI_ = 'file:///w/reuse.concept.md';

const TEXT = [
  '---',
  'concept: reuse',
  'title: Reuse',
  '---',
  '',
  '# Reuse',
  '',
  'A paragraph that is edited.',
  '',
  '## Something the model does not know',
  '',
  'Digital customs is here.',
  '',
  'Digital customs is here again, and the single window.',
  '',
].join('\n');

function service() {
  return createLanguageService({ builtin, workspace: { read: () => ({ error: 'no such file.' }), termBaseUris: () => [] } });
}

/** The document after inserting `insert` at the start of the line holding `anchor`, as the server would (same object, new version). */
function edited(doc: TextDocument, anchor: string, insert: string): TextDocument {
  const at = doc.getText().indexOf(anchor);
  const pos = doc.positionAt(at);
  return TextDocument.update(doc, [{ range: { start: pos, end: pos }, text: insert }], doc.version + 1);
}

const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('document-level diagnostics across edits', () => {
  it('hands back the same object for what did not change, and a new one for what did', () => {
    const svc = service();
    let doc = TextDocument.create(URI_, 'markdown', 1, TEXT);
    svc.computeDiagnostics(doc);
    // Keys are made from the second check on; the third is the first that can reuse.
    doc = edited(doc, 'A paragraph', 'Now ');
    const second = svc.computeDiagnostics(doc);
    const unknown = byCode(second, 'unknown-section');
    const firstUse = byCode(second, 'undefined-term').filter((d) => d.relatedInformation?.length);
    expect(unknown).toHaveLength(1);
    expect(firstUse.length).toBeGreaterThan(0);

    // An edit of another line: the same objects.
    doc = edited(doc, 'Now A paragraph', 'So ');
    const third = svc.computeDiagnostics(doc);
    expect(byCode(third, 'unknown-section')[0]).toBe(unknown[0]);
    for (const d of firstUse) expect(third).toContain(d);

    // A line break before them moves them: new objects, with the new lines.
    doc = edited(doc, '# Reuse', 'A new line.\n\n');
    const fourth = svc.computeDiagnostics(doc);
    const moved = byCode(fourth, 'unknown-section')[0];
    expect(moved).not.toBe(unknown[0]);
    const later = byCode(fourth, 'undefined-term').filter((d) => d.relatedInformation?.length);
    for (const d of later) expect(firstUse).not.toContain(d);
    // And every check equals a fresh one, reused objects included.
    expect(fourth).toEqual(service().computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, doc.getText())));

    // The title heading (the one the model reads) renamed: what the diagnostic says changed.
    doc = edited(doc, 'Reuse\n\nSo Now', 'Really ');
    const fifth = svc.computeDiagnostics(doc);
    const renamed = byCode(fifth, 'unknown-section')[0];
    expect(renamed).not.toBe(moved);
    expect(renamed.message).toContain('«Really Reuse»');
    expect(fifth).toEqual(service().computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, doc.getText())));
  });

  it('keeps those of a long document from its first check, so its first edit hands back the same objects', () => {
    const svc = service();
    // 600 paragraphs: one chunk each, a long document.
    const long = TEXT + Array.from({ length: 600 }, (_, i) => `Paragraph ${i} of the «unknown notion ${i % 7}».\n`).join('\n');
    let doc = TextDocument.create(URI_, 'markdown', 1, long);
    const first = svc.computeDiagnostics(doc);
    const unknown = byCode(first, 'unknown-section');
    expect(unknown).toHaveLength(1);
    doc = edited(doc, 'A paragraph', 'Now ');
    const second = svc.computeDiagnostics(doc);
    expect(byCode(second, 'unknown-section')[0]).toBe(unknown[0]);
    expect(second).toEqual(service().computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, doc.getText())));
    // A short document's first edit still makes new objects (keys are made from its second check).
    const short = service();
    let small = TextDocument.create(URI_, 'markdown', 1, TEXT);
    const before = byCode(short.computeDiagnostics(small), 'unknown-section')[0];
    small = edited(small, 'A paragraph', 'Now ');
    expect(byCode(short.computeDiagnostics(small), 'unknown-section')[0]).not.toBe(before);
  });

  it('keeps nothing once the document is forgotten', () => {
    const svc = service();
    let doc = TextDocument.create(URI_, 'markdown', 1, TEXT);
    svc.computeDiagnostics(doc);
    doc = edited(doc, 'A paragraph', 'Now ');
    const before = byCode(svc.computeDiagnostics(doc), 'unknown-section')[0];
    svc.invalidate(URI_);
    doc = edited(doc, 'Now A paragraph', 'So ');
    expect(byCode(svc.computeDiagnostics(doc), 'unknown-section')[0]).not.toBe(before);
  });
});

describe('sameDiagnostic', () => {
  const text = fc.string({ unit: fc.constantFrom('a', ':', '\u0000', '1', '«', 'é', '"', '\\', ' ') , maxLength: 6 });
  const pos = fc.record({ line: fc.nat(3), character: fc.nat(3) });
  const range = fc.record({ start: pos, end: pos });
  const diagnostic = fc.record(
    {
      range,
      severity: fc.constantFrom(1, 2, 3, 4),
      code: fc.constantFrom('unknown-section', 'undefined-term'),
      source: fc.constant('customs-concepts'),
      message: text,
      data: fc.option(fc.record({ term: text, known: fc.boolean() }), { nil: undefined }),
      relatedInformation: fc.option(fc.array(fc.record({ location: fc.record({ uri: text, range }), message: text }), { maxLength: 2 }), { nil: undefined }),
    },
    { requiredKeys: ['range', 'severity', 'code', 'source', 'message'] },
  ) as fc.Arbitrary<Diagnostic>;

  // An empty list of related information is never written (the service leaves the field out).
  const norm = (d: Diagnostic): Diagnostic => (d.relatedInformation?.length ? d : { ...d, relatedInformation: undefined });
  const same = (x: Diagnostic, y: Diagnostic): void => {
    expect(sameDiagnostic(x, y)).toBe(JSON.stringify(x) === JSON.stringify(y));
  };

  it('holds for two diagnostics exactly when their JSON is the same', () => {
    fc.assert(fc.property(diagnostic, diagnostic, (a, b) => same(norm(a), norm(b))), { numRuns: 2000 });
  });

  it('tells apart two diagnostics that differ in one field only', () => {
    // A copy of a diagnostic with one field changed (or none): each field must count.
    const oneChange = fc.tuple(diagnostic, fc.nat(9), text, pos).map(([d, which, t, p]) => {
      const a = norm(d);
      const b = structuredClone(a) as Diagnostic & { data?: { term: string } };
      const rel = b.relatedInformation;
      if (which === 1) b.message = t;
      else if (which === 2) b.severity = b.severity === 1 ? 2 : 1;
      else if (which === 3) b.range.end = p;
      else if (which === 4) b.data = b.data ? { ...b.data, term: t } : { term: t };
      else if (which === 5 && rel) rel[0].message = t;
      else if (which === 6 && rel) rel[rel.length - 1].location.uri = t;
      else if (which === 7 && rel) rel[0].location.range.start = p;
      else if (which === 8 && rel) rel.pop();
      else if (which === 9) b.code = b.code === 'unknown-section' ? 'undefined-term' : 'unknown-section';
      return [a, norm(b)] as const;
    });
    fc.assert(fc.property(oneChange, ([a, b]) => same(a, b)), { numRuns: 3000 });
  });
});

describe('sameJson', () => {
  // Plain data with what JSON.stringify writes oddly: undefined (left out of objects, null in arrays), numbers that are
  // not finite (null), -0 (0), and the same keys in another order (written differently).
  const leaf = fc.oneof(fc.constantFrom(undefined, null, NaN, Infinity, -0, 0, 1, '', 'a', '0', true, false), fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'term'), tie('value'), { maxKeys: 3 }),
  }));
  /** The same object with its keys in reverse order, at every depth. */
  const reordered = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reordered) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)])) : v;
  const agree = (a: unknown, b: unknown): void => {
    expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  };
  // A diagnostic's `data`, when there is one, is never undefined itself (that is told apart before).
  const data = value.filter((v) => v !== undefined);

  it('holds exactly when JSON.stringify writes both the same', () => {
    fc.assert(fc.property(data, data, agree), { numRuns: 3000 });
    fc.assert(fc.property(data, (a) => agree(a, structuredClone(a))), { numRuns: 1000 });
    fc.assert(fc.property(data, (a) => agree(a, reordered(a))), { numRuns: 1000 });
  });

  it('sees the cases a shallow or order-blind comparison gets wrong', () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson([NaN], [null])).toBe(true);
    expect(sameJson({ s: ['x', 'y'] }, { s: ['x', 'y', 'z'] })).toBe(false);
    expect(sameJson({ n: 0 }, { n: -0 })).toBe(true);
    expect(sameJson({ n: '1' }, { n: 1 })).toBe(false);
  });
});
