import { z } from 'zod';
import { EscalationPosts } from '../../escalation/channel-posts.js';
import type { Store } from '../../store/contract.js';
import { StoredReference } from './references.js';

/** Collection owned by the Teams channel: what the bot posted about each escalation. */
export const TEAMS_ESCALATION_POSTS = 'teams_escalation_posts';

export const TeamsPost = z.object({
  /** `card`: the queue's card (neutralised on erasure); `message`: anything else (deleted). */
  kind: z.enum(['card', 'message']),
  activityId: z.string().min(1),
  /** Where it was posted (a queue channel, a card's thread, a delegate's 1:1 chat): no user, no locale. */
  reference: StoredReference.omit({ user: true, locale: true }),
});
export type TeamsPost = z.infer<typeof TeamsPost>;

/**
 * Every activity the bot posts about an escalation in delegates' places (the card, reminders in its
 * thread, relays and notices in delegates' 1:1 chats), for an RGPD erasure. Ids and conversation
 * references only (the schema drops the reference's user and locale), no text; bounded per
 * escalation and kept no longer than the escalation's data.
 */
export class TeamsEscalationPosts extends EscalationPosts<TeamsPost> {
  constructor(store: Store, ttlMs: number, max?: number) {
    super({
      store,
      collection: TEAMS_ESCALATION_POSTS,
      schema: TeamsPost,
      keyOf: (post) => `${post.reference.conversation.id}:${post.activityId}`,
      ttlMs,
      ...(max === undefined ? {} : { max }),
    });
  }
}
