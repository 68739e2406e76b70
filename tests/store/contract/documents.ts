import { describe, expect, it } from 'vitest';
import { type CommitResult, type Store, StoreUsageError } from '../../../src/store/index.js';
import { type Backend, sleep, TTL_MS, useStore } from '../backends.js';

interface Escalation {
  status: 'open' | 'claimed';
  owner?: string;
}

/** A delegate's claim as the escalation service does it: read, then commit against that version. */
async function claim(store: Store, id: string, delegate: string, seenVersion: number): Promise<CommitResult> {
  return store.commit({
    writes: [{ collection: 'escalations', id, expectedVersion: seenVersion, value: { status: 'claimed', owner: delegate } }],
    outbox: [{ id: `${id}:claimed`, orderingKey: `escalation:${id}`, channel: 'slack', payload: { owner: delegate } }],
    audit: [{ at: '2025-03-03T09:00:00Z', actor: delegate, action: 'escalation.claim', subject: `escalation:${id}` }],
  });
}

export function documentCases(backend: Backend): void {
  describe('documents and commit', () => {
    const ctx = useStore(backend);

    it('creates only if absent, then updates only from the version it read', async () => {
      const { store } = ctx;
      expect(await store.get('escalations', 'e1')).toBeNull();
      const open = { status: 'open' } satisfies Escalation;
      expect(await store.commit({ writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: open }] }))
        .toEqual({ ok: true, versions: [1] });
      expect(await store.get('escalations', 'e1')).toEqual({ collection: 'escalations', id: 'e1', version: 1, value: open });

      const again = await store.commit({ writes: [{ collection: 'escalations', id: 'e1', expectedVersion: 0, value: {} }] });
      expect(again).toEqual({
        ok: false,
        conflict: { collection: 'escalations', id: 'e1', expectedVersion: 0, actualVersion: 1 },
      });
      expect(await claim(store, 'e1', 'slack:U1', 1)).toEqual({ ok: true, versions: [2] });
      const stale = await claim(store, 'e1', 'slack:U2', 1);
      expect(stale).toMatchObject({ ok: false, conflict: { expectedVersion: 1, actualVersion: 2 } });
      expect((await store.get<Escalation>('escalations', 'e1'))?.value.owner).toBe('slack:U1');
    });

    it('writes unconditionally without expectedVersion, and deletes with null', async () => {
      const { store } = ctx;
      await store.commit({ writes: [{ collection: 'conversations', id: 'c1', value: { step: 1 } }] });
      expect(await store.commit({ writes: [{ collection: 'conversations', id: 'c1', value: { step: 2 } }] }))
        .toEqual({ ok: true, versions: [2] });
      expect(await store.commit({ writes: [{ collection: 'conversations', id: 'c1', expectedVersion: 2, value: null }] }))
        .toEqual({ ok: true, versions: [0] });
      expect(await store.get('conversations', 'c1')).toBeNull();
      expect(await store.list('conversations')).toEqual([]);
      const recreated = await store.commit({ writes: [{ collection: 'conversations', id: 'c1', expectedVersion: 0, value: {} }] });
      expect(recreated).toEqual({ ok: true, versions: [1] });
    });

    it('applies nothing of a transaction when one expected version is wrong', async () => {
      const { store } = ctx;
      await store.commit({ writes: [{ collection: 'escalations', id: 'e2', value: { status: 'open' } }] });
      const result = await store.commit({
        writes: [
          { collection: 'queues', id: 'q1', expectedVersion: 0, value: { open: 1 } },
          { collection: 'escalations', id: 'e2', expectedVersion: 5, value: { status: 'claimed' } },
        ],
        outbox: [{ id: 'n1', orderingKey: 'k', channel: 'web', payload: {} }],
        audit: [{ at: '2025-03-03T09:00:00Z', actor: 'system', action: 'x', subject: 'escalation:e2' }],
      });
      expect(result).toMatchObject({ ok: false, conflict: { id: 'e2', expectedVersion: 5, actualVersion: 1 } });
      expect(await store.get('queues', 'q1')).toBeNull();
      expect(await store.listOutbox()).toEqual([]);
      expect(await store.listAudit()).toEqual([]);
    });

    it('lets exactly one of 50 concurrent claims of one escalation win', async () => {
      const { store } = ctx;
      const stores = [store, ...(await ctx.peers(4))];
      await store.commit({ writes: [{ collection: 'escalations', id: 'e3', expectedVersion: 0, value: { status: 'open' } }] });
      const delegates = Array.from({ length: 50 }, (_, i) => `slack:U${i}`);
      const seen = await Promise.all(delegates.map((_, i) => stores[i % stores.length]!.get('escalations', 'e3')));
      const results = await Promise.all(
        delegates.map((delegate, i) => claim(stores[i % stores.length]!, 'e3', delegate, seen[i]!.version)),
      );
      const winners = delegates.filter((_, i) => results[i]!.ok);
      expect(winners).toHaveLength(1);
      for (const result of results.filter((r) => !r.ok)) expect(result).toMatchObject({ conflict: { actualVersion: 2 } });
      expect(await store.get('escalations', 'e3')).toMatchObject({ version: 2, value: { owner: winners[0] } });
      expect((await store.listOutbox()).map((item) => item.payload)).toEqual([{ owner: winners[0] }]);
      expect((await store.listAudit({ subject: 'escalation:e3' })).map((entry) => entry.actor)).toEqual(winners);
    });

    it('hides a document once its TTL has passed, until written again', async () => {
      const { store } = ctx;
      await store.commit({
        writes: [
          { collection: 'conversations', id: 'short', value: { step: 1 }, ttlMs: TTL_MS },
          { collection: 'conversations', id: 'kept', value: { step: 1 }, ttlMs: TTL_MS },
        ],
      });
      // A write without ttlMs makes a document permanent again.
      await store.commit({ writes: [{ collection: 'conversations', id: 'kept', value: { step: 2 } }] });
      expect((await store.list('conversations')).map((doc) => doc.id)).toEqual(['kept', 'short']);
      await sleep(TTL_MS + 100);
      expect(await store.get('conversations', 'short')).toBeNull();
      expect((await store.list('conversations')).map((doc) => doc.id)).toEqual(['kept']);
      const fresh = await store.commit({
        writes: [{ collection: 'conversations', id: 'short', expectedVersion: 0, value: { step: 1 } }],
      });
      expect(fresh).toEqual({ ok: true, versions: [1] });
    });

    it('lists a collection by id prefix, in id order, values as JSON', async () => {
      const { store } = ctx;
      const when = new Date('2025-03-03T09:00:00Z');
      await store.commit({
        writes: [
          { collection: 'answers:versions', id: 'tlc_tarifs:2', value: { text: 'Téléconsultation 25 €', when } },
          { collection: 'answers:versions', id: 'tlc_tarifs:1', value: { text: 'v1' } },
          { collection: 'answers:versions', id: 'tlc_autre:1', value: { text: 'autre' } },
          { collection: 'answers', id: 'tlc_tarifs:9', value: { text: 'other collection' } },
        ],
      });
      const docs = await store.list<{ text: string; when?: string }>('answers:versions', { prefix: 'tlc_tarifs:' });
      expect(docs.map((doc) => doc.id)).toEqual(['tlc_tarifs:1', 'tlc_tarifs:2']);
      expect(docs[1]!.value).toEqual({ text: 'Téléconsultation 25 €', when: '2025-03-03T09:00:00.000Z' });
      expect(await store.list('answers:versions')).toHaveLength(3);
    });

    it('refuses two writes to one document in a transaction', async () => {
      const { store } = ctx;
      const twice = store.commit({
        writes: [
          { collection: 'escalations', id: 'e4', value: 1 },
          { collection: 'escalations', id: 'e4', value: 2 },
        ],
      });
      await expect(twice).rejects.toBeInstanceOf(StoreUsageError);
      expect(await store.get('escalations', 'e4')).toBeNull();
    });
  });
}
