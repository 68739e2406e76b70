import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { answerClicker, cardClick } from './card-click.js';

/** "Relâcher": the owner gives the escalation back to its queue. */
export function onRelease(deps: SlackListenerDeps) {
  return async function releaseListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const click = cardClick(body, action.value);
    const result = await deps.desk.release(click.actor, click.escalationId);
    deps.logger.info({ event: 'slack.release', escalationId: click.escalationId, user: click.userId, ok: result.ok, ...(result.ok ? {} : { code: result.code }) }, 'card action');
    await answerClicker(client, click, result);
  };
}
