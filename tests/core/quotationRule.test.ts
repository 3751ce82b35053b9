/**
 * The parts of the quotation rule (terms/quotation.ts) on their own: which
 * leading words are dropped, which labels an elliptical quotation may stand
 * for, what introduces a name, and what reads like a name or a phrase rather
 * than a term. How they combine into diagnostics is in precision.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { afterNameIntroducer, ellipticalCandidates, readsLikeName, startsWithCapital, withoutLeadingWords } from '../../server/src/core/terms/quotation';
import { wordFolder, type Language } from '../../server/src/core/terms/language';

describe('leading prepositions and articles', () => {
  it('are dropped, several in a row, whatever their case and the spaces or apostrophe after them', () => {
    expect(withoutLeadingWords('в одно окно')).toBe('одно окно');
    expect(withoutLeadingWords('В\u00a0 одно окно')).toBe('одно окно');
    expect(withoutLeadingWords("l'administration")).toBe('administration');
    expect(withoutLeadingWords('l’administration')).toBe('administration');
    expect(withoutLeadingWords('  the single window')).toBe('single window');
    expect(withoutLeadingWords('de la douane')).toBe('douane');
  });

  it('nothing is dropped when the first word is not one, or when nothing would be left', () => {
    expect(withoutLeadingWords('window of opportunity')).toBeUndefined();
    expect(withoutLeadingWords('в')).toBeUndefined();
    expect(withoutLeadingWords('в ')).toBeUndefined();
    expect(withoutLeadingWords('в —')).toBeUndefined();
    expect(withoutLeadingWords('в 5')).toBe('5');
    expect(withoutLeadingWords('on the fly')).toBe('fly');
  });
});

describe('elliptical quotations', () => {
  const candidates = (text: string) => {
    const open = text.indexOf('«');
    const close = text.indexOf('»');
    return ellipticalCandidates(text, open + 1, close, text.slice(open + 1, close));
  };

  it('borrow up to three words after the quotation, then up to two before it, longest first', () => {
    expect(candidates('Переход к «цифровой» таможне сегодня.')).toEqual(['цифровой таможне сегодня', 'цифровой таможне', 'Переход к цифровой', 'к цифровой']);
    expect(candidates('la douane «électronique»')).toEqual(['la douane électronique', 'douane électronique']);
    expect(candidates('«один» два три четыре пять')).toEqual(['один два три четыре', 'один два три', 'один два']);
    expect(candidates('«solo»')).toEqual([]);
  });

  it('the first of a pair borrows the words that complete the second', () => {
    expect(candidates('от «электронной» или «цифровой таможни» к ней')).toEqual([
      'электронной или', 'электронной таможни к ней', 'электронной таможни к', 'электронной таможни', 'от электронной',
    ]);
    expect(candidates('the «electronic» or «digital customs» world')).toEqual(['electronic or', 'electronic customs world', 'electronic customs', 'the electronic']);
    // Across a line break and a comma.
    expect(candidates('x «a»,\n«b c» d e f g')).toEqual(['a c d e f', 'a c d e', 'a c d', 'a c', 'x a']);
    // A word that joins nothing makes no pair.
    expect(candidates('the «electronic» then «digital customs» world')).toEqual(['electronic then', 'the electronic']);
  });

  it('the second of a pair, noun first, takes the words before the first', () => {
    const text = 'la douane «électronique» ou «numérique».';
    const open = text.lastIndexOf('«');
    expect(ellipticalCandidates(text, open + 1, text.lastIndexOf('»'), 'numérique')).toEqual(['la douane numérique', 'douane numérique']);
  });
});

describe('capitals', () => {
  it('a capitalised word starts with a capital and goes on in lower case; an acronym is not one', () => {
    for (const s of ['Таможенное дело', 'A', 'Éa', 'Ё', '5 Customs', '«Customs»']) expect(startsWithCapital(s), s).toBe(true);
    for (const s of ['AEO', 'ИТ', 'a Customs', '', '55', 'eCustoms']) expect(startsWithCapital(s), s).toBe(false);
  });
});

describe('words that introduce a name', () => {
  const folders = { en: wordFolder('en'), ru: wordFolder('ru'), fr: wordFolder('fr') };
  const introduces = (before: string, language: Language) => afterNameIntroducer(before + '«X»', before.length, language, folders[language]);

  it('in the document language, by word, beginning or stem, in any case', () => {
    for (const w of ['журнал ', 'журнала ', 'Журнале\u00a0', 'статьи ', 'программы ', 'проектом']) expect(introduces(w, 'ru'), w).toBe(true);
    for (const w of ['the programme ', 'the programs ', 'the acts ', 'the journal ']) expect(introduces(w, 'en'), w).toBe(true);
    expect(introduces('la loi ', 'fr')).toBe(true);
  });

  it('an English or French introducer is a whole word (or its plural), not the beginning of another word', () => {
    // "act" introduces a name; "activities", "actual", "lawful" and "planning" do not (found by the 10 MB benchmark:
    // customs «activities «Single Window environment»» lost a term use).
    for (const w of ['the activities ', 'actual ', 'lawful ', 'bookkeeping ', 'the reviewer ']) expect(introduces(w, 'en'), w).toBe(false);
    for (const w of ['la planète ', 'loin ', 'les accordéons ']) expect(introduces(w, 'fr'), w).toBe(false);
    for (const w of ['the acts ', 'the codes ', 'les projets ', 'la décision ', 'intitulée ', 'les plans ']) expect(introduces(w, w.startsWith('the') ? 'en' : 'fr'), w).toBe(true);
  });

  it('English introducers count in French and Russian documents too, Russian ones not in English', () => {
    expect(introduces('the project ', 'fr')).toBe(true);
    expect(introduces('the journal ', 'ru')).toBe(true);
    expect(introduces('журнал ', 'en')).toBe(false);
    expect(introduces('la loi ', 'en')).toBe(false);
  });

  it('only the word right before the quotation, within forty characters', () => {
    for (const w of ['a window ', '', '5 ', 'окно ', 'journal of the ']) expect(introduces(w, w === 'окно ' ? 'ru' : 'en'), w).toBe(false);
    expect(introduces('x'.repeat(50) + ' journal ', 'en')).toBe(true);
    expect(introduces('journal' + ' '.repeat(40), 'en')).toBe(false);
  });
});

describe('what reads like a name, not a term', () => {
  const yes = (label: string, language: Language) => expect(readsLikeName(label, language), `${label} (${language})`).toBe(true);
  const no = (label: string, language: Language) => expect(readsLikeName(label, language), `${label} (${language})`).toBe(false);

  it('nothing at all is no name', () => {
    no('', 'ru');
    no('  ', 'en');
  });

  it('a capitalised quotation in Russian and French; in English only in another script or in Title Case', () => {
    yes('Цифровая таможня', 'ru');
    yes('Digital customs', 'fr');
    yes('Цифровая таможня', 'en');
    no('Digital customs', 'en');
    no('Customs', 'en');
    yes('Taza Koom', 'en');
    yes('Customs of the World', 'en');
    no('Industry 4.0', 'en');
    no('AEO программа', 'ru');
  });

  it('sentence punctuation or a spaced dash, but not a version number or a hyphen', () => {
    for (const s of ['stop, go', 'why?', '(x)', 'x…', 'yes: no', 'quoted "x"', 'one – two', 'one — two', 'one - two']) yes(s, 'en');
    no('industry 4.0', 'en');
    no('risk-based control', 'en');
    no('one—two', 'en');
  });

  it('a digit, in Russian and French only', () => {
    yes('версия 2', 'ru');
    yes('version 2', 'fr');
    no('version 2', 'en');
  });

  it('a set phrase starting with a preposition, of two words or more', () => {
    yes('на лету', 'ru');
    yes('on the fly', 'en');
    no('on', 'en');
  });

  it('a lone adjective longer than three letters, read by its script', () => {
    yes('умная', 'ru');
    yes('зелёного', 'ru');
    yes('digital', 'en');
    yes('digital', 'ru');
    yes('numérique', 'fr');
    no('умн', 'ru');
    no('ёлка', 'ru');
    yes('oral', 'ru');
    no('numérique', 'ru');
    no('мой', 'ru');
    no('window', 'en');
    no('digital customs', 'en');
  });

  it('a phrase that starts with a function word or is mostly made of them', () => {
    yes('как есть', 'ru');
    yes('as is', 'en');
    yes('tel quel', 'fr');
    yes('we data', 'en');
    yes('data we it', 'en');
    no('data we', 'en');
    no('data is key', 'en');
    no('smart border', 'en');
  });

  it('more than five words', () => {
    yes('one two three four five six', 'en');
    no('one two three four five', 'en');
  });
});
