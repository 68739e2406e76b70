import type { TurnContext } from 'botbuilder';
import { EscalationErrorCode } from '../../../escalation/model.js';
import { threadOf } from '../card-threads.js';
import { delegateLocale, teamsIdentity } from '../desk.js';
import { conversationKind, countFiles, mentionsBot, personOf, typedText } from '../inbound.js';
import type { TeamsTurnDeps } from './deps.js';

/** Refusals that mean "a colleague's chatter in the thread": not relayed, not answered. */
const CHATTER = new Set<string>([
  EscalationErrorCode.NotOwner,
  EscalationErrorCode.NotAllowed,
  EscalationErrorCode.InvalidState,
]);

/**
 * A message in a team channel or a group chat. The bot reads channel messages through the
 * resource-specific permission ChannelMessage.Read.Group (see teams/manifest.json), so the owner
 * replies in the card's thread without mentioning it:
 * - in a card's thread, the owner's message is relayed to the professional (signed, NIR-masked by
 *   the escalation service); colleagues' messages are neither relayed nor answered; files are
 *   never relayed, and the owner is told so in the thread;
 * - elsewhere, the bot speaks only when mentioned, to say where to write.
 */
export async function handleChannelMessage(deps: TeamsTurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const locale = delegateLocale(deps.escalation);
  const kind = conversationKind(activity);
  const { channel, root } = threadOf(activity.conversation.id);
  const card = kind === 'channel' && root ? await deps.cardThreads.find(channel, root) : null;
  if (!card) {
    if (mentionsBot(activity)) {
      const key = kind === 'channel' ? 'teams.channel.use_card_thread' : 'teams.group.use_personal_chat';
      await context.sendActivity({
        type: 'message',
        text: deps.messages.t(locale, key),
        textFormat: 'markdown',
      });
    }
    return;
  }
  await deps.references.rememberPerson(personOf(activity));
  const actor = await teamsIdentity(deps.escalation, activity.from);
  const text = typedText(activity);
  const files = countFiles(activity);
  const filesNotice = () =>
    context.sendActivity({
      type: 'message',
      text: deps.messages.t(locale, 'teams.thread.files_not_relayed'),
    });
  if (text === '') {
    if (files > 0) await filesNotice();
    return;
  }
  const result = await deps.escalation.delegates.reply(actor, card.escalationId, text);
  deps.logger.info(
    {
      event: 'teams.thread',
      escalationId: card.escalationId,
      relayed: result.ok,
      ...(result.ok ? {} : { code: result.code }),
    },
    result.ok ? 'owner reply relayed' : 'card thread message not relayed',
  );
  if (!result.ok) {
    if (!CHATTER.has(result.code)) {
      await context.sendActivity({ type: 'message', text: result.message, textFormat: 'markdown' });
    }
    return;
  }
  if (files > 0) await filesNotice();
}
