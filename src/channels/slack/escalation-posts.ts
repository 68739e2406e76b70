import { z } from 'zod';
import { EscalationPosts } from '../../escalation/channel-posts.js';
import type { Store } from '../../store/contract.js';

/** Collection owned by the Slack channel: what the bot posted about each escalation. */
export const SLACK_ESCALATION_POSTS = 'slack_escalation_posts';

export const SlackPost = z.object({
  /** `card`: the queue's card (neutralised on erasure); `message`: anything else (deleted). */
  kind: z.enum(['card', 'message']),
  channel: z.string(),
  ts: z.string().min(1),
});
export type SlackPost = z.infer<typeof SlackPost>;

/**
 * The channel and ts of every message the bot posts about an escalation in delegates' places (the
 * card, reminders in its thread, relays and notices in delegates' DMs), for an RGPD erasure. Ids
 * only, no text; bounded per escalation and kept no longer than the escalation's data.
 */
export class SlackEscalationPosts extends EscalationPosts<SlackPost> {
  constructor(store: Store, ttlMs: number, max?: number) {
    super({
      store,
      collection: SLACK_ESCALATION_POSTS,
      schema: SlackPost,
      keyOf: (post) => `${post.channel}:${post.ts}`,
      ttlMs,
      ...(max === undefined ? {} : { max }),
    });
  }
}
