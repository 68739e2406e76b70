import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { slackIdentity } from '../../desk.js';
import { localeOf } from '../../inbound.js';
import { toMrkdwn } from '../../mrkdwn.js';
import { renderMyRequests } from '../../render/my-requests.js';

/** `/relais mes-demandes` (also `mine`) and `/relais aide` (also `help`, or nothing). */
export function onRelaisCommand(deps: SlackListenerDeps) {
  return async function relaisCommandListener({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    await ack();
    const sub = command.text.trim().toLowerCase().split(/\s+/)[0] ?? '';
    const profile = await deps.directory.profile(command.user_id);
    const locale = localeOf(profile.locale, deps.locale);
    if (sub === 'mes-demandes' || sub === 'mesdemandes' || sub === 'mine') {
      const cards = await deps.desk.mine(slackIdentity(command.user_id));
      deps.logger.info({ event: 'slack.command', command: 'mes-demandes', user: command.user_id, count: cards.length }, 'slash command');
      const message = renderMyRequests(cards, locale, deps.messages);
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      return;
    }
    deps.logger.info({ event: 'slack.command', command: 'aide', user: command.user_id }, 'slash command');
    const help = deps.messages.t(locale, 'slack.command.help', { command: command.command });
    await respond({ response_type: 'ephemeral', text: toMrkdwn(help) });
  };
}
