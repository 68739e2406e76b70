import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import type pino from 'pino';
import { StoreUnavailableError, StoreUsageError } from '../contract.js';

/**
 * Connections to Redis and what the store requires of the server.
 *
 * While Redis is unreachable, commands fail at once with StoreUnavailableError (no offline queue)
 * instead of hanging; ioredis keeps reconnecting in the background (retryStrategy, forever) and the
 * store works again as soon as Redis is back. A command in flight when the connection drops is NOT
 * re-sent (it may have run): it fails, and its caller decides (versions and outbox ids make a retry
 * safe). A command that gets no reply in `COMMAND_TIMEOUT_MS` fails too.
 */

const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** `redis://host:port/db` without credentials, for messages and logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

function clientOptions(): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: true,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}

/** Opens a connection, or throws StoreUnavailableError naming the server if it cannot be reached. */
export async function connectRedis(url: string, logger: pino.Logger, role: string): Promise<Redis> {
  const where = describeRedisUrl(url);
  const redis = new Redis(url, clientOptions());
  let down = false;
  // Without an error listener ioredis prints every failed reconnection attempt.
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error, redis: where, role }, 'redis store: connection lost, reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ redis: where, role }, 'redis store: reconnected');
    down = false;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new StoreUnavailableError(`cannot connect to Redis at ${where} (REDIS_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return redis;
}

/** An error reply of the server (ioredis exports its class untyped). */
export const isReplyError = (error: unknown): error is Error => error instanceof (ReplyError as ErrorConstructor);

/** Server replies that mean "not now" rather than "wrong request". */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|NOREPLICAS)/;

/**
 * Turns connection failures into StoreUnavailableError. Errors that are not about reaching Redis
 * stay as they are: a genuine error reply, a coded store error, a programming error.
 */
export function asStoreError(error: unknown, where: string): Error {
  if (isReplyError(error) && !TRANSIENT_REPLY.test(error.message)) return error;
  if (error instanceof StoreUnavailableError || error instanceof StoreUsageError) return error;
  if (error instanceof TypeError || error instanceof SyntaxError || error instanceof RangeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`Redis at ${where} is unavailable: ${message}`, { cause: error });
}

async function configGet(redis: Redis, parameter: string): Promise<string | undefined> {
  const reply = (await redis.call('CONFIG', 'GET', parameter)) as string[];
  return reply[1];
}

/**
 * Start-up checks of the server.
 * - `maxmemory-policy` must be `noeviction`: any other policy lets Redis silently drop keys under
 *   memory pressure (an escalation, an outbox item, a job lease → a job runs twice), so the store
 *   refuses to start. On managed Redis where CONFIG is disabled, it can only warn.
 * - Persistence off (no AOF and no RDB saves) is allowed (tests, caches of a managed service that
 *   persists on its own) but logged as a warning: a Redis restart would lose everything.
 */
export async function checkRedisServer(redis: Redis, logger: pino.Logger, where: string): Promise<void> {
  let policy: string | undefined;
  try {
    policy = await configGet(redis, 'maxmemory-policy');
  } catch (error) {
    if (!isReplyError(error)) throw asStoreError(error, where);
    logger.warn(
      { redis: where, reason: error.message },
      'redis store: CONFIG GET is not allowed; cannot check that maxmemory-policy is noeviction, make sure it is',
    );
    return;
  }
  if (policy !== undefined && policy !== 'noeviction') {
    throw new StoreUnavailableError(
      `Redis at ${where} has maxmemory-policy=${policy}; Relais needs noeviction (other policies may silently ` +
        'delete escalations, notifications and job leases). Set it with CONFIG SET maxmemory-policy noeviction ' +
        'and in redis.conf (or the managed service parameter group).',
    );
  }
  const appendonly = await configGet(redis, 'appendonly');
  const save = await configGet(redis, 'save');
  if (appendonly !== 'yes' && (save === undefined || save.trim() === '')) {
    logger.warn(
      { redis: where },
      'redis store: persistence is OFF (appendonly no, no save points): a Redis restart loses every escalation',
    );
  }
}
