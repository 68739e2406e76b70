import type { Language } from '../../nlu/language.js';
import { loadMatcherConfig } from '../../nlu/config.js';
import { trainCalibratedMatcher } from '../../nlu/evaluate.js';
import type { Matcher, TrainingExample } from '../../nlu/types.js';

/**
 * The product's matcher, as trained inside the matcher worker: calibrated by cross-validation,
 * thresholds from `config/matcher.yaml` (what `relais eval --calibrate` measured).
 */
export function train(examples: TrainingExample[], options: { language?: Language; configPath?: string } = {}): Matcher {
  const config = options.configPath ? loadMatcherConfig(options.configPath) : loadMatcherConfig();
  return trainCalibratedMatcher(examples, options.language ?? 'fr', config, { useConfiguredThresholds: true });
}

/** URL of this module, for `workerTrainer(RELAIS_TRAINER)`. */
export const RELAIS_TRAINER = new URL(import.meta.url);
