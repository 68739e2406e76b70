import { createRelais } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './observability.js';

/**
 * `npm start`: reads the configuration, builds Relais and serves it until SIGTERM/SIGINT, then
 * stops gracefully (stop accepting, finish in-flight requests, stop workers, flush the store).
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`relais: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const startedAt = performance.now();
  const relais = await createRelais(config, { logger });
  const { url } = await relais.start();
  logger.info(
    { url, store: relais.store.kind, startupMs: Math.round(performance.now() - startedAt) },
    `Relais is listening on ${url} (web console: ${url}/)`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    relais
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`relais: could not start: ${message}\n`);
  process.exit(1);
});
