/**
 * Matcher benchmark: Relais and NLP.js (node-nlp 4.27, defaults) on the same data in one run, both
 * scored by the eval contract's code (src/nlu/eval.ts). Each (system, data set) runs in its own
 * process, one after the other. Writes bench/results/matcher.md; `npm run bench` assembles
 * BENCHMARKS.md. The dev set is read from ../shared/eval/dev-fr.jsonl (never copied here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EvalReport } from '../src/nlu/eval.js';
import {
  type BenchRow,
  benchTable,
  decisionTable,
  type Measurement,
  wrongAnswers,
} from './matcher-lib/table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEV_SET = '../shared/eval/dev-fr.jsonl';

interface Target {
  name: string;
  /** Arguments of run-system.ts (and of `relais eval`) for this data set. */
  args: string[];
}

const datasets: Target[] = [
  { name: 'dev set (fr, bot)', args: ['--data', DEV_SET] },
  {
    name: 'fr-nlpjs-corpus50',
    args: ['--dataset', 'bench/datasets/fr-nlpjs-corpus50/data.jsonl', '--lang', 'fr', '--oos-label', 'None'],
  },
  { name: 'Braun AskUbuntu', args: ['--dataset', 'bench/datasets/en-braun-askubuntu/data.jsonl'] },
  { name: 'Braun Chatbot', args: ['--dataset', 'bench/datasets/en-braun-chatbot/data.jsonl'] },
  { name: 'Braun WebApps', args: ['--dataset', 'bench/datasets/en-braun-webapps/data.jsonl'] },
  { name: 'BANKING77', args: ['--dataset', 'bench/datasets/en-banking77/data.jsonl'] },
  {
    name: 'CLINC150 (+ out-of-scope)',
    args: [
      '--dataset',
      'bench/datasets/en-clinc150/data.jsonl',
      '--oos-label',
      'oos',
      '--calibration',
      'bench/datasets/en-clinc150/validation.jsonl',
    ],
  },
];

function measure(system: 'relais' | 'nlpjs', args: string[]): Measurement {
  const out = execFileSync(
    'node',
    ['--import', 'tsx', 'bench/matcher-lib/run-system.ts', '--system', system, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

const available = datasets.filter((d) => d.args[0] !== '--data' || existsSync(`${root}/${d.args[1]}`));
const rows: BenchRow[] = [];
for (const target of available) {
  process.stdout.write(`bench/matcher: ${target.name} … `);
  const nlpjs = measure('nlpjs', target.args);
  const relais = measure('relais', target.args);
  rows.push({
    dataset: target.name,
    command: `npx relais eval ${target.args.join(' ')} --json`,
    relais,
    nlpjs,
  });
  process.stdout.write(
    `Relais top-1 ${relais.report.inScope.top1}/${relais.report.inScope.n}, NLP.js ${nlpjs.report.inScope.top1}/${nlpjs.report.inScope.n}\n`,
  );
}

const sum = (
  pick: (r: EvalReport) => number,
  system: 'relais' | 'nlpjs',
  filter: (row: BenchRow) => boolean,
) => rows.filter(filter).reduce((total, row) => total + pick(row[system].report), 0);
const braun = (row: BenchRow) => row.dataset.startsWith('Braun');
const braunLine = (system: 'relais' | 'nlpjs') => {
  const top1 = sum((r) => r.inScope.top1, system, braun);
  const n = sum((r) => r.inScope.n, system, braun);
  return `${top1}/${n} (${((100 * top1) / Math.max(1, n)).toFixed(1)} %)`;
};

const find = (prefix: string) => rows.find((row) => row.dataset.startsWith(prefix));
const share = (count: number, of: number) => (of > 0 ? (100 * count) / of : Number.NaN);
const top1 = (row: BenchRow | undefined, system: 'relais' | 'nlpjs') =>
  row ? share(row[system].report.inScope.top1, row[system].report.inScope.n) : Number.NaN;

/** The targets, checked on this run's figures. */
function targets(): string[] {
  const lines: string[] = [];
  const check = (label: string, value: number, ok: boolean, unit = '%') => {
    if (Number.isNaN(value)) return;
    lines.push(
      `| ${label} | ${value.toFixed(unit === '%' ? 1 : 2)} ${unit} | ${ok ? 'met' : '**missed**'} |`,
    );
  };
  for (const row of rows) {
    const ours = top1(row, 'relais');
    const peer = top1(row, 'nlpjs');
    check(`${row.dataset}: top-1 ahead of NLP.js (${peer.toFixed(1)} %)`, ours, ours > peer);
  }
  const braunTop1 = (system: 'relais' | 'nlpjs') =>
    share(
      sum((r) => r.inScope.top1, system, braun),
      sum((r) => r.inScope.n, system, braun),
    );
  check('Braun overall ≥ 94 %', braunTop1('relais'), braunTop1('relais') >= 94);
  const clinc = find('CLINC150');
  if (clinc) {
    const r = clinc.relais.report;
    check('CLINC150 in-scope top-1 ≥ 92 %', top1(clinc, 'relais'), top1(clinc, 'relais') >= 92);
    const rejected = share(r.outOfScope.rejected, r.outOfScope.n);
    check('CLINC150 out-of-scope rejected ≥ 50 %', rejected, rejected >= 50);
    const hits = share(r.inScope.answeredCorrect + r.inScope.suggestedHit, r.inScope.n);
    check('CLINC150 in-scope right answer or right suggestion ≥ 90 %', hits, hits >= 90);
    check('CLINC150 training ≤ 10 s', r.trainMs / 1000, r.trainMs <= 10_000, 's');
  }
  const banking = find('BANKING77');
  check('BANKING77 top-1 ≥ 90 %', top1(banking, 'relais'), top1(banking, 'relais') >= 90);
  const fr = find('fr-nlpjs');
  check('fr-nlpjs-corpus50 top-1 ≥ 85 %', top1(fr, 'relais'), top1(fr, 'relais') >= 85);
  const dev = find('dev set');
  if (dev) {
    const r = dev.relais.report;
    check('dev set in-scope top-1 ≥ 95 %', top1(dev, 'relais'), top1(dev, 'relais') >= 95);
    const fallback = share(r.outOfScope.rejected, r.outOfScope.n);
    check('dev set out-of-scope → fallback ≥ 90 %', fallback, fallback >= 90);
    const wrong = share(wrongAnswers(r), r.n);
    check('dev set confident wrong answers ≤ 2 % of all questions', wrong, wrong <= 2);
    check('dev set (starter base) p99 ≤ 2 ms', r.latencyMs.p99, r.latencyMs.p99 <= 2, 'ms');
  }
  return ['| Target | Measured | |', '| --- | --- | --- |', ...lines];
}

const md = [
  '## Matcher: Relais vs NLP.js',
  '',
  'Both systems trained and scored in the same run by `npm run bench` (`bench/matcher.ts`), each (system, data set) in its own process, with the eval contract of `relais eval` (same scoring code).',
  'NLP.js: node-nlp 4.27.0 with its defaults (`bench/package.json`); it answers one intent or its `None` fallback, and never suggests.',
  'Relais: thresholds from cross-validation on each training split (CLINC150: its validation split; the bot: `config/matcher.yaml`); out-of-scope rows are never trained on.',
  'Ratios are Relais ÷ NLP.js. "Wrong answers" counts confident wrong answers (in-scope answered with the wrong intent + out-of-scope answered) over all questions. Peak RSS is the whole process (Node and tsx included).',
  '',
  benchTable(rows),
  '',
  `Braun corpora overall top-1: Relais ${braunLine('relais')}, NLP.js ${braunLine('nlpjs')}.`,
  '',
  '### Targets of the matcher issue, on this run',
  '',
  ...targets(),
  '',
  '### What was tried where targets are missed',
  '',
  "- **Braun corpora** (30 to 100 training utterances each; AskUbuntu and overall still missed by 2 and 1 test questions): character n-gram weight 1 to 3 and lengths 1-4 to 2-6, bigram weight 0 to 1, SVM C 0.3 to 10, bias 0 to 3, class-size balancing, a blend with nearest-centroid similarity, word-only and character-only models and their mixtures, character n-grams across word boundaries, binary or sublinear term counts, no IDF or stronger IDF (BM25-like), a global L2 norm over the feature blocks, English stop-word removal (helps Braun by 0.3-0.7 points in cross-validation but costs CLINC150 0.2-0.4), dropping frequent words, numbers reduced to their shape, spelling correction off or limited to long words, softmax logistic regression (alone, or averaged with the SVM: CLINC150 training 40-65 s), complement naive Bayes alone or blended (NB-SVM). Kept, because it raised the mean cross-validation accuracy over all training splits (Braun 2- and 5-fold, fr-nlpjs, BANKING77, CLINC150 validation, the bot's held-out folds) with no data set losing more than 0.3 points: a Crammer-Singer multi-class SVM (C 0.5) instead of one-vs-rest, function words weighted x0.45 in word unigrams, bigram weight 0.8. It did not move Braun on the test splits (257/274 before and after). In leave-one-out on AskUbuntu's 53 training questions, the 4 errors are None vs Software Recommendation cases that look like labelling ambiguity; going further would mean tuning on the test split. Tried afterwards, on the same cross-validation of the Braun training splits (5-fold x 6 seeds and 2-fold x 20 seeds), where the current model scores 93.4 % and 91.6 %: data augmentation by random word deletion (1 to 4 copies per utterance): -0.1 to -1.2 points; a blend with 1-nearest-neighbour cosine similarity: 0 to -2.3; skip-bigrams, stem trigrams, unstemmed word unigrams, first-word and sentence-boundary features: all within 0.2 points either way, which is one question at this size; the SVM trained to convergence (60 epochs, tolerance 0.01): unchanged. None was kept.",
  "- **Dev set, in-scope top-1** (met): the intent base was enriched without looking at the dev set (about 15, then 31-38, now 35-60 utterances per intent, written from facts-fr.md where the calibration tool's held-out folds of the intents confuse two intents; 1,969 in all), and the Crammer-Singer model above added about 1.3 points. Domain lexicon (abbreviations, SMS forms, number words, regulatory concepts, out-of-scope topics), spelling correction and run-together splitting are in; the lexicon was written from PRODUCT.md, facts-fr.md and general knowledge only. The bot answers when its top confidence reaches the calibrated floor and the top intent holds the calibrated share of the ranked confidences; both are chosen on held-out folds of the intents (at most 1 % wrong answers), never on the dev set. The price of that caution: about half of the in-scope dev questions get a \"did you mean\" with the right intent offered rather than a direct answer. `npx relais eval --calibrate` prints that trade-off on the held-out folds: a 1 % budget (the policy) answers 44.7 % of held-out in-scope questions directly and 4.6 % of questions about a left-out intent wrongly; 2 % would answer 60.3 % directly but 9.7 % of the left-out ones wrongly; 3 %, 71.8 % and 14.0 %.",
  '- **Dev set, out-of-scope**: the matcher has no out-of-scope training data; it learns what an unknown question looks like from intents left out of each cross-validation fold, and the French lexicon lists topics Relais does not cover (retirement funds, URSSAF, taxes, premises, insurance, software, training, small talk…) as an internal class; the clinical guard of the conversation runs first.',
  '- **Latency**: each question is timed as the median of 5 runs for both systems, so a single garbage-collection pause does not set the p99 of a 190-question set.',
  '',
  '### Relais decisions',
  '',
  decisionTable(rows),
  '',
  '### Commands',
  '',
  'All figures above: `npm run bench`. Relais alone, per data set:',
  '',
  ...rows.map((row) => `- ${row.dataset}: \`${row.command}\``),
  '',
];
writeFileSync(`${root}/bench/results/matcher.md`, md.join('\n'));
process.stdout.write('bench/matcher: wrote bench/results/matcher.md\n');
