import snowball from 'snowball-stemmers';
import type { Language } from './language.js';

/**
 * Stemming with the official Snowball algorithms (package `snowball-stemmers`, no dependencies).
 * Tokens are stemmed after accents are stripped, so that a question typed without accents and a
 * training utterance written with them reduce to the same stem.
 */
export type Stem = (token: string) => string;

const ALGORITHM: Record<Language, string> = { fr: 'french', en: 'english' };

/** Returns a memoised stemmer for one language. */
export function createStemmer(language: Language): Stem {
  const stemmer = snowball.newStemmer(ALGORITHM[language]);
  const cache = new Map<string, string>();
  return (token) => {
    let stem = cache.get(token);
    if (stem === undefined) {
      // Numbers and very short tokens (abbreviations such as "at", "ij") are kept whole.
      stem = token.length <= 3 || /\d/.test(token) ? token : stemmer.stem(token);
      // Without accents, French Snowball leaves a final "e" on past participles ("remboursee" →
      // "rembourse" but "remboursement" → "rembours"): drop it so both meet.
      if (language === 'fr' && stem.length > 4 && stem.endsWith('e')) stem = stem.slice(0, -1);
      cache.set(token, stem);
    }
    return stem;
  };
}
