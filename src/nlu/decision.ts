import type { Decision, IntentScore, Thresholds } from './types.js';

/**
 * The decision rule: answer one intent, suggest two or three, or fall back. Thresholds come from
 * configuration (chosen from measured data by thresholds.ts), never from this file.
 */

/** Largest number of intents offered in a "did you mean". */
export const MAX_SUGGESTIONS = 3;

export interface DecisionOutcome {
  decision: Decision;
  chosen: string[];
}

/** Applies the thresholds to calibrated, best-first intent scores. */
export function decide(ranked: readonly IntentScore[], thresholds: Thresholds): DecisionOutcome {
  const top = ranked[0];
  if (!top || top.confidence < thresholds.suggest) return { decision: 'fallback', chosen: [] };
  const runnerUp = ranked[1]?.confidence ?? 0;
  if (top.confidence >= thresholds.answer && top.confidence - runnerUp >= thresholds.margin) {
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
