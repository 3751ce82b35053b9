/**
 * What the workspace-wide features (references, rename, workspace symbols,
 * code lens, quick fixes in other files) see of the workspace: every concept
 * document, analysed; every term base, parsed; a text document for any file
 * (to turn offsets into positions); and the version to stamp edits with.
 *
 * Closed files come through the injected `WorkspaceFiles`, like everything
 * else the core reads: the core still does no IO.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import type { Analysis } from './analysis';
import type { ServiceSettings, TermUseIndex } from './env';
import type { AnalysisHost } from './host';
import type { EntryNodes } from './edit/yamlEdits';
import { documentKind } from './uri';
import { throwIfCancelled, type CancellationToken } from './cancellation';
import type { InstrumentCatalog } from './catalog/catalog';
import type { ConceptDocument } from './parse/conceptDocument';
import { parseTermBase, type TermBase, type TermEntry } from './terms/termBase';

export interface ConceptFile {
  uri: string;
  document: TextDocument;
  analysis: Analysis;
}

/** A closed concept document given by its known uses of term-base entries instead of an analysis. */
export interface IndexedConcept {
  uri: string;
  index: TermUseIndex;
}

export interface TermBaseFile {
  uri: string;
  document: TextDocument;
  base: TermBase;
  /** The built-in WCO term base: read-only. */
  builtin: boolean;
}

export interface FeatureContext {
  readonly catalog: InstrumentCatalog;
  readonly builtinTerms: TermBase;
  settings(): ServiceSettings;
  /** The analysis of a concept document. */
  analyse(document: TextDocument): Analysis;
  /** A term base's text as a YAML tree (kept by the host; read only). */
  termBaseTree(document: TextDocument): Document;
  /** The entries of a term base's text as YAML nodes (kept by the host; read only). */
  termBaseEntryNodes(document: TextDocument): EntryNodes[];
  /** Every concept document of the workspace, `current` (the editor's document) taking its file's place. */
  concepts(current?: TextDocument): ConceptFile[];
  /**
   * The same, but a closed document whose uses of term-base entries are known (`WorkspaceFiles.knownUses`) is given
   * by those instead of analysed.
   */
  conceptUses(current?: TextDocument): (ConceptFile | IndexedConcept)[];
  /** One concept document (the editor's `current` when it is that file), analysed. */
  concept(uri: string, current?: TextDocument): ConceptFile | undefined;
  /** Every concept document of the workspace, parsed but not analysed (cheaper: no term matching). */
  parsedConcepts(): { uri: string; document: TextDocument; doc: ConceptDocument }[];
  /**
   * Every term base: the workspace's, the settings', those the given concept
   * documents import, and the built-in one last.
   */
  termBases(concepts: readonly ConceptFile[], current?: TextDocument): TermBaseFile[];
  /** A text document for any file the service knows (workspace files, built-in data). */
  textDocument(uri: string, current?: TextDocument): TextDocument | undefined;
  /** The version to put on an edit of `uri`: the editor's version of an open file, `null` for a file read from disk. */
  version(uri: string, current?: TextDocument): number | null;
}

/**
 * Built from the service's `AnalysisHost` for one request: every read goes through
 * its file cache, and every walk over the workspace's files stops with `Cancelled`
 * once `token` is cancelled.
 */
export function createFeatureContext(host: AnalysisHost, token?: CancellationToken): FeatureContext {
  const files = host.files;
  const conceptDocument = (uri: string): TextDocument | undefined => files.textDocument(uri);
  /** `one` of every concept document of the workspace, `current` among them (cancellation checked before each). */
  const eachConcept = <T>(current: TextDocument | undefined, one: (uri: string) => T | undefined): T[] => {
    const uris = new Set(files.conceptUris());
    if (current && documentKind(current.uri) === 'concept') uris.add(current.uri);
    const out: T[] = [];
    for (const uri of uris) {
      throwIfCancelled(token);
      const c = one(uri);
      if (c) out.push(c);
    }
    return out;
  };
  const ctx: FeatureContext = {
    catalog: host.catalog,
    builtinTerms: host.builtinTerms,
    settings: () => host.settings(),
    // Workspace-wide features see other documents without disturbing completion's last analysis.
    analyse: (document) => host.analyse(document, false),
    termBaseTree: (document) => host.termBaseTree(document),
    termBaseEntryNodes: (document) => host.termBaseEntryNodes(document),
    concepts(current) {
      return eachConcept(current, (uri) => ctx.concept(uri, current));
    },
    conceptUses(current) {
      return eachConcept<ConceptFile | IndexedConcept>(current, (uri) => {
        const index = current?.uri === uri ? undefined : files.knownUses(uri);
        return index ? { uri, index } : ctx.concept(uri, current);
      });
    },
    concept(uri, current) {
      const document = current && uri === current.uri ? current : conceptDocument(uri);
      return document && { uri, document, analysis: ctx.analyse(document) };
    },
    parsedConcepts() {
      const out: { uri: string; document: TextDocument; doc: ConceptDocument }[] = [];
      for (const uri of new Set(files.conceptUris())) {
        throwIfCancelled(token);
        const document = conceptDocument(uri);
        if (document) out.push({ uri, document, doc: host.parse(document) });
      }
      return out;
    },
    termBases(concepts, current) {
      const uris = new Set<string>([...files.termBaseUris(), ...host.settings().termBases]);
      for (const c of concepts) for (const t of c.analysis.defining) if (t.base) uris.add(t.uri);
      if (current && documentKind(current.uri) === 'termBase') uris.add(current.uri);
      const out: TermBaseFile[] = [];
      for (const uri of uris) {
        throwIfCancelled(token);
        if (current && uri === current.uri) {
          const loaded = files.termBase(uri);
          // The editor's text wins when the service has not seen it yet.
          const base = loaded.text === current.getText() && loaded.base ? loaded.base : parseTermBase(uri, current.getText());
          out.push({ uri, document: current, base, builtin: false });
          continue;
        }
        const loaded = files.termBase(uri);
        if (!loaded.base || loaded.text === undefined) continue;
        const document = files.textDocument(uri);
        if (document) out.push({ uri, document, base: loaded.base, builtin: false });
      }
      const builtinDoc = ctx.textDocument(host.builtinTerms.uri);
      if (builtinDoc) out.push({ uri: host.builtinTerms.uri, document: builtinDoc, base: host.builtinTerms, builtin: true });
      return out;
    },
    textDocument(uri, current) {
      if (current && uri === current.uri) return current;
      return files.textDocument(uri);
    },
    version(uri, current) {
      if (current && uri === current.uri) return current.version;
      return files.openVersion(uri) ?? null;
    },
  };
  return ctx;
}

/** A stable identity for a term entry across parses of an unchanged file. */
export function entryId(entry: TermEntry): string {
  return `${entry.uri}#${entry.labelRange[0]}`;
}
