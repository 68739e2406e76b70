import { z } from 'zod';
import { ConversationRef, Locale, Reply, UserRef } from '../model/message.js';

/**
 * The escalation as stored (collection `escalations`), the neutral delegate card every channel
 * renders, and the payloads of the notifications it sends through the outbox. Channel-free.
 */

export const COLLECTIONS = {
  escalations: 'escalations',
  /** Professional identity → their latest escalation (for relay, cancel and reopen). */
  byProfessional: 'escalation_by_professional',
  /** Transcript lines, id `<escalationId>:<epoch ms padded>:<nonce>`, under retention. */
  transcript: 'escalation_transcript',
  /** Notices for web delegates and web queues, read by the console's delegate view. */
  webNotices: 'delegate_notices',
  /** Delegates' proposed answers for admins. */
  suggestions: 'suggestions',
  config: 'config',
  /** Escalations erased for their professional (RGPD): id and time only, under retention. */
  erasures: 'escalation_erasures',
  /** When a delegate last read an escalation (history, reply): id `<identity>|<escalationId>`. */
  seen: 'escalation_seen',
} as const;

export const EscalationStatus = z.enum(['open', 'claimed', 'resolved', 'cancelled']);
export type EscalationStatus = z.infer<typeof EscalationStatus>;

export const Guess = z.object({ intent: z.string(), confidence: z.number().min(0).max(1) });

export const Escalation = z.object({
  id: z.string(),
  status: EscalationStatus,
  queueId: z.string(),
  routedVia: z.enum(['referent', 'topic', 'default', 'transfer', 'deadline', 'absence']),
  professional: UserRef,
  /** `channel:id` of the professional. */
  professionalKey: z.string(),
  conversation: ConversationRef,
  locale: Locale,
  /** NIR-masked. */
  question: z.string(),
  topic: z.string().optional(),
  reason: z.string(),
  /** The intent Relais had already answered when the professional asked for a delegate. */
  answeredIntent: z.string().optional(),
  guesses: z.array(Guess),
  createdAt: z.string(),
  /** When it entered its current queue: the deadline counts from here. */
  queuedAt: z.string(),
  reminderAt: z.string().optional(),
  deadlineAt: z.string().optional(),
  reminderSentAt: z.string().optional(),
  /** The deadline of the current queue was acted on (moved or supervisors alerted). */
  deadlineActedAt: z.string().optional(),
  breaches: z.number().int().nonnegative().default(0),
  /**
   * The owner's first reply to the professional since the escalation entered its current queue: the
   * deadline stops running there (it runs through a claim, so a forgotten claim still alerts).
   */
  firstReplyAt: z.string().optional(),
  /** Claimed without a reply at half the deadline: the owner was reminded. */
  ownerReminderSentAt: z.string().optional(),
  /** Claimed without a reply at the deadline: the supervisors were told who holds it. */
  ownerDeadlineActedAt: z.string().optional(),
  owner: z
    .object({ identity: z.string(), name: z.string(), role: z.string().optional(), at: z.string() })
    .optional(),
  firstClaimedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  satisfaction: z.number().int().min(1).max(5).optional(),
  /** The professional's latest message after the opening one (a follow-up, or a reopening). */
  followUpAt: z.string().optional(),
  /**
   * While it waits unclaimed, the last time a message of the professional was acknowledged with
   * where it waits and how to cancel (then « Transmis. » for an hour).
   */
  waitingNoticeAt: z.string().optional(),
  /** The latest reopening after a resolution: the professional waits again from here. */
  reopenedAt: z.string().optional(),
  /** Card references returned by channels (e.g. Slack message ts), by `<channel>:<queueId>`. */
  cardRefs: z.record(z.string(), z.string()).default({}),
});
export type Escalation = z.infer<typeof Escalation>;

export const TranscriptLine = z.object({
  escalationId: z.string(),
  at: z.string(),
  from: z.enum(['professional', 'delegate', 'system']),
  /** Identity of the writer (delegate) or the professional's key. */
  who: z.string(),
  name: z.string().optional(),
  /** NIR-masked. */
  text: z.string(),
  /** A delegate message that was not relayed (not the owner). */
  relayed: z.boolean().default(true),
});
export type TranscriptLine = z.infer<typeof TranscriptLine>;

export const CardActionId = z.enum(['claim', 'release', 'transfer', 'resolve', 'resolve_faq', 'history']);
export type CardActionId = z.infer<typeof CardActionId>;

/** The delegate card, in neutral form: Slack renders Block Kit, Teams an Adaptive Card, the web HTML. */
export const EscalationCard = z.object({
  escalationId: z.string(),
  queueId: z.string(),
  queueName: z.string(),
  status: EscalationStatus,
  /** Localised status line, e.g. "Pris en charge par Claire Martin à 10:42". */
  statusText: z.string(),
  title: z.string(),
  /** The question's first words (the console's card title). */
  headline: z.string().optional(),
  asker: z.object({ name: z.string(), profession: z.string().optional(), territory: z.string().optional() }),
  question: z.string(),
  summary: z.string(),
  guesses: z.array(z.object({ label: z.string(), confidence: z.number() })),
  deadline: z.object({ at: z.string(), text: z.string() }).optional(),
  owner: z.object({ identity: z.string(), name: z.string(), at: z.string() }).optional(),
  actions: z.array(
    z.object({ id: CardActionId, label: z.string(), style: z.enum(['primary', 'danger']).optional() }),
  ),
  transferTargets: z.array(z.object({ queueId: z.string(), name: z.string() })),
  createdAt: z.string(),
});
export type EscalationCard = z.infer<typeof EscalationCard>;

/** Where a card goes on one channel (from the queue's configuration). */
export const CardTarget = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('web') }),
  z.object({ channel: z.literal('slack'), channelId: z.string() }),
  z.object({
    channel: z.literal('teams'),
    conversationId: z.string(),
    serviceUrl: z.string(),
    tenantId: z.string().optional(),
  }),
]);
export type CardTarget = z.infer<typeof CardTarget>;

/** The notifications escalation sends, as stored in the outbox (`payload`). */
export const Notification = z.discriminatedUnion('type', [
  /** Bot replies to a professional, in their own conversation, whatever channel it is. */
  z.object({
    type: z.literal('professional.reply'),
    escalationId: z.string(),
    user: UserRef,
    conversation: ConversationRef,
    replies: z.array(Reply),
  }),
  /** Post the card in a queue's channel, or update the one posted (`ref`, filled at delivery). */
  z.object({
    type: z.literal('queue.card'),
    escalationId: z.string(),
    queueId: z.string(),
    target: CardTarget,
    card: EscalationCard,
    ref: z.string().optional(),
  }),
  /** A message in a queue's channel (reminder), in the card's thread when the channel has one. */
  z.object({
    type: z.literal('queue.message'),
    escalationId: z.string(),
    queueId: z.string(),
    target: CardTarget,
    kind: z.enum(['reminder', 'moved']),
    text: z.string(),
    ref: z.string().optional(),
  }),
  /**
   * A post in the admins' shared channel (a digest), a new message that admins discuss in its
   * thread. `escalationId` is `admin:<key>`, as for private admin notices.
   */
  z.object({
    type: z.literal('admins.post'),
    escalationId: z.string(),
    target: CardTarget,
    text: z.string(),
  }),
  /** A private message to one delegate: a relayed message, a notice, a supervisor alert. */
  z.object({
    type: z.literal('delegate.message'),
    escalationId: z.string(),
    to: z.string(),
    kind: z.enum(['relay', 'notice', 'alert']),
    text: z.string(),
  }),
]);
export type Notification = z.infer<typeof Notification>;

/** Channel of an identity (`slack:U1` → `slack`). */
export function channelOfIdentity(identity: string): 'web' | 'slack' | 'teams' {
  const channel = identity.slice(0, identity.indexOf(':'));
  if (channel === 'slack' || channel === 'teams') return channel;
  return 'web';
}

/** Id part of an identity (`teams:29:abc` → `29:abc`). */
export function idOfIdentity(identity: string): string {
  return identity.slice(identity.indexOf(':') + 1);
}

/**
 * Outcome of a delegate operation: the caller (a channel) shows `message` to the delegate. A
 * refusal carries only its code and message, never the escalation (the refused delegate may not be
 * allowed to see it).
 */
export type DelegateResult =
  | { ok: true; escalation: Escalation; card: EscalationCard; message?: string }
  | { ok: false; code: EscalationErrorCode; message: string };

export const EscalationErrorCode = {
  NotFound: 'ESCALATION_NOT_FOUND',
  NotAllowed: 'ESCALATION_NOT_ALLOWED',
  AlreadyClaimed: 'ESCALATION_ALREADY_CLAIMED',
  NotOwner: 'ESCALATION_NOT_OWNER',
  InvalidState: 'ESCALATION_INVALID_STATE',
  UnknownQueue: 'ESCALATION_UNKNOWN_QUEUE',
  Busy: 'ESCALATION_BUSY',
} as const;
export type EscalationErrorCode = (typeof EscalationErrorCode)[keyof typeof EscalationErrorCode];

/** Raised when the store keeps refusing a write (too many concurrent changes). */
export class EscalationError extends Error {
  constructor(
    readonly code: EscalationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
