import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, inject } from 'vitest';
import { createStore, type Store } from '../../src/store/index.js';

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
 * One backend under test. `open` gives a fresh, empty store; `peers` gives more handles on the SAME
 * data (other instances of a deployment), when the backend can be shared (Redis only: one process
 * owns an embedded folder).
 */
export interface Backend {
  name: 'embedded' | 'redis';
  open(): Promise<{ store: Store; peers(count: number): Promise<Store[]> }>;
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
    async open() {
      const redisUrl = inject('redisUrl');
      const redisPrefix = randomPrefix();
      const open = () => createStore({ redisUrl, redisPrefix, dataDir: os.tmpdir(), logger: silentLogger });
      const store = await open();
      return { store, peers: (count) => Promise.all(Array.from({ length: count }, open)) };
    },
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
