/**
 * How words are folded per document language (terms/language.ts): English
 * plurals of a label's last word, Russian stems with `ё` read as `е` and the
 * fleeting vowel of the genitive plural, French stems, and one folder per
 * language per service.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWordFolders, englishForms, wordFolder } from '../../server/src/core/terms/language';

describe('English plurals', () => {
  it('adds -es after a sibilant, -ies after a consonant and y, -s otherwise', () => {
    expect(englishForms('bus')).toEqual(['bus', 'buses']);
    expect(englishForms('box')).toEqual(['box', 'boxes']);
    expect(englishForms('quiz')).toEqual(['quiz', 'quizes']);
    expect(englishForms('branch')).toEqual(['branch', 'branches']);
    expect(englishForms('wish')).toEqual(['wish', 'wishes']);
    expect(englishForms('policy')).toEqual(['policy', 'policies']);
    expect(englishForms('key')).toEqual(['key', 'keys']);
    expect(englishForms('buoyancy')).toEqual(['buoyancy', 'buoyancies']);
    expect(englishForms('window')).toEqual(['window', 'windows']);
  });

  it('gives what the rules written as RegExps give, on any word', () => {
    const byRegExp = (word: string) => {
      const forms = [word];
      if (!/^[a-z]+$/.test(word) || word.length < 2) return forms;
      if (/(s|x|z|ch|sh)$/.test(word)) forms.push(word + 'es');
      else if (word.endsWith('y') && !/[aeiou]y$/.test(word)) forms.push(word.slice(0, -1) + 'ies');
      else forms.push(word + 's');
      return forms;
    };
    const letters = fc.constantFrom(...'abcehiosuxyzACHSY2é`{'.split(''));
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 6 }).map((a) => a.join('')), (w) => {
        expect(englishForms(w)).toEqual(byRegExp(w));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves one-letter words, words with digits or other letters alone', () => {
    expect(englishForms('e')).toEqual(['e']);
    expect(englishForms('ab')).toEqual(['ab', 'abs']);
    expect(englishForms('e2')).toEqual(['e2']);
    expect(englishForms('día')).toEqual(['día']);
    expect(englishForms('таможня')).toEqual(['таможня']);
  });

  it('English folds to lower case only, and reads ё as е', () => {
    const en = wordFolder('en');
    expect(en.language).toBe('en');
    expect(en.fold('Customs')).toBe('customs');
    expect(en.fold('Windows')).toBe('windows');
    expect(en.fold('ОбЪЁМ')).toBe('объем');
    expect(en.lastWordForms('window')).toEqual(['window', 'windows']);
  });

  it('an unknown or absent language folds as English', () => {
    for (const lang of [undefined, 'de', 'EN', '']) {
      const f = wordFolder(lang);
      expect(f.language).toBe('en');
      expect(f.fold('Windows')).toBe('windows');
    }
  });
});

describe('Russian', () => {
  const ru = wordFolder('ru');

  it('reduces Cyrillic words to their stem, whatever the case and the ё', () => {
    expect(ru.language).toBe('ru');
    expect(ru.fold('Таможня')).toBe('таможн');
    expect(ru.fold('таможни')).toBe('таможн');
    expect(ru.fold('Объём')).toBe(ru.fold('объем'));
    expect(ru.fold('ёж')).toBe('еж');
    expect(ru.fold('сестёр')).toBe('сестер');
  });

  it('folds Latin words in a Russian document as English ones', () => {
    expect(ru.fold('Customs')).toBe('customs');
    expect(ru.lastWordForms('window')).toEqual(['window', 'windows']);
  });

  it('a stem ending in two consonants also matches with the fleeting vowel of the genitive plural', () => {
    expect(ru.lastWordForms('таможн')).toEqual(['таможн', 'тамож', 'таможон']);
    expect(ru.lastWordForms(ru.fold('сестра'))).toEqual(['сестр', 'сестер', 'сестор']);
    expect(ru.lastWordForms('мгл')).toEqual(['мгл', 'мгел', 'мгол']);
    // Each form once: both vowels may give the same stem.
    expect(ru.lastWordForms('механизм')).toEqual(['механизм', 'механиз']);
    // So «таможня» is found in «таможен».
    expect(ru.lastWordForms(ru.fold('таможня'))).toContain(ru.fold('таможен'));
  });

  it('no fleeting vowel after й, after a vowel, or in a stem under three letters', () => {
    expect(ru.lastWordForms('копейк')).toEqual(['копейк']);
    expect(ru.lastWordForms('сбор')).toEqual(['сбор']);
    expect(ru.lastWordForms('окна')).toEqual(['окна']);
    expect(ru.lastWordForms('мг')).toEqual(['мг']);
  });

  it('keeps its stems: the same word gives the same key, again and again', () => {
    const keys = Array.from({ length: 3 }, () => ru.fold('Таможенного'));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe('таможен');
  });
});

describe('French', () => {
  const fr = wordFolder('fr');

  it('reduces words to their stem: plural and feminine endings go', () => {
    expect(fr.language).toBe('fr');
    expect(fr.fold('Administrations')).toBe('administr');
    expect(fr.fold('administration')).toBe('administr');
    expect(fr.fold('douanière')).toBe(fr.fold('douanier'));
    expect(fr.fold('Été')).toBe(fr.fold('été'));
  });

  it('adds no other form of the last word', () => {
    expect(fr.lastWordForms('administr')).toEqual(['administr']);
    expect(fr.lastWordForms('window')).toEqual(['window']);
  });
});

describe('word folders of one service', () => {
  it('makes one folder per language and keeps it', () => {
    const folders = createWordFolders();
    const ru = folders('ru');
    expect(folders('ru')).toBe(ru);
    expect(folders('fr')).toBe(folders('fr'));
    expect(folders('fr')).not.toBe(ru);
    expect(folders('en')).toBe(folders(undefined));
    expect(folders('de')).toBe(folders('en'));
    expect(ru.language).toBe('ru');
    expect(folders('fr').language).toBe('fr');
    expect(folders('de').language).toBe('en');
  });

  it('two services do not share a folder', () => {
    expect(createWordFolders()('ru')).not.toBe(createWordFolders()('ru'));
  });
});
