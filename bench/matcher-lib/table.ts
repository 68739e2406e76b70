import type { EvalReport } from '../../src/nlu/eval.js';

/** One benchmark measurement: a system's eval report on a data set and its process's peak memory. */
export interface Measurement {
  report: EvalReport;
  peakRssMb: number;
}

export interface BenchRow {
  dataset: string;
  /** The `relais eval` command that reproduces the Relais figures. */
  command: string;
  relais: Measurement;
  nlpjs: Measurement;
}

const pct = (count: number, of: number) => (of > 0 ? (100 * count) / of : Number.NaN);
const fmtPct = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} %`);
const fmtMs = (value: number) =>
  value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** Confident wrong answers: in-scope questions answered with the wrong intent + out-of-scope ones answered. */
export function wrongAnswers(report: EvalReport): number {
  return report.inScope.answeredWrong + report.outOfScope.answered;
}

function metrics(m: Measurement): { label: string; value: number; text: string }[] {
  const r = m.report;
  return [
    {
      label: 'top1',
      value: pct(r.inScope.top1, r.inScope.n),
      text: fmtPct(pct(r.inScope.top1, r.inScope.n)),
    },
    { label: 'f1', value: r.macroF1, text: r.macroF1.toFixed(3) },
    {
      label: 'oos',
      value: pct(r.outOfScope.rejected, r.outOfScope.n),
      text: fmtPct(pct(r.outOfScope.rejected, r.outOfScope.n)),
    },
    { label: 'wrong', value: pct(wrongAnswers(r), r.n), text: fmtPct(pct(wrongAnswers(r), r.n)) },
    { label: 'train', value: r.trainMs, text: fmtMs(r.trainMs) },
    { label: 'p50', value: r.latencyMs.p50, text: fmtMs(r.latencyMs.p50) },
    { label: 'p99', value: r.latencyMs.p99, text: fmtMs(r.latencyMs.p99) },
    { label: 'rss', value: m.peakRssMb, text: `${m.peakRssMb} MB` },
  ];
}

/** The markdown table: NLP.js's row, then Relais's row with each figure's ratio to NLP.js. */
export function benchTable(rows: readonly BenchRow[]): string {
  const header =
    '| Data set | System | Top-1 (in-scope) | Macro-F1 | Out-of-scope rejected | Wrong answers (all questions) | Training | p50 | p99 | Peak RSS |';
  const lines = [header, `|${' --- |'.repeat(10)}`];
  for (const row of rows) {
    const peer = metrics(row.nlpjs);
    const ours = metrics(row.relais);
    lines.push(`| ${row.dataset} | NLP.js 4.27 | ${peer.map((m) => m.text).join(' | ')} |`);
    const cells = ours.map((m, i) => {
      const base = peer[i]!.value;
      const ratio =
        Number.isFinite(m.value) && Number.isFinite(base) && base !== 0
          ? ` (×${(m.value / base).toFixed(2)})`
          : '';
      return `**${m.text}**${ratio}`;
    });
    lines.push(`| ${row.dataset} | **Relais** | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Suggest/fallback detail for Relais, which NLP.js does not have. */
export function decisionTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| Data set | Answered right | Answered wrong | Did you mean, right one offered | Did you mean, missed | Fallback (in-scope) | Out-of-scope: rejected / suggested / answered |',
    `|${' --- |'.repeat(7)}`,
  ];
  for (const { dataset, relais } of rows) {
    const s = relais.report.inScope;
    const o = relais.report.outOfScope;
    const cell = (count: number) => `${count} (${fmtPct(pct(count, s.n))})`;
    const oos = o.n > 0 ? `${o.rejected} / ${o.suggested} / ${o.answered} of ${o.n}` : '–';
    lines.push(
      `| ${dataset} | ${cell(s.answeredCorrect)} | ${cell(s.answeredWrong)} | ${cell(s.suggestedHit)} | ${cell(s.suggestedMiss)} | ${cell(s.fallback)} | ${oos} |`,
    );
  }
  return lines.join('\n');
}
