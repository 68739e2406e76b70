import type { InboundMessage, Reply } from '../../model/message.js';

/**
 * What the Teams channel needs from the conversation core: a neutral message in, neutral replies
 * out (the core's ConversationService satisfies it).
 */
export interface ConversationPort {
  handle(message: InboundMessage): Promise<Reply[]>;
}
