/**
 * The term base exchange formats by name. The CLI loads this module only for
 * `terms` commands, so their XML, RDF and CSV libraries do not slow down `check`.
 */
import { fromCsv, toCsv } from './csv';
import { fromSkos, toSkos } from './skos';
import { fromTbx, toTbx } from './tbx';
import type { TermModel } from './termModel';

// The CLI bundles this module apart (see esbuild.mjs): it catches the `ImportError` of this bundle, not of its own.
export { ImportError } from './termModel';

/** Reads a TBX, SKOS or CSV file into the meaning of a term base; throws `ImportError` with a line. */
export function readExchangeFile(format: string, text: string): TermModel {
  if (format === 'tbx') return fromTbx(text);
  if (format === 'skos') return fromSkos(text);
  return fromCsv(text);
}

/** Writes the meaning of a term base as TBX, SKOS or CSV. */
export function writeExchangeFile(format: string, model: TermModel, opts: { title: string; baseIri: string }): string {
  if (format === 'tbx') return toTbx(model, opts.title);
  if (format === 'skos') return toSkos(model, opts.baseIri, opts.title);
  return toCsv(model);
}
