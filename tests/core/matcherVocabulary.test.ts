/**
 * Words of a range are split once per folder and text and shared by every matcher
 * of that folder; words in no label of the folder are left out (terms/matcher.ts).
 * A label registered after a scan must still be found in the same text, whichever
 * matcher registered it, and words cut by the end of the range are keyed as cut.
 */
import { describe, expect, it } from 'vitest';
import { TermMatcher, wordKeys } from '../../server/src/core/terms/matcher';
import { wordFolder } from '../../server/src/core/terms/language';

const spans = (hits: { start: number; end: number }[]) => hits.map((h) => [h.start, h.end]);

describe('shared word splits and the vocabulary of a folder', () => {
  it('finds a label added after the text was scanned, by another matcher of the same folder', () => {
    const folder = wordFolder('en');
    const text = 'The Single Window and the Data Lake of the WCO.';
    const first = new TermMatcher<string>(folder);
    first.add('single window', 'a');
    expect(spans(first.scan(text))).toEqual([[4, 17]]);
    const second = new TermMatcher<string>(folder);
    second.add('data lake', 'b');
    expect(spans(second.scan(text))).toEqual([[26, 35]]);
    // Shared words: one split, both matchers.
    const words = first.words(text);
    expect(spans(second.scanWords(text, words))).toEqual([[26, 35]]);
    expect(spans(first.scanWords(text, words))).toEqual([[4, 17]]);
  });

  it('keys a word cut by the end of the range as cut, in any case', () => {
    const folder = wordFolder('en');
    const m = new TermMatcher<string>(folder);
    m.add('data', 'a');
    m.add('data lake', 'b');
    const text = 'DATA LAKEHOUSE';
    expect(spans(m.scan(text))).toEqual([[0, 4]]);
    // The range ends inside `LAKEHOUSE`: the word is `LAKE` there, so `data lake` matches.
    expect(spans(m.scan(text, 0, 9))).toEqual([[0, 9]]);
  });

  it('still folds words with letters beyond ASCII', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    m.add('café culture', 'a');
    expect(spans(m.scan('The CAFÉ Culture'))).toEqual([[4, 16]]);
  });

  it('leaves out a word beyond ASCII that is in no label, and it still parts its neighbours', () => {
    const m = new TermMatcher<string>(wordFolder('ru'));
    m.add('единое окно', 'sw');
    m.add('окно', 'w');
    const text = 'единое большое окно и Единое Окно';
    expect(wordKeys(m.words(text)).length).toBe(4);
    expect(m.scan(text).map((h) => text.slice(h.start, h.end) + '=' + h.values.join())).toEqual(['окно=w', 'Единое Окно=sw']);
  });

  it('finds the stems of words of ASCII letters in a folder that stems them (French)', () => {
    const m = new TermMatcher<string>(wordFolder('fr'));
    m.add('douane numérique', 'dn');
    const text = 'Les Douanes numériques et la douane numérique.';
    expect(m.scan(text).map((h) => text.slice(h.start, h.end))).toEqual(['Douanes numériques', 'douane numérique']);
    expect(m.lookup('DOUANES NUMÉRIQUES')).toEqual(['dn']);
  });

  it('tells apart words whose hashes are equal, of the same length or not', () => {
    const m = new TermMatcher<string>(wordFolder('en'));
    // FNV-1a (32 bits) gives `qhrjf` and `q0pfh` one hash, and `kbj36` and `zzilcx` another.
    m.add('qhrjf', 'a');
    m.add('kbj36', 'b');
    const text = 'q0pfh QHRJF zzilcx KBJ36';
    expect(m.scan(text).map((h) => `${text.slice(h.start, h.end)}=${h.values.join()}`)).toEqual(['QHRJF=a', 'KBJ36=b']);
    expect(wordKeys(m.words(text))).toEqual(['qhrjf', 'kbj36']);
  });

  it('finds every word of a vocabulary of thousands, in any ASCII letter case, and no word it lacks', () => {
    const folder = wordFolder('en');
    const m = new TermMatcher<number>(folder);
    for (let k = 0; k < 3000; k++) m.add(`w${k} gate`, k);
    const text = 'W1500 GATE, w7 gate, w2999 Gate, w3000 gate, w15 gates';
    expect(m.scan(text).map((h) => h.values[0])).toEqual([1500, 7, 2999, 15]);
    // `w3000` is in no label: left out of the words.
    expect(wordKeys(m.words(text))).toEqual(['w1500', 'gate', 'w7', 'gate', 'w2999', 'gate', 'gate', 'w15', 'gates']);
  });
});
