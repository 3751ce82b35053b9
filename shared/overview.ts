/**
 * The custom requests of guided authoring, declared once and shared by the
 * language server and the VS Code client (and documented in the README for
 * other editors). Types only, plus the request objects: nothing here runs.
 *
 * - `customsConcepts/conceptOverview`: where a concept document stands
 *   (sections, terms, citations, structured parts, coverage). Any LSP client
 *   can call it.
 * - `customsConcepts/authoringChoices`: the reference models and instruments
 *   an author can pick from (new document, citation picker).
 * - `customsConcepts/conceptSkeleton`: the text of a new concept document.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Location, Range, TextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver-types';

/** State of one section kind of the model in the document. */
export type SectionState = 'present' | 'missing' | 'empty' | 'out-of-order';

export interface OverviewSection {
  /** Section kind id in the model (`scope`), or `null` for a heading the model does not know. */
  id: string | null;
  /** Title in the document's language (the heading's own text when present). */
  title: string;
  required: boolean;
  state: SectionState;
  /** The model's guidance for the section. */
  guidance?: string;
  /** The heading, when present. */
  range?: Range;
  /** For a missing section: the edit that adds it (the `missing-section` quick fix). */
  add?: WorkspaceEdit;
}

/**
 * `defined`: the document defines it (front matter `terms:`); `adopted`: a term base the document imports
 * defines it; `undefined`: used, but nothing in scope defines it; `unused`: defined here, never used.
 */
export type TermState = 'defined' | 'adopted' | 'undefined' | 'unused';

export interface OverviewTerm {
  /** Preferred label of the concept (the text used, for an unknown explicit use). */
  label: string;
  state: TermState;
  /** Uses in this document (explicit `«…»` and implicit). */
  uses: number;
  /** Where it is defined (front matter, term base, built-in base), if anywhere. */
  definition?: Location;
  /** Whether the definition is the built-in WCO base's (known, not defined). */
  builtin?: boolean;
  /** The first use in this document. */
  firstUse?: Range;
}

export type CitationStatus = 'current' | 'superseded' | 'unknown';

export interface OverviewCitation {
  /** The id as cited (`rkc`, `safe-fos-2012`). */
  id: string;
  status: CitationStatus;
  /** Title of the instrument (in the document's language when the catalog has it). */
  title?: string;
  /** The current instrument or edition to cite instead, when superseded. */
  replacement?: string;
  /** Citations of this id in the document, in order. */
  ranges: Range[];
}

export interface OverviewMaturityDimension {
  id: string;
  name: string;
  /** The level assessed, if any, and its name. */
  level?: number;
  levelName?: string;
  target?: number;
  /** Highest level of the model for this dimension. */
  maxLevel: number;
}

export interface OverviewIndicator {
  id: string;
  name?: string;
  /** Fields required by the model's indicator schema that the indicator lacks. */
  missing: string[];
  range?: Range;
}

export interface ConceptOverview {
  uri: string;
  /** Version of the document the overview describes. */
  version: number;
  title?: string;
  language: string;
  model?: { id: string; title?: string; uri?: string; usable: boolean };
  sections: OverviewSection[];
  terms: OverviewTerm[];
  citations: OverviewCitation[];
  /** Structured parts, when the model defines them. */
  maturity?: OverviewMaturityDimension[];
  indicators?: OverviewIndicator[];
  coverage: {
    sectionsRequired: number;
    sectionsPresent: number;
    /** Distinct concepts used in the body, and how many of them are defined or adopted. */
    termsUsed: number;
    termsDefined: number;
    errors: number;
    warnings: number;
  };
}

export interface ConceptOverviewParams {
  textDocument: TextDocumentIdentifier;
}

/** Overview of an open concept document; `null` for another kind of file or a document that is not open. */
export const ConceptOverviewRequest = new RequestType<ConceptOverviewParams, ConceptOverview | null, void>('customsConcepts/conceptOverview');

export interface ModelChoice {
  id: string;
  title?: string;
  description?: string;
  origin: 'builtin' | 'workspace';
}

export interface InstrumentChoice {
  id: string;
  /** English title, and the titles in French and Russian when the catalog has them. */
  title: string;
  titles: Record<string, string>;
  abbreviations: string[];
  kind?: string;
  year?: string;
  superseded: boolean;
  /** Locators to offer after the id (`General Annex, Chapter 7`). */
  locators: string[];
}

export interface AuthoringChoices {
  models: ModelChoice[];
  instruments: InstrumentChoice[];
}

export const AuthoringChoicesRequest = new RequestType<Record<string, never>, AuthoringChoices, void>('customsConcepts/authoringChoices');

export interface ConceptSkeletonParams {
  model: string;
  language: string;
  title: string;
  /** Stable id (`concept:`). */
  concept: string;
  /** Term-base paths relative to the new document. */
  glossaries: string[];
}

export const ConceptSkeletonRequest = new RequestType<ConceptSkeletonParams, { text: string } | { error: string }, void>('customsConcepts/conceptSkeleton');
