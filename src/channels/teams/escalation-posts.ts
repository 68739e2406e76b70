import { z } from 'zod';
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

/** Beyond this many posts for one escalation, later ones are not remembered (and logged). */
export const MAX_POSTS_PER_ESCALATION = 200;

/**
 * Remembers every activity the bot posts about an escalation in delegates' places (the card,
 * reminders in its thread, relays and notices in delegates' 1:1 chats), so that an RGPD erasure can
 * neutralise or delete them. Ids and conversation references only, no text; bounded per escalation
 * and kept no longer than the escalation's data (retention). Replies in the professional's own chat
 * are not tracked: that conversation is theirs.
 */
export class TeamsEscalationPosts {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly max = MAX_POSTS_PER_ESCALATION,
  ) {}

  /** False when the escalation already has `max` posts remembered (this one is not). */
  async remember(escalationId: string, post: TeamsPost): Promise<boolean> {
    if (post.activityId === '') return true;
    const known = await this.store.list(TEAMS_ESCALATION_POSTS, { prefix: `${escalationId}:` });
    if (known.length >= this.max) return false;
    const { channelId, serviceUrl, conversation, bot } = post.reference;
    const value: TeamsPost = { ...post, reference: { channelId, serviceUrl, conversation, bot } };
    await this.store.commit({
      writes: [{ collection: TEAMS_ESCALATION_POSTS, id: idOf(escalationId, post), value, ttlMs: this.ttlMs }],
    });
    return true;
  }

  async of(escalationId: string): Promise<TeamsPost[]> {
    const docs = await this.store.list(TEAMS_ESCALATION_POSTS, { prefix: `${escalationId}:` });
    return docs.flatMap((d) => {
      const parsed = TeamsPost.safeParse(d.value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async forget(escalationId: string, post: TeamsPost): Promise<void> {
    await this.store.commit({
      writes: [{ collection: TEAMS_ESCALATION_POSTS, id: idOf(escalationId, post), value: null }],
    });
  }
}

function idOf(escalationId: string, post: TeamsPost): string {
  return `${escalationId}:${post.reference.conversation.id}:${post.activityId}`;
}
