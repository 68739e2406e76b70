import { INTENTS_USAGE, runIntents } from './intents.js';
import { type CliIo, ExitCode, processIo } from './io.js';

export const USAGE = [
  'usage: relais <command> …',
  '',
  'commands:',
  '  intents validate [--dir DIR]            check intents/ and messages/ (exit 1 on any problem)',
  '  intents export --format jsonl [--dir DIR]  training utterances as {"text","intent"} lines',
  '  eval …                                  measure the matcher (see: relais eval --help)',
  '  help                                    this text',
  '',
  INTENTS_USAGE,
].join('\n');

/** The `relais` command line: dispatches to a command and returns its exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'intents':
      return runIntents(rest, io);
    case 'eval': {
      // Loaded on demand: validating content must not pay for loading the matcher.
      const { runEval } = await import('./eval.js');
      return runEval(rest);
    }
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return ExitCode.Ok;
    default:
      io.err(command === undefined ? USAGE : `relais: unknown command "${command}"\n\n${USAGE}`);
      return ExitCode.Usage;
  }
}
