import type pino from 'pino';
import type { Store } from './contract.js';
import { EmbeddedStore } from './embedded/embedded-store.js';
import { RedisStore } from './redis/redis-store.js';

export * from './contract.js';

export interface CreateStoreOptions {
  /** When set, Redis is the store (several instances may share it); otherwise the embedded store. */
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
  if (options.redisUrl) {
    const store = await RedisStore.open({ url: options.redisUrl, prefix: options.redisPrefix, logger });
    logger.info({ backend: 'redis' }, 'store ready');
    return store;
  }
  const store = EmbeddedStore.open({ dataDir: options.dataDir, logger });
  logger.info({ backend: 'embedded', dataDir: options.dataDir }, 'store ready');
  return store;
}
