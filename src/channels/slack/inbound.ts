import type { Locale } from '../../model/message.js';

/** Message subtypes that are a person writing; every other subtype (edits, deletions, joins, bots…) is ignored. */
const PERSON_SUBTYPES = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/** What this channel keeps of a Slack message event written by a person. */
export interface PersonMessage {
  channel: string;
  /** `im` for a direct message; `channel`, `group`, `mpim` otherwise. */
  channelType: string;
  user: string;
  /** As typed, in Slack's mrkdwn. */
  text: string;
  ts: string;
  threadTs?: string;
  /** Files or images attached: never stored nor relayed. */
  files: number;
}

interface RawMessageEvent {
  type?: unknown;
  subtype?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  user?: unknown;
  bot_id?: unknown;
  text?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  files?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A `message` or `app_mention` event as a person's message, or null when it is not one: bots
 * (`bot_id`, the bot's own user), edits (`message_changed`), deletions and every other subtype.
 */
export function personMessage(event: unknown, botUserId?: string): PersonMessage | null {
  if (!event || typeof event !== 'object') return null;
  const e = event as RawMessageEvent;
  if (e.type !== 'message' && e.type !== 'app_mention') return null;
  const subtype = str(e.subtype);
  if (!PERSON_SUBTYPES.has(subtype)) return null;
  if (e.bot_id !== undefined && e.bot_id !== null) return null;
  const channel = str(e.channel);
  const user = str(e.user);
  const ts = str(e.ts);
  if (!channel || !user || !ts || user === botUserId) return null;
  const threadTs = str(e.thread_ts);
  return {
    channel,
    channelType: str(e.channel_type) ?? (channel.startsWith('D') ? 'im' : 'channel'),
    user,
    text: typeof e.text === 'string' ? e.text : '',
    ts,
    ...(threadTs && threadTs !== ts ? { threadTs } : {}),
    files: Array.isArray(e.files) ? e.files.length : 0,
  };
}

/** True when the text addresses the bot (`<@Ubot>`). */
export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}`);
}

/** The neutral locale of a Slack user's locale (`en-US` → en; anything else → French). */
export function localeOf(slackLocale: string | undefined, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  return slackLocale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** De-duplication id of a message, shared by the `app_mention` and `message` events carrying it. */
export function messageId(channel: string, ts: string): string {
  return `slack:${channel}:${ts}`;
}
