import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, afterEach, beforeEach, expect, inject } from 'vitest';
import { createStore, type RedisTarget, type Store } from '../../src/store/index.js';

/** Logs of the store under test are not the subject of these tests. */
export const silentLogger = pino({ level: 'silent' });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A time to live (TTL, lease, retry delay) for cases that check a key both before and after it
 * runs out, in real time. The "before" checks come within a few store calls, which a loaded 2-core
 * machine can stretch to a few hundred ms: 1 s keeps them well inside it (200 ms did not).
 */
export const TTL_MS = 1_000;

/** A fresh empty folder under the OS temp dir. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'relais-store-'));
}

/** A random Redis key prefix, so that suites never see each other's keys. */
export function randomPrefix(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

/**
 * Change notifications reach another instance again (after a failover, a node or server restart):
 * bumps `content` on `writer` until the listener has heard more than one version, live or through
 * its catch-up, then checks that the latest one is heard.
 */
export async function expectNewsHeard(writer: Store, heard: number[], timeoutMs: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await writer.bumpVersion('content');
        return heard.length;
      },
      { timeout: timeoutMs, interval: 300 },
    )
    .toBeGreaterThan(1);
  const latest = await writer.bumpVersion('content');
  await expect.poll(() => heard.at(-1)).toBe(latest);
}

/**
 * One backend under test. `open` gives a fresh, empty store; `peers` gives more handles on the SAME
 * data (other instances of a deployment), when the backend can be shared (Redis only: one process
 * owns an embedded folder).
 */
export interface Backend {
  name: 'embedded' | 'redis' | 'redis-sentinel' | 'redis-cluster';
  open(): Promise<{ store: Store; peers(count: number): Promise<Store[]> }>;
}

/** Opens stores of one fresh deployment (random prefix) on a Redis target. */
function openRedisDeployment(redis: RedisTarget): ReturnType<Backend['open']> {
  const redisPrefix = randomPrefix();
  const open = () => createStore({ redis, redisPrefix, dataDir: os.tmpdir(), logger: silentLogger });
  return open().then((store) => ({ store, peers: (count) => Promise.all(Array.from({ length: count }, open)) }));
}

/** A Redis deployment the test file starts itself (Sentinel group, Cluster) and stops at the end. */
export interface RedisDeployment {
  readonly target: RedisTarget;
  stop(): Promise<void>;
}

/**
 * A backend on a Redis deployment started once for the enclosing describe (in beforeAll, stopped in
 * afterAll). `deployment()` gives the running one to tests that need its servers.
 */
export function deploymentBackend<D extends RedisDeployment>(
  name: 'redis-sentinel' | 'redis-cluster',
  start: () => Promise<D>,
): Backend & { deployment(): D } {
  let running: D | undefined;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  const deployment = (): D => {
    if (!running) throw new Error(`${name}: the deployment is not running (use it inside the describe that made it)`);
    return running;
  };
  return { name, deployment, open: () => openRedisDeployment(deployment().target) };
}

export const backends: Backend[] = [
  {
    name: 'embedded',
    async open() {
      const store = await createStore({ dataDir: tempDir(), logger: silentLogger });
      return { store, peers: async () => [] };
    },
  },
  {
    name: 'redis',
    open: () => openRedisDeployment({ mode: 'standalone', url: inject('redisUrl') }),
  },
];

/** What a test sees: the store under test, and a way to get peers on the same data. */
export interface StoreFixture {
  store: Store;
  peers(count: number): Promise<Store[]>;
}

/** Opens a fresh store before each test of the enclosing describe, closes it (and its peers) after. */
export function useStore(backend: Backend): StoreFixture {
  const fixture = {} as StoreFixture;
  const opened: Store[] = [];
  beforeEach(async () => {
    const { store, peers } = await backend.open();
    opened.push(store);
    fixture.store = store;
    fixture.peers = async (count) => {
      const more = await peers(count);
      opened.push(...more);
      return more;
    };
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return fixture;
}
