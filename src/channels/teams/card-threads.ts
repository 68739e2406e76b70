import { z } from 'zod';
import type { Store } from '../../store/contract.js';

/** Collection owned by the Teams channel: which escalation a card (channel + root activity id) shows. */
export const TEAMS_CARD_THREADS = 'teams_card_threads';

export const CardThread = z.object({ escalationId: z.string(), queueId: z.string() });
export type CardThread = z.infer<typeof CardThread>;

/**
 * Remembers where each card was posted, so that a reply in the card's thread (conversation id
 * `<channel>;messageid=<card activity id>`) is tied to its escalation. Kept as long as the
 * escalation's data (retention), not forever.
 */
export class CardThreads {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async remember(channelConversationId: string, activityId: string, thread: CardThread): Promise<void> {
    await this.store.commit({
      writes: [
        {
          collection: TEAMS_CARD_THREADS,
          id: `${channelConversationId}:${activityId}`,
          value: thread,
          ttlMs: this.ttlMs,
        },
      ],
    });
  }

  /** The card was neutralised (RGPD erasure): its thread no longer leads to an escalation. */
  async forget(channelConversationId: string, activityId: string): Promise<void> {
    await this.store.commit({
      writes: [{ collection: TEAMS_CARD_THREADS, id: `${channelConversationId}:${activityId}`, value: null }],
    });
  }

  async find(channelConversationId: string, rootActivityId: string): Promise<CardThread | null> {
    const doc = await this.store.get(TEAMS_CARD_THREADS, `${channelConversationId}:${rootActivityId}`);
    const parsed = CardThread.safeParse(doc?.value);
    return parsed.success ? parsed.data : null;
  }
}

/** Splits a channel thread's conversation id (`19:…@thread.tacv2;messageid=123`) into channel and root. */
export function threadOf(conversationId: string): { channel: string; root?: string } {
  const match = /^(.*);messageid=(\d+|[^;]+)$/.exec(conversationId);
  return match ? { channel: match[1]!, root: match[2]! } : { channel: conversationId };
}
