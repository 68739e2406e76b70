import type { Clock } from '../../clock.js';
import { userPrefix } from '../../core/collections.js';
import { CONVERSATION_COLLECTIONS } from '../../core/collections.js';
import { maskNir } from '../../core/privacy.js';
import { type Reply, userKey } from '../../model/message.js';
import type { Store } from '../../store/contract.js';

/**
 * Replies that reach a web professional later than their own request (a delegate's message, a
 * claim notice, the satisfaction question): the outbox worker hands them to `deliver`, which
 * appends them to the professional's inbox (collection `web_inbox`); the chat page polls it.
 *
 * The web conversation id is the professional's web user id, so the inbox documents are filed under
 * the professional's user key (`web:<id>/…`) and RGPD erasure finds them.
 */

/** One inbox entry. */
export interface WebInboxEntry {
  user: string;
  at: string;
  seq: number;
  reply: Reply;
}

const SEQ_DIGITS = 12;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a delivery id is remembered (the outbox retries within this window). */
const DELIVERY_MEMORY_MS = DAY_MS;

function inboxTopic(user: string): string {
  return `web_inbox:${user}`;
}

export class WebDelivery {
  constructor(private readonly deps: { store: Store; clock: Clock; retentionDays: number }) {}

  /**
   * Appends a reply to the inbox of the web conversation `conversationId`. With `deliveryId` (the
   * outbox item id), a second delivery of the same item is ignored (at-least-once → once).
   * Text is NIR-masked again: whoever wrote it, a NIR never reaches the page.
   */
  async deliver(conversationId: string, reply: Reply, deliveryId?: string): Promise<void> {
    const user = userKey({ channel: 'web', id: conversationId });
    if (
      deliveryId !== undefined &&
      !(await this.deps.store.once(`web_delivery:${deliveryId}`, DELIVERY_MEMORY_MS))
    ) {
      return;
    }
    const seq = await this.deps.store.bumpVersion(inboxTopic(user));
    const entry: WebInboxEntry = {
      user,
      at: this.deps.clock.now().toISOString(),
      seq,
      reply: { ...reply, text: maskNir(reply.text).text },
    };
    await this.deps.store.commit({
      writes: [
        {
          collection: CONVERSATION_COLLECTIONS.webInbox,
          id: `${userPrefix(user)}${String(seq).padStart(SEQ_DIGITS, '0')}`,
          value: entry,
          ttlMs: this.deps.retentionDays * DAY_MS,
        },
      ],
    });
  }

  /** Entries of a web user's inbox with a sequence number above `after`, oldest first. */
  async read(webUserId: string, after: number): Promise<WebInboxEntry[]> {
    const user = userKey({ channel: 'web', id: webUserId });
    const docs = await this.deps.store.list<WebInboxEntry>(CONVERSATION_COLLECTIONS.webInbox, {
      prefix: userPrefix(user),
    });
    return docs
      .map((d) => d.value)
      .filter((e) => e.seq > after)
      .sort((a, b) => a.seq - b.seq);
  }

  /** The latest sequence number of a web user's inbox (0 when empty). */
  async latest(webUserId: string): Promise<number> {
    return this.deps.store.getVersion(inboxTopic(userKey({ channel: 'web', id: webUserId })));
  }
}
