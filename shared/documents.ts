/**
 * Which files Customs Concepts reads, decided from their names in one place for
 * the language service, the server's workspace index, the CLI and the VS Code
 * client. Pure: no IO, no Node or VS Code types.
 */

export type DocumentKind = 'concept' | 'termBase' | 'model' | 'catalog' | 'other';
export type NamedKind = Exclude<DocumentKind, 'other'>;

/** The file-name endings of each kind: what the workspace lists and watches, and what the client selects. */
export const DOCUMENT_SUFFIXES: Readonly<Record<NamedKind, readonly string[]>> = {
  concept: ['.concept.md'],
  termBase: ['.terms.yaml', '.terms.yml'],
  model: ['.model.yaml', '.model.yml'],
  catalog: ['.instruments.yaml', '.instruments.yml'],
};

/** Glob patterns of each kind, for file watchers and document selectors. */
export const DOCUMENT_GLOBS: Readonly<Record<NamedKind, string>> = {
  concept: '**/*.concept.md',
  termBase: '**/*.terms.{yaml,yml}',
  model: '**/*.model.{yaml,yml}',
  catalog: '**/*.instruments.{yaml,yml}',
};

/**
 * What kind of file a uri (or a path) names, from its name alone; a query or a
 * fragment is ignored, case too. Any Markdown file an editor hands over is
 * checked as a concept document; with `named`, only a `*.concept.md` name is one
 * (what the workspace index lists and the client watches).
 */
export function documentKind(uri: string, named = false): DocumentKind {
  const path = uri.toLowerCase().split(/[?#]/)[0];
  for (const kind of ['termBase', 'model', 'catalog', 'concept'] as const) if (DOCUMENT_SUFFIXES[kind].some((s) => path.endsWith(s))) return kind;
  return !named && path.endsWith('.md') ? 'concept' : 'other';
}

/** The language id an editor gives a file of this kind. */
export function languageIdOf(uri: string): 'markdown' | 'yaml' {
  return documentKind(uri) === 'concept' ? 'markdown' : 'yaml';
}
