/**
 * What the language service is given: the built-in data, the files of the
 * workspace and the settings. The core does no IO; everything it reads comes
 * through these types, injected by the server, the CLI or a test.
 */
import type { Language } from './terms/language';
import type { Locale } from './l10n';
import type { ExplicitTermsMode } from './terms/quotation';
import type { TermBase } from './terms/termBase';

/** The built-in data, as text: the server and the CLI read it from `server/data/`. */
export interface BuiltinData {
  catalog: { uri: string; text: string };
  termBase: { uri: string; text: string };
  /** Built-in reference models (`*.model.yaml`), such as `wco-digital-customs`. */
  models?: { uri: string; text: string }[];
}

export interface LanguageServiceEnv {
  builtin: BuiltinData;
  workspace: WorkspaceFiles;
  /** Current settings of a document (`uri`) or of the whole service (no uri); read on every request so changes apply at once. */
  settings?: (uri?: string) => ServiceSettings;
  /** Extra instrument catalogs from the workspace (`*.catalog.yaml`). */
  catalogs?: { uri: string; text: string }[];
  /** Workspace term bases as read on an earlier run (the CLI's compiled term-base cache); without it, every term base is parsed. */
  termBaseStore?: TermBaseStore;
}

/**
 * Term bases kept in a compiled form, outside the service (it does no IO).
 * `load` gives exactly what `parseTermBase(uri, text)` gives, or undefined when it
 * has nothing for that uri and text; `save` is given each term base the service
 * had to parse. A term base is plain data (objects, arrays, `Map`s, `undefined`, objects
 * shared between fields), which V8's serializer keeps exactly, identity included.
 */
export interface TermBaseStore {
  load(uri: string, text: string): TermBase | undefined;
  save(uri: string, text: string, base: TermBase): void;
}

/** Access to files outside the document being analysed. Injected: the core does no IO. */
export interface WorkspaceFiles {
  /** The text of a file and a stamp that changes when the text changes, or why it cannot be read. */
  read(uri: string): { text: string; version: string | number } | { error: string };
  /** Term bases of the workspace that are not imported by a document but make terms known. */
  termBaseUris(): readonly string[];
  /** Reference models (`*.model.yaml`) of the workspace, which documents name by id in `model:`. */
  modelUris?(): readonly string[];
  /** Instrument catalogs (`*.instruments.yaml`) of the workspace, whose entries join the built-in catalog. */
  catalogUris?(): readonly string[];
  /** Concept documents of the workspace, open or not, for references, rename and workspace symbols. Without it, only the document at hand is seen. */
  conceptUris?(): readonly string[];
  /** The editor's version of an open file, for versioned edits; undefined for a closed file (its edits carry `null`). */
  openVersion?(uri: string): number | undefined;
  /**
   * The uses of term-base entries in a closed concept document, as its last check found them (the language server
   * keeps them from its background checks): a term base's code lens counts them instead of analysing the document.
   * Undefined when none are known (the document is then analysed).
   */
  knownUses?(uri: string): TermUseIndex | undefined;
  /** Told the uses of a closed concept document that a term base's code lens had to analyse (so they become known). */
  rememberUses?(uri: string, uses: TermUseIndex): void;
}

/** The uses of term-base entries in one concept document, by entry: what a term base's code lens counts. */
export interface TermUseIndex {
  /** The entries used, by `entryUseKey` (`term` NUL `uri`, with the entry's rank among those of its term when not the first). */
  keys: string[];
  /** Five numbers per use: the index of its entry's key, then its range (start line, start character, end line, end character). */
  uses: Int32Array;
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ServiceSettings {
  /** Term bases (uris) that define terms for every document, from settings. */
  termBases: string[];
  /** Severity of a plain-prose use of a known but undefined term. */
  implicitUseSeverity: SeverityName;
  /** Severity of an unused definition. */
  unusedDefinitionSeverity: SeverityName;
  /** Language of documents whose front matter does not say (`language:`). */
  language?: Language;
  /** Language of messages. */
  locale?: Locale;
  /** How `«…»` is read (see `terms/quotation.ts`); default `auto`. */
  explicitTerms?: ExplicitTermsMode;
  /** Which implicit uses of one undefined term are reported: the first in the document (default), all, or none. */
  implicitUseReport?: 'first' | 'all' | 'off';
  /** Severity of an instrument named in prose without a citation (`instrument-mention`); default `information`. */
  instrumentMentionSeverity?: SeverityName;
  /** Documents larger than this many bytes (UTF-8) are not analysed; one `document-too-large` diagnostic says so. Default: `DEFAULT_MAX_DOCUMENT_BYTES` (10 MB). */
  maxDocumentBytes?: number;
}

/** The default of `ServiceSettings.maxDocumentBytes`: 10 MB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DEFAULT_SETTINGS: ServiceSettings = {
  termBases: [],
  implicitUseSeverity: 'warning',
  unusedDefinitionSeverity: 'hint',
};

/** The UTF-8 length of `text` without encoding it; counting stops once it passes `stopAbove`. */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    // Each UTF-16 unit takes 1 to 3 bytes (a surrogate pair, 2 units, takes 4).
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}
