import { z } from 'zod';

/**
 * The neutral conversation model. Channels (Slack, Teams, web) translate their payloads to and
 * from these types; the core, escalation and admin layers never see a channel payload.
 */

export const ChannelId = z.enum(['web', 'slack', 'teams']);
export type ChannelId = z.infer<typeof ChannelId>;

export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A person as one channel identifies them. */
export const UserRef = z.object({
  channel: ChannelId,
  id: z.string().min(1).max(200),
  displayName: z.string().max(200).optional(),
  profession: z.string().max(100).optional(),
  territory: z.string().max(100).optional(),
});
export type UserRef = z.infer<typeof UserRef>;

/** Stable key of a user across the store: `slack:U123`, `web:alice`. */
export function userKey(user: Pick<UserRef, 'channel' | 'id'>): string {
  return `${user.channel}:${user.id}`;
}

/**
 * Where replies go. `id` is the channel's conversation id (Slack DM channel, Teams conversation id,
 * web session); `threadId` a thread inside it; `address` an opaque, channel-owned serialisation
 * (e.g. a Teams conversation reference) that lets the channel send proactively after a restart.
 */
export const ConversationRef = z.object({
  channel: ChannelId,
  id: z.string().min(1).max(500),
  threadId: z.string().max(200).optional(),
  address: z.string().max(20_000).optional(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

/** Every button a professional or delegate can press, whatever the channel. */
export const ActionId = z.enum([
  'feedback_up',
  'feedback_down',
  'talk_to_delegate',
  'confirm_escalation',
  'cancel_escalation',
  'choose_intent',
  'none_of_these',
  'followup',
  'satisfaction',
  'reopen_escalation',
  'erase_my_data',
  'confirm_erase',
  'cancel_erase',
  'help',
]);
export type ActionId = z.infer<typeof ActionId>;

/** A message or a button press from a professional, in neutral form. */
export const InboundMessage = z.object({
  /** Channel-unique id used for de-duplication (Slack event id, Teams activity id, web nonce). */
  id: z.string().min(1).max(300),
  user: UserRef,
  conversation: ConversationRef,
  locale: Locale.default('fr'),
  text: z.string().optional(),
  action: z.object({ id: ActionId, value: z.string().max(500).optional() }).optional(),
  /** Number of files or images that came with the message: never stored nor relayed. */
  attachments: z.number().int().nonnegative().default(0),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
export type InboundMessageInput = z.input<typeof InboundMessage>;

export const Button = z.object({
  action: ActionId,
  label: z.string(),
  value: z.string().optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
export type Button = z.infer<typeof Button>;

export const SourceLine = z.object({
  title: z.string(),
  url: z.string(),
  /** Calendar day (YYYY-MM-DD, Europe/Paris) the fact was checked against this source. */
  checked: z.string(),
});
export type SourceLine = z.infer<typeof SourceLine>;

export const ReplyKind = z.enum([
  'answer',
  'suggest',
  'fallback',
  'refusal',
  'smalltalk',
  'withheld',
  'escalation',
  'relay',
  'notice',
  'error',
]);
export type ReplyKind = z.infer<typeof ReplyKind>;

/**
 * One bot message in neutral form. `text` uses light formatting only: `**bold**`, line breaks,
 * `- ` bullets and `[title](url)` links; each channel renders it natively.
 */
export const Reply = z.object({
  kind: ReplyKind,
  text: z.string(),
  intentId: z.string().optional(),
  /** Answer version shown, for feedback. */
  versionId: z.string().optional(),
  sources: z.array(SourceLine).optional(),
  /** "à jour au" day (YYYY-MM-DD). */
  asOf: z.string().optional(),
  buttons: z.array(Button).optional(),
  /** Related questions offered after an answer (rendered as buttons too). */
  followUps: z.array(Button).optional(),
  /** A delegate's relayed message is signed. */
  signature: z.object({ name: z.string(), role: z.string().optional() }).optional(),
});
export type Reply = z.infer<typeof Reply>;
