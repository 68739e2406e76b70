import { describe, expect, it } from 'vitest';
import { type Backend, sleep, useStore } from '../backends.js';

export function keyCases(backend: Backend): void {
  describe('de-duplication, rate limits, leases', () => {
    const ctx = useStore(backend);

    it('once: true the first time a key is seen within its TTL', async () => {
      const { store } = ctx;
      expect(await store.once('slack:event:Ev1', 200)).toBe(true);
      expect(await store.once('slack:event:Ev1', 200)).toBe(false);
      expect(await store.once('slack:event:Ev2', 200)).toBe(true);
      await sleep(300);
      expect(await store.once('slack:event:Ev1', 200)).toBe(true);
    });

    it('once: one winner among concurrent callers', async () => {
      const { store } = ctx;
      const stores = [store, ...(await ctx.peers(2))];
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % stores.length]!.once('teams:activity:A1', 5_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('hit: counts within a window, and starts again after it', async () => {
      const { store } = ctx;
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.hit('rate:slack:U1', 300)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.hit('rate:slack:U2', 300)).toBe(1);
      await sleep(400);
      expect(await store.hit('rate:slack:U1', 300)).toBe(1);
    });

    it('lease: refused to others while held, renewed by its holder, free once expired', async () => {
      const { store } = ctx;
      expect(await store.acquireLease('job:daily-digest', 'instance-a', 600)).toBe(true);
      expect(await store.acquireLease('job:daily-digest', 'instance-b', 600)).toBe(false);
      await sleep(300);
      expect(await store.acquireLease('job:daily-digest', 'instance-a', 600)).toBe(true); // renewal, until ~900 ms
      await sleep(400); // ~700 ms: past the first lease's end, within the renewed one
      expect(await store.acquireLease('job:daily-digest', 'instance-b', 600)).toBe(false);
      await sleep(400); // ~1100 ms: the renewed lease has run out
      expect(await store.acquireLease('job:daily-digest', 'instance-b', 600)).toBe(true);
    });

    it('lease: one holder among instances racing for it', async () => {
      const { store } = ctx;
      const stores = [store, ...(await ctx.peers(3))];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => stores[i % stores.length]!.acquireLease('job:deadlines', `instance-${i}`, 5_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
