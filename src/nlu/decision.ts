import type { Decision, IntentScore, Thresholds } from './types.js';

/**
 * The decision rule: answer one intent, suggest two or three, or fall back. Thresholds come from
 * configuration (chosen from measured data by thresholds.ts), never from this file.
 */

/** Largest number of intents offered in a "did you mean". */
export const MAX_SUGGESTIONS = 3;

/** Confidences are kept this far from 0 and 1 so that their log-odds stay finite. */
const LOG_ODDS_CLAMP = 1e-9;

function logOdds(p: number): number {
  const q = Math.min(1 - LOG_ODDS_CLAMP, Math.max(LOG_ODDS_CLAMP, p));
  return Math.log(q / (1 - q));
}

/**
 * How clearly the best intent beats the runner-up: the difference of their log-odds. Unlike a
 * difference of confidences, it still separates 0.99 from 0.9 (and 0.3 from 0.03), which is where
 * a clear winner and a near tie differ.
 */
export function logOddsGap(ranked: readonly IntentScore[]): number {
  const top = ranked[0]?.confidence ?? 0;
  return logOdds(top) - logOdds(ranked[1]?.confidence ?? 0);
}

export interface DecisionOutcome {
  decision: Decision;
  chosen: string[];
}

/** Applies the thresholds to calibrated, best-first intent scores. */
export function decide(ranked: readonly IntentScore[], thresholds: Thresholds): DecisionOutcome {
  const top = ranked[0];
  if (!top || top.confidence < thresholds.suggest) return { decision: 'fallback', chosen: [] };
  if (top.confidence >= thresholds.answer && logOddsGap(ranked) >= thresholds.margin) {
    return { decision: 'answer', chosen: [top.intent] };
  }
  // A "did you mean" always offers at least two intents; a third only when it is close enough.
  const chosen = ranked
    .slice(0, MAX_SUGGESTIONS)
    .filter(
      (score, rank) => rank < 2 || score.confidence >= thresholds.suggest * (thresholds.thirdSuggestion ?? 1),
    )
    .map((score) => score.intent);
  return { decision: 'suggest', chosen };
}
