import { Cluster, type ClusterOptions, Redis, ReplyError, type RedisOptions } from 'ioredis';
import type pino from 'pino';
import { StoreUnavailableError, StoreUsageError } from '../contract.js';
import { describeRedisTarget, type RedisTarget, targetVariable } from './target.js';

/**
 * Connections to Redis (one server, a Sentinel group or a Cluster) and what the store requires of
 * the servers.
 *
 * While Redis is unreachable, commands fail at once with StoreUnavailableError (no offline queue)
 * instead of hanging; ioredis keeps reconnecting in the background (retryStrategy, forever) and the
 * store works again as soon as Redis is back. A command in flight when the connection drops is NOT
 * re-sent (it may have run): it fails, and its caller decides (versions and outbox ids make a retry
 * safe). A command that gets no reply in `COMMAND_TIMEOUT_MS` fails too.
 *
 * Sentinel: each (re)connection asks the sentinels for the current master. After a failover the
 * client drops its connection as soon as a sentinel announces `+switch-master` (failoverDetector),
 * or at the first READONLY / NOREPLICAS reply of the former master; that command did not run and
 * fails as "unavailable", the next one goes to the new master. Between the promotion of a replica
 * and that moment, the former master would still accept writes that the failover then discards,
 * unless it runs with `min-replicas-to-write 1`: it refuses writes once its last replica leaves.
 * The start-up check warns when that setting is off.
 * Cluster: every key of a deployment hashes to one slot (keys.ts), so every command and script goes
 * to the master of that slot; ioredis follows MOVED/ASK and refreshes the slot map after a failover.
 */

/** Any of the three kinds of connection; both classes offer the same commands. */
export type RedisClient = Redis | Cluster;

const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** A start-up that neither connects nor fails within this (a cluster that never gets ready) fails. */
const STARTUP_DEADLINE_MS = 20_000;

const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, 2_000);

/** What every connection to a data node shares. */
function nodeOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: true,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
  };
}

const nodeAuth = (target: { username?: string; password?: string; tls?: boolean }): RedisOptions => ({
  ...(target.username === undefined ? {} : { username: target.username }),
  ...(target.password === undefined ? {} : { password: target.password }),
  ...(target.tls ? { tls: {} } : {}),
});

/**
 * Behind Sentinel, a demoted master answers writes with READONLY, and a master that lost its
 * replicas (min-replicas-to-write) with NOREPLICAS: ask the sentinels for the master again. The
 * command itself did not run; it fails as "unavailable".
 */
const reconnectOnDemotion = (error: Error): 1 | false => (/^(READONLY|NOREPLICAS)/.test(error.message) ? 1 : false);

function createClient(target: RedisTarget): RedisClient {
  const common: RedisOptions = {
    ...nodeOptions(),
    lazyConnect: true,
    enableOfflineQueue: false,
    retryStrategy: reconnectDelay,
  };
  if (target.mode === 'standalone') return new Redis(target.url, common);
  if (target.mode === 'sentinel') {
    return new Redis({
      ...common,
      ...nodeAuth(target),
      sentinels: target.sentinels,
      name: target.name,
      role: 'master',
      ...(target.sentinelPassword === undefined ? {} : { sentinelPassword: target.sentinelPassword }),
      // One round over the sentinels per attempt; retryStrategy above paces the attempts, and a
      // start-up with no sentinel reachable fails instead of waiting forever.
      sentinelRetryStrategy: () => null,
      sentinelCommandTimeout: CONNECT_TIMEOUT_MS,
      failoverDetector: true,
      reconnectOnError: reconnectOnDemotion,
    });
  }
  const options: ClusterOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Reads go to masters too: a replica may lag, and the store reads its own writes.
    scaleReads: 'master',
    clusterRetryStrategy: reconnectDelay,
    // A node that drops: retry after a slot-map refresh, a bounded number of times (maxRedirections).
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    maxRedirections: 10,
    redisOptions: { ...nodeOptions(), ...nodeAuth(target) },
  };
  return new Cluster(target.nodes, options);
}

/** Opens a connection, or throws StoreUnavailableError naming the server if it cannot be reached. */
export async function connectRedis(target: RedisTarget, logger: pino.Logger, role: string): Promise<RedisClient> {
  const where = describeRedisTarget(target);
  const redis = createClient(target);
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
  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_resolve, reject) => {
        deadline = setTimeout(() => reject(new Error(`not ready after ${STARTUP_DEADLINE_MS} ms`)), STARTUP_DEADLINE_MS);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new StoreUnavailableError(
      `cannot connect to Redis at ${where} (${targetVariable(target)}): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    clearTimeout(deadline);
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

/** The servers to check: the one server, or every node of a cluster. */
function serversOf(client: RedisClient, where: string): { redis: Redis; where: string }[] {
  if (!(client instanceof Cluster)) return [{ redis: client, where }];
  return client.nodes('all').map((node) => ({ redis: node, where: `${node.options.host}:${node.options.port}` }));
}

/**
 * Start-up checks of the server (every node of a cluster).
 * - `maxmemory-policy` must be `noeviction`: any other policy lets Redis silently drop keys under
 *   memory pressure (an escalation, an outbox item, a job lease → a job runs twice), so the store
 *   refuses to start. On managed Redis where CONFIG is disabled, it can only warn.
 * - Persistence off (no AOF and no RDB saves) is allowed (tests, caches of a managed service that
 *   persists on its own) but logged as a warning: a Redis restart would lose everything.
 * With Sentinel only the current master can be checked: give its replicas the same settings.
 */
export async function checkRedisServer(
  client: RedisClient,
  logger: pino.Logger,
  where: string,
  mode: RedisTarget['mode'],
): Promise<void> {
  if (mode === 'sentinel') await checkFailoverSafety(client as Redis, logger, where);
  const volatile: string[] = [];
  for (const server of serversOf(client, where)) {
    if ((await checkOneServer(server.redis, logger, server.where)) === 'volatile') volatile.push(server.where);
  }
  if (volatile.length > 0) {
    logger.warn(
      { redis: where, ...(client instanceof Cluster ? { nodes: volatile } : {}) },
      'redis store: persistence is OFF (appendonly no, no save points): a Redis restart loses every escalation',
    );
  }
}

/** Behind Sentinel: warns when a failover may silently discard acknowledged writes (see above). */
async function checkFailoverSafety(redis: Redis, logger: pino.Logger, where: string): Promise<void> {
  let minReplicas: string | undefined;
  try {
    minReplicas = await configGet(redis, 'min-replicas-to-write');
  } catch (error) {
    if (!isReplyError(error)) throw asStoreError(error, where);
    return; // CONFIG disabled: the maxmemory-policy check below says so
  }
  if (minReplicas === '0') {
    logger.warn(
      { redis: where },
      'redis store: min-replicas-to-write is 0 on the master: writes acknowledged during a failover may be lost; ' +
        'set min-replicas-to-write 1 on every node (with two replicas, so that one can be down)',
    );
  }
}

/** Throws if the server may evict keys; says whether it persists anything. */
async function checkOneServer(
  redis: Redis,
  logger: pino.Logger,
  where: string,
): Promise<'persistent' | 'volatile' | 'unknown'> {
  let policy: string | undefined;
  try {
    policy = await configGet(redis, 'maxmemory-policy');
  } catch (error) {
    if (!isReplyError(error)) throw asStoreError(error, where);
    logger.warn(
      { redis: where, reason: error.message },
      'redis store: CONFIG GET is not allowed; cannot check that maxmemory-policy is noeviction, make sure it is',
    );
    return 'unknown';
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
  return appendonly !== 'yes' && (save === undefined || save.trim() === '') ? 'volatile' : 'persistent';
}
