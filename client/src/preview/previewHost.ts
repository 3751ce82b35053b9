/**
 * The preview side that runs in the extension host (bundled apart as
 * `dist/preview.js` and loaded on the first preview): VS Code's Markdown
 * preview calls `extendMarkdownIt`, and markdown-it renders synchronously, so
 * the concept plugin gets its analysis from the pure language service bundled
 * here, over the disk (term bases, models, built-in data), not from the server.
 * See ARCHITECTURE.md, "Preview and export".
 */
import * as path from 'node:path';
import type MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, DEFAULT_SETTINGS, toLocale, type LanguageService } from '../../../server/src/core/index';
import { conceptFigures } from '../../../server/src/export/charts';
import { buildConceptView, type ConceptView } from '../../../server/src/export/conceptView';
import { conceptPlugin, type ConceptPluginOptions } from '../../../server/src/export/markdownItPlugin';
import { findFiles, loadBuiltinData, readFileUri } from '../../../server/src/node/files';

export interface PreviewHostOptions {
  /** Folder of the built-in data (`server/data` of the extension). */
  dataDir: string;
  /** Workspace folder paths. */
  folders(): string[];
  /** Whether the workspace is trusted: in Restricted Mode only the built-in data is read. */
  trusted(): boolean;
  /** Term bases of the `customsConcepts.termBases` setting (paths relative to the first folder, or uris). */
  termBases(): string[];
  /** UI language (`vscode.env.language`). */
  language: string;
  /**
   * The uri of the open concept document whose text is `src`. VS Code's Markdown engine parses
   * (and caches the tokens) with no `currentDocument` in the env; only rendering gets one.
   */
  documentFor?(src: string): string | undefined;
}

export interface PreviewHost {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The workspace's term bases or models changed on disk: list them again. */
  filesChanged(): void;
  /** The concept document the preview rendered last. */
  lastRendered(): string | undefined;
}

export function createPreviewHost(options: PreviewHostOptions): PreviewHost {
  let service: LanguageService | undefined;
  let listed: { termBases: string[]; models: string[] } | undefined;
  const versions = new Map<string, { text: string; version: number }>();
  const views = new Map<string, { text: string; trusted: boolean; view: ConceptView; figures: ReturnType<typeof conceptFigures>; figureKey: string }>();
  let last: string | undefined;

  const list = () => {
    if (!options.trusted()) return { termBases: [], models: [] };
    listed ??= {
      termBases: options.folders().flatMap((f) => findFiles(f, ['.terms.yaml', '.terms.yml'])).map((f) => URI.file(f).toString()),
      models: options.folders().flatMap((f) => findFiles(f, ['.model.yaml', '.model.yml'])).map((f) => URI.file(f).toString()),
    };
    return listed;
  };
  const getService = () =>
    (service ??= createLanguageService({
      builtin: loadBuiltinData(options.dataDir),
      workspace: {
        read: (uri) => (options.trusted() ? readFileUri(uri, options.folders()) : { error: 'Restricted Mode: only the built-in data is read.' }),
        termBaseUris: () => list().termBases,
        modelUris: () => list().models,
      },
      settings: () => {
        const folder = options.folders()[0] ?? process.cwd();
        const termBases = options.trusted() ? options.termBases().map((p) => (/^[a-z][a-z0-9+.-]+:\/\//i.test(p) ? p : URI.file(path.resolve(folder, p)).toString())) : [];
        return { ...DEFAULT_SETTINGS, termBases, locale: toLocale(options.language) };
      },
    }));

  /** The view of a concept document's text, kept while the text and the trust are the same. */
  const viewOf = (src: string, env: Record<string, unknown>) => {
    const current = env.currentDocument as { toString(): string } | undefined;
    const uri = current?.toString() ?? options.documentFor?.(src);
    if (!uri || !/\.concept\.md$/i.test(URI.parse(uri).path)) return undefined;
    const trusted = options.trusted();
    const cached = views.get(uri);
    if (cached && cached.text === src && cached.trusted === trusted) {
      last = uri;
      return cached;
    }
    const prev = versions.get(uri);
    const version = prev && prev.text === src ? prev.version : (prev?.version ?? 0) + 1;
    versions.set(uri, { text: src, version });
    const document = TextDocument.create(uri, 'markdown', version, src);
    const view = buildConceptView(getService(), document, { problems: false });
    // Figures are drawn again only when what they show changed (most edits touch the prose).
    const figureKey = JSON.stringify([view.locale, view.maturity, view.components]);
    const figures = cached?.figureKey === figureKey ? cached.figures : conceptFigures(view);
    const entry = { text: src, trusted, view, figures, figureKey };
    views.set(uri, entry);
    last = uri;
    return entry;
  };

  return {
    extendMarkdownIt(md) {
      const figures = new WeakMap<ConceptView, ReturnType<typeof conceptFigures>>();
      const plugin: ConceptPluginOptions = {
        mode: 'preview',
        view: (src, env) => {
          try {
            const entry = viewOf(src, env);
            if (!entry) return undefined;
            figures.set(entry.view, entry.figures);
            return entry.view;
          } catch (e) {
            // The preview must render whatever happens: without the analysis it is plain Markdown.
            console.error(`Customs Concepts preview: ${e instanceof Error ? e.stack : String(e)}`);
            return undefined;
          }
        },
        figures: (view) => figures.get(view) ?? {},
      };
      md.use(conceptPlugin, plugin);
      return md;
    },
    filesChanged() {
      listed = undefined;
      views.clear();
    },
    lastRendered: () => last,
  };
}
