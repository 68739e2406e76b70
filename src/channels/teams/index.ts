import { CloudAdapter } from 'botbuilder';
import type { Router } from 'express';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import type { Store } from '../../store/contract.js';
import { checkTeamsStartup, createBotAuthentication, type TeamsAuthMode, type TeamsConfig } from './auth.js';
import { CardThreads } from './card-threads.js';
import { TeamsConnector } from './connector.js';
import { TeamsDeliverer } from './deliverer.js';
import { TeamsEscalationPosts } from './escalation-posts.js';
import { delegateLocale, type TeamsEscalation } from './desk.js';
import type { TeamsTurnDeps } from './handlers/deps.js';
import type { ConversationPort } from './ports.js';
import { TeamsReferences } from './references.js';
import { createTeamsRouter } from './router.js';
import { createTurnErrorHandler, createTurnLogic } from './turn.js';

export interface TeamsChannelOptions {
  /** The validated configuration (src/config.ts). */
  config: TeamsConfig;
  logger: Logger;
  /** The conversation core (ConversationService). */
  conversation: ConversationPort;
  /** The escalation module (`createEscalation(...)`): delegates' operations and context. */
  escalation: TeamsEscalation;
  store: Store;
  messages: MessageCatalogue;
  /** Locale of professionals whose Teams locale is unknown (default fr). */
  locale?: Locale;
}

export interface TeamsChannel {
  /** Mount at `/api/messages`. */
  router: Router;
  /** Register on the outbox worker for channel `teams`. */
  deliverer: TeamsDeliverer;
  mode: TeamsAuthMode;
  /**
   * RGPD erasure of what the Teams channel keeps about a person (how to reach them, their personal
   * chat's reference). `userId`: the `id` of their UserRef (`teams:<id>` without the prefix).
   */
  erasePerson(userId: string): Promise<void>;
  /** Refuses new activities (503) from now on; in-flight ones finish. */
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The Microsoft Teams channel (Bot Framework, botbuilder's CloudAdapter). Every botbuilder import
 * of Relais stays in this folder: moving to @microsoft/agents-hosting is this folder's work.
 *
 * Throws TeamsChannelError (`teams_unauthenticated_not_loopback`, `teams_invalid_options`) when
 * the configuration does not allow it to start; see `checkTeamsStartup`.
 */
export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const { config, store, messages } = options;
  const startup = checkTeamsStartup(config);
  const logger = options.logger.child({ channel: 'teams' });
  if (startup.mode === 'development') {
    logger.warn(
      { event: 'teams.unauthenticated', host: config.HOST },
      'TEAMS: NO MicrosoftAppId — Bot Framework UNAUTHENTICATED development mode (Emulator only). ' +
        'Activities are accepted without a token. Allowed only because HOST is a loopback address.',
    );
  } else if (!startup.allowedTenants) {
    logger.warn(
      { event: 'teams.any_tenant' },
      'Teams: MultiTenant bot without TEAMS_ALLOWED_TENANTS serves every tenant',
    );
  }
  const adapter = new CloudAdapter(createBotAuthentication(config));
  const retentionMs = config.RETENTION_DAYS * DAY_MS;
  const references = new TeamsReferences(store, retentionMs);
  const cardThreads = new CardThreads(store, retentionMs);
  const locale = options.locale ?? 'fr';
  const deps: TeamsTurnDeps = {
    conversation: options.conversation,
    escalation: options.escalation,
    messages,
    references,
    cardThreads,
    store,
    logger,
    locale,
    allowedTenants: startup.allowedTenants,
  };
  adapter.onTurnError = createTurnErrorHandler(deps);
  let stopped = false;
  const router = createTeamsRouter(adapter, createTurnLogic(deps), {
    maxBodyBytes: config.MAX_BODY_BYTES,
    isStopped: () => stopped,
  });
  const deliverer = new TeamsDeliverer({
    connector: new TeamsConnector(adapter, config.MicrosoftAppId ?? ''),
    references,
    cardThreads,
    posts: new TeamsEscalationPosts(store, retentionMs),
    messages,
    logger,
    delegateLocale: delegateLocale(options.escalation),
    defaultLocale: locale,
  });
  logger.info({ event: 'teams.ready', mode: startup.mode }, 'Teams channel ready at /api/messages');
  return {
    router,
    deliverer,
    mode: startup.mode,
    erasePerson: (userId) => references.forgetPerson(userId),
    async stop() {
      stopped = true;
    },
  };
}

export { checkTeamsStartup, type TeamsAuthMode, type TeamsConfig, type TeamsStartup } from './auth.js';
export type { TeamsEscalation } from './desk.js';
export { TeamsChannelError, TeamsChannelErrorCode } from './errors.js';
