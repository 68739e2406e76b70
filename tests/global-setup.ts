import type { TestProject } from 'vitest/node';
import { startRedisServer } from './support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Redis for the whole run: REDIS_URL, or a redis-server started here. Use a random key prefix. */
    redisUrl: string;
  }
}

/**
 * Once per test run: provides `redisUrl` to every suite (`inject('redisUrl')`). Without REDIS_URL it
 * starts a redis-server on a free port, and fails the run if redis-server is missing (store tests are
 * never skipped).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return undefined;
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
