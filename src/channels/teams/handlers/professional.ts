import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { InboundMessage } from '../../../model/message.js';
import { ProfessionalSubmit } from '../action-data.js';
import { countFiles, localeOf, personId, personOf, referenceOf, typedText } from '../inbound.js';
import { toAddress } from '../references.js';
import { renderReply } from '../render/reply.js';
import type { TeamsTurnDeps } from './deps.js';

/** A neutral message id (≤ 300 characters) unique across conversations: Teams ids are per conversation. */
function inboundId(conversationId: string, activityId: string): string {
  const id = `${conversationId}|${activityId}`;
  return id.length <= 300 ? id : createHash('sha256').update(id).digest('hex');
}

/**
 * A professional's message or button press (Action.Submit) in their personal chat with the bot:
 * the conversation reference is stored (for replies after a restart), the message goes to the core
 * in neutral form (files counted, never read), and the core's replies are sent back in order.
 */
export async function handleProfessionalMessage(deps: TeamsTurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const locale = localeOf(activity.locale, deps.locale);
  const reference = referenceOf(activity, locale);
  await deps.references.rememberConversation(reference);
  await deps.references.rememberPerson(personOf(activity));
  const submit = ProfessionalSubmit.safeParse(activity.value);
  const message = InboundMessage.parse({
    id: inboundId(activity.conversation.id, activity.id ?? randomUUID()),
    user: {
      channel: 'teams',
      id: personId(activity),
      ...(activity.from.name ? { displayName: activity.from.name.slice(0, 200) } : {}),
    },
    conversation: { channel: 'teams', id: activity.conversation.id, address: toAddress(reference) },
    locale,
    ...(submit.success
      ? {
          action: {
            id: submit.data.action,
            ...(submit.data.value !== undefined ? { value: submit.data.value } : {}),
          },
        }
      : { text: typedText(activity) }),
    attachments: countFiles(activity),
  });
  const replies = await deps.conversation.handle(message);
  deps.logger.info(
    { event: 'teams.professional', action: message.action?.id, replies: replies.map((r) => r.kind) },
    'professional message handled',
  );
  if (replies.length === 0) return;
  await context.sendActivities(replies.map((reply) => renderReply(reply, locale, deps.messages)));
}
