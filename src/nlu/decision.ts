import type { Decision, IntentScore, Thresholds } from './types.js';

/**
 * The decision rule: answer one intent, suggest two or three, or fall back. Thresholds come from
 * configuration (chosen from measured data by thresholds.ts), never from this file.
 */

/** Largest number of intents offered in a "did you mean". */
export const MAX_SUGGESTIONS = 3;

/**
 * How clearly the best intent stands out: its share of the confidences of the ranked intents, in
 * [0, 1]. A confident answer with a confident rival (0.95 and 0.7) shares its evidence; a modest
 * one that nothing else claims (0.3 and 0.02) does not. On held-out questions this tells right
 * answers from wrong ones better than the confidence or the gap to the runner-up alone.
 */
export function dominance(ranked: readonly IntentScore[]): number {
  const total = ranked.reduce((sum, score) => sum + score.confidence, 0);
  return total > 0 ? (ranked[0]?.confidence ?? 0) / total : 0;
}

export interface DecisionOutcome {
  decision: Decision;
  chosen: string[];
}

/**
 * Applies the thresholds to calibrated, best-first intent scores. `courtesy`: intents that are
 * politeness (a greeting, thanks): around a real question they are not what it is about, so a
 * "did you mean" that holds both offers only the others — then possibly a single intent.
 */
export function decide(
  ranked: readonly IntentScore[],
  thresholds: Thresholds,
  courtesy: ReadonlySet<string> = NO_COURTESY,
): DecisionOutcome {
  const top = ranked[0];
  if (!top || top.confidence < thresholds.suggest) return { decision: 'fallback', chosen: [] };
  if (top.confidence >= thresholds.answer && dominance(ranked) >= thresholds.margin) {
    return { decision: 'answer', chosen: [top.intent] };
  }
  // A "did you mean" offers at least two intents (before courtesy is set aside); a third only when
  // it is close enough.
  const chosen = ranked
    .slice(0, MAX_SUGGESTIONS)
    .filter(
      (score, rank) => rank < 2 || score.confidence >= thresholds.suggest * (thresholds.thirdSuggestion ?? 1),
    )
    .map((score) => score.intent);
  // Only when a topic leads: « bonjour » first stays a greeting offered among the rest.
  if (courtesy.has(top.intent)) return { decision: 'suggest', chosen };
  return { decision: 'suggest', chosen: chosen.filter((intent) => !courtesy.has(intent)) };
}

const NO_COURTESY: ReadonlySet<string> = new Set();
