import type { MatchResult } from './types.js';

/**
 * Scoring under the eval contract shared by `relais eval` and the benchmarks (Relais and NLP.js
 * are scored by this same code). In-scope rows carry an intent id; out-of-scope rows do not.
 */

export interface EvalReport {
  n: number;
  inScope: {
    n: number;
    /** Highest-ranked intent is the gold one, whatever the decision. */
    top1: number;
    answeredCorrect: number;
    answeredWrong: number;
    /** Gold intent among the suggestions of a "did you mean". */
    suggestedHit: number;
    suggestedMiss: number;
    fallback: number;
  };
  outOfScope: { n: number; rejected: number; suggested: number; answered: number };
  /** Macro-averaged F1 over the in-scope gold intents, from the top-1 prediction on in-scope rows. */
  macroF1: number;
  latencyMs: { p50: number; p99: number };
  trainMs: number;
}

/** One evaluated question: its gold label (`null` = out of scope) and what the matcher did. */
export interface EvalOutcome {
  gold: string | null;
  result: MatchResult;
  latencyMs: number;
}

/** Value at quantile `q` of a list (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function macroF1(pairs: readonly { gold: string; predicted: string | undefined }[]): number {
  const golds = [...new Set(pairs.map((p) => p.gold))];
  if (golds.length === 0) return 0;
  let sum = 0;
  for (const intent of golds) {
    const tp = pairs.filter((p) => p.gold === intent && p.predicted === intent).length;
    const predicted = pairs.filter((p) => p.predicted === intent).length;
    const actual = pairs.filter((p) => p.gold === intent).length;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = tp / actual;
    sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return sum / golds.length;
}

/** Scores evaluated questions under the contract. */
export function scoreOutcomes(outcomes: readonly EvalOutcome[], trainMs: number): EvalReport {
  const report: EvalReport = {
    n: outcomes.length,
    inScope: {
      n: 0,
      top1: 0,
      answeredCorrect: 0,
      answeredWrong: 0,
      suggestedHit: 0,
      suggestedMiss: 0,
      fallback: 0,
    },
    outOfScope: { n: 0, rejected: 0, suggested: 0, answered: 0 },
    macroF1: 0,
    latencyMs: { p50: 0, p99: 0 },
    trainMs: Math.round(trainMs),
  };
  const pairs: { gold: string; predicted: string | undefined }[] = [];
  for (const { gold, result } of outcomes) {
    const { decision, chosen } = result;
    if (gold === null) {
      report.outOfScope.n += 1;
      if (decision === 'fallback') report.outOfScope.rejected += 1;
      else if (decision === 'suggest') report.outOfScope.suggested += 1;
      else report.outOfScope.answered += 1;
      continue;
    }
    const s = report.inScope;
    const predicted = result.ranked[0]?.intent;
    pairs.push({ gold, predicted });
    s.n += 1;
    if (predicted === gold) s.top1 += 1;
    if (decision === 'answer') {
      if (chosen[0] === gold) s.answeredCorrect += 1;
      else s.answeredWrong += 1;
    } else if (decision === 'suggest') {
      if (chosen.includes(gold)) s.suggestedHit += 1;
      else s.suggestedMiss += 1;
    } else {
      s.fallback += 1;
    }
  }
  report.macroF1 = macroF1(pairs);
  const latencies = outcomes.map((o) => o.latencyMs);
  report.latencyMs = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  return report;
}

/** Most frequent (gold → predicted) top-1 confusions among in-scope rows. */
export function topConfusions(
  outcomes: readonly EvalOutcome[],
  limit = 10,
): { gold: string; predicted: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { gold, result } of outcomes) {
    const predicted = result.ranked[0]?.intent ?? '(none)';
    if (gold === null || predicted === gold) continue;
    const key = `${gold}\u0000${predicted}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => {
      const [gold, predicted] = key.split('\u0000') as [string, string];
      return { gold, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold))
    .slice(0, limit);
}
