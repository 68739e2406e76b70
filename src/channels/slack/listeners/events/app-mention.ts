import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { personMessage } from '../../inbound.js';
import { routePersonMessage } from './route-message.js';

/** `app_mention`: someone wrote @Relais in a channel (the same message may also come as `message`). */
export function onAppMention(deps: SlackListenerDeps) {
  return async function appMentionListener({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> {
    const message = personMessage(event, context.botUserId);
    if (!message) return;
    await routePersonMessage(deps, client, message, context.botUserId);
  };
}
