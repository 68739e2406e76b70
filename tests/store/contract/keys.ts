import { describe, expect, it } from 'vitest';
import { type Backend, sleep, TTL_MS, useStore } from '../backends.js';

export function keyCases(backend: Backend): void {
  describe('de-duplication, rate limits, leases', () => {
    const ctx = useStore(backend);

    it('once: true the first time a key is seen within its TTL', async () => {
      const { store } = ctx;
      expect(await store.once('slack:event:Ev1', TTL_MS)).toBe(true);
      expect(await store.once('slack:event:Ev1', TTL_MS)).toBe(false);
      expect(await store.once('slack:event:Ev2', TTL_MS)).toBe(true);
      await sleep(TTL_MS + 100);
      expect(await store.once('slack:event:Ev1', TTL_MS)).toBe(true);
    });

    it('once: one winner among concurrent callers', async () => {
      const { store } = ctx;
      const stores = [store, ...(await ctx.peers(2))];
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % stores.length]!.once('teams:activity:A1', 5_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('hit: counts within a window, and starts again after it', async () => {
      const { store } = ctx;
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.hit('rate:slack:U1', TTL_MS)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.hit('rate:slack:U2', TTL_MS)).toBe(1);
      await sleep(TTL_MS + 100);
      expect(await store.hit('rate:slack:U1', TTL_MS)).toBe(1);
    });

    it('lease: refused to others while held, renewed by its holder, free once expired', async () => {
      const { store } = ctx;
      // A lease of T = 2 s. Each "still held" check comes T/2 - 100 ms or more before the end of the
      // lease it relies on, so a busy machine cannot make it lapse; "run out" checks come after it.
      const T = 2 * TTL_MS;
      expect(await store.acquireLease('job:daily-digest', 'instance-a', T)).toBe(true);
      expect(await store.acquireLease('job:daily-digest', 'instance-b', T)).toBe(false);
      await sleep(T / 2);
      expect(await store.acquireLease('job:daily-digest', 'instance-a', T)).toBe(true); // renewal, until ≥ 1.5 T
      await sleep(T / 2 + 100); // ≥ T + 100 ms: past the first lease's end, within the renewed one
      expect(await store.acquireLease('job:daily-digest', 'instance-b', T)).toBe(false);
      await sleep(T); // past the renewed lease's end, however late the renewal came
      expect(await store.acquireLease('job:daily-digest', 'instance-b', T)).toBe(true);
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
