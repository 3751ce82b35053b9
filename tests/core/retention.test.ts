/**
 * What the language service keeps of a document after it is closed: not its text. The section lookup and the label
 * memo are kept across documents, and a key cut from a document (a heading, a local term's label) once kept the whole
 * document alive: a check of 1,000 documents kept all their texts. Measured on the heap: strings cannot be held weakly.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS } from '../../server/src/core/index';
import { loadBuiltinData } from '../../server/src/node/files';
import { checkDocument, createCheckService, type CheckSetup } from '../../server/src/node/checkService';
import { ownString } from '../../server/src/core/textParts';
import { workspace } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
}

const MB = 1024 * 1024;

/** A document of about `mb` MB (two bytes per character: it has Cyrillic), with headings and local terms of its own. */
function bigDocument(n: number, mb: number): string {
  const head = `---\nconcept: retention-${n}\ntitle: Retention ${n}\nterms:\n  - term: cross-border data lane ${n}\n    definition: A lane.\n---\n\n`;
  const sections = [
    `# Terms and definitions\n\nThe «cross-border data lane ${n}» is defined above.\n\n`,
    `# Предмет регулирования и сфера применения концепции ${n}\n\nТекст раздела.\n\n`,
    `# An unusual heading about pharmaceutical laboratories number ${n}\n\nSome text.\n\n`,
  ];
  const filler = 'Цифровая таможня использует данные. The single window serves traders. '.repeat(40) + '\n\n';
  let body = '';
  while (body.length * 2 < mb * MB) body += filler;
  return head + sections.join('') + body;
}

describe('retention', () => {
  it('a copy of its own holds the same characters', () => {
    for (const s of ['', 'short', 'x'.repeat(13), 'Цифровая таможня — «единое окно»', '😀'.repeat(20)]) expect(ownString(s)).toBe(s);
  });

  it('the service keeps nothing of a checked and forgotten document that holds on to its text', () => {
    // As `customs-concepts check` checks a folder: one document after another, each forgotten once checked.
    const setup: CheckSetup = { builtin: loadBuiltinData(), settings: DEFAULT_SETTINGS, termBaseUris: [], modelUris: [], catalogUris: [], roots: [__dirname] };
    const service = createCheckService(setup);
    const check = (n: number) => {
      const uri = URI.file(path.join(__dirname, `retention-${n}.concept.md`)).toString();
      return checkDocument(service, setup, uri, bigDocument(n, 6)).reported.total;
    };
    // A first document warms every cache the service keeps whatever it checks.
    check(0);
    const before = heapUsed();
    let found = 0;
    for (let n = 1; n <= 4; n++) found += check(n);
    const after = heapUsed();
    // Analysed, not refused as too large: the unknown heading and the undefined known terms are reported.
    expect(found).toBeGreaterThan(4 * 3);
    // Four documents of 6 MB each: all kept would be 24 MB; one kept (the host's last analysis) at most 6 MB.
    expect((after - before) / MB).toBeLessThan(10);
  });

  it('a term base checked and forgotten keeps no YAML tree of it', () => {
    // As `customs-concepts check` checks the workspace's term bases: each one's check reads it as a YAML tree (for its
    // schema), which the service kept after the file was forgotten: several times the text, for the rest of the run.
    const setup: CheckSetup = { builtin: loadBuiltinData(), settings: DEFAULT_SETTINGS, termBaseUris: [], modelUris: [], catalogUris: [], roots: [__dirname] };
    const service = createCheckService(setup);
    const text = (n: number) =>
      'terms:\n' +
      Array.from({ length: 6000 }, (_, i) => `  - term: forgotten customs term ${n} ${i}\n    definition: A term of base ${n}, number ${i}.\n    variants: [forgotten variant ${n} ${i}]\n`).join('');
    const check = (n: number) => checkDocument(service, setup, URI.file(path.join(__dirname, `forgotten-${n}.terms.yaml`)).toString(), text(n)).reported.total;
    // A first term base warms every cache the service keeps whatever it checks.
    check(0);
    const before = heapUsed();
    for (let n = 1; n <= 3; n++) expect(check(n)).toBe(0);
    const after = heapUsed();
    // Three trees of ~0.6 MB of text kept were ~12 MB here.
    expect((after - before) / MB).toBeLessThan(2);
  });

  it('typing in a term base keeps the newest version of what is built from it, not one per keystroke', () => {
    // Each version of an imported term base got a matcher of every label (with the parsed base) and a YAML tree;
    // the service kept the last 32 matchers and 4 trees, ~400 MB while typing in a 5,000-term base. Here one label
    // changes with each keystroke, so that the document can tell which version it was matched against.
    const terms = (extra: string) =>
      'terms:\n' +
      Array.from({ length: 1500 }, (_, i) => `  - term: retained customs term ${i}${i === 7 ? ' ' + extra : ''}\n    definition: A term kept or not, number ${i}.\n    variants: [retained variant ${i}]\n`).join('');
    const doc = (label: string) => `---\nconcept: typing\ntitle: Typing\nglossaries: [t.terms.yaml]\n---\n\n# Terms and definitions\n\nThe ${label} is used here.\n`;
    const ws = workspace({ 't.terms.yaml': terms('v0'), 'd.concept.md': doc('retained customs term 7 v0') });
    const tb = ws.uri('t.terms.yaml');
    /** A keystroke in the term base: a new version, its diagnostics and symbols, then the importing document again. */
    const keystroke = (k: number) => {
      ws.files.set(tb, terms(`v${k}`));
      ws.files.set(ws.uri('d.concept.md'), doc(`retained customs term 7 v${k}`));
      const base = ws.doc('t.terms.yaml', k + 1);
      ws.service.computeDiagnostics(base);
      ws.service.getDocumentSymbols(base);
      return ws.service.computeDiagnostics(ws.doc('d.concept.md', k + 1));
    };
    // The newest version is the one matched: its label is no undefined term, and the previous version's is not known.
    expect(keystroke(1).filter((d) => d.code === 'undefined-term')).toEqual([]);
    ws.files.set(ws.uri('d.concept.md'), doc('retained customs term 7 v0'));
    expect(ws.service.computeDiagnostics(ws.doc('d.concept.md', 50)).some((d) => d.code === 'undefined-term' || d.code === 'unknown-term')).toBe(false);
    keystroke(2);
    const before = heapUsed();
    for (let k = 3; k < 15; k++) expect(keystroke(k).filter((d) => d.code === 'undefined-term')).toEqual([]);
    const after = heapUsed();
    // Twelve more versions of the matcher and parse kept would be ~45 MB here; three more YAML trees ~7 MB.
    expect((after - before) / MB).toBeLessThan(3);
  });
});
