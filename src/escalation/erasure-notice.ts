import { z } from 'zod';
import type { Store } from '../store/contract.js';
import { cardTargets } from './cards.js';
import type { EscalationConfig } from './config.js';
import { CardTarget, channelOfIdentity, COLLECTIONS, type Escalation, idOfIdentity, Notification } from './model.js';
import type { OutboxHook } from './outbox.js';

/**
 * What an RGPD erasure asks of the channels that showed an escalation to delegates (Slack, Teams):
 * replace every card of it by a neutral text without question nor name and with no buttons, and
 * delete the messages the bot posted about it (relays to the owner, reminders in the card's
 * thread). It is an outbox item written in the erasure's own commit, so it survives a crash and is
 * retried or dead-lettered like any notification. Each channel also keeps its own list of what it
 * posted for an escalation (`cards` here are the ones the escalation knew, a fallback).
 *
 * A tombstone (`escalation_erasures`, id and neutral text only) lets the outbox withdraw the
 * notifications of an erased escalation that were still pending, and ask for another pass when one
 * was already on its way when the erasure committed.
 */

export const ERASED_CHANNELS = ['slack', 'teams'] as const;
export type ErasedChannel = (typeof ERASED_CHANNELS)[number];

export const ErasureNotice = z.object({
  type: z.literal('escalation.erased'),
  escalationId: z.string(),
  channel: z.enum(ERASED_CHANNELS),
  /** Neutral text for the cards, in the delegates' locale: no question, no name. */
  text: z.string(),
  /** Cards of the escalation known when it was erased, with their channel refs (Slack ts, Teams activity id). */
  cards: z.array(z.object({ queueId: z.string(), target: CardTarget, ref: z.string() })).default([]),
});
export type ErasureNotice = z.infer<typeof ErasureNotice>;

export const Tombstone = z.object({ at: z.string(), text: z.string() });
export type Tombstone = z.infer<typeof Tombstone>;

function isErasedChannel(channel: string): channel is ErasedChannel {
  return (ERASED_CHANNELS as readonly string[]).includes(channel);
}

/** Ordering key of the erasure passes of one escalation on one channel. */
export function erasureOrderingKey(escalationId: string, channel: ErasedChannel): string {
  return `erase:${escalationId}:${channel}`;
}

/**
 * The channels that may show something about `esc`: those of its known cards, of every queue's
 * card target and of every delegate and supervisor identity (relays and alerts go to their DMs).
 */
function channelsToErase(config: EscalationConfig, esc: Escalation): ErasedChannel[] {
  // Card ref keys (`<channel>:<queueId>`) read like identities.
  const seen = new Set<string>(Object.keys(esc.cardRefs).map(channelOfIdentity));
  for (const queue of config.queues) {
    for (const target of cardTargets(queue)) seen.add(target.channel);
    for (const identity of [...queue.members, ...queue.supervisors]) seen.add(channelOfIdentity(identity));
  }
  if (esc.owner) seen.add(channelOfIdentity(esc.owner.identity));
  return ERASED_CHANNELS.filter((c) => seen.has(c));
}

/** The erasure notices of one escalation, one per channel, with the cards it knew on that channel. */
export function erasureNotices(config: EscalationConfig, esc: Escalation, text: string): ErasureNotice[] {
  return channelsToErase(config, esc).map((channel) => {
    const cards: ErasureNotice['cards'] = [];
    for (const [key, ref] of Object.entries(esc.cardRefs)) {
      if (channelOfIdentity(key) !== channel) continue;
      const queueId = idOfIdentity(key);
      const queue = config.queues.find((q) => q.id === queueId);
      const target = queue && cardTargets(queue).find((t) => t.channel === channel);
      if (target) cards.push({ queueId, target, ref });
    }
    return { type: 'escalation.erased', escalationId: esc.id, channel, text, cards };
  });
}

function escalationIdOf(payload: unknown): string | undefined {
  const parsed = Notification.safeParse(payload);
  return parsed.success ? parsed.data.escalationId : undefined;
}

/**
 * The outbox hook of erasure: withdraws a pending notification of an erased escalation (it would
 * post the question or the name again), and when one was delivered while the erasure committed
 * (it was already on its way), queues another erasure pass on its channel.
 */
export function erasureHook(store: Store): OutboxHook {
  const tombstone = async (escalationId: string) => {
    const doc = await store.get(COLLECTIONS.erasures, escalationId);
    const parsed = Tombstone.safeParse(doc?.value);
    return parsed.success ? parsed.data : null;
  };
  return {
    async skip(item) {
      const escalationId = escalationIdOf(item.payload);
      if (!escalationId) return undefined;
      return (await tombstone(escalationId)) ? 'escalation_erased' : undefined;
    },
    async delivered(item) {
      const escalationId = escalationIdOf(item.payload);
      if (!escalationId || !isErasedChannel(item.channel)) return;
      const erased = await tombstone(escalationId);
      if (!erased) return;
      const notice: ErasureNotice = {
        type: 'escalation.erased',
        escalationId,
        channel: item.channel,
        text: erased.text,
        cards: [],
      };
      await store.commit({
        writes: [],
        outbox: [
          {
            id: `erase:${escalationId}:${item.channel}:after:${item.id}`,
            orderingKey: erasureOrderingKey(escalationId, item.channel),
            channel: item.channel,
            payload: notice,
          },
        ],
      });
    },
  };
}
