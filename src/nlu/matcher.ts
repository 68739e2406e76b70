import { type CalibratorParameters, calibrate, type Evidence, fitCalibrator } from './calibration.js';
import { decide } from './decision.js';
import {
  type HeldOutOptions,
  type HeldOutQuestion,
  heldOutByRetraining,
  heldOutOnFullModel,
} from './held-out.js';
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
  /** Politeness intents a "did you mean" leaves out next to a real topic (see `decide`). */
  courtesyIntents?: readonly string[];
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
    private readonly courtesy: ReadonlySet<string> = new Set(),
  ) {}

  get intents(): readonly string[] {
    return this.model.intents;
  }

  /** Calibrated confidences of the best intents, best first. */
  rank(text: string): IntentScore[] {
    return rankWith(this.model, this.calibrator, text);
  }

  match(text: string): MatchResult {
    const evidence = this.model.evidence(text);
    const ranked = rankIntents(this.model.intents, this.calibrator, evidence);
    // The lexicon's out-of-scope topics beat every intent: fall back whatever the thresholds say.
    const best = evidence.scores.reduce((max, s) => Math.max(max, s), Number.NEGATIVE_INFINITY);
    if (evidence.outOfScope !== undefined && evidence.outOfScope > best) {
      return { ranked, decision: 'fallback', chosen: [] };
    }
    return { ranked, ...decide(ranked, this.thresholds, this.courtesy) };
  }
}

function rankWith(model: IntentModel, calibrator: CalibratorParameters, text: string): IntentScore[] {
  return rankIntents(model.intents, calibrator, model.evidence(text));
}

/** Trains a matcher and calibrates it on held-out utterances (on this thread). */
export function trainMatcher(
  examples: readonly TrainingExample[],
  options: TrainMatcherOptions,
): IntentMatcher {
  const model = IntentModel.train(examples, options.model);
  const retrained = heldOutByRetraining(examples, options.model, options.calibration);
  return assemble(examples, options, model, retrained);
}

/**
 * Builds the matcher from the full model and the held-out questions: fits the calibrator, chooses
 * the thresholds, warms up. Shared by the single-thread and the parallel trainers.
 */
export function assemble(
  examples: readonly TrainingExample[],
  options: TrainMatcherOptions,
  model: IntentModel,
  retrained: readonly HeldOutQuestion[],
): IntentMatcher {
  const held = [...heldOutOnFullModel(model, options.calibration), ...retrained];
  const calibrator = fitCalibrator(held.map((h) => h.prediction));
  const heldOut = held.map((h) => ({
    ranked: rankIntents(h.intents, calibrator, h.prediction),
    gold: h.gold,
  }));
  const measuredThresholds = chooseThresholds(heldOut, options.policy);
  const matcher = new IntentMatcher(
    model,
    calibrator,
    options.thresholds ?? measuredThresholds,
    { calibrator, measuredThresholds, heldOut },
    new Set(options.courtesyIntents ?? []),
  );
  // Warm-up: the first questions would otherwise pay for JIT compilation, and the first garbage
  // collections for moving what training left on the young heap (a few milliseconds each). Some
  // questions are misspelt on purpose, to warm up the spelling path too.
  for (let i = 0; i < WARM_UP_QUESTIONS && examples.length > 0; i += 1) {
    const text = examples[i % examples.length]!.text;
    matcher.match(i % 2 === 0 ? text : text.replace(/([a-z])([a-z])/g, '$2$1'));
  }
  return matcher;
}

const WARM_UP_QUESTIONS = 800;

function rankIntents(
  intents: readonly string[],
  calibrator: CalibratorParameters,
  evidence: Evidence,
): IntentScore[] {
  return calibrate(evidence, calibrator).map(({ index, confidence }) => ({
    intent: intents[index]!,
    confidence,
  }));
}
