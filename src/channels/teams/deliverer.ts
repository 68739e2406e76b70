import { idOfIdentity, type Notification } from '../../escalation/model.js';
import { deliverNotification } from '../../escalation/notification-delivery.js';
import type { ConversationRef, Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import type { TeamsConnector } from './connector.js';
import { classifyTeamsError, type DeliveryResult, isNotFound } from './delivery-errors.js';
import { eraseOnTeams } from './erasure.js';
import { TeamsChannelError, TeamsChannelErrorCode } from './errors.js';
import type { TeamsEscalationPosts, TeamsPost } from './escalation-posts.js';
import { parseAddress, queueChannelReference, type StoredReference, type TeamsReferences } from './references.js';
import { attachment } from './render/adaptive.js';
import { renderCard } from './render/card.js';
import { renderReply } from './render/reply.js';
import { markdownMessage } from './render/text.js';

export interface TeamsDelivererDeps {
  connector: TeamsConnector;
  references: TeamsReferences;
  cardThreads: CardThreads;
  /** What the bot posted about each escalation, for an RGPD erasure. */
  posts: TeamsEscalationPosts;
  messages: MessageCatalogue;
  logger: Logger;
  /** Locale of queue channels and delegates' notices. */
  delegateLocale: Locale;
  /** Locale of a professional whose conversation reference does not say. */
  defaultLocale: Locale;
}

type QueueTarget = Extract<Notification, { type: 'queue.card' }>['target'];

function undeliverable(message: string): TeamsChannelError {
  return new TeamsChannelError(TeamsChannelErrorCode.UndeliverablePayload, message);
}

/**
 * Delivers the outbox notifications addressed to Teams, proactively, from stored conversation
 * references (so after a restart, and from any instance): replies in a professional's personal
 * chat (a delegate's relayed message, a claim notice), a queue's card (posted, its activity id
 * returned as `ref`; then updated in place), a reminder in the card's thread, a private message to
 * a delegate in their 1:1 chat with the bot, a digest in the admins' channel; and the erasure of an escalation (cards neutralised,
 * the bot's activities about it deleted). Failures are sorted into retry or permanent.
 */
export class TeamsDeliverer {
  readonly channel = 'teams';

  constructor(private readonly deps: TeamsDelivererDeps) {}

  deliver(payload: unknown): Promise<DeliveryResult> {
    return deliverNotification(payload, {
      name: 'teams',
      send: (note) => this.send(note),
      erase: (notice) => eraseOnTeams(this.deps, notice),
      classify: classifyTeamsError,
      logger: this.deps.logger,
    });
  }

  private async send(note: Notification): Promise<string | undefined> {
    const { connector, messages, delegateLocale } = this.deps;
    switch (note.type) {
      case 'professional.reply': {
        const reference = await this.professionalReference(note.conversation);
        const locale = reference.locale ?? this.deps.defaultLocale;
        await connector.send(
          reference,
          note.replies.map((reply) => renderReply(reply, locale, messages)),
        );
        return undefined;
      }
      case 'queue.card': {
        if (note.target.channel !== 'teams') throw undeliverable('notification addressed to another channel');
        const reference = this.channelReference(note.target);
        const activity = {
          type: 'message' as const,
          attachments: [attachment(renderCard(note.card, delegateLocale, messages))],
        };
        if (note.ref) {
          try {
            await connector.update(reference, note.ref, activity);
            return note.ref;
          } catch (err) {
            // The card was deleted: post it again (a gone conversation fails the post too, permanently).
            if (!isNotFound(err)) throw err;
          }
        }
        const [id] = await connector.send(reference, [activity]);
        if (!id) throw new Error('the connector returned no activity id for the card');
        await this.deps.cardThreads.remember(note.target.conversationId, id, {
          escalationId: note.escalationId,
          queueId: note.queueId,
        });
        await this.track(note.escalationId, { kind: 'card', activityId: id, reference });
        return id;
      }
      case 'queue.message': {
        if (note.target.channel !== 'teams') throw undeliverable('notification addressed to another channel');
        const reference = this.channelReference(note.target, note.ref);
        const [id] = await connector.send(reference, [
          { type: 'message', text: markdownMessage(note.text), textFormat: 'markdown' },
        ]);
        await this.track(note.escalationId, { kind: 'message', activityId: id ?? '', reference });
        return undefined;
      }
      case 'admins.post': {
        // A new post in the admins' channel (about no escalation: not tracked for erasure).
        const [id] = await connector.send(this.channelReference(note.target), [
          { type: 'message', text: markdownMessage(note.text), textFormat: 'markdown' },
        ]);
        return id;
      }
      case 'delegate.message': {
        if (!note.to.startsWith('teams:')) throw undeliverable('notification addressed to another channel');
        const reference = await this.personalReference(idOfIdentity(note.to));
        const [id] = await connector.send(reference, [
          { type: 'message', text: markdownMessage(note.text), textFormat: 'markdown' },
        ]);
        await this.track(note.escalationId, { kind: 'message', activityId: id ?? '', reference });
        return undefined;
      }
    }
  }

  /** Remembers a post about an escalation (ids only), for an RGPD erasure; bounded per escalation. */
  private async track(escalationId: string, post: TeamsPost): Promise<void> {
    if (!(await this.deps.posts.remember(escalationId, post))) {
      this.deps.logger.warn({ event: 'teams.posts_cap', escalation: escalationId }, 'post not remembered for erasure (cap reached)');
    }
  }

  /** The professional's conversation: the reference carried by the escalation, else the stored one. */
  private async professionalReference(conversation: ConversationRef): Promise<StoredReference> {
    if (conversation.channel !== 'teams') throw undeliverable('notification addressed to another channel');
    const reference =
      parseAddress(conversation.address) ?? (await this.deps.references.conversation(conversation.id));
    if (!reference)
      throw undeliverable('no_conversation_reference (the professional never wrote from Teams)');
    return reference;
  }

  /** A queue's channel (a new post) or, with `rootId`, the thread under the card. */
  private channelReference(target: QueueTarget, rootId?: string): StoredReference {
    if (target.channel !== 'teams') throw undeliverable('notification addressed to another channel');
    return queueChannelReference(target, this.deps.connector.botId, rootId);
  }

  /** A delegate's 1:1 chat with the bot: stored, or created from how they were last seen. */
  private async personalReference(id: string): Promise<StoredReference> {
    const { references, connector } = this.deps;
    const person = await references.person(id);
    if (!person) throw undeliverable(`unknown_teams_user (${id} has not used Relais on Teams yet)`);
    if (person.personalConversationId) {
      const stored = await references.conversation(person.personalConversationId);
      if (stored) return stored;
    }
    const reference = await connector.personalConversation(person);
    await references.rememberPerson({ ...person, personalConversationId: reference.conversation.id });
    await references.rememberConversation(reference);
    return reference;
  }
}
