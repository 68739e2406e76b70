import type { Language } from './language.js';
import type { Lexicon } from './lexicon.js';
import { normalizeText } from './normalize.js';
import { SpellingCorrector } from './spelling.js';
import { createStemmer, type Stem } from './stemmer.js';

/**
 * Turns a text into the two views the features are built from, in reading order:
 * normalise → lexicon → spelling (questions only) → stem.
 */
export interface AnalyzedText {
  /** Corrected surface tokens (no accents), for character n-grams. */
  tokens: string[];
  /** Stems of those tokens, for word features. */
  stems: string[];
}

/** Analyses texts for one language with one lexicon; learns its vocabulary from training texts. */
export class TextAnalyzer {
  /** The language's stemmer (memoised). */
  readonly stem: Stem;
  private corrector: SpellingCorrector | undefined;

  constructor(
    readonly language: Language,
    private readonly lexicon: Lexicon,
  ) {
    this.stem = createStemmer(language);
  }

  /** Normalised and lexicon-rewritten tokens, before spelling correction. */
  surface(text: string): string[] {
    return this.lexicon.apply(normalizeText(text, this.language));
  }

  /**
   * Analyses the training texts (never corrected: they define the vocabulary) and learns the
   * vocabulary that spelling correction corrects questions towards.
   */
  fit(texts: readonly string[]): AnalyzedText[] {
    const frequency = new Map<string, number>();
    const analyzed = texts.map((text) => {
      const tokens = this.surface(text);
      for (const token of tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
      return { tokens, stems: tokens.map(this.stem) };
    });
    this.corrector = new SpellingCorrector(frequency);
    return analyzed;
  }

  /** Analyses a text; with `correct`, unknown tokens are corrected against the vocabulary. */
  analyze(text: string, correct = false): AnalyzedText {
    let tokens = this.surface(text);
    const corrector = this.corrector;
    if (correct && corrector) tokens = tokens.flatMap((token) => corrector.correct(token));
    return { tokens, stems: tokens.map(this.stem) };
  }
}
