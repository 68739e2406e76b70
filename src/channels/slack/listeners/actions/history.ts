import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { historyModal } from '../../render/modals.js';
import { tellPrivately } from '../../say.js';
import { cardClick } from './card-click.js';

/**
 * "Voir l'historique": the transcript, on demand, in a modal for the person who asked (so it stays
 * under Relais's retention, not in the channel's archive). Non-members are refused privately.
 */
export function onHistory(deps: SlackListenerDeps) {
  return async function historyListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const click = cardClick(body, action.value);
    const history = await deps.desk.history(click.actor, click.escalationId);
    deps.logger.info({ event: 'slack.history', escalationId: click.escalationId, user: click.userId, ok: history.ok }, 'card action');
    if (!history.ok) {
      await tellPrivately(client, { channel: click.channel }, click.userId, history.message);
      return;
    }
    await client.views.open({ trigger_id: click.triggerId, view: historyModal(history.lines, deps.locale, deps.messages) });
  };
}
