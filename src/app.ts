import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdmin } from './admin/index.js';
import { RELAIS_TRAINER } from './admin/nlu/relais-trainer.js';
import { workerTrainer } from './admin/nlu/worker-matcher.js';
import { createAdminRouter } from './channels/web/admin.js';
import { ConsoleAuth } from './channels/web/auth.js';
import { createWebDeliverer, liveConsoleIdentities } from './channels/web/delegate-deliverer.js';
import { createDelegateRouter } from './channels/web/delegate.js';
import { WebDelivery } from './channels/web/delivery.js';
import { createWebRouter } from './channels/web/professional.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { loadCatalogue } from './content/catalogue.js';
import { UiMessages } from './content/messages.js';
import { ConversationService, createClinicalGuard, intentDirectory } from './core/index.js';
import {
  checkEscalationConfigChoice,
  createEscalation,
  createEscalationMetrics,
  importEscalationConfig,
  loadEscalationConfig,
  OutboxWorker,
  storedDirectory,
} from './escalation/index.js';
import { collectProcessMetrics, createLogger, type Logger, metricsRegistry } from './observability.js';
import { createScheduler, type Job } from './scheduler/index.js';
import { escalationDeadlinesJob } from './scheduler/jobs.js';
import { closeServer, createHttpApp, type HttpMount, listen } from './server.js';
import type { Store } from './store/contract.js';
import { createStore } from './store/index.js';

/**
 * The composition root: config → store → content → matcher → services → channels → scheduler →
 * server. Nothing else constructs long-lived singletons. `src/main.ts` runs it as a process; the
 * end-to-end tests build it in-process with their own configuration.
 */

export interface RelaisOptions {
  clock?: Clock;
  logger?: Logger;
  /** Identifies this instance in scheduler leases (default: random). */
  instanceId?: string;
}

export interface Relais {
  readonly store: Store;
  readonly logger: Logger;
  /** Starts the HTTP server, the outbox worker and the scheduler; resolves with the base URL. */
  start(): Promise<{ url: string; server: Server }>;
  /** Graceful stop: no new requests, in-flight ones finish, workers stop, the store is flushed. */
  stop(): Promise<void>;
}

/** The daily retention purge of the conversation records. */
function retentionJob(conversation: ConversationService): Job {
  return {
    name: 'retention-purge',
    cron: '17 3 * * *',
    run: ({ now }) => conversation.purgeExpired(now),
  };
}

/** Builds every part of Relais from a validated configuration. */
export async function createRelais(config: Readonly<Config>, options: RelaisOptions = {}): Promise<Relais> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const instanceId = options.instanceId ?? randomUUID();
  if (config.METRICS_ENABLED) collectProcessMetrics();

  checkEscalationConfigChoice(config);
  const escalationConfig = loadEscalationConfig(config.relaisConfigPath);

  const store = await createStore({
    ...(config.redis ? { redis: config.redis } : {}),
    redisPrefix: config.REDIS_PREFIX,
    dataDir: config.dataDir,
    logger,
  });
  const stoppers: Array<() => Promise<void>> = [];
  try {
    const catalogue = loadCatalogue(config.contentDir);
    const messages = new UiMessages(catalogue.ui);
    await importEscalationConfig(store, escalationConfig, { clock });
    const directory = storedDirectory(store, escalationConfig);

    const admin = await createAdmin({
      store,
      clock,
      catalogue,
      directory,
      messages,
      logger,
      train: workerTrainer(RELAIS_TRAINER, { language: 'fr' }),
      instanceId,
      timeZone: config.RELAIS_TIMEZONE,
      retentionDays: config.RETENTION_DAYS,
    });
    stoppers.push(() => admin.stop());

    const escalation = createEscalation({
      store,
      clock,
      directory,
      messages,
      logger,
      metrics: createEscalationMetrics(metricsRegistry),
      reopenWindowHours: config.REOPEN_WINDOW_HOURS,
      retentionDays: config.RETENTION_DAYS,
      intentTitle: (id) => admin.answers.title(id),
    });

    const conversation = new ConversationService({
      store,
      matcher: admin.matcher,
      answers: admin.answers,
      messages,
      escalation: escalation.service,
      clock,
      logger,
      limits: {
        maxChars: config.MAX_MESSAGE_CHARS,
        ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
        retentionDays: config.RETENTION_DAYS,
        timeZone: config.RELAIS_TIMEZONE,
      },
      guard: createClinicalGuard(config.contentDir),
      intents: intentDirectory(catalogue.intents),
    });

    const outbox = new OutboxWorker({
      store,
      logger,
      pollMs: config.OUTBOX_POLL_MS,
      onDeadLetter: escalation.onDeadLetter,
    });
    outbox.addHook(escalation.outboxHook);
    const webDelivery = new WebDelivery({ store, clock, retentionDays: config.RETENTION_DAYS });
    outbox.registerDeliverer(
      'web',
      createWebDeliverer({ store, clock, delivery: webDelivery, retentionDays: config.RETENTION_DAYS }),
    );

    const mounts: HttpMount[] = [];
    const channelStarts: Array<() => Promise<void>> = [];

    // Channels that need the raw body (signatures) are mounted before the console's routers.
    if (config.slackEnabled) {
      const { createSlackChannel } = await import('./channels/slack/app.js');
      const { registerSlackAdmin } = await import('./channels/slack/admin/index.js');
      const slack = createSlackChannel({
        config,
        logger,
        conversation,
        escalation: { delegates: escalation.delegates, views: escalation.views, professionals: escalation.service },
        store,
        messages,
        registerAdmin: registerSlackAdmin(admin.service),
      });
      mounts.push({ path: slack.mountPath, router: slack.router });
      outbox.registerDeliverer('slack', slack.deliverer);
      channelStarts.push(() => slack.start());
      stoppers.push(() => slack.stop());
    }
    if (config.teamsEnabled) {
      const { createTeamsChannel } = await import('./channels/teams/index.js');
      const teams = createTeamsChannel({ config, logger, conversation, escalation, store, messages });
      mounts.push({ path: '/api/messages', router: teams.router });
      outbox.registerDeliverer('teams', teams.deliverer);
      conversation.addEraser(async (user) => {
        if (user.channel === 'teams') await teams.erasePerson(user.id);
      });
      stoppers.push(() => teams.stop());
    }

    // Console identities follow the configuration in force (runtime queue and people edits included).
    const auth = new ConsoleAuth(liveConsoleIdentities(directory));
    const maxBodyBytes = config.MAX_BODY_BYTES;
    mounts.push(
      { path: '/', router: createDelegateRouter({ escalation, store, messages, auth, logger, maxBodyBytes }) },
      { path: '/', router: createAdminRouter({ admin: admin.service, messages, auth, logger, maxBodyBytes }) },
      {
        path: '/',
        router: createWebRouter({ conversation, delivery: webDelivery, messages, auth, logger, maxBodyBytes }),
      },
    );

    const scheduler = createScheduler({
      jobs: [escalationDeadlinesJob(escalation.deadlines), retentionJob(conversation), ...admin.jobs],
      store,
      clock,
      logger,
      holder: instanceId,
      timezone: config.RELAIS_TIMEZONE,
    });

    const app = createHttpApp({ store, logger, mounts, metricsEnabled: config.METRICS_ENABLED });
    let server: Server | undefined;

    return {
      store,
      logger,
      async start() {
        for (const start of channelStarts) await start();
        server = await listen(app, config.PORT, config.HOST);
        outbox.start();
        scheduler.start();
        const { port } = server.address() as AddressInfo;
        const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
        return { url: `http://${host}:${port}`, server };
      },
      async stop() {
        if (server) await closeServer(server);
        await scheduler.stop();
        await outbox.stop();
        for (const stopPart of stoppers.reverse()) await stopPart();
        await store.close();
      },
    };
  } catch (error) {
    for (const stopPart of stoppers.reverse()) await stopPart().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
