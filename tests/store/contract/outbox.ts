import { describe, expect, it } from 'vitest';
import type { NewOutboxItem, Store } from '../../../src/store/index.js';
import { type Backend, sleep, TTL_MS, useStore } from '../backends.js';

const notice = (id: string, orderingKey: string, extra: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
  id,
  orderingKey,
  channel: 'slack',
  payload: { text: `notice ${id}` },
  ...extra,
});

/** Enqueues items one commit each, as services do (each with the state change it announces). */
async function enqueue(store: Store, ...items: NewOutboxItem[]): Promise<void> {
  for (const item of items) {
    await store.commit({ writes: [{ collection: 'escalations', id: item.id, value: { notified: item.id } }], outbox: [item] });
  }
}

const ids = (items: { id: string }[]): string[] => items.map((item) => item.id).sort();

export function outboxCases(backend: Backend): void {
  describe('outbox', () => {
    const ctx = useStore(backend);
    const lease = { limit: 10, leaseMs: 5_000 };

    it('hands out one item per ordering key at a time, in enqueue order', async () => {
      const { store } = ctx;
      await enqueue(store, notice('a1', 'conv:A'), notice('b1', 'conv:B'), notice('a2', 'conv:A'), notice('a3', 'conv:A'));
      const delivered: string[] = [];
      for (let round = 0; round < 5; round += 1) {
        const batch = await store.claimOutbox({ ...lease, worker: 'w1' });
        for (const item of batch) {
          delivered.push(item.id);
          await store.completeOutbox(item.id);
        }
      }
      expect(delivered.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
      expect(delivered).toContain('b1');
      expect(await store.listOutbox()).toEqual([]);
    });

    it('does not hand a leased item to another worker until its lease runs out', async () => {
      const { store } = ctx;
      await enqueue(store, notice('n1', 'conv:A'));
      const [first] = await store.claimOutbox({ limit: 10, leaseMs: TTL_MS, worker: 'w1' });
      expect(first).toMatchObject({ id: 'n1', attempts: 1, status: 'pending', payload: { text: 'notice n1' } });
      expect(await store.claimOutbox({ ...lease, worker: 'w2' })).toEqual([]);
      await sleep(TTL_MS + 100); // w1 died without completing
      const again = await store.claimOutbox({ ...lease, worker: 'w2' });
      expect(again).toMatchObject([{ id: 'n1', attempts: 2 }]);
    });

    it('ignores a second enqueue of the same id, also after delivery', async () => {
      const { store } = ctx;
      await enqueue(store, notice('n1', 'conv:A'), notice('n1', 'conv:A'));
      expect(ids(await store.listOutbox())).toEqual(['n1']);
      await store.completeOutbox('n1');
      await enqueue(store, notice('n1', 'conv:A'));
      expect(await store.listOutbox()).toEqual([]);
    });

    it('retries a failed item at the given time, keeping later items of its key waiting', async () => {
      const { store } = ctx;
      await enqueue(store, notice('a1', 'conv:A'), notice('a2', 'conv:A'));
      await store.claimOutbox({ ...lease, worker: 'w1' });
      await store.retryOutbox('a1', Date.now() + TTL_MS, 'slack rate limited');
      expect(await store.claimOutbox({ ...lease, worker: 'w1' })).toEqual([]);
      expect(await store.listOutbox({ status: 'pending' })).toMatchObject([
        { id: 'a1', attempts: 1, lastError: 'slack rate limited' },
        { id: 'a2', attempts: 0 },
      ]);
      await sleep(TTL_MS + 100);
      expect(await store.claimOutbox({ ...lease, worker: 'w1' })).toMatchObject([{ id: 'a1', attempts: 2 }]);
    });

    it('sets a dead item aside, lets its key go on, and can requeue it', async () => {
      const { store } = ctx;
      await enqueue(store, notice('a1', 'conv:A'), notice('a2', 'conv:A'));
      await store.claimOutbox({ ...lease, worker: 'w1' });
      await store.deadLetterOutbox('a1', 'channel_not_found');
      expect(await store.listOutbox({ status: 'dead' })).toMatchObject([{ id: 'a1', lastError: 'channel_not_found' }]);
      expect(ids(await store.claimOutbox({ ...lease, worker: 'w1' }))).toEqual(['a2']);
      await store.completeOutbox('a2');

      expect(await store.requeueDead('a2')).toBe(false);
      expect(await store.requeueDead('a1')).toBe(true);
      expect(await store.listOutbox({ status: 'dead' })).toEqual([]);
      expect(await store.claimOutbox({ ...lease, worker: 'w1' })).toMatchObject([{ id: 'a1', attempts: 1 }]);
    });

    it('holds an item back until its notBefore time', async () => {
      const { store } = ctx;
      await enqueue(store, notice('later', 'conv:A', { notBefore: Date.now() + TTL_MS }), notice('now', 'conv:B'));
      expect(ids(await store.claimOutbox({ ...lease, worker: 'w1' }))).toEqual(['now']);
      await sleep(TTL_MS + 100);
      expect(ids(await store.claimOutbox({ ...lease, worker: 'w1' }))).toEqual(['later']);
    });

    it('gives each item to one worker when many claim at once', async () => {
      const { store } = ctx;
      const workers = [store, ...(await ctx.peers(3))];
      await enqueue(store, ...Array.from({ length: 20 }, (_, i) => notice(`n${i}`, `conv:${i}`)));
      const batches = await Promise.all(workers.map((w, i) => w.claimOutbox({ limit: 20, leaseMs: 5_000, worker: `w${i}` })));
      const handedOut = batches.flat().map((item) => item.id);
      expect(handedOut.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
    });
  });
}
