import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type RedisTarget, type Store, StoreUnavailableError } from '../../src/store/index.js';
import { freePort } from '../support/redis-server.js';
import { deploymentBackend, expectNewsHeard, randomPrefix, silentLogger, tempDir } from './backends.js';
import { contractCases } from './contract/index.js';
import { command, startRedisCluster, waitFor } from './support/topologies.js';

/**
 * Redis Cluster: three masters. The store is given one node and discovers the others. Every random
 * prefix of the contract cases lands on one of the three (one hash tag per deployment).
 */
describe('redis store on a Cluster', () => {
  const backend = deploymentBackend('redis-cluster', () => startRedisCluster());

  describe('store contract on redis-cluster', () => {
    contractCases(backend);
  });

  describe('one slot per deployment, node outage', () => {
    const toClose: Store[] = [];
    afterEach(async () => {
      await Promise.all(toClose.splice(0).map((store) => store.close()));
    });
    const open = async (prefix: string, redis: RedisTarget = backend.deployment().target): Promise<Store> => {
      const store = await createStore({ redis, redisPrefix: prefix, dataDir: tempDir(), logger: silentLogger });
      toClose.push(store);
      return store;
    };
    const nodeOf = (port: number) => ({ host: '127.0.0.1', port });

    it('keeps every key of a deployment on the node that owns its slot, whichever node it was given', async () => {
      const cluster = backend.deployment();
      const prefix = randomPrefix();
      const owner = await cluster.serverOf(prefix);
      const other = cluster.servers.find((server) => server.port !== owner.port)!;
      // Two instances seeded with different nodes, one of them not the owner: same data, same news.
      const [a, b] = [await open(prefix, { mode: 'cluster', nodes: [nodeOf(other.port)] }), await open(prefix)];
      const heard: number[] = [];
      await b.subscribe('content', (version) => heard.push(version));
      await a.commit({
        writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: { status: 'open' } }],
        outbox: [{ id: 'n1', orderingKey: 'conv:1', channel: 'web', payload: {} }],
        audit: [{ at: '2025-03-03T09:00:00Z', actor: 'system', action: 'x', subject: 'escalation:e1' }],
      });
      await Promise.all([a.once('k', 60_000), a.hit('k', 60_000), a.acquireLease('k', 'me', 60_000)]);
      expect(await a.bumpVersion('content')).toBe(1);
      await expect.poll(() => heard).toEqual([1]);
      expect((await b.claimOutbox({ limit: 5, leaseMs: 60_000, worker: 'w' })).map((item) => item.id)).toEqual(['n1']);
      expect(await b.get('escalations', 'e1')).toMatchObject({ version: 1 });

      for (const server of cluster.servers) {
        const keys = (await command(nodeOf(server.port), 'KEYS', `{${prefix}}:*`)) as string[];
        if (server.port === owner.port) expect(keys.length).toBeGreaterThanOrEqual(12);
        else expect(keys).toEqual([]);
      }
    });

    it('fails fast while the node of its slot is down, then works again, scripts reloaded, once it is back', async () => {
      const cluster = backend.deployment();
      const prefix = randomPrefix();
      const owner = await cluster.serverOf(prefix);
      const [writer, listener] = [await open(prefix), await open(prefix)];
      const heard: number[] = [];
      await listener.subscribe('content', (version) => heard.push(version));
      await writer.bumpVersion('content');
      await expect.poll(() => heard).toEqual([1]);

      await owner.stop();
      const started = Date.now();
      await expect(writer.get('escalations', 'e1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(
        writer.commit({ writes: [{ collection: 'escalations', id: 'e1', value: {} }] }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      // Bounded retries (slot-map refresh, then give up), far below the 5 s command timeout.
      expect(Date.now() - started).toBeLessThan(5_000);

      // Back empty (the test nodes keep nothing), same identity and slots, no script in its cache:
      // the scripts run again through the NOSCRIPT fallback.
      await owner.restart();
      await waitFor('cluster state ok again', async () =>
        ((await command(nodeOf(owner.port), 'CLUSTER', 'INFO')) as string).includes('cluster_state:ok') ? true : undefined,
      );
      await expect.poll(() => writer.ping().then(() => 'up', () => 'down'), { timeout: 15_000 }).toBe('up');
      const created = await writer.commit({ writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: {} }] });
      expect(created).toEqual({ ok: true, versions: [1] });
      expect(await writer.acquireLease('job', 'me', 60_000)).toBe(true);

      await expectNewsHeard(writer, heard, 15_000);
    });

    it('names the cluster nodes when none answers at start-up', async () => {
      const port = await freePort();
      const refused = open(randomPrefix(), { mode: 'cluster', nodes: [nodeOf(port)] });
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toThrow(`cannot connect to Redis at cluster via 127.0.0.1:${port} (REDIS_CLUSTER_NODES)`);
    });

    it('keeps deployments apart on one cluster', async () => {
      const [a, b] = [await open(randomPrefix()), await open(randomPrefix())];
      await a.commit({ writes: [{ collection: 'escalations', id: 'e1', value: { of: 'a' } }] });
      expect(await b.get('escalations', 'e1')).toBeNull();
      expect(await b.list('escalations')).toEqual([]);
    });
  });
});
