import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import type { CardThreads } from './card-threads.js';
import type { SlackDedupe } from './dedupe.js';
import type { DelegateDesk } from './desk.js';
import type { ConversationPort } from './ports.js';
import type { SlackDirectory } from './users.js';

/** Everything the listeners use, built once by `createSlackChannel`. */
export interface SlackListenerDeps {
  conversation: ConversationPort;
  desk: DelegateDesk;
  messages: MessageCatalogue;
  dedupe: SlackDedupe;
  directory: SlackDirectory;
  cardThreads: CardThreads;
  logger: Logger;
  /** Default locale (the workspace's language); a user's Slack locale may override it. */
  locale: Locale;
}
