import type { EvalOutcome, EvalReport } from './eval.js';
import { topConfusions } from './eval.js';

/** The human-readable form of an eval report: a table, then the most confused intents. */
export function formatReport(title: string, report: EvalReport, outcomes: readonly EvalOutcome[]): string {
  const pct = (count: number, of: number) => (of > 0 ? `${((100 * count) / of).toFixed(1)} %` : '-');
  const s = report.inScope;
  const o = report.outOfScope;
  const rows: [string, string, string][] = [
    ['in-scope questions', String(s.n), ''],
    ['  top-1 correct', String(s.top1), pct(s.top1, s.n)],
    ['  answered, right intent', String(s.answeredCorrect), pct(s.answeredCorrect, s.n)],
    ['  answered, WRONG intent', String(s.answeredWrong), pct(s.answeredWrong, s.n)],
    ['  did you mean, right one offered', String(s.suggestedHit), pct(s.suggestedHit, s.n)],
    ['  did you mean, right one missing', String(s.suggestedMiss), pct(s.suggestedMiss, s.n)],
    ['  fallback', String(s.fallback), pct(s.fallback, s.n)],
    ['out-of-scope questions', String(o.n), ''],
    ['  rejected (fallback)', String(o.rejected), pct(o.rejected, o.n)],
    ['  did you mean', String(o.suggested), pct(o.suggested, o.n)],
    ['  answered (WRONG)', String(o.answered), pct(o.answered, o.n)],
    ['macro-F1 (in-scope, top-1)', report.macroF1.toFixed(3), ''],
    [
      'confident wrong answers, all questions',
      String(s.answeredWrong + o.answered),
      pct(s.answeredWrong + o.answered, report.n),
    ],
    ['latency p50 / p99', `${report.latencyMs.p50.toFixed(3)} / ${report.latencyMs.p99.toFixed(3)} ms`, ''],
    ['training', `${report.trainMs} ms`, ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [
    title,
    '',
    ...rows.map(([label, value, share]) => `${label.padEnd(width)}  ${value.padStart(10)}  ${share}`),
  ];
  const confusions = topConfusions(outcomes);
  if (confusions.length > 0) {
    lines.push('', 'most confused (gold → top-1 prediction):');
    for (const c of confusions) lines.push(`  ${String(c.count).padStart(4)}  ${c.gold} → ${c.predicted}`);
  }
  return lines.join('\n');
}
