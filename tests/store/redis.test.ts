import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createStore, type Store, StoreUnavailableError } from '../../src/store/index.js';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.js';
import { expectNewsHeard, randomPrefix, silentLogger, tempDir } from './backends.js';

const openRedis = (redisUrl: string, redisPrefix: string, logger = silentLogger): Promise<Store> =>
  createStore({ redisUrl, redisPrefix, dataDir: tempDir(), logger });

/** A logger whose records the test can read. */
function recordingLogger(): { logger: pino.Logger; records: { level: number; msg: string }[] } {
  const records: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => records.push(JSON.parse(line)) });
  return { logger, records };
}

describe('redis store', () => {
  const toClose: Store[] = [];
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((store) => store.close()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('tells every instance of a deployment about a version bump, and no other deployment', async () => {
    const url = inject('redisUrl');
    const prefix = randomPrefix();
    const [a, b, other] = await Promise.all([openRedis(url, prefix), openRedis(url, prefix), openRedis(url, randomPrefix())]);
    toClose.push(a, b, other);
    const heardByB: number[] = [];
    const heardByOther: number[] = [];
    await b.subscribe('content', (version) => heardByB.push(version));
    await other.subscribe('content', (version) => heardByOther.push(version));
    await a.bumpVersion('content');
    await a.bumpVersion('content');
    await expect.poll(() => heardByB).toEqual([1, 2]);
    expect(await b.getVersion('content')).toBe(2);
    expect(await other.getVersion('content')).toBe(0);
    expect(heardByOther).toEqual([]);
  });

  it('rewrites the append-only file so that an erased value leaves the disk', async () => {
    const server = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
    servers.push(server);
    const store = await openRedis(server.url, randomPrefix());
    toClose.push(store);
    const filesText = () =>
      readdirSync(server.dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'latin1'))
        .join('\n');
    await store.commit({ writes: [{ collection: 'transcripts', id: 'u/1', value: { text: 'zoroastre' } }] });
    await store.commit({ writes: [{ collection: 'transcripts', id: 'u/1', value: null, expectedVersion: 1 }] });
    expect(filesText()).toMatch(/zoroastre/);

    await store.purgeHistory();
    const raw = new Redis(server.url);
    try {
      await expect
        .poll(async () => /aof_rewrite_in_progress:0[\s\S]*aof_rewrite_scheduled:0/.test(await raw.info('persistence')))
        .toBe(true);
    } finally {
      raw.disconnect();
    }
    await expect.poll(filesText).not.toMatch(/zoroastre/);
    expect(await store.get('transcripts', 'u/1')).toBeNull();
  });

  it('keeps every key of a deployment under its hash tag (one Redis Cluster slot)', async () => {
    const url = inject('redisUrl');
    const prefix = randomPrefix();
    const store = await openRedis(url, prefix);
    toClose.push(store);
    await store.commit({
      writes: [{ collection: 'escalations', id: 'e1', value: {}, ttlMs: 60_000 }],
      outbox: [{ id: 'n1', orderingKey: 'conv:1', channel: 'web', payload: {} }],
      audit: [{ at: '2025-03-03T09:00:00Z', actor: 'system', action: 'x', subject: 'escalation:e1' }],
    });
    await Promise.all([store.once('k', 60_000), store.hit('k', 60_000), store.acquireLease('k', 'me', 60_000)]);
    await store.bumpVersion('content');
    const raw = new Redis(url);
    try {
      const keys = await raw.keys(`*${prefix}*`);
      expect(keys.length).toBeGreaterThanOrEqual(12);
      for (const key of keys) expect(key.startsWith(`{${prefix}}:`)).toBe(true);
    } finally {
      raw.disconnect();
    }
  });

  it('refuses to start on a Redis that may evict keys', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    servers.push(server);
    const refused = openRedis(server.url, randomPrefix());
    await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(refused).rejects.toThrow(/maxmemory-policy=allkeys-lru.*noeviction/);
  });

  it('warns at start-up when Redis persistence is off', async () => {
    const { logger, records } = recordingLogger();
    toClose.push(await openRedis(inject('redisUrl'), randomPrefix(), logger));
    expect(records.filter((r) => r.level === 40).map((r) => r.msg)).toEqual([
      expect.stringContaining('persistence is OFF'),
    ]);
  });

  it('names the server when it cannot reach it at start-up', async () => {
    const port = await freePort();
    await expect(openRedis(`redis://127.0.0.1:${port}`, randomPrefix())).rejects.toThrow(
      `cannot connect to Redis at redis://127.0.0.1:${port}`,
    );
  });

  it('fails fast while Redis is down, then works again after it restarts, subscriptions included', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const prefix = randomPrefix();
    const [writer, listener] = await Promise.all([openRedis(server.url, prefix), openRedis(server.url, prefix)]);
    toClose.push(writer, listener);
    const heard: number[] = [];
    await listener.subscribe('content', (version) => heard.push(version));
    await writer.bumpVersion('content');
    await expect.poll(() => heard).toEqual([1]);

    await server.stop();
    const started = Date.now();
    await expect(writer.get('escalations', 'e1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(writer.commit({ writes: [{ collection: 'escalations', id: 'e1', value: {} }] })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    // Not the 5 s command timeout: failing fast is well under it, even on a busy machine.
    expect(Date.now() - started).toBeLessThan(2_500);

    await server.restart(); // empty: the test server keeps nothing, and its script cache is gone too
    await expect.poll(() => writer.ping().then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('up');
    const created = await writer.commit({ writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: {} }] });
    expect(created).toEqual({ ok: true, versions: [1] });
    await expect.poll(() => listener.ping().then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('up');
    await expectNewsHeard(writer, heard, 10_000);
  });
});
