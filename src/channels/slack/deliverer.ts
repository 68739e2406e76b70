import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { idOfIdentity, type Notification } from '../../escalation/model.js';
import { deliverNotification } from '../../escalation/notification-delivery.js';
import type { Deliverer } from '../../escalation/outbox.js';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import { classifyDeliveryError, type DeliveryResult } from './delivery-errors.js';
import { eraseOnSlack } from './erasure.js';
import type { SlackEscalationPosts, SlackPost } from './escalation-posts.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { ChannelPacer } from './pacing.js';
import { renderCard } from './render/card.js';
import { renderReply } from './render/reply.js';

export interface SlackDelivererDeps {
  /** A client that neither waits out 429s nor retries: the outbox does. */
  client: WebClient;
  messages: MessageCatalogue;
  pacer: ChannelPacer;
  cardThreads: CardThreads;
  /** What the bot posted about each escalation, for an RGPD erasure. */
  posts: SlackEscalationPosts;
  logger: Logger;
  /** Locale of queue channels and of notices (one workspace, one language). */
  locale: Locale;
}

type Post = { channel: string; text: string; blocks?: KnownBlock[]; thread_ts?: string };

/**
 * Delivers the outbox notifications addressed to Slack: replies in a professional's conversation
 * (thread honoured), a queue's card (posted, its ts returned as `ref`; then updated in place), a
 * message in a card's thread, a private message to a delegate, a digest in the admins' channel; and the erasure of an escalation
 * (cards neutralised, the bot's messages about it deleted). Paced per channel; failures sorted into
 * retry or permanent for the outbox.
 */
export class SlackDeliverer implements Deliverer {
  readonly channel = 'slack';
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly deps: SlackDelivererDeps) {}

  deliver(payload: unknown): Promise<DeliveryResult> {
    return deliverNotification(payload, {
      name: 'slack',
      send: (note) => this.send(note),
      erase: (notice) => eraseOnSlack(this.deps, notice),
      classify: classifyDeliveryError,
      logger: this.deps.logger,
    });
  }

  private async send(note: Notification): Promise<string | undefined> {
    const { locale, messages } = this.deps;
    switch (note.type) {
      case 'professional.reply': {
        if (note.conversation.channel !== 'slack') throw wrongChannel();
        for (const reply of note.replies) {
          const message = renderReply(reply, locale, messages);
          await this.post({ channel: note.conversation.id, thread_ts: note.conversation.threadId, ...message });
        }
        return undefined;
      }
      case 'queue.card': {
        if (note.target.channel !== 'slack') throw wrongChannel();
        const channel = note.target.channelId;
        const message = renderCard(note.card, locale, messages);
        if (note.ref) {
          const updated = await this.update(channel, note.ref, message);
          if (updated) return note.ref;
        }
        const ts = await this.post({ channel, ...message });
        await this.deps.cardThreads.remember(channel, ts, { escalationId: note.escalationId, queueId: note.queueId });
        await this.track(note.escalationId, { kind: 'card', channel, ts });
        return ts;
      }
      case 'queue.message': {
        if (note.target.channel !== 'slack') throw wrongChannel();
        const channel = note.target.channelId;
        const ts = await this.post({ channel, text: escapeMrkdwn(note.text), thread_ts: note.ref });
        await this.track(note.escalationId, { kind: 'message', channel, ts });
        return undefined;
      }
      case 'admins.post': {
        // A new message (not tracked for erasure: it is about no escalation); admins reply in its thread.
        if (note.target.channel !== 'slack') throw wrongChannel();
        return this.post({ channel: note.target.channelId, text: escapeMrkdwn(note.text) });
      }
      case 'delegate.message': {
        if (!note.to.startsWith('slack:')) throw wrongChannel();
        const channel = await this.directChannel(idOfIdentity(note.to));
        const ts = await this.post({ channel, text: escapeMrkdwn(note.text) });
        await this.track(note.escalationId, { kind: 'message', channel, ts });
        return undefined;
      }
    }
  }

  /** Remembers a post about an escalation (ids only), for an RGPD erasure; bounded per escalation. */
  private async track(escalationId: string, post: SlackPost): Promise<void> {
    if (!(await this.deps.posts.remember(escalationId, post))) {
      this.deps.logger.warn({ event: 'slack.posts_cap', escalation: escalationId }, 'post not remembered for erasure (cap reached)');
    }
  }

  private async post(message: Post): Promise<string> {
    await this.deps.pacer.wait(message.channel);
    const result = await this.deps.client.chat.postMessage({
      channel: message.channel,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return result.ts ?? '';
  }

  /** Updates a card in place; false when the message is gone (deleted), so a new one is posted. */
  private async update(channel: string, ts: string, message: { text: string; blocks: KnownBlock[] }): Promise<boolean> {
    await this.deps.pacer.wait(channel);
    try {
      await this.deps.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      return true;
    } catch (err) {
      const code = (err as { data?: { error?: unknown } }).data?.error;
      if (code === 'message_not_found') return false;
      throw err;
    }
  }

  /** The bot's DM with a user (conversations.open), remembered for the process's life. */
  private async directChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.deps.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } });
    this.dmChannels.set(userId, id);
    return id;
  }
}

function wrongChannel(): Error {
  return Object.assign(new Error('notification addressed to another channel'), {
    code: 'slack_webapi_platform_error',
    data: { error: 'not_a_slack_target' },
  });
}
