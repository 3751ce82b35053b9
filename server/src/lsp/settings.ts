/**
 * The server's settings (`customsConcepts.*`): which keys it reads, how each is
 * read, and the settings of each document, fetched for its own uri (a resource
 * setting may differ per folder or per file).
 *
 * To add a setting: declare it in package.json (`contributes.configuration`),
 * add its key and scope to `SETTINGS`, and read it in `resolveSettings` with
 * `value(raw, key)`. tests/lsp/settings.test.ts checks that the keys declared and
 * the keys read are the same, with the same scopes.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, type Locale, type ServiceSettings, type SeverityName } from '../core/index';

/** Every key the extension declares, with its scope; `client`: read by the language client library, not by the server. */
export const SETTINGS = {
  termBases: { scope: 'resource' },
  language: { scope: 'resource' },
  'diagnostics.implicitUse': { scope: 'resource' },
  'diagnostics.unusedDefinition': { scope: 'resource' },
  'diagnostics.implicitUseReport': { scope: 'resource' },
  'diagnostics.instrumentMention': { scope: 'resource' },
  explicitTerms: { scope: 'resource' },
  'diagnostics.closedDocuments': { scope: 'window' },
  'diagnostics.debounceMs': { scope: 'resource' },
  maxDocumentSize: { scope: 'resource' },
  'export.browser': { scope: 'machine-overridable', client: true },
  'trace.server': { scope: 'window', client: true },
  'authoring.defaultLanguage': { scope: 'window', client: true },
  'authoring.statusBar': { scope: 'window', client: true },
} as const satisfies Record<string, { scope: 'resource' | 'window' | 'machine-overridable'; client?: true }>;

export type SettingKey = keyof typeof SETTINGS;

/** What the server does with the settings of one document (or the whole server). */
export interface Settings {
  service: ServiceSettings;
  debounceMs: number;
  closedDocuments: boolean;
}

const SEVERITIES: SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** `v` when it is one of `values`, else `fallback`. */
function oneOf<T extends string>(v: unknown, values: readonly T[], fallback: T): T {
  return values.includes(v as T) ? (v as T) : fallback;
}

/** The value of a key in the settings object a client sends (`{ diagnostics: { implicitUse } }`). */
export function value(raw: unknown, key: SettingKey): unknown {
  let v: unknown = raw;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Reads the settings a client sent; a missing or invalid value takes its default. Relative term-base paths are resolved against each folder. */
export function resolveSettings(raw: unknown, folders: readonly string[], locale: Locale): Settings {
  const sev = (v: unknown, d: SeverityName): SeverityName => (SEVERITIES.includes(v as SeverityName) ? (v as SeverityName) : d);
  const termBases: string[] = [];
  const paths = value(raw, 'termBases');
  for (const p of Array.isArray(paths) ? paths : []) {
    if (typeof p !== 'string' || !p) continue;
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) termBases.push(p);
    else for (const f of folders.length ? folders : [process.cwd()]) termBases.push(URI.file(path.resolve(f, p)).toString());
  }
  const language = value(raw, 'language');
  const maxSize = value(raw, 'maxDocumentSize');
  const debounce = value(raw, 'diagnostics.debounceMs');
  return {
    service: {
      termBases,
      implicitUseSeverity: sev(value(raw, 'diagnostics.implicitUse'), DEFAULT_SETTINGS.implicitUseSeverity),
      unusedDefinitionSeverity: sev(value(raw, 'diagnostics.unusedDefinition'), DEFAULT_SETTINGS.unusedDefinitionSeverity),
      language: language === 'fr' || language === 'ru' || language === 'en' ? language : undefined,
      locale,
      maxDocumentBytes: typeof maxSize === 'number' && maxSize > 0 ? Math.round(maxSize * 1024 * 1024) : undefined,
      implicitUseReport: oneOf(value(raw, 'diagnostics.implicitUseReport'), ['first', 'all', 'off'] as const, 'first'),
      instrumentMentionSeverity: sev(value(raw, 'diagnostics.instrumentMention'), 'information'),
      explicitTerms: oneOf(value(raw, 'explicitTerms'), ['auto', 'all', 'known'] as const, 'auto'),
    },
    closedDocuments: value(raw, 'diagnostics.closedDocuments') !== false,
    debounceMs: typeof debounce === 'number' && debounce >= 0 && debounce <= 5000 ? debounce : 150,
  };
}

/** How many documents one `workspace/configuration` request asks for at most. */
const BATCH = 500;

/** Asks the client for the `customsConcepts` section of each scope (undefined: the server's); one answer per scope, in order. */
export type ConfigurationFetcher = (scopeUris: readonly (string | undefined)[]) => Promise<unknown[]>;

/** The client's answers; none (an empty list) when it fails or answers something else than a list. */
function ask(fetch: ConfigurationFetcher, scopeUris: readonly (string | undefined)[]): Promise<unknown[]> {
  return fetch(scopeUris).then((a) => (Array.isArray(a) ? a : []), () => []);
}

/**
 * The settings of the server and of each document. A client that answers
 * `workspace/configuration` is asked once for the server and once per document
 * (with the document's uri as `scopeUri`); closed documents checked in the
 * background are asked for many at once, in one request. The answers are kept
 * until the configuration changes, and equal answers share one `Settings`.
 * Other clients send one settings object for everything.
 */
export class SettingsStore {
  private global: Settings;
  private readonly byUri = new Map<string, Settings>();
  /** The settings made of each distinct answer (by its JSON text) since the configuration last changed. */
  private readonly byAnswer = new Map<string, Settings>();
  private generation = 0;
  /** What the client last sent (for a client that cannot be asked). */
  private sent: unknown;

  constructor(
    private readonly folders: () => readonly string[],
    private readonly locale: () => Locale,
    /** How to ask the client; undefined while the client cannot be asked. */
    private readonly fetcher: () => ConfigurationFetcher | undefined,
  ) {
    this.global = resolveSettings(undefined, [], 'en');
  }

  /** Settings sent by the client (initialization options, a pushed configuration change). */
  set(raw: unknown): void {
    this.sent = raw;
    this.global = resolveSettings(raw, this.folders(), this.locale());
    this.changed();
  }

  /** The workspace folders changed: a document's resource settings depend on its folder, and relative term-base paths on the folders. */
  async foldersChanged(): Promise<void> {
    if (this.fetcher()) await this.refresh();
    else this.set(this.sent);
  }

  /** The configuration changed: asks again (the server's, then each document's when next needed). */
  async refresh(pushed?: unknown): Promise<void> {
    const fetch = this.fetcher();
    if (!fetch) return this.set(pushed);
    const [raw] = await ask(fetch, [undefined]);
    if (raw) this.set(raw);
    else this.changed();
  }

  /** Fetches a document's own settings if the client can be asked and they are not known yet. */
  async load(uri: string): Promise<Settings> {
    const known = this.byUri.get(uri);
    const fetch = this.fetcher();
    if (known || !fetch) return known ?? this.global;
    const generation = this.generation;
    const [raw] = await ask(fetch, [uri]);
    if (!raw) return this.global;
    const settings = this.resolve(raw);
    // A change of configuration while the answer was on its way makes it stale.
    if (generation === this.generation) this.byUri.set(uri, settings);
    return settings;
  }

  /** Of these documents, those whose own settings the client could be asked for and are not known yet. */
  unknown(uris: Iterable<string>): string[] {
    if (!this.fetcher()) return [];
    const out: string[] = [];
    for (const u of uris) if (!this.byUri.has(u)) out.push(u);
    return out;
  }

  /**
   * Fetches the settings of many documents (closed ones, checked in the background) in as few
   * requests as possible. A document the client gives no answer for takes the server's settings,
   * and is not asked again until the configuration changes (a background check must not ask forever).
   */
  async loadAll(uris: readonly string[]): Promise<void> {
    const fetch = this.fetcher();
    const missing = this.unknown(uris);
    for (let i = 0; fetch && i < missing.length; i += BATCH) {
      const chunk = missing.slice(i, i + BATCH);
      const generation = this.generation;
      const answers = await ask(fetch, chunk);
      if (generation !== this.generation) return;
      chunk.forEach((u, j) => this.byUri.set(u, answers[j] ? this.resolve(answers[j]) : this.global));
    }
  }

  /** The settings of a document (the server's until its own are loaded), or of the server. */
  of(uri?: string): Settings {
    return (uri && this.byUri.get(uri)) || this.global;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private resolve(raw: unknown): Settings {
    const key = JSON.stringify([raw, this.folders()]);
    let settings = this.byAnswer.get(key);
    if (!settings) this.byAnswer.set(key, (settings = resolveSettings(raw, this.folders(), this.locale())));
    return settings;
  }

  private changed(): void {
    this.byUri.clear();
    this.byAnswer.clear();
    this.generation++;
  }
}
