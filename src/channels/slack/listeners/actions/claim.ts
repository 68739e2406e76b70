import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { answerClicker, cardClick } from './card-click.js';

/**
 * "Prendre en charge". The claim is atomic in the escalation service: of two delegates clicking at
 * once, one owns it (the card is updated for everyone through the outbox) and the other is told
 * privately who has it. A non-member of the queue is refused privately.
 */
export function onClaim(deps: SlackListenerDeps) {
  return async function claimListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const click = cardClick(body, action.value);
    const result = await deps.desk.claim(click.actor, click.escalationId);
    deps.logger.info({ event: 'slack.claim', escalationId: click.escalationId, user: click.userId, ok: result.ok, ...(result.ok ? {} : { code: result.code }) }, 'card action');
    await answerClicker(client, click, result);
  };
}
