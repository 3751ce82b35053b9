/**
 * Diagnostics kept per chunk equal diagnostics built fresh, in-process: a long generated document whose
 * chunks are checked apart (the same paragraph at several places, more than fifty uses of one undefined
 * concept across chunks, headings the model reads, instrument mentions, citations, suppression comments,
 * CRLF and lone CR line breaks) receives random edits through the server's own document sync (with the
 * edit hints the server notes), with the settings that shape what a chunk reports (locale, which implicit
 * uses are reported, severities) changing between checks. After each edit the service that saw every
 * version must publish exactly what a second service, which forgets the document first, publishes for
 * the same text.
 *
 * Seeded and reproducible: `FUZZ_SEED=<seed>`, `FUZZ_RUNS=<n>` (see fuzz.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../server/src/core/index';
import { DEFAULT_SETTINGS, type ServiceSettings } from '../../server/src/core/env';
import { chunkLineLength, chunkLineStarts, positionInChunk } from '../../server/src/core/chunkLines';
import { lineText } from '../../server/src/core/positions';
import { loadBuiltinData } from '../../server/src/node/files';
import { syncedTextDocuments } from '../../server/src/syncedDocuments';
import { applyRaw, editAt, FUZZ_SCALE, FUZZ_SEED, rawEdit } from './fuzz';

const RUNS = 40 * FUZZ_SCALE;
const stats = { runs: 0, edits: 0 };
afterAll(() => console.log(`per-chunk diagnostics vs. fresh: ${stats.runs} runs, ${stats.edits} edits (seed ${FUZZ_SEED})`));

const builtin = loadBuiltinData();
const URI_ = 'file:///w/long.concept.md';

/** A service whose settings the test changes between checks. */
function service(settings: { current: ServiceSettings }): LanguageService {
  return createLanguageService({
    builtin,
    workspace: { read: () => ({ error: 'no such file.' }), termBaseUris: () => [] },
    settings: () => settings.current,
  });
}

const PARAGRAPHS = [
  'Digital customs needs a single window, and the single window needs risk management.',
  'The single window of digital customs is described in the Revised Kyoto Convention.',
  'Risk management and the single window (@rkc) go together; see [@wco-dm, p. 3] and @no-such-instrument.',
  'A «single window» and a «data lake» are both named here, with «nothing known».',
  '<!-- customs-concepts-disable-next-line undefined-term -->\nA single window that is not reported.',
  'Цифровая таможня и единое окно.',
  'A data lake holds the single window data.',
];

/** A long body: numbered paragraphs, every fourth one as it is (equal chunks at several places), with headings among them. */
function longDocument(eol: string, repeat: number): string {
  const fm = ['---', 'concept: long', 'title: A long concept', 'terms:', '  data lake: A store of customs data.', '  unused term: A term nobody uses.', '---', ''].join(eol);
  const headings = ['# A long concept', '## Scope', '## Something the model does not know', '## Terms', '## Risk management'];
  const parts: string[] = [];
  for (let i = 0; i < repeat; i++) {
    if (i % 3 === 0) parts.push(headings[(i / 3) % headings.length]);
    parts.push(i % 4 === 0 ? PARAGRAPHS[i % PARAGRAPHS.length] : `${PARAGRAPHS[i % PARAGRAPHS.length]} (${i})`);
  }
  return fm + eol + parts.join(eol + eol).split('\n').join(eol) + eol;
}

const SETTINGS: Partial<ServiceSettings>[] = [
  {},
  { implicitUseReport: 'all' },
  { implicitUseReport: 'off' },
  { locale: 'fr' },
  { locale: 'ru', implicitUseSeverity: 'information', instrumentMentionSeverity: 'warning' },
  { implicitUseSeverity: 'off', unusedDefinitionSeverity: 'off' },
];

/** Lines that change how the body splits, and a heading. */
const BLOCKY = ['\n\n', '```\n', '<!--\n', '-->\n', '    indented\n', '\r\n\r\n', '\r', '## Scope\n', '# Title\n\n'];

const step = fc.record({
  edit: fc.oneof(
    { weight: 3, arbitrary: rawEdit },
    { weight: 1, arbitrary: fc.record({ at: editAt, del: fc.nat({ max: 20 }), insert: fc.constantFrom(...BLOCKY) }) },
    // Deletions across several chunks, and pastes of whole paragraphs.
    { weight: 1, arbitrary: fc.record({ at: editAt, del: fc.nat({ max: 1500 }), insert: fc.constantFrom('', '\n\n', ...PARAGRAPHS.map((p) => `\n\n${p}\n\n`)) }) },
  ),
  // Mostly the settings of the previous check (what a chunk reports is kept only while they hold), sometimes others.
  settings: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: SETTINGS.length - 1 }) }),
});

describe('diagnostics kept per chunk (in-process)', () => {
  it('equal, after each edit and change of settings, the diagnostics of the same text checked fresh', () => {
    const incrementalSettings = { current: DEFAULT_SETTINGS };
    const freshSettings = { current: DEFAULT_SETTINGS };
    const incremental = service(incrementalSettings);
    const fresh = service(freshSettings);
    const sync = syncedTextDocuments((document, hint) => incremental.noteEdit(document, hint));
    let version = 1;
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n'), fc.integer({ min: 20, max: 60 }), fc.array(step, { minLength: 1, maxLength: 10 }), (eol, repeat, steps) => {
        stats.runs++;
        incremental.invalidate(URI_);
        let text = longDocument(eol, repeat);
        let document = sync.create(URI_, 'markdown', version++, text);
        let settings = DEFAULT_SETTINGS;
        incrementalSettings.current = settings;
        incremental.computeDiagnostics(document);
        for (const s of steps) {
          stats.edits++;
          const { text: next, change } = applyRaw(text, s.edit);
          text = next;
          document = sync.update(document, [change], version++);
          expect(document.getText()).toBe(text);
          if (s.settings >= 0) settings = { ...DEFAULT_SETTINGS, ...SETTINGS[s.settings] };
          incrementalSettings.current = settings;
          freshSettings.current = settings;
          const got = incremental.computeDiagnostics(document);
          fresh.invalidate(URI_);
          const want = fresh.computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, text));
          expect(got).toEqual(want);
          // Semantic tokens are kept per chunk too: the same as the fresh service's.
          expect(incremental.getSemanticTokens(document)).toEqual(fresh.getSemanticTokens(TextDocument.create(URI_, 'markdown', 1, text)));
          // A chunk's diagnostics and tokens are placed without the document: every offset lands where the
          // document puts it, and every line of a chunk is as long as the document's line.
          const fresh1 = TextDocument.create(URI_, 'markdown', 1, text);
          for (const { chunk } of incremental.analyse(document).chunks) {
            const line = fresh1.positionAt(chunk.start).line;
            for (let o = 0; o <= chunk.text.length; o++) {
              const p = positionInChunk(chunk, line, o);
              const q = fresh1.positionAt(chunk.start + o);
              if (p.line !== q.line || p.character !== q.character) expect({ offset: chunk.start + o, p }).toEqual({ offset: chunk.start + o, p: q });
            }
            const starts = chunkLineStarts(chunk);
            for (let l = 0; l < starts.length && line + l < fresh1.lineCount; l++) {
              // The chunk's last line may go on in the next chunk (a chunk that does not end with a line break ends the text).
              if (l === starts.length - 1 && chunk.start + chunk.text.length < text.length) continue;
              expect([line + l, chunkLineLength(chunk.text, starts, l)]).toEqual([line + l, lineText(fresh1, line + l).length]);
            }
          }
        }
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('reports the first use of a concept with its later uses across chunks, at most fifty, and only the first mention of an instrument', () => {
    const settings = { current: DEFAULT_SETTINGS };
    const s = service(settings);
    const text = longDocument('\n', 60);
    const ds = s.computeDiagnostics(TextDocument.create(URI_, 'markdown', 1, text));
    const implicit = ds.filter((d) => d.code === 'undefined-term' && (d.data as { implicit?: boolean }).implicit);
    const singleWindow = implicit.find((d) => /single window/.test(d.message))!;
    expect(singleWindow.relatedInformation).toHaveLength(50);
    // The later uses are in other chunks, in document order.
    const lines = singleWindow.relatedInformation!.map((r) => r.location.range.start.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    expect(lines[lines.length - 1]).toBeGreaterThan(lines[0] + 20);
    expect(ds.filter((d) => d.code === 'instrument-mention')).toHaveLength(1);
    // Diagnostics are listed in document order.
    const starts = ds.map((d) => d.range.start.line * 1e6 + d.range.start.character);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
});
