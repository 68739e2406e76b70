import type { WebClient } from '@slack/web-api';
import { EscalationErrorCode } from '../../../../escalation/model.js';
import type { CardThread } from '../../card-threads.js';
import type { SlackListenerDeps } from '../../deps.js';
import { slackIdentity } from '../../desk.js';
import type { PersonMessage } from '../../inbound.js';
import { fromSlackText } from '../../mrkdwn.js';
import { tellPrivately } from '../../say.js';

/** Refusals that mean "this is a colleague's chatter in the thread", ignored without a word. */
const CHATTER = new Set<string>([EscalationErrorCode.NotOwner, EscalationErrorCode.NotAllowed, EscalationErrorCode.InvalidState]);

/**
 * A message in a card's thread. The owner's reply is relayed to the professional (signed, NIR
 * masked by the escalation service); colleagues discussing in the thread are not relayed and not
 * answered. Files are never relayed: the owner is told so privately.
 */
export async function handleCardThreadMessage(
  deps: SlackListenerDeps,
  client: WebClient,
  message: PersonMessage,
  card: CardThread,
  botUserId: string | undefined,
): Promise<void> {
  if (!(await deps.dedupe.firstMessage(message.channel, message.ts))) return;
  const actor = slackIdentity(message.user);
  const text = fromSlackText(message.text, {
    ...(botUserId ? { botUserId } : {}),
    nameOf: (id) => deps.directory.cachedName(id) ?? id,
  });
  const place = { channel: message.channel, threadTs: message.threadTs };
  if (text === '') {
    if (message.files > 0) await tellPrivately(client, place, message.user, deps.messages.t(deps.locale, 'slack.thread.files_not_relayed'));
    return;
  }
  const result = await deps.desk.reply(actor, card.escalationId, text);
  if (!result.ok) {
    if (!CHATTER.has(result.code)) await tellPrivately(client, place, message.user, result.message);
    deps.logger.info({ event: 'slack.thread', escalationId: card.escalationId, user: message.user, relayed: false, code: result.code }, 'card thread message not relayed');
    return;
  }
  if (message.files > 0) await tellPrivately(client, place, message.user, deps.messages.t(deps.locale, 'slack.thread.files_not_relayed'));
  deps.logger.info({ event: 'slack.thread', escalationId: card.escalationId, user: message.user, relayed: true }, 'owner reply relayed');
}
