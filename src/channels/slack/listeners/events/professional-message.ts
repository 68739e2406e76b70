import type { WebClient } from '@slack/web-api';
import { InboundMessage, type UserRef } from '../../../../model/message.js';
import type { SlackListenerDeps } from '../../deps.js';
import { localeOf, messageId, type PersonMessage } from '../../inbound.js';
import { fromSlackText } from '../../mrkdwn.js';
import { postReplies, type SlackPlace } from '../../say.js';

/**
 * A professional wrote to Relais (a direct message, or a mention in a channel): translate it to a
 * neutral message, let the core answer, post the replies where it was written (a mention is
 * answered in its thread). The same message is handled once even when Slack delivers it twice
 * (`app_mention` and channel `message` carry the same channel + ts).
 */
export async function handleProfessionalMessage(
  deps: SlackListenerDeps,
  client: WebClient,
  message: PersonMessage,
  botUserId: string | undefined,
): Promise<void> {
  if (!(await deps.dedupe.firstMessage(message.channel, message.ts))) return;
  const profile = await deps.directory.profile(message.user);
  const locale = localeOf(profile.locale, deps.locale);
  const isDirect = message.channelType === 'im';
  const threadTs = isDirect ? message.threadTs : (message.threadTs ?? message.ts);
  const user: UserRef = { channel: 'slack', id: message.user, displayName: profile.displayName };
  const text = fromSlackText(message.text, {
    ...(botUserId ? { botUserId } : {}),
    nameOf: (id) => deps.directory.cachedName(id) ?? id,
  });
  const inbound = InboundMessage.parse({
    id: messageId(message.channel, message.ts),
    user,
    conversation: { channel: 'slack', id: message.channel, ...(threadTs ? { threadId: threadTs } : {}) },
    locale,
    ...(text !== '' ? { text } : {}),
    attachments: message.files,
  });
  const started = Date.now();
  const replies = await deps.conversation.handle(inbound);
  const place: SlackPlace = { channel: message.channel, ...(threadTs ? { threadTs } : {}) };
  await postReplies(client, place, replies, locale, deps.messages);
  deps.logger.info(
    {
      event: isDirect ? 'slack.dm' : 'slack.mention',
      user: message.user,
      files: message.files,
      replies: replies.map((r) => r.kind),
      intent: replies.find((r) => r.intentId)?.intentId,
      ms: Date.now() - started,
    },
    'slack message handled',
  );
}

