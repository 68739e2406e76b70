import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadIntentExamples } from '../content/catalogue.js';
import { createClinicalGuard } from '../core/clinical-guard.js';
import {
  defaultMatcherConfigPath,
  loadMatcherConfig,
  type MatcherConfig,
  saveMatcherConfig,
} from '../nlu/config.js';
import { OUT_OF_SCOPE, readJsonl } from '../nlu/dataset.js';
import { scoreOutcomes } from '../nlu/eval.js';
import { evaluateDataset, runQuestions, trainCalibratedMatcher } from '../nlu/evaluate.js';
import { isLanguage } from '../nlu/language.js';
import { formatReport } from '../nlu/report-table.js';
import { type HeldOutRanking, heldOutOutcome, tradeOff } from '../nlu/thresholds.js';
import type { MatchResult } from '../nlu/types.js';

export const EVAL_USAGE = [
  'usage: relais eval --data FILE.jsonl [--dir DIR] [--json]',
  '         the bot as built from DIR/intents (clinical guard included) on {"text","intent"} rows;',
  `         intent is an intent id or "${OUT_OF_SCOPE}"`,
  '       relais eval --dataset DATA.jsonl [--lang en|fr] [--oos-label LABEL] [--calibration VALID.jsonl] [--json]',
  '         train a fresh matcher on split "train" (LABEL rows = out of scope, never trained on),',
  '         thresholds from cross-validation (or from VALID.jsonl), evaluate on split "test"',
  '       relais eval --calibrate [--dir DIR]',
  '         cross-validate on DIR/intents and write the thresholds into config/matcher.yaml',
  'options: --config FILE (default config/matcher.yaml)',
].join('\n');

/**
 * The bot's decision path for one question, as the conversation runs it: the clinical guard
 * refuses some questions before matching (counted as fallback), the matcher decides the rest.
 */
export type DecisionPath = (text: string) => MatchResult;

const REFUSED: MatchResult = { ranked: [], decision: 'fallback', chosen: [] };

/** Builds the bot's decision path from a content root. */
export function botDecisionPath(dir: string, config: MatcherConfig): DecisionPath {
  const examples = loadIntentExamples(dir);
  const matcher = trainCalibratedMatcher(examples, 'fr', config, { useConfiguredThresholds: true });
  const guard = createClinicalGuard(dir);
  const decisionPath: DecisionPath = (text) => (guard.refuses(text) ? REFUSED : matcher.match(text));
  // Warm-up: regular expressions and code paths are compiled on first use; a server pays that at
  // start-up, not on its first questions.
  for (const example of examples.slice(0, 100)) decisionPath(example.text);
  return decisionPath;
}

const write = (text: string) => process.stdout.write(`${text}\n`);
const fail = (text: string) => process.stderr.write(`${text}\n`);

/** `relais eval`: returns the exit code; results go to stdout, problems to stderr. */
export async function runEval(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    fail(`eval: ${error instanceof Error ? error.message : error}\n\n${EVAL_USAGE}`);
    return 2;
  }
  if (values.help) {
    write(EVAL_USAGE);
    return 0;
  }
  const configPath = values.config ?? defaultMatcherConfigPath();
  const config = loadMatcherConfig(configPath);
  const dir = path.resolve(values.dir ?? process.cwd());
  const modes = [values.data, values.dataset, values.calibrate].filter((v) => v !== undefined && v !== false);
  if (modes.length !== 1) {
    fail(`eval: give exactly one of --data, --dataset, --calibrate\n\n${EVAL_USAGE}`);
    return 2;
  }

  if (values.calibrate) return calibrate(dir, config, configPath);

  if (values.dataset !== undefined) {
    const language = values.lang ?? 'en';
    if (!isLanguage(language)) {
      fail(`eval: --lang must be en or fr, not "${language}"`);
      return 2;
    }
    const { report, outcomes } = await evaluateDataset(readJsonl(values.dataset), {
      language,
      oosLabel: values['oos-label'] ?? OUT_OF_SCOPE,
      config,
      calibrationRows: values.calibration ? readJsonl(values.calibration) : undefined,
    });
    write(
      values.json
        ? JSON.stringify(report)
        : formatReport(`relais eval --dataset ${values.dataset}`, report, outcomes),
    );
    return 0;
  }

  const start = performance.now();
  const decisionPath = botDecisionPath(dir, config);
  const trainMs = performance.now() - start;
  const questions = readJsonl(values.data!).map((row) => ({
    text: row.text,
    gold: row.intent === OUT_OF_SCOPE ? null : row.intent,
  }));
  const outcomes = runQuestions(decisionPath, questions);
  const report = scoreOutcomes(outcomes, trainMs);
  write(
    values.json
      ? JSON.stringify(report)
      : formatReport(`relais eval --data ${values.data}`, report, outcomes),
  );
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: 'string' },
      dataset: { type: 'string' },
      lang: { type: 'string' },
      'oos-label': { type: 'string' },
      calibration: { type: 'string' },
      calibrate: { type: 'boolean' },
      dir: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

/** `--calibrate`: thresholds from cross-validation on the intents' utterances, written to config. */
function calibrate(dir: string, config: MatcherConfig, configPath: string): number {
  const examples = loadIntentExamples(dir);
  const matcher = trainCalibratedMatcher(examples, 'fr', config);
  const thresholds = matcher.calibration.measuredThresholds;
  const heldOut = matcher.calibration.heldOut;
  const outcome = heldOutOutcome(heldOut, thresholds);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  saveMatcherConfig(
    {
      ...config,
      thresholds: {
        answer: round(thresholds.answer),
        margin: round(thresholds.margin),
        suggest: round(thresholds.suggest),
        thirdSuggestion: thresholds.thirdSuggestion,
      },
      measured: {
        by: 'relais eval --calibrate',
        intents: matcher.intents.length,
        utterances: examples.length,
        heldOutUtterances: heldOut.filter((h) => h.gold !== null).length,
        heldOutUnseenIntentUtterances: heldOut.filter((h) => h.gold === null).length,
        heldOutAnsweredRight: round(outcome.answeredRight),
        heldOutUnseenIntentAnswered: round(outcome.unseenAnswered),
        heldOutTop1: round(
          heldOut.filter((h) => h.gold !== null && h.ranked[0]?.intent === h.gold).length /
            Math.max(1, heldOut.filter((h) => h.gold !== null).length),
        ),
      },
    },
    configPath,
  );
  write(`thresholds written to ${configPath}: ${JSON.stringify(thresholds)}\n`);
  write(formatTradeOff(heldOut, config.policy));
  return 0;
}

/** Other wrong-answer budgets an admin may set in `policy.maxWrongAnswerRate`, next to the current one. */
const TRADE_OFF_RATES = [0.005, 0.01, 0.015, 0.02, 0.03];

/** What moving `policy.maxWrongAnswerRate` would do, measured on the same held-out questions. */
function formatTradeOff(heldOut: readonly HeldOutRanking[], policy: MatcherConfig['policy']): string {
  const rates = [...new Set([...TRADE_OFF_RATES, policy.maxWrongAnswerRate])].sort((a, b) => a - b);
  const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
  const lines = [
    'Held-out questions (cross-validation on intents/), by policy.maxWrongAnswerRate:',
    '',
    '| maxWrongAnswerRate | answered right | answered wrong | did you mean, right one offered | unseen-intent questions answered |',
    '| --- | --- | --- | --- | --- |',
    ...tradeOff(heldOut, policy, rates).map(({ maxWrongAnswerRate, outcome }) => {
      const current = maxWrongAnswerRate === policy.maxWrongAnswerRate ? ' (policy)' : '';
      const cells = [
        `${percent(maxWrongAnswerRate)}${current}`,
        percent(outcome.answeredRight),
        percent(outcome.answeredWrong),
        percent(outcome.suggestedHit),
        percent(outcome.unseenAnswered),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
