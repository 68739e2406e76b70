import { heldOutFoldCount, type MatcherConfig } from './config.js';
import type { LabelledRow } from './dataset.js';
import { type EvalOutcome, type EvalReport, scoreOutcomes } from './eval.js';
import type { Language } from './language.js';
import { compileLexicon, type Lexicon, loadLexicon } from './lexicon.js';
import { type IntentMatcher, type TrainMatcherOptions, trainMatcher } from './matcher.js';
import { defaultModelOptions } from './model.js';
import { trainMatcherInParallel } from './parallel.js';
import type { MatchResult, TrainingExample } from './types.js';

/** Timed runs per question: its latency is their median, so one GC pause does not make a p99. */
const TIMED_RUNS = 5;

/**
 * Runs questions through a decision path, timing each one (median of TIMED_RUNS runs; the
 * decision is the first run's). `gold` is null for out-of-scope rows.
 */
export function runQuestions(
  decisionPath: (text: string) => MatchResult,
  questions: readonly { text: string; gold: string | null }[],
): EvalOutcome[] {
  return questions.map(({ text, gold }) => {
    let result: MatchResult | undefined;
    const times: number[] = [];
    for (let run = 0; run < TIMED_RUNS; run++) {
      const start = performance.now();
      const decided = decisionPath(text);
      times.push(performance.now() - start);
      result ??= decided;
    }
    times.sort((a, b) => a - b);
    return { gold, result: result!, latencyMs: times[Math.floor(TIMED_RUNS / 2)]! };
  });
}

export interface CalibratedTrainingOptions {
  lexicon?: Lexicon;
  /** Utterances to calibrate on instead of cross-validation folds (a validation split). */
  heldOutSet?: readonly TrainingExample[];
  /** Use the thresholds of the configuration (the bot) rather than those measured now. */
  useConfiguredThresholds?: boolean;
  /**
   * Learn the lexicon's out-of-scope topics as a class (default: yes). They describe the bot's
   * domain: public data sets are evaluated without them.
   */
  outOfScopeClass?: boolean;
}

function trainingOptions(
  examples: readonly TrainingExample[],
  language: Language,
  config: MatcherConfig,
  options: CalibratedTrainingOptions,
): TrainMatcherOptions {
  const lexicon = options.lexicon ?? loadLexicon(language);
  return {
    model: defaultModelOptions(
      language,
      options.outOfScopeClass === false
        ? compileLexicon({ ...lexicon.file, outOfScope: [] }, language)
        : lexicon,
    ),
    calibration: {
      folds: config.calibration.folds,
      heldOutFolds: heldOutFoldCount(config, examples.length),
      unseenIntents: config.calibration.unseenIntents,
      heldOutSet: options.heldOutSet,
    },
    policy: config.policy,
    thresholds: options.useConfiguredThresholds ? config.thresholds : undefined,
    ...(config.courtesyIntents ? { courtesyIntents: config.courtesyIntents } : {}),
  };
}

/** Trains a matcher on examples, calibrated by cross-validation as the configuration says. */
export function trainCalibratedMatcher(
  examples: readonly TrainingExample[],
  language: Language,
  config: MatcherConfig,
  options: CalibratedTrainingOptions = {},
): IntentMatcher {
  return trainMatcher(examples, trainingOptions(examples, language, config, options));
}

/** Same as `trainCalibratedMatcher`, with the held-out models trained on a second thread. */
export function trainCalibratedMatcherInParallel(
  examples: readonly TrainingExample[],
  language: Language,
  config: MatcherConfig,
  options: CalibratedTrainingOptions = {},
): Promise<IntentMatcher> {
  return trainMatcherInParallel(examples, trainingOptions(examples, language, config, options));
}

export interface DatasetEvaluation {
  report: EvalReport;
  outcomes: EvalOutcome[];
  matcher: IntentMatcher;
}

/**
 * `relais eval --dataset`: trains a fresh matcher on the rows of split "train" (rows labelled
 * `oosLabel` are never trained on) and evaluates on split "test". Thresholds are chosen from
 * held-out training utterances, or from `calibrationRows` (a validation split) when given. The
 * lexicon's out-of-scope topics (the bot's domain) are left out.
 */
export async function evaluateDataset(
  rows: readonly LabelledRow[],
  options: {
    language: Language;
    oosLabel: string;
    config: MatcherConfig;
    calibrationRows?: readonly LabelledRow[];
  },
): Promise<DatasetEvaluation> {
  const inScope = (r: LabelledRow) => r.intent !== options.oosLabel;
  const train = rows.filter((r) => r.split === 'train' && inScope(r));
  const heldOutSet = options.calibrationRows?.filter(inScope);
  const start = performance.now();
  const matcher = await trainCalibratedMatcherInParallel(train, options.language, options.config, {
    heldOutSet,
    outOfScopeClass: false,
  });
  const trainMs = performance.now() - start;
  const questions = rows
    .filter((r) => r.split === 'test')
    .map((r) => ({ text: r.text, gold: inScope(r) ? r.intent : null }));
  const outcomes = runQuestions((text) => matcher.match(text), questions);
  return { report: scoreOutcomes(outcomes, trainMs), outcomes, matcher };
}
