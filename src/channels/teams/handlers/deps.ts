import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import type { Logger } from '../../../observability.js';
import type { Store } from '../../../store/contract.js';
import type { CardThreads } from '../card-threads.js';
import type { TeamsEscalation } from '../desk.js';
import type { ConversationPort } from '../ports.js';
import type { TeamsReferences } from '../references.js';

/** Everything the turn handlers use, built once by `createTeamsChannel`. */
export interface TeamsTurnDeps {
  conversation: ConversationPort;
  escalation: TeamsEscalation;
  messages: MessageCatalogue;
  references: TeamsReferences;
  cardThreads: CardThreads;
  store: Store;
  logger: Logger;
  /** Locale of a professional whose Teams locale is unknown. */
  locale: Locale;
  /** Tenants served; null: any. */
  allowedTenants: ReadonlySet<string> | null;
}
