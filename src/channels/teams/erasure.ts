import type { ErasureNotice } from '../../escalation/erasure-notice.js';
import type { CardTarget } from '../../escalation/model.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import type { TeamsConnector } from './connector.js';
import type { TeamsEscalationPosts, TeamsPost } from './escalation-posts.js';
import type { StoredReference } from './references.js';
import { adaptiveCard, attachment } from './render/adaptive.js';

export interface TeamsErasureDeps {
  connector: TeamsConnector;
  posts: TeamsEscalationPosts;
  cardThreads: CardThreads;
  logger: Logger;
}

/** A queue's channel (a new post) or, with `rootId`, the thread under the card. */
export function queueChannelReference(
  target: Extract<CardTarget, { channel: 'teams' }>,
  botId: string,
  rootId?: string,
): StoredReference {
  return {
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: {
      id: rootId ? `${target.conversationId};messageid=${rootId}` : target.conversationId,
      conversationType: 'channel',
      isGroup: true,
      ...(target.tenantId ? { tenantId: target.tenantId } : {}),
    },
    bot: { id: botId },
  };
}

/** The neutral card: the erasure's text only, no question, no name, no actions. */
export function erasedCardActivity(text: string) {
  const card = adaptiveCard([{ type: 'TextBlock', text, wrap: true, isSubtle: true }], [], text);
  return { type: 'message' as const, attachments: [attachment(card)] };
}

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: unknown } | null)?.statusCode === 404;
}

/**
 * Carries out an erasure notice on Teams: every card of the escalation (those the channel
 * remembers posting, and those the escalation knew) is replaced in place by the neutral card
 * (`updateActivity`, no actions left), and every other activity the bot posted about it (relays and
 * notices in delegates' 1:1 chats, reminders in the card's thread) is deleted (`deleteActivity`).
 * An activity already gone (404) counts as done. Each one is forgotten once handled, so that a
 * retry after a failure resumes where it stopped.
 */
export async function eraseOnTeams(deps: TeamsErasureDeps, notice: ErasureNotice): Promise<void> {
  const { connector, posts, cardThreads } = deps;
  const remembered = await posts.of(notice.escalationId);
  const cards = new Map<string, TeamsPost>();
  for (const card of notice.cards) {
    if (card.target.channel !== 'teams') continue;
    const reference = queueChannelReference(card.target, connector.botId);
    cards.set(`${reference.conversation.id}:${card.ref}`, { kind: 'card', activityId: card.ref, reference });
  }
  for (const post of remembered.filter((p) => p.kind === 'card')) {
    cards.set(`${post.reference.conversation.id}:${post.activityId}`, post);
  }
  const neutral = erasedCardActivity(notice.text);
  let updated = 0;
  let deleted = 0;
  for (const card of cards.values()) {
    if (await ifStillThere(() => connector.update(card.reference, card.activityId, neutral))) updated += 1;
    await cardThreads.forget(card.reference.conversation.id, card.activityId);
    await posts.forget(notice.escalationId, card);
  }
  for (const message of remembered.filter((p) => p.kind === 'message')) {
    if (await ifStillThere(() => connector.delete(message.reference, message.activityId))) deleted += 1;
    await posts.forget(notice.escalationId, message);
  }
  deps.logger.info(
    { event: 'teams.erasure', escalation: notice.escalationId, cards: updated, messages: deleted },
    'erased escalation neutralised on Teams',
  );
}

/** Runs a call on an activity; false when it no longer exists (nothing left to do). */
async function ifStillThere(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
