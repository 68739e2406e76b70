import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

/**
 * `config/matcher.yaml`: the calibration policy (what error rates are acceptable), how held-out
 * predictions are made, and the bot's decision thresholds. The thresholds are written by
 * `relais eval --calibrate` from cross-validation on the intents' utterances and read at start-up.
 */

const Probability = z.number().min(0).max(1);

export const ThresholdsSchema = z
  .object({
    answer: Probability,
    /** Share of the ranked intents' confidences held by the best one. */
    margin: Probability,
    suggest: Probability,
    thirdSuggestion: z.number().min(0).optional(),
  })
  .strict();

export const MatcherConfig = z
  .object({
    policy: z
      .object({
        /** Highest share of held-out in-scope utterances that may receive a wrong answer. */
        maxWrongAnswerRate: Probability,
        /** Share of held-out in-scope utterances that must get an answer or a "did you mean". */
        coverage: Probability,
        thirdSuggestion: z.number().min(0),
      })
      .strict(),
    calibration: z
      .object({
        folds: z.number().int().min(2),
        /** Enough folds are held out to reach this many held-out utterances (all folds if fewer). */
        minHeldOut: z.number().int().min(1),
        /** Each fold also leaves out a group of intents, whose utterances stand for out-of-scope questions. */
        unseenIntents: z.boolean(),
      })
      .strict(),
    thresholds: ThresholdsSchema,
    /**
     * Politeness intents (greeting, thanks): a "did you mean" that also holds a real topic leaves
     * them out, so « bonjour, … télésoin ? » is not offered « Bonjour ».
     */
    courtesyIntents: z.array(z.string().min(1)).optional(),
    /** How the thresholds were measured (informative). */
    measured: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .strict();
export type MatcherConfig = z.infer<typeof MatcherConfig>;

/** Path of the shipped configuration file. */
export function defaultMatcherConfigPath(): string {
  return fileURLToPath(new URL('../../config/matcher.yaml', import.meta.url));
}

/** Reads and validates `config/matcher.yaml`; an invalid file names the offending field. */
export function loadMatcherConfig(path = defaultMatcherConfigPath()): MatcherConfig {
  const parsed = MatcherConfig.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: invalid matcher configuration at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Writes the configuration back with its explanatory header. */
export function saveMatcherConfig(config: MatcherConfig, path = defaultMatcherConfigPath()): void {
  const header = [
    '# Matcher configuration. `thresholds` and `measured` are written by `npx relais eval --calibrate`',
    '# from cross-validation on the utterances of intents/ (never from an evaluation set); edit',
    '# `policy` and re-run the command to move the trade-off between wrong answers and fallbacks.',
    '',
  ].join('\n');
  writeFileSync(path, header + stringify(MatcherConfig.parse(config)));
}

/** Number of folds to hold out so that at least `minHeldOut` utterances are predicted. */
export function heldOutFoldCount(config: MatcherConfig, utterances: number): number {
  const { folds, minHeldOut } = config.calibration;
  return Math.min(folds, Math.max(1, Math.ceil((minHeldOut * folds) / Math.max(1, utterances))));
}
