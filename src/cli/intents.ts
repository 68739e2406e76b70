import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadIntentExamples, readContent } from '../content/catalogue.js';
import { ContentError } from '../content/errors.js';
import { formatProblem } from '../content/problem.js';
import { checkCatalogue } from '../content/validate.js';
import { type CliIo, ExitCode, processIo } from './io.js';

export const INTENTS_USAGE = [
  'usage: relais intents validate [--dir DIR]',
  '       relais intents export --format jsonl [--dir DIR]',
  '       relais intents export --format yaml --out DIR [--dir DIR]   (content as served, runtime edits included)',
  'DIR is the content root holding intents/ and messages/ (default: the current directory).',
].join('\n');

/** `relais intents validate`: one line per problem and exit 1, or a one-line summary and exit 0. */
function validate(dir: string, io: CliIo): number {
  const { catalogue, problems: loadProblems, unloadedIds } = readContent(dir);
  const problems = [...loadProblems, ...checkCatalogue(catalogue, unloadedIds)];
  if (problems.length > 0) {
    for (const problem of problems) io.err(formatProblem(problem));
    io.err(`${problems.length} problem(s) in ${dir}`);
    return ExitCode.Problems;
  }
  const utterances = [...catalogue.intents.values()].reduce((sum, i) => sum + i.utterances.length, 0);
  io.out(
    `OK: ${catalogue.intents.size} intents, ${catalogue.answers.size} answers, ${utterances} utterances, ` +
      `${catalogue.ui.fr.size} UI strings (fr, en) in ${dir}`,
  );
  return ExitCode.Ok;
}

interface ExportOptions {
  dir: string;
  out?: string;
}

/** One exporter per `--format`; `yaml` (runtime edits back to files) belongs to the admin layer. */
const EXPORTERS: Record<string, (options: ExportOptions, io: CliIo) => number | Promise<number>> = {
  jsonl: ({ dir }, io) => {
    for (const example of loadIntentExamples(dir))
      io.out(JSON.stringify({ text: example.text, intent: example.intent }));
    return ExitCode.Ok;
  },
  // Loaded on demand: the store is opened only for this format.
  yaml: async (options, io) => (await import('../admin/cli/export-yaml.js')).runYamlExport(options, io),
};

async function exportIntents(format: string | undefined, options: ExportOptions, io: CliIo): Promise<number> {
  const exporter = format === undefined ? undefined : EXPORTERS[format];
  if (!exporter) {
    io.err(`intents export: --format must be one of ${Object.keys(EXPORTERS).join(', ')}`);
    io.err(INTENTS_USAGE);
    return ExitCode.Usage;
  }
  try {
    return await exporter(options, io);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    io.err(`${error.code}: ${error.message}`);
    return ExitCode.Problems;
  }
}

/**
 * `relais intents <validate|export> …`. Returns the exit code: 0 done, 1 content problems,
 * 2 bad usage.
 */
export async function runIntents(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseIntentArgs>;
  try {
    parsed = parseIntentArgs(argv);
  } catch (error) {
    io.err(`intents: ${error instanceof Error ? error.message : String(error)}`);
    io.err(INTENTS_USAGE);
    return ExitCode.Usage;
  }
  const [command, ...extra] = parsed.positionals;
  const dir = path.resolve(parsed.values.dir ?? process.cwd());
  if (extra.length > 0) {
    io.err(`intents: unexpected argument "${extra[0]}"`);
    return ExitCode.Usage;
  }
  switch (command) {
    case 'validate':
      return validate(dir, io);
    case 'export':
      return exportIntents(parsed.values.format, { dir, out: parsed.values.out }, io);
    default:
      io.err(
        command === undefined ? INTENTS_USAGE : `intents: unknown command "${command}"\n${INTENTS_USAGE}`,
      );
      return ExitCode.Usage;
  }
}

function parseIntentArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
}
