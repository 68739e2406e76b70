import type { HeldOutPrediction } from './calibration.js';
import { IntentModel, type ModelOptions } from './model.js';
import type { TrainingExample } from './types.js';

/**
 * Held-out predictions for calibration, from the training utterances only. Each fold is predicted
 * by a model trained without it. With `unseenIntents`, each fold's model is also trained without
 * one group of intents, whose utterances then stand for out-of-scope questions: a question about
 * something the model never learned. This is how the calibrator learns what out-of-scope evidence
 * looks like without any out-of-scope data.
 */

export interface HeldOutOptions {
  /** Number of folds the training utterances are split into. */
  folds: number;
  /** How many of those folds are held out in turn (fewer = faster on large data sets). */
  heldOutFolds: number;
  /** Also hold out one group of intents per fold, as stand-ins for out-of-scope questions. */
  unseenIntents: boolean;
  /** Utterances set aside for calibration instead of folds (e.g. CLINC150's validation split). */
  heldOutSet?: readonly TrainingExample[];
}

/** One held-out question; `gold` is null when its intent was left out of training. */
export interface HeldOutQuestion {
  /** Intents of the model that predicted it (indices of `prediction.scores`). */
  intents: readonly string[];
  prediction: HeldOutPrediction;
  gold: string | null;
}

/** Deterministic fold of each example: spreads each intent's utterances evenly over the folds. */
function assignFolds(examples: readonly TrainingExample[], folds: number): number[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const count = seen.get(e.intent) ?? 0;
    seen.set(e.intent, count + 1);
    return count % folds;
  });
}

/** Deterministic group of each intent, spread evenly (by sorted name) over the folds. */
function assignIntentGroups(examples: readonly TrainingExample[], folds: number): Map<string, number> {
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  return new Map(intents.map((intent, i) => [intent, (i * 7 + 3) % folds]));
}

function predict(model: IntentModel, e: TrainingExample): HeldOutQuestion {
  const index = model.intents.indexOf(e.intent);
  const { scores, coverage, outOfScope } = model.evidence(e.text);
  return {
    intents: model.intents,
    // A copy: the evidence may be a view on a larger array, and this crosses threads.
    prediction: { scores: Float32Array.from(scores), coverage, outOfScope, gold: index },
    gold: index >= 0 ? e.intent : null,
  };
}

/**
 * The held-out questions that need models of their own (folds, unseen intents): independent of
 * the model trained on every example, so they can be computed on another thread meanwhile.
 */
export function heldOutByRetraining(
  examples: readonly TrainingExample[],
  modelOptions: ModelOptions,
  options: HeldOutOptions,
): HeldOutQuestion[] {
  const { folds, heldOutFolds, unseenIntents, heldOutSet } = options;
  const groupOf = assignIntentGroups(examples, folds);
  const unseenIn = (fold: number, e: TrainingExample) => unseenIntents && groupOf.get(e.intent) === fold;
  const out: HeldOutQuestion[] = [];
  if (heldOutSet) {
    if (!unseenIntents) return out;
    const reduced = IntentModel.train(
      examples.filter((e) => !unseenIn(0, e)),
      modelOptions,
    );
    for (const e of heldOutSet) if (unseenIn(0, e)) out.push(predict(reduced, e));
    return out;
  }
  const foldOf = assignFolds(examples, folds);
  for (let fold = 0; fold < Math.min(folds, heldOutFolds); fold += 1) {
    const model = IntentModel.train(
      examples.filter((e, i) => foldOf[i] !== fold && !unseenIn(fold, e)),
      modelOptions,
    );
    examples.forEach((e, i) => {
      if (foldOf[i] === fold) out.push(predict(model, e));
    });
  }
  return out;
}

/** The held-out questions predicted by the full model: a separate held-out set's in-scope rows. */
export function heldOutOnFullModel(full: IntentModel, options: HeldOutOptions): HeldOutQuestion[] {
  return (options.heldOutSet ?? [])
    .filter((e) => full.intents.includes(e.intent))
    .map((e) => predict(full, e));
}
