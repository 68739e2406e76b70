import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InboundMessage } from '../../../../model/message.js';
import { parseProfessionalAction } from '../../action-ids.js';
import type { SlackListenerDeps } from '../../deps.js';
import { SlackChannelError, SlackChannelErrorCode } from '../../errors.js';
import { localeOf } from '../../inbound.js';
import { postReplies } from '../../say.js';

/**
 * A professional pressed one of the answer's buttons: 👍/👎, "Parler à un délégué", a "Vouliez-vous
 * dire" choice, "Aucune de ces questions", a follow-up question, a satisfaction score… The neutral
 * action goes to the core; its replies are posted where the button was (DM, or the mention's thread).
 */
export function onProfessionalButton(deps: SlackListenerDeps) {
  return async function professionalButtonListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const actionId = parseProfessionalAction(action.action_id);
    if (!actionId) throw new SlackChannelError(SlackChannelErrorCode.UnreadablePayload, `unknown action ${action.action_id}`);
    const profile = await deps.directory.profile(body.user.id);
    const locale = localeOf(profile.locale, deps.locale);
    // A button on the App Home has no channel: the answer goes to the app's DM with the user.
    const channel = body.channel?.id ?? body.container?.channel_id ?? body.user.id;
    const threadTs = body.message?.thread_ts;
    const inbound = InboundMessage.parse({
      id: `slack:action:${body.user.id}:${action.action_ts}`,
      user: { channel: 'slack', id: body.user.id, displayName: profile.displayName },
      conversation: { channel: 'slack', id: channel, ...(threadTs ? { threadId: threadTs } : {}) },
      locale,
      action: { id: actionId, ...(action.value !== undefined ? { value: action.value } : {}) },
    });
    const replies = await deps.conversation.handle(inbound);
    await postReplies(client, { channel, ...(threadTs ? { threadTs } : {}) }, replies, locale, deps.messages);
    deps.logger.info({ event: 'slack.button', action: actionId, user: body.user.id, replies: replies.map((r) => r.kind) }, 'slack button handled');
  };
}
