import type { WebClient } from '@slack/web-api';
import type { SlackListenerDeps } from '../../deps.js';
import { mentionsBot, type PersonMessage } from '../../inbound.js';
import { handleCardThreadMessage } from './card-thread-message.js';
import { handleProfessionalMessage } from './professional-message.js';

/**
 * Where a person's message goes: a direct message → the conversation core; a message in a card's
 * thread → the escalation (the owner's replies are relayed); a channel message that mentions the bot
 * → the conversation core, answered in a thread; anything else in a channel is none of Relais's
 * business. `app_mention` and channel `message` events both come here, so whichever arrives first
 * decides, and the second is dropped on channel + ts.
 */
export async function routePersonMessage(
  deps: SlackListenerDeps,
  client: WebClient,
  message: PersonMessage,
  botUserId: string | undefined,
): Promise<void> {
  if (message.channelType === 'im') {
    await handleProfessionalMessage(deps, client, message, botUserId);
    return;
  }
  if (message.threadTs) {
    const card = await deps.cardThreads.find(message.channel, message.threadTs);
    if (card) {
      await handleCardThreadMessage(deps, client, message, card, botUserId);
      return;
    }
  }
  if (mentionsBot(message.text, botUserId)) await handleProfessionalMessage(deps, client, message, botUserId);
}
