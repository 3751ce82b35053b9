/**
 * Term bases as CSV for spreadsheets: one row per concept, a column per language
 * and field (`term@en`, `variants@en`, `deprecated@en`, `definition@en`, …),
 * then the fields without a language. A cell of several values separates them
 * with ` | `. Written with csv-stringify, read with csv-parse.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { checkConcept, emptyConcept, ImportError, languagesOf, type Concept, type TermModel } from './termModel';

const SEPARATOR = ' | ';
const PLAIN_FIELDS = ['source', 'related', 'broader', 'narrower', 'note', 'confidence', 'match', 'exclude'] as const;
const LIST_FIELDS = new Set(['related', 'broader', 'narrower', 'exclude']);
const LANG_FIELDS = ['term', 'variants', 'deprecated', 'definition'] as const;

function joinList(values: string[], what: string): string {
  for (const v of values) if (v.includes('|')) throw new Error(`${what} «${v}» contains \`|\`, which separates the values of a CSV cell.`);
  return values.join(SEPARATOR);
}

export function toCsv(model: TermModel): string {
  const languages = languagesOf(model);
  const header = [...languages.flatMap((l) => LANG_FIELDS.map((f) => `${f}@${l}`)), ...PLAIN_FIELDS];
  const rows = model.concepts.map((c) => {
    const row: string[] = [];
    for (const lang of languages) {
      const labels = c.labels.filter((l) => l.lang === lang);
      const preferred = labels.find((l) => l.status === 'preferred');
      const what = `A label of «${c.labels[0].text}»`;
      row.push(preferred ? joinList([preferred.text], what) : '');
      row.push(joinList(labels.filter((l) => l.status === 'admitted').map((l) => l.text), what));
      row.push(joinList(labels.filter((l) => l.status === 'deprecated').map((l) => l.text), what));
      row.push(c.definitions[lang] ?? '');
    }
    for (const f of PLAIN_FIELDS) {
      if (LIST_FIELDS.has(f)) row.push(joinList(c[f as 'related'], `A value of \`${f}\``));
      else row.push((c[f as 'source'] as string | undefined) ?? '');
    }
    return row;
  });
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

const split = (cell: string) =>
  cell
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the CSV of `toCsv` (columns in any order, unknown columns refused). Throws `ImportError` with a line. */
export function fromCsv(text: string): TermModel {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: false, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string; record?: string[] };
    let message = err.message.replace(/^Invalid (Record Length|Opening Quote|Closing Quote)?:?\s*/i, '');
    if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') message = `This row has ${err.record?.length ?? 'a different number of'} fields, but the header has ${columnsOf(text)}.`;
    throw new ImportError(err.lines ?? 1, `CSV error: ${message}`);
  }
  if (!records.length) throw new ImportError(1, 'The CSV file is empty: it needs a header row (`term@en`, `definition@en`, …).');
  const header = records[0].record.map((h) => h.trim());
  const columns = header.map((h) => {
    const m = /^(term|variants|deprecated|definition)@([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)$/.exec(h);
    if (m) return { field: m[1], lang: m[2] };
    if ((PLAIN_FIELDS as readonly string[]).includes(h)) return { field: h, lang: undefined };
    throw new ImportError(records[0].info.lines, `Unknown column \`${h}\`; expected \`term@LANG\`, \`variants@LANG\`, \`deprecated@LANG\`, \`definition@LANG\` or one of: ${PLAIN_FIELDS.join(', ')}.`);
  });
  const first = columns.find((c) => c.field === 'term' && c.lang);
  if (!first) throw new ImportError(records[0].info.lines, 'The header has no `term@LANG` column (its first one gives the term base\'s language).');
  const model: TermModel = { language: first.lang!, concepts: [] };
  let previousEnd = records[0].info.lines;
  for (const { record, info } of records.slice(1)) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const c: Concept = emptyConcept();
    record.forEach((raw, i) => {
      const { field, lang } = columns[i];
      const cell = raw.trim();
      if (!cell) return;
      if (lang) {
        if (field === 'definition') c.definitions[lang] = cell;
        else for (const text of field === 'term' ? [cell] : split(cell)) c.labels.push({ lang, text, status: field === 'term' ? 'preferred' : field === 'variants' ? 'admitted' : 'deprecated' });
      } else if (LIST_FIELDS.has(field)) c[field as 'related'].push(...split(cell));
      else if (field === 'match') c.match = cell === 'exact' ? 'exact' : 'inflected';
      else c[field as 'source' | 'note' | 'confidence'] = cell;
    });
    if (!c.labels.some((l) => l.lang === model.language && l.status === 'preferred')) throw new ImportError(line, `This row has no \`term@${model.language}\`.`);
    checkConcept(c, model.language, line);
    model.concepts.push(c);
  }
  return model;
}

function columnsOf(text: string): number {
  try {
    const [header] = parse(text, { bom: true, to_line: 1 }) as string[][];
    return header.length;
  } catch {
    return 0;
  }
}
