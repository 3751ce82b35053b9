/**
 * Link targets are not prose: the Markdown reader records the span from a link label's `]` to the end of its target
 * (parse/markdown.ts). Targets are not percent-encoded or punycoded on the way (only where a link is matters), so a
 * target markdown-it would refuse (`javascript:`, `vbscript:`, `file:`, `data:` other than images) must still make no
 * link, and every other target one, whatever its letters.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../server/src/core/parse/markdown';

const notProse = (text: string) => parseMarkdown(text).exclusions.map(([s, e]) => text.slice(s, e));

describe('link targets in the Markdown reader', () => {
  it('takes a target with letters beyond ASCII, spaces in angle brackets or percent signs out of the prose', () => {
    expect(notProse('See [the portal](http://таможня.рф/путь) now.')).toEqual(['](http://таможня.рф/путь)']);
    expect(notProse('See [it](<http://x.org/a b>) and [that](http://x.org/%zz?q=«a») now.')).toEqual(['](<http://x.org/a b>)', '](http://x.org/%zz?q=«a»)']);
    // An e-mail autolink takes ASCII only: this one is prose.
    expect(notProse('Mail <Ivan@таможня.рф> or <ivan@customs.example> or visit <http://ПРИМЕР.рф/Путь>.')).toEqual(['<ivan@customs.example>', '<http://ПРИМЕР.рф/Путь>']);
  });

  it('makes no link of a target markdown-it refuses, in any letter case', () => {
    expect(notProse('A [trap](javascript:alert(1)) and a [TRAP](JavaScript:x) and [f](file:///etc/passwd).')).toEqual([]);
    expect(notProse('An image ![chart](data:image/png;base64,AAAA) but no [page](data:text/html,x).')).toEqual(['![chart](data:image/png;base64,AAAA)']);
  });
});
