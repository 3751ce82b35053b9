/**
 * A document's text read in parts. An editor's copy of a long document that is typed in is best kept in blocks (the
 * server's `BlockTextDocument`): making the whole text one string again after every keystroke copies all of it (a
 * 1 MB document: 1 MB or 2 MB of new memory per edit, more than the rest of the check allocates). A document that
 * offers its parts (`textParts()`) is read through them where the core can (the parse after an edit of the body);
 * anything else asks for the whole text, which the document makes once per version.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface TextParts {
  /** The length of the text, in UTF-16 code units. */
  readonly length: number;
  /** The text from `start` to `end` (clamped to the text). */
  slice(start: number, end: number): string;
  /** The whole text, made once and kept. */
  text(): string;
}

/** A text document that keeps its text in parts, one `TextParts` per version. */
export interface PartedTextDocument extends TextDocument {
  textParts(): TextParts;
}

/** The parts of a document's current version, when it keeps its text in parts. */
export function partsOf(document: TextDocument): TextParts | undefined {
  const d = document as Partial<PartedTextDocument>;
  return typeof d.textParts === 'function' ? d.textParts() : undefined;
}

/** A string read as parts (one part). */
export function stringParts(text: string): TextParts {
  return { length: text.length, slice: (start, end) => text.slice(start, end), text: () => text };
}

/**
 * `s` as a string of its own, for a key or value kept longer than the document it was read from. In V8 a slice of
 * 13 or more characters refers to the string it was cut from, so a heading's text kept in a memo keeps the whole
 * document alive (measured: a check of 1,000 documents kept every one of their texts, 40 MB, through the heading
 * memo). Joining it to one character and cutting that off again copies its characters.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
