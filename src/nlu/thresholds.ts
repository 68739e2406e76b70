import { decide, dominance } from './decision.js';
import type { IntentScore, Thresholds } from './types.js';

/**
 * Chooses the decision thresholds from held-out predictions on in-scope training utterances
 * (cross-validation), under a policy stated in configuration: how many wrong answers are
 * acceptable, and how many in-scope questions must at least get a "did you mean".
 */

export interface CalibrationPolicy {
  /** Highest share of held-out in-scope questions that may receive a wrong answer. */
  maxWrongAnswerRate: number;
  /** Share of held-out in-scope questions that must get an answer or a "did you mean". */
  coverage: number;
  /** Copied into the thresholds: how close a third intent must be to join a "did you mean". */
  thirdSuggestion: number;
}

export const DEFAULT_POLICY: CalibrationPolicy = {
  maxWrongAnswerRate: 0.01,
  coverage: 0.95,
  thirdSuggestion: 0.5,
};

/** One held-out question: its calibrated ranking and its gold intent (null: an unseen intent). */
export interface HeldOutRanking {
  ranked: readonly IntentScore[];
  gold: string | null;
}

/** Lowest confidences considered for answering; the margin is then chosen for each of them. */
const ANSWER_FLOOR_GRID = Array.from({ length: 20 }, (_, i) => i * 0.05);

/**
 * Picks answer, margin and suggest thresholds that satisfy the policy on held-out rankings. The bot
 * answers when the top confidence reaches `answer` and its share of the ranked confidences reaches
 * `margin` (see `dominance` in decision.ts): for each candidate `answer`, the margin is the lowest that keeps the wrong answers
 * within budget, and the pair answering the most held-out questions right wins.
 */
export function chooseThresholds(heldOut: readonly HeldOutRanking[], policy: CalibrationPolicy): Thresholds {
  const rows = heldOut.map((h) => ({
    top: h.ranked[0]?.confidence ?? 0,
    share: dominance(h.ranked),
    inScope: h.gold !== null,
    correct: h.gold !== null && h.ranked[0]?.intent === h.gold,
  }));
  // Coverage is a promise to in-scope questions: the suggest threshold is their quantile.
  const tops = rows
    .filter((r) => r.inScope)
    .map((r) => r.top)
    .sort((a, b) => a - b);
  const n = tops.length;
  if (n === 0) throw new Error('chooseThresholds: no held-out in-scope predictions');
  const suggest = tops[Math.min(n - 1, Math.floor((1 - policy.coverage) * n))]!;
  // Answering a question about an unseen intent is a wrong answer too.
  const wrongBudget = policy.maxWrongAnswerRate * rows.length;

  let best = { answer: 1, margin: 1, correct: 0 };
  for (const floor of ANSWER_FLOOR_GRID) {
    const answer = Math.max(floor, suggest);
    const eligible = rows.filter((r) => r.top >= answer).sort((a, b) => b.share - a.share);
    let wrong = 0;
    let correct = 0;
    for (let i = 0; i < eligible.length; i += 1) {
      const row = eligible[i]!;
      if (row.correct) correct += 1;
      else wrong += 1;
      if (wrong > wrongBudget) break;
      // A threshold can only sit between distinct shares.
      const next = eligible[i + 1];
      if (next && next.share === row.share) continue;
      // On a tie, the higher answer threshold (later in the grid) is kept: the safer of the two.
      if (correct > 0 && correct >= best.correct) best = { answer, margin: row.share, correct };
    }
  }
  return { answer: best.answer, margin: best.margin, suggest, thirdSuggestion: policy.thirdSuggestion };
}

/** What a set of thresholds does to held-out questions, as shares in [0, 1]. */
export interface HeldOutOutcome {
  /** In-scope questions answered with their own intent. */
  answeredRight: number;
  /** In-scope questions answered with another intent. */
  answeredWrong: number;
  /** In-scope questions offered a "did you mean" that includes their intent. */
  suggestedHit: number;
  /** Questions about an intent left out of training that were answered anyway (a wrong answer). */
  unseenAnswered: number;
}

/** Applies thresholds to held-out rankings and counts what the professionals would have got. */
export function heldOutOutcome(heldOut: readonly HeldOutRanking[], thresholds: Thresholds): HeldOutOutcome {
  let inScope = 0;
  let unseen = 0;
  const counts = { answeredRight: 0, answeredWrong: 0, suggestedHit: 0, unseenAnswered: 0 };
  for (const { ranked, gold } of heldOut) {
    const { decision, chosen } = decide(ranked, thresholds);
    if (gold === null) {
      unseen += 1;
      if (decision === 'answer') counts.unseenAnswered += 1;
      continue;
    }
    inScope += 1;
    if (decision === 'answer') counts[chosen[0] === gold ? 'answeredRight' : 'answeredWrong'] += 1;
    else if (decision === 'suggest' && chosen.includes(gold)) counts.suggestedHit += 1;
  }
  const share = (n: number, of: number) => (of > 0 ? n / of : 0);
  return {
    answeredRight: share(counts.answeredRight, inScope),
    answeredWrong: share(counts.answeredWrong, inScope),
    suggestedHit: share(counts.suggestedHit, inScope),
    unseenAnswered: share(counts.unseenAnswered, unseen),
  };
}

/**
 * The trade-off an admin moves with `policy.maxWrongAnswerRate`: for each candidate rate, the
 * thresholds calibration would choose and what they give on the same held-out questions.
 */
export function tradeOff(
  heldOut: readonly HeldOutRanking[],
  policy: CalibrationPolicy,
  rates: readonly number[],
): Array<{ maxWrongAnswerRate: number; thresholds: Thresholds; outcome: HeldOutOutcome }> {
  return rates.map((maxWrongAnswerRate) => {
    const thresholds = chooseThresholds(heldOut, { ...policy, maxWrongAnswerRate });
    return { maxWrongAnswerRate, thresholds, outcome: heldOutOutcome(heldOut, thresholds) };
  });
}
