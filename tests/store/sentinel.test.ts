import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store, StoreUnavailableError } from '../../src/store/index.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { freePort } from '../support/redis-server.js';
import { deploymentBackend, expectNewsHeard, randomPrefix, silentLogger, tempDir } from './backends.js';
import { contractCases } from './contract/index.js';
import { command, startSentinelGroup } from './support/topologies.js';

/** Redis behind Sentinel: the store is only told where the sentinels are and the group's name. */
describe('redis store behind Sentinel', () => {
  const backend = deploymentBackend('redis-sentinel', () => startSentinelGroup());

  describe('store contract on redis-sentinel', () => {
    contractCases(backend);
  });

  describe('failover and start-up', () => {
    const toClose: Store[] = [];
    afterEach(async () => {
      await Promise.all(toClose.splice(0).map((store) => store.close()));
    });
    const open = async (prefix: string): Promise<Store> => {
      const store = await createStore({
        redis: backend.deployment().target,
        redisPrefix: prefix,
        dataDir: tempDir(),
        logger: silentLogger,
      });
      toClose.push(store);
      return store;
    };

    it('keeps working on the promoted replica after a failover, with everything committed before it', async () => {
      const group = backend.deployment();
      const prefix = randomPrefix();
      const [writer, listener] = [await open(prefix), await open(prefix)];
      const heard: number[] = [];
      await listener.subscribe('content', (version) => heard.push(version));
      await writer.commit({
        writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: { status: 'open' } }],
        outbox: [{ id: 'n1', orderingKey: 'conv:1', channel: 'web', payload: { text: 'transmis' } }],
        audit: [{ at: '2025-03-03T09:00:00Z', actor: 'web:P1', action: 'escalation.create', subject: 'escalation:e1' }],
      });
      expect(await writer.once('dedupe:m1', 60_000)).toBe(true);
      expect(await writer.acquireLease('job:digest', 'instance-a', 60_000)).toBe(true);
      expect(await writer.bumpVersion('content')).toBe(1);
      await expect.poll(() => heard).toEqual([1]);
      const oldMaster = await group.master();

      const newMaster = await group.failover();
      expect(newMaster.port).not.toBe(oldMaster.port);

      // Until an instance is on the new master, its commands fail as "unavailable" (never hang, never
      // another error). A write the former master accepted in the moments before its last replica
      // left it is discarded by the failover (asynchronous replication, see the README): each
      // instance writes until its write is on the new master.
      const keys = redisKeys(prefix);
      const writesReachNewMaster = (store: Store, id: string) =>
        expect
          .poll(
            () =>
              store.commit({ writes: [{ collection: 'probes', id, value: {} }] }).then(
                async () => ((await command(newMaster, 'EXISTS', keys.doc('probes', id))) === 1 ? 'new master' : 'old'),
                (error: unknown) => {
                  if (error instanceof StoreUnavailableError) return 'unavailable';
                  throw error;
                },
              ),
            { timeout: 15_000, interval: 100 },
          )
          .toBe('new master');
      await writesReachNewMaster(writer, 'writer');
      await writesReachNewMaster(listener, 'listener');

      // Nothing committed before the failover is lost, and the check-then-sets still hold.
      expect(await writer.get('escalations', 'e1')).toMatchObject({ version: 1, value: { status: 'open' } });
      const claim = await listener.commit({
        writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 1, value: { status: 'claimed' } }],
      });
      expect(claim).toEqual({ ok: true, versions: [2] });
      expect((await writer.commit({ writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 1, value: {} }] })).ok).toBe(
        false,
      );
      expect((await listener.listOutbox()).map((item) => item.id)).toEqual(['n1']);
      expect((await listener.listAudit({ subject: 'escalation:e1' })).map((entry) => entry.action)).toEqual([
        'escalation.create',
      ]);
      expect(await listener.once('dedupe:m1', 60_000)).toBe(false);
      expect(await listener.acquireLease('job:digest', 'instance-b', 60_000)).toBe(false);
      expect(await listener.getVersion('content')).toBe(1);

      await expectNewsHeard(writer, heard, 15_000);
    });

    it('names the sentinels when none of them answers at start-up', async () => {
      const port = await freePort();
      const refused = createStore({
        redis: { mode: 'sentinel', sentinels: [{ host: '127.0.0.1', port }], name: 'relais-test' },
        dataDir: tempDir(),
        logger: silentLogger,
      });
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toThrow(
        `cannot connect to Redis at sentinel group 'relais-test' via 127.0.0.1:${port} (REDIS_SENTINELS)`,
      );
    });

    it('refuses to start when the sentinels do not know the group name', async () => {
      const { sentinel } = backend.deployment();
      const refused = createStore({
        redis: { mode: 'sentinel', sentinels: [sentinel], name: 'no-such-group' },
        dataDir: tempDir(),
        logger: silentLogger,
      });
      await expect(refused).rejects.toThrow(/cannot connect to Redis at sentinel group 'no-such-group'.*REDIS_SENTINELS/);
    });
  });
});
