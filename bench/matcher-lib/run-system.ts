/**
 * One benchmark run in its own process (so that peak memory and timings belong to one system on
 * one data set): `--system relais|nlpjs`, then either `--data EVAL.jsonl` (the bot's eval set:
 * Relais as built from intents/, NLP.js trained on the same exported utterances) or
 * `--dataset DATA.jsonl [--lang] [--oos-label] [--calibration VALID.jsonl]`.
 * Prints one JSON line: the eval report (same scoring code for both) and the peak RSS.
 */
import { parseArgs } from 'node:util';
import { botDecisionPath } from '../../src/cli/eval.js';
import { loadIntentExamples } from '../../src/content/catalogue.js';
import { loadMatcherConfig } from '../../src/nlu/config.js';
import { OUT_OF_SCOPE, readJsonl } from '../../src/nlu/dataset.js';
import { type EvalOutcome, type EvalReport, scoreOutcomes } from '../../src/nlu/eval.js';
import { evaluateDataset, runQuestions } from '../../src/nlu/evaluate.js';
import { isLanguage, type Language } from '../../src/nlu/language.js';
import type { TrainingExample } from '../../src/nlu/types.js';
import { NlpjsMatcher } from './nlpjs-matcher.js';

const { values } = parseArgs({
  options: {
    system: { type: 'string' },
    data: { type: 'string' },
    dataset: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    'oos-label': { type: 'string', default: OUT_OF_SCOPE },
    calibration: { type: 'string' },
    dir: { type: 'string', default: '.' },
  },
});
const language = values.lang!;
if (!isLanguage(language)) throw new Error(`--lang ${language}: en or fr`);

async function runNlpjs(
  train: readonly TrainingExample[],
  questions: { text: string; gold: string | null }[],
  lang: Language,
) {
  const start = performance.now();
  const matcher = await NlpjsMatcher.train(train, lang);
  const trainMs = performance.now() - start;
  const outcomes: EvalOutcome[] = [];
  for (const { text, gold } of questions) {
    const begin = performance.now();
    const result = await matcher.match(text);
    outcomes.push({ gold, result, latencyMs: performance.now() - begin });
  }
  return scoreOutcomes(outcomes, trainMs);
}

async function run(): Promise<EvalReport> {
  const config = loadMatcherConfig();
  if (values.data) {
    const questions = readJsonl(values.data).map((r) => ({
      text: r.text,
      gold: r.intent === OUT_OF_SCOPE ? null : r.intent,
    }));
    if (values.system === 'nlpjs') return runNlpjs(loadIntentExamples(values.dir!), questions, 'fr');
    const start = performance.now();
    const decisionPath = botDecisionPath(values.dir!, config);
    const trainMs = performance.now() - start;
    return scoreOutcomes(runQuestions(decisionPath, questions), trainMs);
  }
  const rows = readJsonl(values.dataset!);
  const oosLabel = values['oos-label']!;
  if (values.system === 'nlpjs') {
    const train = rows.filter((r) => r.split === 'train' && r.intent !== oosLabel);
    const questions = rows
      .filter((r) => r.split === 'test')
      .map((r) => ({ text: r.text, gold: r.intent === oosLabel ? null : r.intent }));
    return runNlpjs(train, questions, language as Language);
  }
  const calibrationRows = values.calibration ? readJsonl(values.calibration) : undefined;
  return (await evaluateDataset(rows, { language: language as Language, oosLabel, config, calibrationRows }))
    .report;
}

const report = await run();
process.stdout.write(
  `${JSON.stringify({ report, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
