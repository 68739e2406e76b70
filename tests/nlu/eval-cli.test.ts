import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runEval } from '../../src/cli/eval.js';
import { loadIntentExamples } from '../../src/content/catalogue.js';
import { loadMatcherConfig } from '../../src/nlu/config.js';

const fixture = fileURLToPath(new URL('./fixtures/tiny-dataset.jsonl', import.meta.url));
const devFixture = fileURLToPath(new URL('./fixtures/bot-questions.jsonl', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `relais eval` with these arguments and returns its exit code and standard output. */
async function evalCli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    const code = await runEval(args);
    return { code, stdout };
  } finally {
    spy.mockRestore();
  }
}

const count = expect.any(Number);

function expectContractShape(report: Record<string, unknown>): void {
  expect(report).toEqual({
    n: count,
    inScope: {
      n: count,
      top1: count,
      answeredCorrect: count,
      answeredWrong: count,
      suggestedHit: count,
      suggestedMiss: count,
      fallback: count,
    },
    outOfScope: { n: count, rejected: count, suggested: count, answered: count },
    macroF1: count,
    latencyMs: { p50: count, p99: count },
    trainMs: count,
  });
  const inScope = report.inScope as Record<string, number>;
  const outOfScope = report.outOfScope as Record<string, number>;
  for (const value of [...Object.values(inScope), ...Object.values(outOfScope), report.n]) {
    expect(Number.isInteger(value)).toBe(true);
  }
  // Every question ends in exactly one decision.
  const { answeredCorrect, answeredWrong, suggestedHit, suggestedMiss, fallback } = inScope;
  expect(answeredCorrect! + answeredWrong! + suggestedHit! + suggestedMiss! + fallback!).toBe(inScope.n);
  expect(outOfScope.rejected! + outOfScope.suggested! + outOfScope.answered!).toBe(outOfScope.n);
  expect(inScope.n! + outOfScope.n!).toBe(report.n);
}

afterEach(() => vi.restoreAllMocks());

describe('relais eval --dataset … --json', () => {
  it('prints one JSON object with the contract fields, out-of-scope rows kept out of training', async () => {
    const { code, stdout } = await evalCli(['--dataset', fixture, '--oos-label', 'oos', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expectContractShape(report);
    expect(report.n).toBe(8);
    expect(report.inScope.n).toBe(6);
    expect(report.outOfScope.n).toBe(2);
    expect(report.inScope.top1).toBeGreaterThanOrEqual(5);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await evalCli(['--dataset', fixture, '--oos-label', 'oos']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/top-1 correct/);
    expect(stdout).toMatch(/out-of-scope questions/);
  });

  it('refuses an unknown language with the usage exit code', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect((await evalCli(['--dataset', fixture, '--lang', 'de'])).code).toBe(2);
  });
});

describe('relais eval --data … --json (the bot, as built from intents/)', () => {
  it('runs the whole decision path: a clinical question is refused before matching', async () => {
    const { code, stdout } = await evalCli(['--data', devFixture, '--dir', root, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expectContractShape(report);
    expect(report.outOfScope.n).toBe(1);
    // "quelle posologie …" is refused by the clinical guard, whatever the matcher would say.
    expect(report.outOfScope.rejected).toBe(1);
  });
});

describe('relais eval --calibrate (thresholds from held-out folds of intents/)', () => {
  it('writes the thresholds and shows what another wrong-answer budget would give', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-calibrate-'));
    const configPath = path.join(dir, 'matcher.yaml');
    copyFileSync(path.join(root, 'config/matcher.yaml'), configPath);
    const { code, stdout } = await evalCli(['--calibrate', '--dir', root, '--config', configPath]);
    expect(code).toBe(0);

    const written = loadMatcherConfig(configPath);
    expect(written.thresholds.suggest).toBeLessThanOrEqual(written.thresholds.answer);
    expect(written.measured?.utterances).toBe(loadIntentExamples(root).length);

    // One table row per budget: a looser budget never answers fewer questions right.
    const rows = [...stdout.matchAll(/^\| ([\d.]+) %( \(policy\))? \| ([\d.]+) % \| ([\d.]+) % \|/gm)];
    expect(rows.map((r) => Number(r[1]))).toEqual([0.5, 1, 1.5, 2, 3]);
    const answeredRight = rows.map((r) => Number(r[3]));
    expect(answeredRight).toEqual([...answeredRight].sort((a, b) => a - b));
    expect(answeredRight[answeredRight.length - 1]).toBeGreaterThan(answeredRight[0]!);
    // The row marked "(policy)" is the one written to the configuration.
    const policyRow = rows.find((r) => r[2]);
    expect(Number(policyRow?.[1]) / 100).toBe(written.policy.maxWrongAnswerRate);
    expect(Number(policyRow?.[3])).toBeCloseTo(100 * Number(written.measured?.heldOutAnsweredRight), 1);
  });
});
