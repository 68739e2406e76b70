import { type CalibratorParameters, calibrate, fitCalibrator, type HeldOutPrediction } from './calibration.js';
import { decide } from './decision.js';
import { IntentModel, type ModelOptions } from './model.js';
import { type CalibrationPolicy, chooseThresholds, type HeldOutRanking } from './thresholds.js';
import type { IntentScore, Matcher, MatchResult, Thresholds, TrainingExample } from './types.js';

/**
 * The matcher, top to bottom: a trained IntentModel gives raw margins, the calibrator turns them
 * into confidences, the decision rule applies the thresholds. Training holds out folds of the
 * training utterances to fit the calibrator (and, when asked, to choose the thresholds).
 */

export interface CalibrationOptions {
  /** Number of folds the training utterances are split into. */
  folds: number;
  /** How many of those folds are actually held out in turn (fewer = faster on large data sets). */
  heldOutFolds: number;
  /** Utterances set aside for calibration instead of folds (e.g. CLINC150's validation split). */
  heldOutSet?: readonly TrainingExample[];
}

export interface TrainMatcherOptions {
  model: ModelOptions;
  calibration: CalibrationOptions;
  /** Fixed thresholds (from configuration); when absent they are chosen under `policy`. */
  thresholds?: Thresholds;
  policy: CalibrationPolicy;
}

/** What training measured: kept for the eval tool and `relais eval --calibrate`. */
export interface CalibrationReport {
  calibrator: CalibratorParameters;
  /** Thresholds chosen from held-out data under the policy (whether or not they are used). */
  measuredThresholds: Thresholds;
  heldOut: HeldOutRanking[];
}

/** A trained matcher. */
export class IntentMatcher implements Matcher {
  constructor(
    private readonly model: IntentModel,
    private readonly calibrator: CalibratorParameters,
    readonly thresholds: Thresholds,
    readonly calibration: CalibrationReport,
  ) {}

  get intents(): readonly string[] {
    return this.model.intents;
  }

  /** Calibrated confidences of the best intents, best first. */
  rank(text: string): IntentScore[] {
    return rankWith(this.model, this.calibrator, text);
  }

  match(text: string): MatchResult {
    const ranked = this.rank(text);
    return { ranked, ...decide(ranked, this.thresholds) };
  }
}

function rankWith(model: IntentModel, calibrator: CalibratorParameters, text: string): IntentScore[] {
  return calibratedRanking(model, calibrator, model.scores(text));
}

/** Deterministic fold of an example: spreads each intent's utterances evenly over the folds. */
function assignFolds(examples: readonly TrainingExample[], folds: number): number[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const count = seen.get(e.intent) ?? 0;
    seen.set(e.intent, count + 1);
    return count % folds;
  });
}

function heldOutPredictions(
  examples: readonly TrainingExample[],
  options: TrainMatcherOptions,
  full: IntentModel,
): { model: IntentModel; prediction: HeldOutPrediction; gold: string }[] {
  const { heldOutSet, folds, heldOutFolds } = options.calibration;
  const predict = (model: IntentModel, e: TrainingExample) => ({
    model,
    prediction: { scores: model.scores(e.text), gold: model.intents.indexOf(e.intent) },
    gold: e.intent,
  });
  if (heldOutSet) return heldOutSet.filter((e) => full.intents.includes(e.intent)).map((e) => predict(full, e));
  const foldOf = assignFolds(examples, folds);
  const out: ReturnType<typeof predict>[] = [];
  for (let fold = 0; fold < Math.min(folds, heldOutFolds); fold += 1) {
    const model = IntentModel.train(
      examples.filter((_, i) => foldOf[i] !== fold),
      options.model,
    );
    examples.forEach((e, i) => {
      // An intent missing from the training folds cannot be predicted: leave its utterance out.
      if (foldOf[i] === fold && model.intents.includes(e.intent)) out.push(predict(model, e));
    });
  }
  return out;
}

/** Trains a matcher and calibrates it on held-out utterances. */
export function trainMatcher(examples: readonly TrainingExample[], options: TrainMatcherOptions): IntentMatcher {
  const model = IntentModel.train(examples, options.model);
  const held = heldOutPredictions(examples, options, model);
  const calibrator = fitCalibrator(held.map((h) => h.prediction));
  const heldOut = held.map((h) => ({
    ranked: calibratedRanking(h.model, calibrator, h.prediction.scores),
    gold: h.gold,
  }));
  const measuredThresholds = chooseThresholds(heldOut, options.policy);
  return new IntentMatcher(model, calibrator, options.thresholds ?? measuredThresholds, {
    calibrator,
    measuredThresholds,
    heldOut,
  });
}

function calibratedRanking(model: IntentModel, calibrator: CalibratorParameters, scores: Float32Array): IntentScore[] {
  return calibrate(scores, calibrator)
    .map(({ index, confidence }) => ({ intent: model.intents[index]!, confidence }))
    .sort((a, b) => b.confidence - a.confidence);
}
