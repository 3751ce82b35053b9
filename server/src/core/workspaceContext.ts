/**
 * What the workspace-wide features (references, rename, workspace symbols,
 * code lens, quick fixes in other files) see of the workspace: every concept
 * document, analysed; every term base, parsed; a text document for any file
 * (to turn offsets into positions); and the version to stamp edits with.
 *
 * Closed files come through the injected `WorkspaceFiles`, like everything
 * else the core reads: the core still does no IO.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, ServiceSettings, WorkspaceFiles } from './analysis';
import type { InstrumentCatalog } from './catalog/catalog';
import type { ConceptDocument } from './parse/conceptDocument';
import { parseTermBase, type TermBase, type TermEntry } from './terms/termBase';

export interface ConceptFile {
  uri: string;
  document: TextDocument;
  analysis: Analysis;
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
  /** Every concept document of the workspace, `current` (the editor's document) taking its file's place. */
  concepts(current?: TextDocument): ConceptFile[];
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

export interface FeatureContextOptions {
  workspace: WorkspaceFiles;
  catalog: InstrumentCatalog;
  builtinTerms: TermBase;
  /** Built-in and extra data files by uri (catalogs, the WCO term base). */
  dataFiles: { uri: string; text: string }[];
  settings(): ServiceSettings;
  analyse(document: TextDocument): Analysis;
  /** A parsed concept document (cached by uri, version and text), for what needs no term matching. */
  parse(document: TextDocument): ConceptDocument;
  /** A parsed term base, shared with the analyses (same objects while the file is unchanged). */
  termBase(uri: string): { base?: TermBase; text?: string };
}

function languageId(uri: string): string {
  return /\.md$/i.test(uri) ? 'markdown' : 'yaml';
}

export function createFeatureContext(o: FeatureContextOptions): FeatureContext {
  const conceptDocument = (uri: string): TextDocument | undefined => {
    const read = o.workspace.read(uri);
    // An open document keeps its version, so the parse cache keeps its entry.
    return 'error' in read ? undefined : TextDocument.create(uri, 'markdown', o.workspace.openVersion?.(uri) ?? 0, read.text);
  };
  const data = new Map(o.dataFiles.map((f) => [f.uri, f.text]));
  const dataDocs = new Map<string, TextDocument>();
  const ctx: FeatureContext = {
    catalog: o.catalog,
    builtinTerms: o.builtinTerms,
    settings: o.settings,
    analyse: o.analyse,
    concepts(current) {
      const uris = new Set(o.workspace.conceptUris?.() ?? []);
      if (current && /\.md$/i.test(current.uri)) uris.add(current.uri);
      const out: ConceptFile[] = [];
      for (const uri of uris) {
        const c = ctx.concept(uri, current);
        if (c) out.push(c);
      }
      return out;
    },
    concept(uri, current) {
      const document = current && uri === current.uri ? current : conceptDocument(uri);
      return document && { uri, document, analysis: o.analyse(document) };
    },
    parsedConcepts() {
      const out: { uri: string; document: TextDocument; doc: ConceptDocument }[] = [];
      for (const uri of new Set(o.workspace.conceptUris?.() ?? [])) {
        const document = conceptDocument(uri);
        if (document) out.push({ uri, document, doc: o.parse(document) });
      }
      return out;
    },
    termBases(concepts, current) {
      const uris = new Set<string>([...o.workspace.termBaseUris(), ...o.settings().termBases]);
      for (const c of concepts) for (const t of c.analysis.defining) if (t.base) uris.add(t.uri);
      if (current && /\.terms\.ya?ml$/i.test(current.uri)) uris.add(current.uri);
      const out: TermBaseFile[] = [];
      for (const uri of uris) {
        if (current && uri === current.uri) {
          const loaded = o.termBase(uri);
          // The editor's text wins when the service has not seen it yet.
          const base = loaded.text === current.getText() && loaded.base ? loaded.base : parseTermBase(uri, current.getText());
          out.push({ uri, document: current, base, builtin: false });
          continue;
        }
        const loaded = o.termBase(uri);
        if (!loaded.base || loaded.text === undefined) continue;
        out.push({ uri, document: TextDocument.create(uri, 'yaml', 0, loaded.text), base: loaded.base, builtin: false });
      }
      const builtinDoc = ctx.textDocument(o.builtinTerms.uri);
      if (builtinDoc) out.push({ uri: o.builtinTerms.uri, document: builtinDoc, base: o.builtinTerms, builtin: true });
      return out;
    },
    textDocument(uri, current) {
      if (current && uri === current.uri) return current;
      const text = data.get(uri);
      if (text !== undefined) {
        let d = dataDocs.get(uri);
        if (!d) dataDocs.set(uri, (d = TextDocument.create(uri, 'yaml', 0, text)));
        return d;
      }
      const read = o.workspace.read(uri);
      return 'error' in read ? undefined : TextDocument.create(uri, languageId(uri), 0, read.text);
    },
    version(uri, current) {
      if (current && uri === current.uri) return current.version;
      return o.workspace.openVersion?.(uri) ?? null;
    },
  };
  return ctx;
}

/** A stable identity for a term entry across parses of an unchanged file. */
export function entryId(entry: TermEntry): string {
  return `${entry.uri}#${entry.labelRange[0]}`;
}
