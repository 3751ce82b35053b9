/**
 * What the client and the server say to each other beyond LSP: the commands
 * they share, each with its arguments declared once. Pure types and constants:
 * the client, the server and the core import it; it imports nothing.
 *
 * To add a command or a custom request: declare its name and its argument or
 * parameter types here, then register it on each side with these names (see
 * ARCHITECTURE.md, "Adding a request").
 */

/** A position and a location as LSP sends them (plain JSON, no library types). */
export interface WirePosition {
  line: number;
  character: number;
}
export interface WireLocation {
  uri: string;
  range: { start: WirePosition; end: WirePosition };
}

/** The commands of Customs Concepts, by name. */
export const COMMANDS = {
  /** Shows the uses of a term in the references view (sent by code lens: "3 uses"). */
  showReferences: 'customsConcepts.showReferences',
  /** Shows the server's output channel (the status bar item). */
  showOutput: 'customsConcepts.showOutput',
  /** Restarts the language server. */
  restartServer: 'customsConcepts.restartServer',
} as const;

/** The arguments of `customsConcepts.showReferences`: the document, the position of the lens, the uses. */
export type ShowReferencesArgs = [uri: string, at: WirePosition, locations: WireLocation[]];

/** The configuration section the server reads. */
export const CONFIGURATION_SECTION = 'customsConcepts';
