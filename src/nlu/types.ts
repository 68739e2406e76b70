/** Neutral matcher types shared by the conversation core, the eval CLI and the admin. */

export interface TrainingExample {
  text: string;
  intent: string;
}

export interface IntentScore {
  intent: string;
  /** Calibrated confidence in [0, 1]. */
  confidence: number;
}

export type Decision = 'answer' | 'suggest' | 'fallback';

export interface MatchResult {
  /** All intents, best first (at least the top few). */
  ranked: IntentScore[];
  decision: Decision;
  /** The intent answered (1) or suggested (2-3); empty on fallback. */
  chosen: string[];
}

export interface Matcher {
  match(text: string): MatchResult;
}

/** Decision thresholds, chosen by the eval tool from measured data and kept in configuration. */
export interface Thresholds {
  /** Top confidence at or above which the bot answers (if the margin also holds). */
  answer: number;
  /**
   * Minimum share of the ranked intents' confidences that the best one must hold to answer rather
   * than suggest (see `dominance` in decision.ts).
   */
  margin: number;
  /** Top confidence below which the bot falls back. */
  suggest: number;
  /**
   * A third intent joins a "did you mean" when its confidence is at least `suggest` times this
   * factor (two intents are always offered). Defaults to 1.
   */
  thirdSuggestion?: number;
}
