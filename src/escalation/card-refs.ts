import type { Store } from '../store/contract.js';
import { COLLECTIONS, type Escalation, Notification } from './model.js';
import type { OutboxHook } from './outbox.js';

/**
 * Card references: a channel that posts a card returns a ref (Slack message ts, Teams activity id);
 * it is stored on the escalation, and later card updates and reminders of the same queue and
 * channel carry it so that the channel edits (or threads under) the card instead of posting anew.
 * The ref is read at delivery time: an update enqueued before the post was delivered still gets it,
 * because items of one card are delivered in order.
 */

function refKey(n: Extract<Notification, { type: 'queue.card' | 'queue.message' }>): string {
  return `${n.target.channel}:${n.queueId}`;
}

/** `retentionMs`: the escalation's time to live, kept on the rewrite. */
export function cardRefHook(store: Store, retentionMs?: number): OutboxHook {
  return {
    async prepare(item) {
      const parsed = Notification.safeParse(item.payload);
      if (!parsed.success) return undefined;
      const n = parsed.data;
      if (n.type !== 'queue.card' && n.type !== 'queue.message') return undefined;
      const esc = await store.get<Escalation>(COLLECTIONS.escalations, n.escalationId);
      const ref = esc?.value.cardRefs?.[refKey(n)];
      return ref ? { ...n, ref } : undefined;
    },
    async delivered(item, result) {
      if (!result.ref) return;
      const parsed = Notification.safeParse(item.payload);
      if (!parsed.success || parsed.data.type !== 'queue.card') return;
      const key = refKey(parsed.data);
      for (let attempt = 0; attempt < 10; attempt++) {
        const esc = await store.get<Escalation>(COLLECTIONS.escalations, parsed.data.escalationId);
        if (!esc || esc.value.cardRefs?.[key] === result.ref) return;
        const committed = await store.commit({
          writes: [
            {
              collection: COLLECTIONS.escalations,
              id: esc.id,
              expectedVersion: esc.version,
              value: { ...esc.value, cardRefs: { ...esc.value.cardRefs, [key]: result.ref } },
              ...(retentionMs ? { ttlMs: retentionMs } : {}),
            },
          ],
        });
        if (committed.ok) return;
      }
      throw new Error(`could not store the card ref of escalation ${parsed.data.escalationId}`);
    },
  };
}
