import type pino from 'pino';
import type { Store } from './contract.js';
import { EmbeddedStore } from './embedded/embedded-store.js';
import { RedisStore } from './redis/redis-store.js';
import type { RedisTarget } from './redis/target.js';

export * from './contract.js';
export type { RedisNode, RedisTarget } from './redis/target.js';

export interface CreateStoreOptions {
  /**
   * When set, Redis is the store (several instances may share it): one server, a Sentinel group or a
   * Cluster. Otherwise (and without `redisUrl`) the embedded store.
   */
  redis?: RedisTarget;
  /** Shorthand for `redis: { mode: 'standalone', url }`. */
  redisUrl?: string;
  /** Hash-tag content of every Redis key of this deployment (default `relais`). */
  redisPrefix?: string;
  /** Folder of the embedded store (unused with Redis). */
  dataDir: string;
  logger: pino.Logger;
}

/**
 * The only way the application gets a store. Nothing else imports ioredis or touches the data
 * folder. Throws StoreUnavailableError with a message naming the cause (folder locked by pid N,
 * Redis unreachable, Redis eviction policy) when the store cannot serve.
 */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const logger = options.logger.child({ module: 'store' });
  const target = options.redis ?? (options.redisUrl ? { mode: 'standalone' as const, url: options.redisUrl } : undefined);
  if (target) {
    const store = await RedisStore.open({ target, prefix: options.redisPrefix, logger });
    logger.info({ backend: 'redis', redisMode: target.mode }, 'store ready');
    return store;
  }
  const store = EmbeddedStore.open({ dataDir: options.dataDir, logger });
  logger.info({ backend: 'embedded', dataDir: options.dataDir }, 'store ready');
  return store;
}
