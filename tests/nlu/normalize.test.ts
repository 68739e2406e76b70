import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/nlu/lexicon.js';
import { normalizeText } from '../../src/nlu/normalize.js';
import { SpellingCorrector } from '../../src/nlu/spelling.js';
import { createStemmer } from '../../src/nlu/stemmer.js';

describe('normalisation', () => {
  it('reads a question typed without accents or capitals like one typed properly', () => {
    expect(normalizeText('ARRET DE TRAVAIL en teleconsultation', 'fr')).toEqual(
      normalizeText('Arrêt de travail en téléconsultation', 'fr'),
    );
  });

  it('restores French elisions and splits digits from units', () => {
    expect(normalizeText("Qu'est-ce que l'AAT ? 48h, 20%", 'fr')).toEqual([
      'que',
      'est',
      'ce',
      'que',
      'le',
      'aat',
      '48',
      'h',
      '20',
      'pourcent',
    ]);
  });

  it('expands English contractions', () => {
    expect(normalizeText("What's my PIN? I can't find it", 'en')).toEqual([
      'what',
      'my',
      'pin',
      'i',
      'can',
      'not',
      'find',
      'it',
    ]);
  });

  it('stems singular and plural, with and without accents, to one form', () => {
    const stem = createStemmer('fr');
    const forms = ['remboursée', 'remboursee', 'remboursées'].map((w) => stem(normalizeText(w, 'fr')[0]!));
    expect(new Set(forms).size).toBe(1);
  });
});

describe('French domain lexicon (lexicon/fr.yaml)', () => {
  const lexicon = loadLexicon('fr');
  const read = (text: string) => lexicon.apply(normalizeText(text, 'fr'));

  it('gives the abbreviations professionals use the words of their full form', () => {
    expect(read('TLC')).toEqual(expect.arrayContaining(['tlc', 'teleconsultation']));
    expect(read('un AT de 5 jours')).toEqual(expect.arrayContaining(['arret', 'travail']));
    expect(read('tarif TE2')).toEqual(expect.arrayContaining(['teleexpertise']));
  });

  it('rewrites SMS forms and number words', () => {
    expect(read('bjr, cb de jours ?')).toEqual(['bonjour', 'combien', 'de', 'jours']);
    expect(read('trois jours')).toEqual(['3', 'jours']);
  });
});

describe('spelling', () => {
  const corrector = new SpellingCorrector(
    new Map([
      ['teleconsultation', 5],
      ['arret', 9],
      ['de', 30],
      ['travail', 8],
      ['tarif', 3],
    ]),
  );

  it('corrects a typo to the closest known word', () => {
    expect(corrector.correct('teleconsutlation')).toEqual(['teleconsultation']);
    expect(corrector.correct('tarrif')).toEqual(['tarif']);
  });

  it('splits words typed together', () => {
    expect(corrector.correct('arretdetravail')).toEqual(['arret', 'de', 'travail']);
  });

  it('leaves an unknown word alone rather than forcing it onto a known one', () => {
    expect(corrector.correct('urssaf')).toEqual(['urssaf']);
  });
});
