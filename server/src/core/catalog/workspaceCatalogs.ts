/**
 * Instrument catalogs of the workspace (`*.instruments.yaml`, the format of the built-in catalog): EAEU
 * Customs Code articles, EEC decisions, national laws that concept documents cite beside the WCO's.
 * Their entries join the catalog, so completion, hover, the unknown and superseded checks, go to
 * definition and find references treat them as built-in ones. A file's own problems (YAML, an id that
 * shadows an entry of the built-in catalog, a reference to an unknown id) are its diagnostics.
 */
import type { WorkspaceFiles } from '../env';
import type { Problem } from '../yaml';
import { documentKind } from '../uri';
import { readCatalog, type CatalogPart, type InstrumentCatalog } from './catalog';

/** Whether a uri names a workspace instrument catalog. */
export function isWorkspaceCatalog(uri: string): boolean {
  return documentKind(uri) === 'catalog';
}

/** Keeps the catalog's workspace part equal to the workspace's `*.instruments.yaml` files as they are now. */
export class WorkspaceCatalogs {
  /** Changes whenever the set of files or the version of one of them changes. */
  stamp = '';
  private readonly parsed = new Map<string, { version: string | number; part: CatalogPart }>();

  constructor(private readonly catalog: InstrumentCatalog, private readonly workspace: WorkspaceFiles) {}

  /** Re-reads the catalog files whose version changed; true when the catalog changed. */
  sync(): boolean {
    const uris = this.workspace.catalogUris?.() ?? [];
    const parts: CatalogPart[] = [];
    const stamp: string[] = [];
    for (const uri of uris) {
      const r = this.workspace.read(uri);
      if ('error' in r) continue;
      let p = this.parsed.get(uri);
      if (!p || p.version !== r.version) this.parsed.set(uri, (p = { version: r.version, part: readCatalog(uri, r.text) }));
      parts.push(p.part);
      stamp.push(`${uri}@${r.version}`);
    }
    for (const uri of this.parsed.keys()) if (!uris.includes(uri)) this.parsed.delete(uri);
    const next = stamp.join('\u0001');
    if (next === this.stamp) return false;
    this.stamp = next;
    this.catalog.setWorkspace(parts);
    return true;
  }
}

/** The problems of one workspace catalog file, as the catalog now reads it (`sync` first). */
export function catalogFileProblems(catalog: InstrumentCatalog, uri: string, text: string): Problem[] {
  const { instruments, problems } = readCatalog(uri, text);
  const out = [...problems];
  for (const inst of instruments) {
    for (const s of catalog.shadows) {
      if (s.instrument.uri !== uri || s.instrument.id !== inst.id) continue;
      const where = s.hidden.origin !== 'workspace' ? 'the built-in catalog' : s.hidden.uri.slice(s.hidden.uri.lastIndexOf('/') + 1);
      out.push({
        start: inst.idRange[0], end: inst.idRange[1], code: 'shadowed-instrument', severity: 'warning',
        message: `\`${s.id}\` is also an id of ${where} (${s.hidden.name ?? s.hidden.title}); citations of \`@${s.id}\` now resolve to this entry. Choose another id unless you mean to replace it.`,
      });
    }
    for (const ref of [inst.partOf, inst.supersededBy, ...inst.related]) {
      if (ref && !catalog.get(ref)) {
        const closest = catalog.closest(ref);
        out.push({
          start: inst.idRange[0], end: inst.idRange[1], code: 'unknown-instrument', severity: 'warning',
          message: `\`${inst.id}\` refers to \`${ref}\`, which no catalog knows.${closest.length ? ` Did you mean ${closest.map((x) => '`' + x + '`').join(', ')}?` : ''}`,
        });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
