import type { Store } from '../../store/contract.js';

/** Collection owned by the Slack channel: which escalation a card message (channel + ts) shows. */
export const CARD_THREADS = 'slack_card_threads';

export interface CardThread {
  escalationId: string;
  queueId: string;
}

/**
 * Remembers where each card was posted, so that a message in a card's thread can be tied to its
 * escalation. Kept as long as the escalation's data (retention), not forever.
 */
export class CardThreads {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async remember(channel: string, ts: string, thread: CardThread): Promise<void> {
    await this.store.commit({
      writes: [{ collection: CARD_THREADS, id: `${channel}:${ts}`, value: thread, ttlMs: this.ttlMs }],
    });
  }

  /** The card was neutralised (RGPD erasure): its thread no longer leads to an escalation. */
  async forget(channel: string, ts: string): Promise<void> {
    await this.store.commit({ writes: [{ collection: CARD_THREADS, id: `${channel}:${ts}`, value: null }] });
  }

  async find(channel: string, threadTs: string): Promise<CardThread | null> {
    const doc = await this.store.get<CardThread>(CARD_THREADS, `${channel}:${threadTs}`);
    return doc?.value ?? null;
  }
}
