import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';

/** `/relais-admin` until the admin issue registers its own listener (see `registerAdmin`). */
export function onAdminPlaceholder(deps: SlackListenerDeps) {
  return async function adminPlaceholderListener({ ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    await ack();
    await respond({ response_type: 'ephemeral', text: deps.messages.t(deps.locale, 'slack.command.admin_unavailable') });
  };
}
