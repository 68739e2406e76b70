import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSlackChannel, type SlackChannel } from '../../../../src/channels/slack/app.js';
import { type EscalationModule, OutboxWorker, parseEscalationConfig } from '../../../../src/escalation/index.js';
import { createLogger } from '../../../../src/observability.js';
import { closeServer, createHttpApp, listen } from '../../../../src/server.js';
import type { Store } from '../../../../src/store/contract.js';
import { createStore } from '../../../../src/store/index.js';
import { channelServices } from '../../../support/services.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { postToSlackEndpoint, type SignedPost } from './wire.js';
import { waitUntilSettled } from '../../../support/settle.js';

export const SIGNING_SECRET = 'test-signing-secret-8f3a2c1d9e7b6a5f';

/** Slack ids of the people and channels of the scenario. */
export const IDS = {
  doctor: 'UDOCTOR1',
  doctorDm: 'DDOCTOR1',
  claire: 'UCLAIRE1',
  karim: 'UKARIM01',
  outsider: 'UOUTSIDE',
  queueChannel: 'CQUEUE01',
  serviceChannel: 'CSERVICE',
} as const;

const ALL_DAY = ['00:00-24:00'];

function escalationConfig() {
  return parseEscalationConfig({
    defaults: {
      hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      deadlineHours: 8,
    },
    defaultQueue: 'cis-test',
    queues: [
      {
        id: 'cis-test',
        name: 'CIS Test',
        kind: 'team',
        members: [`slack:${IDS.claire}`, `slack:${IDS.karim}`],
        cards: { slack: IDS.queueChannel },
        backup: 'service-test',
      },
      { id: 'service-test', name: 'Service test', kind: 'service', members: ['slack:USOPHIE1'], cards: { slack: IDS.serviceChannel } },
    ],
    people: {
      [`slack:${IDS.claire}`]: { name: 'Claire Martin', role: "déléguée de l'Assurance Maladie" },
      [`slack:${IDS.karim}`]: { name: 'Karim Benali' },
    },
  });
}

export interface Harness {
  api: FakeSlackApi;
  store: Store;
  slack: SlackChannel;
  escalation: EscalationModule;
  eventsUrl: string;
  /** Every log line written during the run (JSON). */
  logs: string[];
  post(post: SignedPost): Promise<{ status: number; text: string }>;
  /**
   * Resolves once Relais has finished with everything it was sent: no Slack request still being
   * handled (Bolt acknowledges before the work is done) and no notification due in the outbox.
   * Then "what reached Slack" is complete: nothing is still on its way.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Counts the requests Bolt is handling, from receipt to the end of every listener. */
function countInFlight(slack: SlackChannel): () => number {
  let inFlight = 0;
  const processEvent = slack.app.processEvent.bind(slack.app);
  slack.app.processEvent = async (event) => {
    inFlight += 1;
    try {
      await processEvent(event);
    } finally {
      inFlight -= 1;
    }
  };
  return () => inFlight;
}

/**
 * Starts the real pieces: embedded store in a temp folder, curated content, the real matcher
 * (trained once per worker), the conversation core, escalation with its outbox worker, the Slack
 * channel mounted on the shared express app on a free port, and the fake Slack Web API it talks to.
 */
export async function startHarness(): Promise<Harness> {
  const api = new FakeSlackApi();
  await api.start();
  for (const [id, name, realName] of [
    [IDS.doctor, 'dr.durand', 'Dr Paul Durand'],
    [IDS.claire, 'claire.martin', 'Claire Martin'],
    [IDS.karim, 'karim.benali', 'Karim Benali'],
    [IDS.outsider, 'x.outsider', 'Xavier Outsider'],
  ] as const) {
    api.addUser({ id, name, realName, locale: 'fr-FR' });
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-slack-'));
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const store = await createStore({ dataDir, logger });
  const { messages, escalation, conversation } = channelServices({ store, logger, escalationConfig: escalationConfig() });
  const slack = createSlackChannel({
    config: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: api.url,
      RETENTION_DAYS: 90,
    },
    logger,
    conversation,
    escalation: { delegates: escalation.delegates, views: escalation.views, professionals: escalation.service },
    store,
    messages,
    paceMs: 20,
  });
  const outbox = new OutboxWorker({ store, logger, pollMs: 30, baseBackoffMs: 50, maxBackoffMs: 500 });
  outbox.registerDeliverer('slack', slack.deliverer);
  outbox.addHook(escalation.outboxHook);
  const inFlight = countInFlight(slack);
  await slack.start();
  const app = createHttpApp({ store, logger, mounts: [{ path: slack.mountPath, router: slack.router }], metricsEnabled: false });
  const server: Server = await listen(app, 0, '127.0.0.1');
  outbox.start();
  const { port } = server.address() as AddressInfo;
  const eventsUrl = `http://127.0.0.1:${port}${slack.mountPath}`;
  return {
    api,
    store,
    slack,
    escalation,
    eventsUrl,
    logs,
    post: (post) => postToSlackEndpoint(eventsUrl, SIGNING_SECRET, post),
    settled: () => waitUntilSettled(store, inFlight),
    async stop() {
      await outbox.stop();
      await closeServer(server, 1000);
      await slack.stop();
      await store.close();
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
