import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { SlackChannelError, SlackChannelErrorCode } from '../../errors.js';
import { answerClicker, cardClick } from './card-click.js';

/** "Transférer vers…": the card's queue selector; the option's value is `<escalationId>|<queueId>`. */
export function onTransfer(deps: SlackListenerDeps) {
  return async function transferListener({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const value = action.selected_option?.value;
    const click = cardClick(body, value);
    const toQueue = value?.split('|')[1];
    if (!toQueue) throw new SlackChannelError(SlackChannelErrorCode.UnreadablePayload, 'transfer without a target queue');
    const result = await deps.desk.transfer(click.actor, click.escalationId, toQueue);
    deps.logger.info({ event: 'slack.transfer', escalationId: click.escalationId, user: click.userId, to: toQueue, ok: result.ok, ...(result.ok ? {} : { code: result.code }) }, 'card action');
    await answerClicker(client, click, result);
  };
}
