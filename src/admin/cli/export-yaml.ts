import path from 'node:path';
import type { CliIo } from '../../cli/io.js';
import { ExitCode } from '../../cli/io.js';
import { systemClock } from '../../clock.js';
import { loadCatalogue } from '../../content/catalogue.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../observability.js';
import { createStore } from '../../store/index.js';
import { exportContent } from '../export.js';

/**
 * `relais intents export --format yaml --out DIR [--dir DIR]`: opens the configured store (Redis,
 * or the embedded data folder, which a running embedded server keeps locked) and writes the content
 * as served now under DIR.
 */
export async function runYamlExport(options: { dir: string; out?: string }, io: CliIo): Promise<number> {
  if (!options.out) {
    io.err('intents export --format yaml: --out DIR is required');
    return ExitCode.Usage;
  }
  const out = path.resolve(options.out);
  if (out === path.resolve(options.dir)) {
    io.err('intents export --format yaml: --out must differ from the content root (review the diff, then copy)');
    return ExitCode.Usage;
  }
  const config = loadConfig();
  const catalogue = loadCatalogue(options.dir);
  const store = await createStore({
    ...(config.redis ? { redis: config.redis } : {}),
    redisPrefix: config.REDIS_PREFIX,
    dataDir: config.dataDir,
    logger: createLogger('warn', process.stderr),
  });
  try {
    const report = await exportContent({ catalogue, contentDir: options.dir, store, clock: systemClock, out });
    io.out(
      `exported ${report.intents} intents and ${report.answers} answers to ${out} ` +
        `(runtime edits: ${report.changedAnswers.length} answers, ${report.changedUtterances.length} utterance lists)`,
    );
    return ExitCode.Ok;
  } finally {
    await store.close();
  }
}
