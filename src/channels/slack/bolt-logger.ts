import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../observability.js';

/**
 * Bolt and the Web API client log through this adapter into the service's pino logger. Their debug
 * output includes request bodies (what professionals wrote), so it is dropped whatever the level:
 * message text must never reach the logs unmasked.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-sdk' });
  let name = 'slack';
  const join = (parts: unknown[]): string => parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ');
  return {
    debug: () => {},
    info: (...msg: unknown[]) => child.info({ sdk: name }, join(msg)),
    warn: (...msg: unknown[]) => child.warn({ sdk: name }, join(msg)),
    error: (...msg: unknown[]) => child.error({ sdk: name }, join(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: (n: string) => {
      name = n;
    },
  };
}
