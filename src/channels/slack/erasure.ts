import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { erasePosts } from '../../escalation/channel-posts.js';
import type { ErasureNotice } from '../../escalation/erasure-notice.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import type { SlackEscalationPosts, SlackPost } from './escalation-posts.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { ChannelPacer } from './pacing.js';

export interface SlackErasureDeps {
  client: WebClient;
  pacer: ChannelPacer;
  posts: SlackEscalationPosts;
  cardThreads: CardThreads;
  logger: Logger;
}

/** The neutral card: the erasure's text only, no question, no name, no buttons. */
function erasedCard(text: string): { text: string; blocks: KnownBlock[] } {
  const mrkdwn = escapeMrkdwn(text);
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `_${mrkdwn}_` } }] };
}

function isMessageNotFound(err: unknown): boolean {
  return (err as { data?: { error?: unknown } } | null)?.data?.error === 'message_not_found';
}

/**
 * Carries out an erasure notice on Slack (src/escalation/channel-posts.ts): the cards are replaced
 * in place by the neutral text (`chat.update`, no blocks with buttons left) and the bot's other
 * messages about the escalation are deleted (`chat.delete`; `chat:write` covers the bot's own
 * messages). Paced per channel like every other call.
 */
export async function eraseOnSlack(deps: SlackErasureDeps, notice: ErasureNotice): Promise<void> {
  const { client, pacer, cardThreads } = deps;
  const known = notice.cards.flatMap((card): SlackPost[] =>
    card.target.channel === 'slack' ? [{ kind: 'card', channel: card.target.channelId, ts: card.ref }] : [],
  );
  const neutral = erasedCard(notice.text);
  const done = await erasePosts(deps.posts, notice.escalationId, known, {
    async neutralise(card) {
      await pacer.wait(card.channel);
      await client.chat.update({ channel: card.channel, ts: card.ts, ...neutral });
    },
    async remove(message) {
      await pacer.wait(message.channel);
      await client.chat.delete({ channel: message.channel, ts: message.ts });
    },
    cardHandled: (card) => cardThreads.forget(card.channel, card.ts),
    isGone: isMessageNotFound,
  });
  deps.logger.info(
    { event: 'slack.erasure', escalation: notice.escalationId, cards: done.cards, messages: done.messages },
    'erased escalation neutralised on Slack',
  );
}
