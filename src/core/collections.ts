import { createHash } from 'node:crypto';

/**
 * Store collections the conversation core owns. Every document id starts with the professional's
 * user key and a slash (`web:alice/…`), so that RGPD erasure and retention find them by prefix;
 * every value carries `at` (ISO, service clock) for the retention purge.
 */
export const CONVERSATION_COLLECTIONS = {
  /** Conversation state (last questions, pending confirmations), id `<user>/<channel>:<conversation>`. */
  conversations: 'conversations',
  /** One document per turn, id `<user>/<ISO time>/<turn ref>`. */
  transcripts: 'transcripts',
  /** 👍/👎 on an answer, id `<user>/<turn ref>`. */
  feedback: 'feedback',
  /** Questions for the admins' inbox (fallbacks, 👎, "none of these"), id `<user>/<turn ref>`. */
  suggestions: 'suggestions',
  /** Replies that reach a web professional later (delegate messages), id `<user>/<seq padded>`. */
  webInbox: 'web_inbox',
  /** The day the privacy reminder was last shown, id `<user>/reminder`. */
  privacyReminders: 'privacy_reminders',
} as const;

export type ConversationCollection = (typeof CONVERSATION_COLLECTIONS)[keyof typeof CONVERSATION_COLLECTIONS];

/** The id prefix of every document about one professional. */
export function userPrefix(userKey: string): string {
  return `${userKey}/`;
}

/** A short, stable reference to a turn, used in button values (the inbound id may be long). */
export function turnRef(inboundId: string): string {
  return createHash('sha256').update(inboundId).digest('hex').slice(0, 12);
}

/** The shape every record of these collections shares. */
export interface TimedRecord {
  /** ISO instant from the service clock. */
  at: string;
  /** The professional's user key (`web:alice`). */
  user: string;
}

/**
 * A store key that must not name the professional (de-duplication, rate limit): these keys outlive
 * « Supprimer mes données » until they expire, so they hold a digest of the parts, not the parts.
 */
export function opaqueKey(kind: string, ...parts: string[]): string {
  return `${kind}:${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}
