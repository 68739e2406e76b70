import { erasePosts } from '../../escalation/channel-posts.js';
import type { ErasureNotice } from '../../escalation/erasure-notice.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import type { TeamsConnector } from './connector.js';
import { isNotFound } from './delivery-errors.js';
import type { TeamsEscalationPosts, TeamsPost } from './escalation-posts.js';
import { queueChannelReference } from './references.js';
import { adaptiveCard, attachment } from './render/adaptive.js';

export interface TeamsErasureDeps {
  connector: TeamsConnector;
  posts: TeamsEscalationPosts;
  cardThreads: CardThreads;
  logger: Logger;
}

/** The neutral card: the erasure's text only, no question, no name, no actions. */
function erasedCardActivity(text: string) {
  const card = adaptiveCard([{ type: 'TextBlock', text, wrap: true, isSubtle: true }], [], text);
  return { type: 'message' as const, attachments: [attachment(card)] };
}

/**
 * Carries out an erasure notice on Teams (src/escalation/channel-posts.ts): the cards are replaced
 * in place by the neutral card (`updateActivity`, no actions left) and the bot's other activities
 * about the escalation are deleted (`deleteActivity`); a 404 means already gone.
 */
export async function eraseOnTeams(deps: TeamsErasureDeps, notice: ErasureNotice): Promise<void> {
  const { connector, cardThreads } = deps;
  const known = notice.cards.flatMap((card): TeamsPost[] =>
    card.target.channel === 'teams'
      ? [{ kind: 'card', activityId: card.ref, reference: queueChannelReference(card.target, connector.botId) }]
      : [],
  );
  const neutral = erasedCardActivity(notice.text);
  const done = await erasePosts(deps.posts, notice.escalationId, known, {
    neutralise: (card) => connector.update(card.reference, card.activityId, neutral),
    remove: (message) => connector.delete(message.reference, message.activityId),
    cardHandled: (card) => cardThreads.forget(card.reference.conversation.id, card.activityId),
    isGone: isNotFound,
  });
  deps.logger.info(
    { event: 'teams.erasure', escalation: notice.escalationId, cards: done.cards, messages: done.messages },
    'erased escalation neutralised on Teams',
  );
}
