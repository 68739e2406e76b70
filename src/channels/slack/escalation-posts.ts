import { z } from 'zod';
import type { Store } from '../../store/contract.js';

/** Collection owned by the Slack channel: what the bot posted about each escalation. */
export const SLACK_ESCALATION_POSTS = 'slack_escalation_posts';

export const SlackPost = z.object({
  /** `card`: the queue's card (neutralised on erasure); `message`: anything else (deleted). */
  kind: z.enum(['card', 'message']),
  channel: z.string(),
  ts: z.string(),
});
export type SlackPost = z.infer<typeof SlackPost>;

/** Beyond this many posts for one escalation, later ones are not remembered (and logged). */
export const MAX_POSTS_PER_ESCALATION = 200;

/**
 * Remembers the channel and ts of every message the bot posts about an escalation in delegates'
 * places (the card, reminders in its thread, relays and notices in delegates' DMs), so that an RGPD
 * erasure can neutralise or delete them. Ids only, no text; bounded per escalation and kept no
 * longer than the escalation's data (retention). Replies in the professional's own DM are not
 * tracked: that conversation is theirs.
 */
export class SlackEscalationPosts {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly max = MAX_POSTS_PER_ESCALATION,
  ) {}

  /** False when the escalation already has `max` posts remembered (this one is not). */
  async remember(escalationId: string, post: SlackPost): Promise<boolean> {
    if (post.ts === '') return true;
    const known = await this.store.list(SLACK_ESCALATION_POSTS, { prefix: `${escalationId}:` });
    if (known.length >= this.max) return false;
    await this.store.commit({
      writes: [{ collection: SLACK_ESCALATION_POSTS, id: idOf(escalationId, post), value: post, ttlMs: this.ttlMs }],
    });
    return true;
  }

  async of(escalationId: string): Promise<SlackPost[]> {
    const docs = await this.store.list(SLACK_ESCALATION_POSTS, { prefix: `${escalationId}:` });
    return docs.flatMap((d) => {
      const parsed = SlackPost.safeParse(d.value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async forget(escalationId: string, post: SlackPost): Promise<void> {
    await this.store.commit({
      writes: [{ collection: SLACK_ESCALATION_POSTS, id: idOf(escalationId, post), value: null }],
    });
  }
}

function idOf(escalationId: string, post: SlackPost): string {
  return `${escalationId}:${post.channel}:${post.ts}`;
}
