import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
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
export function erasedCard(text: string): { text: string; blocks: KnownBlock[] } {
  const mrkdwn = escapeMrkdwn(text);
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `_${mrkdwn}_` } }] };
}

function platformError(err: unknown): unknown {
  return (err as { data?: { error?: unknown } } | null)?.data?.error;
}

/**
 * Carries out an erasure notice on Slack: every card of the escalation (those the channel
 * remembers posting, and those the escalation knew) is replaced in place by the neutral text
 * (`chat.update`, no blocks with buttons left), and every other message the bot posted about it
 * (relays and notices in delegates' DMs, reminders in the card's thread) is deleted
 * (`chat.delete`; `chat:write` covers the bot's own messages). A message already gone counts as
 * done. Each one is forgotten once handled, so that a retry after a failure resumes where it stopped.
 */
export async function eraseOnSlack(deps: SlackErasureDeps, notice: ErasureNotice): Promise<void> {
  const { client, pacer, posts, cardThreads } = deps;
  const remembered = await posts.of(notice.escalationId);
  const cards = new Map<string, SlackPost>();
  for (const card of notice.cards) {
    if (card.target.channel !== 'slack') continue;
    const post: SlackPost = { kind: 'card', channel: card.target.channelId, ts: card.ref };
    cards.set(`${post.channel}:${post.ts}`, post);
  }
  for (const post of remembered.filter((p) => p.kind === 'card')) cards.set(`${post.channel}:${post.ts}`, post);
  const neutral = erasedCard(notice.text);
  let updated = 0;
  let deleted = 0;
  for (const card of cards.values()) {
    await pacer.wait(card.channel);
    if (await ifStillThere(() => client.chat.update({ channel: card.channel, ts: card.ts, ...neutral }))) updated += 1;
    await cardThreads.forget(card.channel, card.ts);
    await posts.forget(notice.escalationId, card);
  }
  for (const message of remembered.filter((p) => p.kind === 'message')) {
    await pacer.wait(message.channel);
    if (await ifStillThere(() => client.chat.delete({ channel: message.channel, ts: message.ts }))) deleted += 1;
    await posts.forget(notice.escalationId, message);
  }
  deps.logger.info(
    { event: 'slack.erasure', escalation: notice.escalationId, cards: updated, messages: deleted },
    'erased escalation neutralised on Slack',
  );
}

/** Runs a call on a message; false when the message no longer exists (nothing left to do). */
async function ifStillThere(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (platformError(err) === 'message_not_found') return false;
    throw err;
  }
}
