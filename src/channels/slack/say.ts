import type { WebClient } from '@slack/web-api';
import type { Locale, Reply } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { renderReply } from './render/reply.js';

/** Where a listener answers: a conversation (DM or channel) and, for a mention, its thread. */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

/**
 * Posts the core's replies in order. Used by listeners, at once, for the person who just wrote or
 * clicked; notifications caused by other people go through the outbox instead.
 */
export async function postReplies(
  client: WebClient,
  place: SlackPlace,
  replies: Reply[],
  locale: Locale,
  messages: MessageCatalogue,
): Promise<void> {
  for (const reply of replies) {
    const message = renderReply(reply, locale, messages);
    await client.chat.postMessage({
      channel: place.channel,
      text: message.text,
      blocks: message.blocks,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}

/** A private line to one person in a channel (seen only by them, not kept in the channel's archive). */
export async function tellPrivately(
  client: WebClient,
  place: SlackPlace,
  user: string,
  text: string,
): Promise<void> {
  await client.chat.postEphemeral({
    channel: place.channel,
    user,
    text,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
  });
}
