import type { Activity } from 'botbuilder';
import type { Locale } from '../../model/message.js';
import type { StoredReference, TeamsPerson } from './references.js';

/**
 * Reading Bot Framework activities: who wrote, from which tenant, where, what text (mentions and
 * HTML removed), how many files. Pure functions over the activity; no I/O.
 */

/** True for the bot's own activities (echoes, other bots): never handled. */
export function isFromBot(activity: Activity): boolean {
  const from = activity.from;
  if (!from?.id) return true;
  if (activity.recipient?.id && from.id === activity.recipient.id) return true;
  return from.role === 'bot' || from.id.startsWith('28:');
}

/** The Entra tenant of the activity (Teams puts it in channelData and on the conversation). */
export function tenantOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

/** `personal`, `channel` or `groupChat`; the Emulator sends none for a 1:1 conversation. */
export function conversationKind(activity: Activity): 'personal' | 'channel' | 'groupChat' {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  if (!type && activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_all, name: string) => ENTITIES[name] ?? '');
}

/** True when the message @mentions the bot. */
export function mentionsBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: unknown } }).mentioned?.id === botId,
  );
}

/**
 * The text a person typed: the bot's `<at>…</at>` mention removed, HTML (channel messages arrive
 * as HTML) reduced to text with line breaks kept, entities decoded, whitespace tidied.
 */
export function typedText(activity: Activity): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; mentioned?: { id?: unknown }; text?: unknown };
    if (mention.type === 'mention' && mention.mentioned?.id === botId && typeof mention.text === 'string') {
      text = text.split(mention.text).join('');
    }
  }
  text = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Files and images that came with a message: every attachment except Teams' HTML copy of the
 * message and cards; an image pasted inline that appears only in that HTML copy counts as one.
 */
export function countFiles(activity: Activity): number {
  const attachments = activity.attachments ?? [];
  const files = attachments.filter(
    (a) => a.contentType !== 'text/html' && !a.contentType?.startsWith('application/vnd.microsoft.card.'),
  ).length;
  if (files > 0) return files;
  const inlineImage = attachments.some(
    (a) => a.contentType === 'text/html' && typeof a.content === 'string' && /<img\b/i.test(a.content),
  );
  return inlineImage ? 1 : 0;
}

/** The neutral locale of a Teams locale (`en-US` → en; anything else → French). */
export function localeOf(teamsLocale: string | undefined, fallback: Locale): Locale {
  if (!teamsLocale) return fallback;
  return teamsLocale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** The stable id of the person who wrote: their Entra object id when Teams gives it, else the Teams id. */
export function personId(activity: Activity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

/** What Relais keeps to write back into this activity's conversation later (no names, no text). */
export function referenceOf(activity: Activity, locale?: Locale): StoredReference {
  const conversation = activity.conversation;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: conversation.id,
      ...(conversation.tenantId || tenantOf(activity)
        ? { tenantId: conversation.tenantId ?? tenantOf(activity) }
        : {}),
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
    },
    bot: { id: activity.recipient.id },
    ...(conversationKind(activity) === 'personal'
      ? {
          user: {
            id: activity.from.id,
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          },
        }
      : {}),
    ...(locale ? { locale } : {}),
  };
}

/** How to reach the person who wrote this activity later (a private notice, a relayed message). */
export function personOf(activity: Activity): TeamsPerson {
  const tenantId = tenantOf(activity);
  return {
    userId: activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    serviceUrl: activity.serviceUrl,
    ...(tenantId ? { tenantId } : {}),
    ...(conversationKind(activity) === 'personal'
      ? { personalConversationId: activity.conversation.id }
      : {}),
  };
}
