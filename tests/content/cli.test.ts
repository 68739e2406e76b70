import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { runIntents } from '../../src/cli/intents.js';
import { captureIo, fixture, repoRoot } from './helpers.js';

describe('relais intents validate', () => {
  it('prints a one-line summary and exits 0 on clean content', async () => {
    const io = captureIo();
    expect(await runIntents(['validate', '--dir', fixture('valid')], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    expect(io.stdout[0]).toMatch(/^OK: 3 intents, 3 answers, 36 utterances, 2 UI strings/);
    expect(io.stderr).toEqual([]);
  });

  it('prints one "file: id: what is wrong" line per problem and exits 1', async () => {
    const io = captureIo();
    expect(await runIntents(['validate', '--dir', fixture('related-unknown')], io)).toBe(1);
    expect(io.stderr[0]).toBe(
      'intents/teleconsultation/tlc_alpha.yaml: tlc_alpha: related intent "tlc_missing" does not exist',
    );
    expect(io.stderr.at(-1)).toMatch(/^1 problem\(s\) in /);
    expect(io.stdout).toEqual([]);
  });
});

describe('relais intents export', () => {
  it('writes one {"text","intent"} JSON line per utterance', async () => {
    const io = captureIo();
    expect(await runIntents(['export', '--format', 'jsonl', '--dir', fixture('valid')], io)).toBe(0);
    const rows = io.stdout.map((line) => JSON.parse(line));
    expect(rows).toHaveLength(36);
    expect(rows[0]).toEqual({ text: expect.any(String), intent: expect.any(String) });
    expect(new Set(rows.map((row) => row.intent))).toEqual(new Set(['gen_salut', 'tlc_alpha', 'tlc_beta']));
  });

  it('exits 1 when the intents do not load', async () => {
    const io = captureIo();
    expect(
      await runIntents(['export', '--format', 'jsonl', '--dir', fixture('too-few-utterances')], io),
    ).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/content_invalid: .*>=12/s);
  });

  it('requires --out for the yaml export, and rejects unknown formats', async () => {
    const io = captureIo();
    expect(await runIntents(['export', '--format', 'yaml', '--dir', fixture('valid')], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--out DIR is required/);
    expect(await runIntents(['export', '--format', 'csv'], captureIo())).toBe(2);
    expect(await runIntents(['export'], captureIo())).toBe(2);
  });
});

describe('relais', () => {
  it('prints usage on help and exits 2 on unknown commands or options', async () => {
    const help = captureIo();
    expect(await main(['help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toContain('intents validate');
    expect(await main(['frobnicate'], captureIo())).toBe(2);
    expect(await main([], captureIo())).toBe(2);
    expect(await runIntents(['validate', '--bogus'], captureIo())).toBe(2);
    expect(await runIntents(['nope'], captureIo())).toBe(2);
  });

  it('runs as bin/relais.js with the command exit code', async () => {
    const run = promisify(execFile);
    const bin = path.join(repoRoot, 'bin/relais.js');
    const ok = await run(process.execPath, [bin, 'intents', 'validate', '--dir', fixture('valid')]);
    expect(ok.stdout).toMatch(/^OK: 3 intents/);
    const broken = await run(process.execPath, [
      bin,
      'intents',
      'validate',
      '--dir',
      fixture('related-self'),
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(broken).toMatchObject({ code: 1 });
    expect((broken as { stderr: string }).stderr).toContain('tlc_alpha: related intent points to itself');
  }, 20_000);
});
