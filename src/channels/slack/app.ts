import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { Router } from 'express';
import type { Config } from '../../config.js';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import type { Store } from '../../store/contract.js';
import { boltLogger } from './bolt-logger.js';
import { CardThreads } from './card-threads.js';
import { interactiveClientOptions, outboxClientOptions } from './client-options.js';
import { SlackDedupe } from './dedupe.js';
import { SlackDeliverer } from './deliverer.js';
import { SlackEscalationPosts } from './escalation-posts.js';
import type { SlackListenerDeps } from './deps.js';
import { deskOf, type EscalationServices } from './desk.js';
import { createErrorHandler } from './error-handler.js';
import { SlackChannelError, SlackChannelErrorCode } from './errors.js';
import { register as registerActions } from './listeners/actions/index.js';
import { type AdminCommandRegistrar, register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { dropRetriedEvents } from './middleware.js';
import { ChannelPacer } from './pacing.js';
import type { ConversationPort } from './ports.js';
import { SlackDirectory } from './users.js';

/** Where the lead mounts `router`: Bolt's default path for events, interactivity and commands. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackChannelOptions {
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'RETENTION_DAYS'>;
  logger: Logger;
  /** The conversation core (ConversationService). */
  conversation: ConversationPort;
  /** The escalation services (delegates, views, professionals' side). */
  escalation: EscalationServices;
  store: Store;
  messages: MessageCatalogue;
  /** Workspace language for queue channels and users whose Slack locale is unknown (default fr). */
  locale?: Locale;
  /** Minimum gap between two outbox messages in one Slack channel (default 1000 ms). */
  paceMs?: number;
  /** The admin layer's `/relais-admin` listener; a placeholder answers until it exists. */
  registerAdmin?: AdminCommandRegistrar;
}

export interface SlackChannel {
  /** Mount at `mountPath` on the shared express app (empty in Socket Mode). */
  router: Router;
  mountPath: typeof SLACK_EVENTS_PATH;
  /** Register on the outbox worker for channel `slack`. */
  deliverer: SlackDeliverer;
  mode: 'http' | 'socket';
  /** Checks the token (auth.test); in Socket Mode, opens the connection. Call before listening. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The Bolt app, for the admin layer's listeners. */
  app: App;
}

/**
 * Builds the Slack channel: a Bolt app over HTTP (ExpressReceiver, signatures checked by Bolt,
 * acknowledged before the work is done) or Socket Mode when SLACK_APP_TOKEN is set; its listeners
 * translating Slack to the conversation core and the escalation services; and the outbox deliverer.
 * One workspace per deployment (a single bot token).
 */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { config, logger, store, messages } = options;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new SlackChannelError(SlackChannelErrorCode.InvalidOptions, 'SLACK_BOT_TOKEN is required');
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) {
    throw new SlackChannelError(SlackChannelErrorCode.InvalidOptions, 'SLACK_SIGNING_SECRET is required in HTTP mode');
  }
  const log = logger.child({ channel: 'slack' });
  const sdkLogger = boltLogger(logger);
  const locale = options.locale ?? 'fr';
  const router = Router();
  const clientOptions = interactiveClientOptions(config.SLACK_API_URL, sdkLogger);

  const receiver = socketMode
    ? undefined
    : new ExpressReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        endpoints: '/',
        router,
        processBeforeResponse: false,
        logger: sdkLogger,
      });
  const app = new App({
    token,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.SLACK_APP_TOKEN! }),
    logger: sdkLogger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  const retentionMs = (config.RETENTION_DAYS ?? 90) * 86_400_000;
  const cardThreads = new CardThreads(store, retentionMs);
  const dedupe = new SlackDedupe(store);
  const deps: SlackListenerDeps = {
    conversation: options.conversation,
    desk: deskOf(options.escalation),
    messages,
    dedupe,
    directory: new SlackDirectory(app.client, log),
    cardThreads,
    logger: log,
    locale,
  };

  app.use(dropRetriedEvents(dedupe, log));
  registerEvents(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerCommands(app, deps, options.registerAdmin);
  app.error(createErrorHandler({ client: app.client, messages, logger: log, locale }));

  const deliverer = new SlackDeliverer({
    client: new WebClient(token, outboxClientOptions(config.SLACK_API_URL, sdkLogger)),
    messages,
    pacer: new ChannelPacer(options.paceMs ?? 1_000),
    cardThreads,
    posts: new SlackEscalationPosts(store, retentionMs),
    logger: log,
    locale,
  });

  return {
    router,
    mountPath: SLACK_EVENTS_PATH,
    deliverer,
    mode: socketMode ? 'socket' : 'http',
    app,
    async start() {
      await app.init();
      if (socketMode) await app.start();
      log.info({ mode: socketMode ? 'socket' : 'http' }, 'slack channel started');
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
