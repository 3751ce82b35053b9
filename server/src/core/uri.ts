/**
 * Uris as the language service sees them: what kind of file a uri names (one
 * rule, shared with the server and the client), glossary paths resolved against
 * a document, and the file name shown in messages and titles.
 */
import { Utils, URI } from 'vscode-uri';

export { documentKind, languageIdOf, DOCUMENT_SUFFIXES, DOCUMENT_GLOBS, type DocumentKind, type NamedKind } from '../../../shared/documents';

/** Resolves a glossary path against the document; undefined for an unusable path. */
export function resolveGlossary(docUri: string, path: string): string | undefined {
  try {
    if (/^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return URI.parse(path).toString();
    return Utils.resolvePath(Utils.dirname(URI.parse(docUri)), path.replace(/\\/g, '/')).toString();
  } catch {
    return undefined;
  }
}

/** The last segment of a uri, decoded, for messages and titles. */
export function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  try {
    return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
  } catch {
    return uri.slice(i + 1);
  }
}
