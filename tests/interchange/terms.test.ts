import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { parseTermBase } from '../../server/src/core/index';
import { readExchangeFile, writeExchangeFile } from '../../server/src/interchange/formats';
import { termBaseText, termModelOf, type TermModel } from '../../server/src/interchange/termModel';
import { generatedTermBase } from './generatedTermBase';
import { cli, ROOT, workspace } from './helpers';

const BUILTIN = fs.readFileSync(path.join(ROOT, 'server', 'data', 'wco.terms.yaml'), 'utf8');

/** The meaning of a term base text: what the core's reader gives, with labels grouped by language (their order within a language kept). */
function meaning(text: string): TermModel {
  const base = parseTermBase('file:///t.terms.yaml', text);
  expect(base.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const model = termModelOf(base);
  for (const c of model.concepts) c.labels = [...c.labels].sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0));
  return model;
}

/** Term base → format → term base, in memory. */
function roundTrip(text: string, format: string): string {
  const exported = writeExchangeFile(format, termModelOf(parseTermBase('file:///t.terms.yaml', text)), { title: 'test', baseIri: 'urn:test:' });
  return termBaseText(readExchangeFile(format, exported), '').text;
}

let bigBase: { text: string; original: TermModel } | undefined;
const big = () => {
  if (!bigBase) {
    const text = generatedTermBase(5000);
    bigBase = { text, original: meaning(text) };
  }
  return bigBase;
};

describe('term base round trips', () => {
  for (const format of ['tbx', 'skos', 'csv']) {
    it(`built-in WCO term base → ${format} → term base keeps its meaning`, () => {
      expect(meaning(roundTrip(BUILTIN, format))).toEqual(meaning(BUILTIN));
    });

    // Large on purpose; no timing is asserted, the timeout only bounds a hang.
    it(`a generated 5,000-term base → ${format} → term base keeps its meaning`, { timeout: 180_000 }, () => {
      const { text, original } = big();
      expect(original.concepts.length).toBe(5000);
      expect(meaning(roundTrip(text, format))).toEqual(original);
    });

    it(`a Russian term base (language: ru) → ${format} → term base keeps its language and meaning`, () => {
      const text = generatedTermBase(60, 'ru');
      const back = roundTrip(text, format);
      expect(back).toMatch(/^language: ru$/m);
      expect(meaning(back)).toEqual(meaning(text));
    });
  }

  it('the meaning compared covers every label with its status and language, definitions, sources and relations', () => {
    const m = meaning(generatedTermBase(20));
    const c = m.concepts[10];
    expect(c.labels).toEqual([
      { lang: 'en', text: 'customs term 10', status: 'preferred' },
      { lang: 'en', text: 'variant 10', status: 'admitted' },
      { lang: 'en', text: 'CT10', status: 'admitted' },
      { lang: 'en', text: 'old term 10', status: 'deprecated' },
      { lang: 'fr', text: 'terme douanier 10', status: 'preferred' },
      { lang: 'ru', text: 'таможенный термин 10', status: 'preferred' },
    ]);
    expect(m.concepts[1].definitions).toEqual({ en: 'Definition 1 in the base\'s language.', fr: 'Définition 1 : l\'œuvre « guillemets ».', ru: 'Определение 1 — «ёлочки».' });
    expect(c.source).toBe('@safe-fos');
    expect(m.concepts[8].source).toBe('@rkc, General Annex, Chapter 8');
    expect(c.related).toEqual(['customs term 9']);
    expect(c.note).toBe('Note 10: a plain remark.');
    // A changed status is a changed meaning.
    const changed = meaning(generatedTermBase(20).replace('- old term 10', '- old term 10b'));
    expect(changed).not.toEqual(m);
  });
});

function xmllint(file: string) {
  return spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
}

/** Every element and data category of a TBX file, as `element` or `element type=value`. */
function dataCategories(xml: string): Set<string> {
  const seen = new Set<string>();
  const parser = new SaxesParser({ xmlns: true });
  let open: { name: string; type?: string } | undefined;
  parser.on('opentag', (t) => {
    const type = (t.attributes.type as { value: string } | undefined)?.value;
    seen.add(type && t.local !== 'tbx' ? `${t.local} type=${type}` : t.local);
    open = { name: t.local, type };
  });
  parser.on('text', (text) => {
    if (open?.name === 'termNote' && text.trim()) seen.add(`${open.type}=${text.trim()}`);
  });
  parser.write(xml).close();
  return seen;
}

describe('terms export --format tbx', () => {
  it('writes well-formed TBX-Basic (xmllint) with only the data categories TBX-Basic allows', () => {
    const dir = workspace({ 'big.terms.yaml': generatedTermBase(300) });
    const seen = new Set<string>();
    const allowed = new Set([
      'tbx', 'tbxHeader', 'fileDesc', 'sourceDesc', 'p', 'text', 'body', 'conceptEntry', 'langSec', 'termSec', 'term', 'note',
      'termNote type=administrativeStatus', 'termNote type=termType', 'descrip type=definition', 'admin type=source', 'ref type=crossReference',
      'administrativeStatus=preferredTerm-admn-sts', 'administrativeStatus=admittedTerm-admn-sts', 'administrativeStatus=deprecatedTerm-admn-sts',
      'termType=fullForm', 'termType=variant', 'termType=acronym',
    ]);
    for (const [source, out] of [['builtin', 'wco.tbx'], [path.join(dir, 'big.terms.yaml'), 'big.tbx']]) {
      const r = cli(['terms', 'export', source, '--format', 'tbx', '--out', path.join(dir, out)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lint = xmllint(path.join(dir, out));
      expect(lint.stderr).toBe('');
      expect(lint.status).toBe(0);
      const xml = fs.readFileSync(path.join(dir, out), 'utf8');
      expect(xml).toMatch(/<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">/);
      for (const x of dataCategories(xml)) seen.add(x);
      expect([...seen].filter((x) => !allowed.has(x))).toEqual([]);
    }
    expect([...seen].sort()).toEqual([...allowed].sort());
  });

  it('round-trips the built-in term base through the CLI in every format', () => {
    const dir = workspace({});
    for (const [format, ext] of [['tbx', 'tbx'], ['skos', 'ttl'], ['csv', 'csv']]) {
      const file = path.join(dir, `wco.${ext}`);
      expect(cli(['terms', 'export', 'builtin', '--format', format, '--out', file]).code).toBe(0);
      const back = path.join(dir, `wco-${format}.terms.yaml`);
      // The format is taken from the file's extension.
      const r = cli(['terms', 'import', file, '--out', back]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(meaning(fs.readFileSync(back, 'utf8'))).toEqual(meaning(BUILTIN));
      // The imported term base checks cleanly with the CLI too.
      expect(cli(['check', back]).code).toBe(0);
    }
  });
});

describe('terms import: bad input', () => {
  const cases: [name: string, file: string, text: string, line: number, message: RegExp][] = [
    ['malformed XML', 'bad.tbx', '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n<text><body>\n<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec>\n</body></text></tbx>\n', 5, /Malformed XML/],
    ['a TBX entry with no term', 'noterm.tbx', '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n<text><body>\n<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>a</term></termSec></langSec></conceptEntry>\n<conceptEntry id="c2">\n  <langSec xml:lang="en">\n    <termSec><term> </term></termSec>\n  </langSec>\n</conceptEntry>\n</body></text></tbx>\n', 7, /has no term/],
    ['a TBX entry with no langSec', 'nolang.tbx', '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n<text><body>\n<conceptEntry id="c1">\n  <descrip type="definition">x</descrip>\n</conceptEntry>\n</body></text></tbx>\n', 4, /has no term/],
    ['TBX v2', 'old.tbx', '<?xml version="1.0"?>\n\n<martif type="TBX"><text><body/></text></martif>\n', 3, /TBX v2/],
    ['a Turtle syntax error', 'bad.ttl', '@prefix skos: <http://www.w3.org/2004/02/skos/core#>.\n@prefix : <urn:x:>.\n:s a skos:ConceptScheme.\n:a a skos:Concept; skos:inScheme :s;\n  skos:prefLabel "unclosed@en.\n', 5, /Turtle syntax error/],
    ['a SKOS concept with no label', 'nolabel.ttl', '@prefix skos: <http://www.w3.org/2004/02/skos/core#>.\n@prefix : <urn:x:>.\n:s a skos:ConceptScheme.\n:a a skos:Concept; skos:inScheme :s; skos:prefLabel "a"@en.\n\n:b a skos:Concept; skos:inScheme :s.\n', 6, /has no label/],
    ['a CSV row with the wrong number of columns', 'bad.csv', 'term@en,definition@en\r\ncustoms,A public authority.\r\nduty,A tax,extra\r\n', 3, /3 fields, but the header has 2/],
    ['a CSV row with no term', 'noterm.csv', 'term@en,term@ru\ncustoms,таможня\n,пошлина\n', 3, /no `term@en`/],
    ['an unknown CSV column', 'col.csv', 'term@en,colour\ncustoms,blue\n', 1, /Unknown column `colour`/],
  ];
  for (const [name, file, text, line, message] of cases) {
    it(`${name}: a clear message with the line, exit 2, nothing written`, () => {
      const dir = workspace({ [file]: text, 'kept.terms.yaml': 'terms:\n  - term: kept\n' });
      for (const out of ['new.terms.yaml', 'kept.terms.yaml']) {
        const r = cli(['terms', 'import', file, '--out', out], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}: `));
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toMatch(/nothing was written/);
        expect(r.stdout).toBe('');
      }
      expect(fs.existsSync(path.join(dir, 'new.terms.yaml'))).toBe(false);
      expect(fs.readFileSync(path.join(dir, 'kept.terms.yaml'), 'utf8')).toBe('terms:\n  - term: kept\n');
      expect(fs.readdirSync(dir).sort()).toEqual([file, 'kept.terms.yaml'].sort());
    });
  }

  it('refuses to export a term base with errors, and bad usage, with exit 2', () => {
    const dir = workspace({ 'broken.terms.yaml': 'terms:\n  - term: a\n  - definition: no label\n' });
    const r = cli(['terms', 'export', 'broken.terms.yaml', '--format', 'tbx', '--out', 'x.tbx'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^broken\.terms\.yaml:3: This entry has no `term:` label/);
    expect(fs.existsSync(path.join(dir, 'x.tbx'))).toBe(false);
    expect(cli(['terms', 'export', 'broken.terms.yaml'], dir).code).toBe(2);
    expect(cli(['terms', 'import', 'x.unknown', '--out', 'a.terms.yaml'], dir).code).toBe(2);
    expect(cli(['terms', 'import', 'missing.csv', '--out', 'a.terms.yaml'], dir).stderr).toMatch(/missing\.csv: cannot read: no such file/);
    expect(cli(['terms', 'import', 'missing.csv', '--out', 'a.yaml'], dir).stderr).toMatch(/--out must name a term base/);
    expect(cli(['terms', 'convert'], dir).code).toBe(2);
  });
});

describe('terms import: what a term base cannot hold', () => {
  it('keeps a deprecated label of another language as an admitted translation, and says so', () => {
    const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>customs declaration</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>декларация на товары</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>ГТД</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
`;
    const dir = workspace({ 'd.tbx': tbx });
    const r = cli(['terms', 'import', 'd.tbx', '--out', 'd.terms.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^d\.tbx: «customs declaration»: the deprecated ru label «ГТД» is kept as an admitted one/);
    const m = meaning(fs.readFileSync(path.join(dir, 'd.terms.yaml'), 'utf8'));
    expect(m.concepts[0].labels).toEqual([
      { lang: 'en', text: 'customs declaration', status: 'preferred' },
      { lang: 'ru', text: 'декларация на товары', status: 'preferred' },
      { lang: 'ru', text: 'ГТД', status: 'admitted' },
    ]);
  });

  it('reads a spreadsheet CSV: byte order mark, CRLF, quoted cells with line breaks, columns in any order', () => {
    const csv = '\uFEFFdefinition@ru,term@ru,term@en,variants@ru\r\n"Орган,\r\nвзимающий пошлины.",таможня,customs,таможенный орган | таможенная служба\r\n';
    const dir = workspace({ 'ru.csv': csv });
    const r = cli(['terms', 'import', 'ru.csv', '--out', 'ru.terms.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = meaning(fs.readFileSync(path.join(dir, 'ru.terms.yaml'), 'utf8'));
    expect(m.language).toBe('ru');
    expect(m.concepts).toEqual([
      expect.objectContaining({
        labels: [
          { lang: 'en', text: 'customs', status: 'preferred' },
          { lang: 'ru', text: 'таможня', status: 'preferred' },
          { lang: 'ru', text: 'таможенный орган', status: 'admitted' },
          { lang: 'ru', text: 'таможенная служба', status: 'admitted' },
        ],
        definitions: { ru: 'Орган,\r\nвзимающий пошлины.' },
      }),
    ]);
  });
});
