import { z } from 'zod';
import type { CardTarget } from '../../escalation/model.js';
import type { Store } from '../../store/contract.js';

/**
 * Conversation references, kept in the store (collection `teams_refs`) and never in process memory,
 * so that any instance, after any restart, can write proactively: a delegate's reply to a
 * professional, a card to a queue's channel, a private notice to a delegate.
 *
 * Documents:
 * - `conv:<conversation id>`: the reference of a conversation the bot was written in;
 * - `user:<Teams user id or Entra object id>`: how to reach a person (their ids, the service URL
 *   and tenant they wrote from, their 1:1 conversation with the bot once known).
 * Both expire after the retention period and are renewed whenever the person writes again.
 */
export const TEAMS_REFS = 'teams_refs';

/** The part of a Bot Framework ConversationReference Relais keeps (no names, no message text). */
export const StoredReference = z.object({
  channelId: z.string(),
  serviceUrl: z.url(),
  conversation: z.object({
    id: z.string().min(1),
    tenantId: z.string().optional(),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1) }),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }).optional(),
  /** Locale the person writes in, for the strings Relais adds to relayed replies. */
  locale: z.enum(['fr', 'en']).optional(),
});
export type StoredReference = z.infer<typeof StoredReference>;

export const TeamsPerson = z.object({
  /** Teams user id (`29:…`), specific to this bot. */
  userId: z.string().min(1),
  /** Microsoft Entra object id, stable across apps (what the Relais configuration names). */
  aadObjectId: z.string().optional(),
  serviceUrl: z.url(),
  tenantId: z.string().optional(),
  /** The person's 1:1 conversation with the bot, once it exists. */
  personalConversationId: z.string().optional(),
});
export type TeamsPerson = z.infer<typeof TeamsPerson>;

/** Serialises a reference for `ConversationRef.address` (parsed back by `parseAddress`). */
export function toAddress(reference: StoredReference): string {
  return JSON.stringify(reference);
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

/** The reference inside a `ConversationRef.address`, or null when absent or unreadable. */
export function parseAddress(address: string | undefined): StoredReference | null {
  if (!address) return null;
  try {
    const parsed = StoredReference.safeParse(JSON.parse(address));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

interface Envelope {
  value: unknown;
  /** Epoch ms of the last write. */
  renewedAt: number;
}

export class TeamsReferences {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    /** Store time (for the renewal of time to live), not domain time. */
    private readonly now: () => number = Date.now,
  ) {}

  async rememberConversation(reference: StoredReference): Promise<void> {
    await this.write(`conv:${reference.conversation.id}`, reference);
  }

  async conversation(conversationId: string): Promise<StoredReference | null> {
    const parsed = StoredReference.safeParse(await this.read(`conv:${conversationId}`));
    return parsed.success ? parsed.data : null;
  }

  /** Records how to reach a person, under both their Teams id and their Entra object id. */
  async rememberPerson(person: TeamsPerson): Promise<void> {
    const known = await this.person(person.userId);
    const merged: TeamsPerson = {
      ...person,
      ...(person.personalConversationId || !known?.personalConversationId
        ? {}
        : { personalConversationId: known.personalConversationId }),
    };
    await this.write(`user:${person.userId}`, merged);
    if (person.aadObjectId) await this.write(`user:${person.aadObjectId}`, merged);
  }

  /** A person by Teams user id (`29:…`) or Entra object id. */
  async person(id: string): Promise<TeamsPerson | null> {
    const parsed = TeamsPerson.safeParse(await this.read(`user:${id}`));
    return parsed.success ? parsed.data : null;
  }

  /**
   * RGPD erasure: removes how to reach a person (under both ids) and their personal conversation's
   * reference. `id` is the Teams user id or the Entra object id.
   */
  async forgetPerson(id: string): Promise<void> {
    const person = await this.person(id);
    const ids = new Set([`user:${id}`]);
    if (person) {
      ids.add(`user:${person.userId}`);
      if (person.aadObjectId) ids.add(`user:${person.aadObjectId}`);
      if (person.personalConversationId) ids.add(`conv:${person.personalConversationId}`);
    }
    await this.store.commit({
      writes: [...ids].map((docId) => ({ collection: TEAMS_REFS, id: docId, value: null })),
    });
  }

  private async read(id: string): Promise<unknown> {
    const doc = await this.store.get<Envelope>(TEAMS_REFS, id);
    return doc?.value.value;
  }

  /**
   * Writes when the value changed or was last written more than a day ago (to renew its time to
   * live), so that a busy conversation does not rewrite it on every message.
   */
  private async write(id: string, value: StoredReference | TeamsPerson): Promise<void> {
    const current = await this.store.get<Envelope>(TEAMS_REFS, id);
    const now = this.now();
    if (
      current &&
      JSON.stringify(current.value.value) === JSON.stringify(value) &&
      now - current.value.renewedAt < RENEW_AFTER_MS
    ) {
      return;
    }
    const envelope: Envelope = { value, renewedAt: now };
    await this.store.commit({ writes: [{ collection: TEAMS_REFS, id, value: envelope, ttlMs: this.ttlMs }] });
  }
}
