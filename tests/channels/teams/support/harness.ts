import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTeamsChannel, type TeamsChannel } from '../../../../src/channels/teams/index.js';
import { loadConfig } from '../../../../src/config.js';
import { type EscalationModule, OutboxWorker, parseEscalationConfig } from '../../../../src/escalation/index.js';
import { createLogger } from '../../../../src/observability.js';
import { closeServer, createHttpApp, listen } from '../../../../src/server.js';
import type { Store } from '../../../../src/store/contract.js';
import { createStore } from '../../../../src/store/index.js';
import { channelServices } from '../../../support/services.js';
import { waitUntilSettled } from '../../../support/settle.js';
import { CONTENT_ROOT } from '../../../support/real-matcher.js';
import { TEAMS } from './activities.js';
import { channelClaims, type FakeIdentityServer, type SigningKey, signJwt } from './auth-server.js';
import type { FakeConnector } from './fake-connector.js';

export const APP_PASSWORD = 'test-app-password-not-a-secret';

const ALL_DAY = ['00:00-24:00'];
export const SLACK_DELEGATE = 'slack:USOPHIE1';

function escalationConfig(serviceUrl: string) {
  return parseEscalationConfig({
    defaults: {
      hours: {
        mon: ALL_DAY,
        tue: ALL_DAY,
        wed: ALL_DAY,
        thu: ALL_DAY,
        fri: ALL_DAY,
        sat: ALL_DAY,
        sun: ALL_DAY,
      },
      deadlineHours: 8,
    },
    defaultQueue: 'cis-test',
    queues: [
      {
        id: 'cis-test',
        name: 'CIS Test',
        kind: 'team',
        members: [`teams:${TEAMS.claire.aadObjectId}`, `teams:${TEAMS.karim.id}`, SLACK_DELEGATE],
        cards: { teams: { conversationId: TEAMS.queueChannel, serviceUrl, tenantId: TEAMS.tenant } },
        backup: 'service-test',
      },
      {
        id: 'service-test',
        name: 'Service test',
        kind: 'service',
        members: ['web:sophie'],
        cards: { web: true },
      },
    ],
    people: {
      [`teams:${TEAMS.claire.aadObjectId}`]: {
        name: 'Claire Martin',
        role: "déléguée de l'Assurance Maladie",
      },
      [`teams:${TEAMS.karim.id}`]: { name: 'Karim Benali' },
      [SLACK_DELEGATE]: { name: 'Sophie Leroy' },
    },
  });
}

export interface HarnessOptions {
  connector: FakeConnector;
  identity: FakeIdentityServer;
  /** Reuse a data folder (a restart); default: a new temp folder, removed on stop. */
  dataDir?: string;
  /** No MicrosoftAppId: the unauthenticated development mode. */
  unauthenticated?: boolean;
}

export type TokenKind = 'valid' | 'none' | { key: SigningKey } | { claims: Record<string, unknown> };

export interface Harness {
  url: string;
  dataDir: string;
  store: Store;
  teams: TeamsChannel;
  escalation: EscalationModule;
  outbox: OutboxWorker;
  logs: string[];
  /** POSTs an activity to /api/messages with a channel token (default: valid). */
  post(activity: Record<string, unknown>, token?: TokenKind): Promise<{ status: number; body: unknown }>;
  /** Resolves once no notification is due in the outbox: what reached the connector is complete. */
  settled(): Promise<void>;
  /** Stops everything; keeps the data folder when `keepData` (to start again on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the real pieces: configuration parsed by src/config.ts, the embedded store in a data
 * folder, curated content, the real matcher (trained once per worker), the conversation core,
 * escalation and its outbox worker, the Teams channel mounted at /api/messages on the shared
 * express app on a free port. The Bot connector and Microsoft's identity endpoints are the local
 * fakes given.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { connector, identity } = options;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'relais-teams-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      RELAIS_DATA_DIR: dataDir,
      ...(options.unauthenticated
        ? {}
        : {
            MicrosoftAppId: TEAMS.appId,
            MicrosoftAppPassword: APP_PASSWORD,
            MicrosoftAppType: 'SingleTenant',
            MicrosoftAppTenantId: TEAMS.tenant,
            TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
            TEAMS_LOGIN_URL: identity.loginUrl(TEAMS.tenant),
            TEAMS_VALIDATE_AUTHORITY: 'false',
          }),
    },
    CONTENT_ROOT,
  );
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const store = await createStore({ dataDir, logger });
  const { messages, escalation, conversation } = channelServices({ store, logger, escalationConfig: escalationConfig(connector.serviceUrl) });
  const teams = createTeamsChannel({ config, logger, conversation, escalation, store, messages });
  const outbox = new OutboxWorker({ store, logger, pollMs: 30, baseBackoffMs: 50, maxBackoffMs: 500 });
  outbox.registerDeliverer('teams', teams.deliverer);
  outbox.addHook(escalation.outboxHook);
  const app = createHttpApp({
    store,
    logger,
    mounts: [{ path: '/api/messages', router: teams.router }],
    metricsEnabled: false,
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  outbox.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/messages`;
  return {
    url,
    dataDir,
    store,
    teams,
    escalation,
    outbox,
    logs,
    async post(activity, token = 'valid') {
      const serviceUrl = String(activity.serviceUrl);
      const jwt =
        token === 'none'
          ? undefined
          : token === 'valid'
            ? signJwt(identity.key, channelClaims(TEAMS.appId, serviceUrl))
            : 'key' in token
              ? signJwt(token.key, channelClaims(TEAMS.appId, serviceUrl))
              : signJwt(identity.key, token.claims);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: kept as text
      }
      return { status: response.status, body };
    },
    settled: () => waitUntilSettled(store),
    async stop(stopOptions = {}) {
      await teams.stop();
      await outbox.stop();
      await closeServer(server, 1000);
      await store.close();
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
