import { type MatcherConfig, heldOutFoldCount } from './config.js';
import { type EvalOutcome, type EvalReport, scoreOutcomes } from './eval.js';
import type { Language } from './language.js';
import { type Lexicon, loadLexicon } from './lexicon.js';
import { type IntentMatcher, trainMatcher } from './matcher.js';
import { defaultModelOptions } from './model.js';
import type { LabelledRow } from './dataset.js';
import type { MatchResult, TrainingExample } from './types.js';

/** Runs questions through a decision path, timing each one. `gold` is null for out-of-scope rows. */
export function runQuestions(
  decisionPath: (text: string) => MatchResult,
  questions: readonly { text: string; gold: string | null }[],
): EvalOutcome[] {
  return questions.map(({ text, gold }) => {
    const start = performance.now();
    const result = decisionPath(text);
    return { gold, result, latencyMs: performance.now() - start };
  });
}

/** Trains a matcher on examples, calibrated by cross-validation as the configuration says. */
export function trainCalibratedMatcher(
  examples: readonly TrainingExample[],
  language: Language,
  config: MatcherConfig,
  options: {
    lexicon?: Lexicon;
    heldOutSet?: readonly TrainingExample[];
    useConfiguredThresholds?: boolean;
  } = {},
): IntentMatcher {
  return trainMatcher(examples, {
    model: defaultModelOptions(language, options.lexicon ?? loadLexicon(language)),
    calibration: {
      folds: config.calibration.folds,
      heldOutFolds: heldOutFoldCount(config, examples.length),
      unseenIntents: config.calibration.unseenIntents,
      heldOutSet: options.heldOutSet,
    },
    policy: config.policy,
    thresholds: options.useConfiguredThresholds ? config.thresholds : undefined,
  });
}

export interface DatasetEvaluation {
  report: EvalReport;
  outcomes: EvalOutcome[];
  matcher: IntentMatcher;
}

/**
 * `relais eval --dataset`: trains a fresh matcher on the rows of split "train" (rows labelled
 * `oosLabel` are never trained on) and evaluates on split "test". Thresholds are chosen from
 * held-out training utterances, or from `calibrationRows` (a validation split) when given.
 */
export function evaluateDataset(
  rows: readonly LabelledRow[],
  options: {
    language: Language;
    oosLabel: string;
    config: MatcherConfig;
    calibrationRows?: readonly LabelledRow[];
  },
): DatasetEvaluation {
  const inScope = (r: LabelledRow) => r.intent !== options.oosLabel;
  const train = rows.filter((r) => r.split === 'train' && inScope(r));
  const heldOutSet = options.calibrationRows?.filter(inScope);
  const start = performance.now();
  const matcher = trainCalibratedMatcher(train, options.language, options.config, { heldOutSet });
  const trainMs = performance.now() - start;
  const questions = rows
    .filter((r) => r.split === 'test')
    .map((r) => ({ text: r.text, gold: inScope(r) ? r.intent : null }));
  const outcomes = runQuestions((text) => matcher.match(text), questions);
  return { report: scoreOutcomes(outcomes, trainMs), outcomes, matcher };
}
