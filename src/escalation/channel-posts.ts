import type { z } from 'zod';
import type { Store } from '../store/contract.js';

/**
 * What a channel (Slack, Teams) posted about an escalation in delegates' places, and how an RGPD
 * erasure disposes of it: the channel-free part. Each channel says what a post is (its ids and
 * where it was posted), how to neutralise a card, how to delete a message and how its platform says
 * "already gone"; this module keeps the list and runs the erasure in the same order on every channel.
 */

/** `card`: the queue's card (neutralised on erasure); `message`: anything else (deleted). */
export interface ChannelPost {
  kind: 'card' | 'message';
}

/** Beyond this many posts for one escalation, later ones are not remembered (and logged). */
export const MAX_POSTS_PER_ESCALATION = 200;

export interface EscalationPostsOptions<P extends ChannelPost> {
  store: Store;
  /** Collection owned by the channel. */
  collection: string;
  /** What is stored of a post: ids and places only, no text (fields it does not name are dropped). */
  schema: z.ZodType<P>;
  /** Identity of a post within its escalation (the platform's ids). */
  keyOf: (post: P) => string;
  /** Kept no longer than the escalation's data (retention). */
  ttlMs: number;
  max?: number;
}

/**
 * Remembers the posts of a channel about each escalation (the card, reminders in its thread, relays
 * and notices in delegates' direct chats), so that an erasure can neutralise or delete them. Replies
 * in the professional's own conversation are not tracked: that conversation is theirs.
 */
export class EscalationPosts<P extends ChannelPost> {
  private readonly max: number;

  constructor(private readonly options: EscalationPostsOptions<P>) {
    this.max = options.max ?? MAX_POSTS_PER_ESCALATION;
  }

  /**
   * False when the escalation already has `max` posts remembered (this one is not). A post the
   * schema refuses (the platform returned no id) cannot be addressed later: nothing to remember.
   */
  async remember(escalationId: string, post: P): Promise<boolean> {
    const parsed = this.options.schema.safeParse(post);
    if (!parsed.success) return true;
    const { store, collection, ttlMs } = this.options;
    const known = await store.list(collection, { prefix: `${escalationId}:` });
    if (known.length >= this.max) return false;
    await store.commit({ writes: [{ collection, id: this.idOf(escalationId, parsed.data), value: parsed.data, ttlMs }] });
    return true;
  }

  async of(escalationId: string): Promise<P[]> {
    const docs = await this.options.store.list(this.options.collection, { prefix: `${escalationId}:` });
    return docs.flatMap((d) => {
      const parsed = this.options.schema.safeParse(d.value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async forget(escalationId: string, post: P): Promise<void> {
    const { store, collection } = this.options;
    await store.commit({ writes: [{ collection, id: this.idOf(escalationId, post), value: null }] });
  }

  /** Identity of a post within its escalation. */
  keyOf(post: P): string {
    return this.options.keyOf(post);
  }

  private idOf(escalationId: string, post: P): string {
    return `${escalationId}:${this.options.keyOf(post)}`;
  }
}

/** What a channel does to its own posts during an erasure. */
export interface PostEraser<P extends ChannelPost> {
  /** Replaces a card in place by the neutral one (no question, no name, no buttons). */
  neutralise(card: P): Promise<void>;
  /** Deletes a message the bot posted. */
  remove(message: P): Promise<void>;
  /** After a card is handled: what else the channel keeps about it (its thread's link to the escalation). */
  cardHandled(card: P): Promise<void>;
  /** The platform's "no such message": already gone, nothing left to do. */
  isGone(error: unknown): boolean;
}

/**
 * Carries out an erasure on one channel: every card of the escalation (those the escalation knew,
 * `knownCards`, and those the channel remembers posting) is neutralised in place, then every other
 * message the bot posted about it is deleted. A post already gone counts as done. Each one is
 * forgotten once handled, so that a retry after a failure resumes where it stopped.
 */
export async function erasePosts<P extends ChannelPost>(
  posts: EscalationPosts<P>,
  escalationId: string,
  knownCards: P[],
  eraser: PostEraser<P>,
): Promise<{ cards: number; messages: number }> {
  const remembered = await posts.of(escalationId);
  const cards = new Map<string, P>();
  for (const card of [...knownCards, ...remembered.filter((p) => p.kind === 'card')]) cards.set(posts.keyOf(card), card);
  const ifStillThere = async (call: () => Promise<void>): Promise<boolean> => {
    try {
      await call();
      return true;
    } catch (error) {
      if (eraser.isGone(error)) return false;
      throw error;
    }
  };
  const done = { cards: 0, messages: 0 };
  for (const card of cards.values()) {
    if (await ifStillThere(() => eraser.neutralise(card))) done.cards += 1;
    await eraser.cardHandled(card);
    await posts.forget(escalationId, card);
  }
  for (const message of remembered.filter((p) => p.kind === 'message')) {
    if (await ifStillThere(() => eraser.remove(message))) done.messages += 1;
    await posts.forget(escalationId, message);
  }
  return done;
}
