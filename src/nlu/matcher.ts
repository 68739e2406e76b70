import { type CalibratorParameters, calibrate, type Evidence, fitCalibrator } from './calibration.js';
import { decide } from './decision.js';
import { type HeldOutOptions, heldOutQuestions } from './held-out.js';
import { IntentModel, type ModelOptions } from './model.js';
import { type CalibrationPolicy, chooseThresholds, type HeldOutRanking } from './thresholds.js';
import type { IntentScore, Matcher, MatchResult, Thresholds, TrainingExample } from './types.js';

/**
 * The matcher, top to bottom: a trained IntentModel gives raw margins, the calibrator turns them
 * into confidences, the decision rule applies the thresholds. Training holds out folds of the
 * training utterances to fit the calibrator (and, when asked, to choose the thresholds).
 */

export interface TrainMatcherOptions {
  model: ModelOptions;
  calibration: HeldOutOptions;
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
  return calibratedRanking(model, calibrator, model.evidence(text));
}

/** Trains a matcher and calibrates it on held-out utterances. */
export function trainMatcher(
  examples: readonly TrainingExample[],
  options: TrainMatcherOptions,
): IntentMatcher {
  const model = IntentModel.train(examples, options.model);
  const held = heldOutQuestions(examples, options.model, options.calibration, model);
  const calibrator = fitCalibrator(held.map((h) => h.prediction));
  const heldOut = held.map((h) => ({
    ranked: calibratedRanking(h.model, calibrator, h.prediction),
    gold: h.gold,
  }));
  const measuredThresholds = chooseThresholds(heldOut, options.policy);
  return new IntentMatcher(model, calibrator, options.thresholds ?? measuredThresholds, {
    calibrator,
    measuredThresholds,
    heldOut,
  });
}

function calibratedRanking(
  model: IntentModel,
  calibrator: CalibratorParameters,
  evidence: Evidence,
): IntentScore[] {
  return calibrate(evidence, calibrator).map(({ index, confidence }) => ({
    intent: model.intents[index]!,
    confidence,
  }));
}
