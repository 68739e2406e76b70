import pino, { type DestinationStream, type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * Logging and metrics. Logs are JSON (pino). At info level they never contain message text: code
 * logs intent ids, decisions, durations and ids; text may appear at debug level only, NIR-masked.
 */

export type { Logger };

/** Keys that could carry what a professional wrote: redacted whatever the level. */
const REDACTED_PATHS = ['text', 'question', 'answer', 'body', '*.text', '*.question', '*.body', 'req.headers.authorization'];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'relais' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The Prometheus registry every module registers its metrics on (prom-client keeps one registry per
 * process; services receive it through this module rather than the library's global default).
 */
export const metricsRegistry = new Registry();

let defaultsCollected = false;

/** Process metrics (CPU, memory, event loop lag), collected once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'relais_' });
}
