import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { personMessage } from '../../inbound.js';
import { routePersonMessage } from './route-message.js';

/**
 * `message` events (message.im, message.channels, message.groups). Bots, the bot itself, edits,
 * deletions and other subtypes that are not a person writing are ignored.
 */
export function onMessage(deps: SlackListenerDeps) {
  return async function messageListener({ event, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> {
    const message = personMessage(event, context.botUserId);
    if (!message) return;
    await routePersonMessage(deps, client, message, context.botUserId);
  };
}
