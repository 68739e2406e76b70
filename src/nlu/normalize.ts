import type { Language } from './language.js';

/**
 * Text normalisation, the first step of the matcher: what a professional types (any case, with or
 * without accents, SMS punctuation, French elisions, "48h", "20%") becomes a list of plain
 * lowercase ASCII-ish tokens. Everything later in the pipeline sees only these tokens.
 */

const APOSTROPHES = /[’‘`´ʼ′]/g;

/** French elided articles and conjunctions, restored to their full form ("qu'il" → "que il"). */
const FRENCH_ELISION = /\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\p{L})/gu;
const FRENCH_ELIDED: Record<string, string> = {
  l: 'le',
  d: 'de',
  j: 'je',
  m: 'me',
  n: 'ne',
  s: 'se',
  t: 'te',
  c: 'ce',
  qu: 'que',
  jusqu: 'jusque',
  lorsqu: 'lorsque',
  puisqu: 'puisque',
  quoiqu: 'quoique',
  presqu: 'presque',
};

/** English contractions, expanded so that "what's" and "what is" read alike. */
const ENGLISH_CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ''],
];

const SYMBOL_WORDS: Record<Language, Record<string, string>> = {
  fr: { '€': ' euros ', '%': ' pourcent ', '&': ' et ', '+': ' plus ', '@': ' arobase ' },
  en: { '€': ' euros ', $: ' dollars ', '£': ' pounds ', '%': ' percent ', '&': ' and ', '+': ' plus ' },
};

/** Removes diacritics: "arrêt" → "arret", "téléconsultation" → "teleconsultation". */
export function stripAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/**
 * Normalises a question into tokens: lowercase, no accents, elisions and contractions expanded,
 * symbols spelled out, digits split from letters ("48h" → "48 h"), punctuation dropped.
 */
export function normalizeText(text: string, language: Language): string[] {
  let s = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  if (language === 'fr') {
    s = s.replace(FRENCH_ELISION, (_m, word: string) => `${FRENCH_ELIDED[word] ?? word} `);
  } else {
    for (const [pattern, replacement] of ENGLISH_CONTRACTIONS) s = s.replace(pattern, replacement);
  }
  for (const [symbol, word] of Object.entries(SYMBOL_WORDS[language])) s = s.split(symbol).join(word);
  s = stripAccents(s)
    // "48h", "1er", "j+3": digits and letters are separate tokens.
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
  return s.split(/[^a-z0-9]+/).filter((token) => token.length > 0);
}
