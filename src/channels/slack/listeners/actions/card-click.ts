import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { DelegateResult } from '../../../../escalation/model.js';
import { slackIdentity } from '../../desk.js';
import { SlackChannelError, SlackChannelErrorCode } from '../../errors.js';
import { tellPrivately } from '../../say.js';

/** A click on a delegate card: who, on which escalation, in which channel. */
export interface CardClick {
  userId: string;
  actor: string;
  escalationId: string;
  channel: string;
  triggerId: string;
}

/** Reads a card click from a `block_actions` body; `value` is the escalation id (or `id|queue`). */
export function cardClick(body: BlockAction, value: string | undefined): CardClick {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const escalationId = value?.split('|')[0];
  if (!channel || !escalationId) {
    throw new SlackChannelError(SlackChannelErrorCode.UnreadablePayload, 'card action without channel or escalation id');
  }
  return { userId: body.user.id, actor: slackIdentity(body.user.id), escalationId, channel, triggerId: body.trigger_id };
}

/**
 * Tells the clicker privately how their action went: the refusal ("déjà pris en charge par X",
 * "réservé aux membres de la file…") or the service's confirmation. The card itself is updated for
 * everyone by the outbox (chat.update), not here.
 */
export async function answerClicker(client: WebClient, click: CardClick, result: DelegateResult): Promise<void> {
  const text = result.message;
  if (!text) return;
  await tellPrivately(client, { channel: click.channel }, click.userId, text);
}
