/**
 * The custom requests of guided authoring (declared in `shared/overview.ts`),
 * registered on the connection with one call from `server.ts`. Each handler is
 * a line: the language service answers.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from './core/index';
import { AuthoringChoicesRequest, ConceptOverviewRequest, ConceptSkeletonRequest } from '../../shared/overview';

export interface AuthoringDeps {
  service(): LanguageService;
  /** An open document, by uri. */
  document(uri: string): TextDocument | undefined;
  /** The server's guard: a failing handler logs and returns `fallback`. */
  runSafe<T>(what: string, fallback: T, fn: () => T | Promise<T>, token?: CancellationToken): Promise<T>;
}

export function registerAuthoring(connection: Connection, deps: AuthoringDeps): void {
  connection.onRequest(ConceptOverviewRequest, (p, token) =>
    deps.runSafe('concept overview', null, () => {
      const doc = deps.document(p.textDocument.uri);
      return doc ? deps.service().getConceptOverview(doc) : null;
    }, token),
  );
  connection.onRequest(AuthoringChoicesRequest, (_p, token) => deps.runSafe('authoring choices', { models: [], instruments: [] }, () => deps.service().getAuthoringChoices(), token));
  connection.onRequest(ConceptSkeletonRequest, (p, token) =>
    deps.runSafe('concept skeleton', { error: 'The skeleton could not be written (see the server log).' }, () => deps.service().getConceptSkeleton(p), token),
  );
}
