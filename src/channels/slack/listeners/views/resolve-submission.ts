import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { ModalField } from '../../action-ids.js';
import type { SlackListenerDeps } from '../../deps.js';
import { slackIdentity } from '../../desk.js';
import { SlackChannelError, SlackChannelErrorCode } from '../../errors.js';
import { fromSlackText } from '../../mrkdwn.js';
import { readModalMetadata } from '../../render/modals.js';
import { tellPrivately } from '../../say.js';

/**
 * The resolve modal was submitted: resolve (only the owner or a supervisor may), optionally
 * proposing the exchange as a FAQ answer for admins. The modal closes at once; a refusal is told
 * privately in the queue's channel.
 */
export function onResolveSubmission(deps: SlackListenerDeps) {
  return async function resolveSubmissionListener({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const meta = readModalMetadata(view.private_metadata);
    if (!meta) throw new SlackChannelError(SlackChannelErrorCode.UnreadablePayload, 'resolve modal without metadata');
    const values = view.state.values;
    const ticked = values[ModalField.resolveFaq.block]?.[ModalField.resolveFaq.action]?.selected_options ?? [];
    const proposeFaq = ticked.some((option) => option.value === 'propose');
    const typed = values[ModalField.resolveNote.block]?.[ModalField.resolveNote.action]?.value ?? '';
    const answer = fromSlackText(typed);
    const result = await deps.desk.resolve(slackIdentity(body.user.id), meta.escalationId, {
      proposeFaq,
      ...(proposeFaq && answer !== '' ? { answer } : {}),
    });
    deps.logger.info({ event: 'slack.resolve', escalationId: meta.escalationId, user: body.user.id, proposeFaq, ok: result.ok, ...(result.ok ? {} : { code: result.code }) }, 'card action');
    if (result.message) await tellPrivately(client, { channel: meta.channel }, body.user.id, result.message);
  };
}
