import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { resolveModal } from '../../render/modals.js';
import { cardClick } from './card-click.js';

/**
 * "Résoudre": opens the resolve modal at once (a trigger_id expires after 3 s, so views.open is
 * called directly, never through the outbox). The resolution happens on submission. From the
 * card's "Résoudre et proposer comme réponse FAQ", the FAQ box comes ticked.
 */
export function onResolve(deps: SlackListenerDeps, options: { proposeFaq?: boolean } = {}) {
  return async function resolveListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const click = cardClick(body, action.value);
    await client.views.open({
      trigger_id: click.triggerId,
      view: resolveModal({ escalationId: click.escalationId, channel: click.channel }, deps.locale, deps.messages, options),
    });
  };
}
