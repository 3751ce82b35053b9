/**
 * The term base of a text being checked (`FileCache.termBaseOfText`, server/src/core/files.ts) is parsed once:
 * the scopes of the documents importing it take that parse when they read the same text, and only then.
 */
import { describe, expect, it } from 'vitest';
import { FileCache, type ReadResult } from '../../server/src/core/files';
import type { WorkspaceFiles } from '../../server/src/core/env';

const URI = 'file:///w/a.terms.yaml';

function workspace(texts: Map<string, string>): WorkspaceFiles & { reads: number } {
  let version = 0;
  const w = {
    reads: 0,
    read(uri: string): ReadResult {
      w.reads++;
      const text = texts.get(uri);
      return text === undefined ? { error: 'not found' } : { text, version: ++version };
    },
    termBaseUris: () => [URI],
  };
  return w;
}

describe('FileCache: the term base of a text being checked', () => {
  const one = 'terms:\n  - term: single window\n    definition: One entry point.\n';
  const two = one + '  - term: data model\n    definition: Shared data.\n';

  it('hands its parse to the scopes when they read the same text', () => {
    const texts = new Map([[URI, one]]);
    const files = new FileCache(workspace(texts), []);
    const checked = files.termBaseOfText(URI, one);
    expect(checked.entries.map((e) => e.term)).toEqual(['single window']);
    // Asked again for the same text: the same parse.
    expect(files.termBaseOfText(URI, one)).toBe(checked);
    expect(files.termBase(URI).base).toBe(checked);
  });

  it('does not hand it over for another text, another file, or after the file is forgotten', () => {
    const texts = new Map([[URI, two]]);
    const files = new FileCache(workspace(texts), []);
    const checked = files.termBaseOfText(URI, one);
    const scoped = files.termBase(URI).base!;
    expect(scoped).not.toBe(checked);
    expect(scoped.entries.map((e) => e.term)).toEqual(['single window', 'data model']);

    const other = new FileCache(workspace(new Map([['file:///w/b.terms.yaml', one], [URI, one]])), []);
    const ofB = other.termBaseOfText('file:///w/b.terms.yaml', one);
    expect(other.termBase(URI).base).not.toBe(ofB);

    const again = new FileCache(workspace(new Map([[URI, one]])), []);
    const first = again.termBaseOfText(URI, one);
    again.forget(URI);
    const afterForget = again.termBase(URI).base!;
    expect(afterForget).not.toBe(first);
    expect(afterForget).toEqual(first);
  });
});
