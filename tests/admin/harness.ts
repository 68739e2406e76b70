import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Admin, createAdmin } from '../../src/admin/index.js';
import type { TrainMatcher } from '../../src/admin/matcher-holder.js';
import { createAdminRouter } from '../../src/channels/web/admin.js';
import { ConsoleAuth, type ConsoleIdentity } from '../../src/channels/web/auth.js';
import { WebDelivery } from '../../src/channels/web/delivery.js';
import { createWebRouter } from '../../src/channels/web/professional.js';
import { FixedClock } from '../../src/clock.js';
import { UiMessages } from '../../src/content/messages.js';
import { createClinicalGuard } from '../../src/core/clinical-guard.js';
import { ConversationService } from '../../src/core/conversation.js';
import { intentDirectory } from '../../src/core/turn.js';
import { importEscalationConfig, storedDirectory } from '../../src/escalation/directory.js';
import type { MatchResult } from '../../src/nlu/types.js';
import { createLogger, type Logger } from '../../src/observability.js';
import { closeServer, createHttpApp, listen } from '../../src/server.js';
import type { Store } from '../../src/store/index.js';
import { RecordingEscalation } from '../core/support/escalation.js';
import { embeddedStore, escalationConfig, repoCatalogue, repoRoot } from './support.js';
import { launchChromium } from '../support/browser.js';

export const ADMIN: ConsoleIdentity = { userId: 'admin', name: 'Alex Admin', roles: ['admin'] };
export const KARIM: ConsoleIdentity = { userId: 'karim', name: 'Karim Benali', roles: ['delegate'] };
export const DR_DURAND: ConsoleIdentity = { userId: 'dr-durand', name: 'Dr Julie Durand', roles: ['professional'] };
export const ADMIN_TOKEN = 'tok-admin-0123456789abcdef';
/** Karim's personal link: a delegate, not an admin. */
export const KARIM_TOKEN = 'tok-karim-0123456789abcdef';

/** The people the harness's queue file names (queue edits may name only known people). */
export const HARNESS_PEOPLE = { 'web:admin': { name: 'Alex Admin' }, 'web:claire': { name: 'Claire Martin' } };

/** A matcher that never decides (admin tests that do not exercise matching). */
export const idleTrainer: TrainMatcher = () => ({
  match: (): MatchResult => ({ ranked: [], decision: 'fallback', chosen: [] }),
});

export interface AdminHarness {
  store: Store;
  admin: Admin;
  clock: FixedClock;
  messages: UiMessages;
  logger: Logger;
  logs: string[];
  close(): Promise<void>;
}

/** The admin layer over the real content, an embedded store and a stored escalation configuration. */
export async function createAdminHarness(
  options: { train?: TrainMatcher; at?: string; store?: Store; admins?: string[] } = {},
): Promise<AdminHarness> {
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  const store = options.store ?? (await embeddedStore());
  const clock = new FixedClock(options.at ?? '2026-06-15T09:00:00+02:00');
  const catalogue = repoCatalogue();
  const messages = new UiMessages(catalogue.ui);
  await importEscalationConfig(
    store,
    escalationConfig({ admins: options.admins ?? ['web:admin'], people: HARNESS_PEOPLE }),
    { clock },
  );
  const admin = await createAdmin({
    store,
    clock,
    catalogue,
    directory: storedDirectory(store),
    messages,
    logger,
    train: options.train ?? idleTrainer,
    instanceId: 'test',
  });
  return {
    store,
    admin,
    clock,
    messages,
    logger,
    logs,
    async close() {
      await admin.stop();
      await store.close();
    },
  };
}

export interface AdminServer extends AdminHarness {
  url: string;
}

/** The real console (professional chat + admin view) over the real core, on a free loopback port. */
export async function startAdminServer(options: { train?: TrainMatcher } = {}): Promise<AdminServer> {
  const h = await createAdminHarness(options);
  const catalogue = repoCatalogue();
  const conversation = new ConversationService({
    store: h.store,
    matcher: h.admin.matcher,
    answers: h.admin.answers,
    messages: h.messages,
    escalation: new RecordingEscalation(),
    clock: h.clock,
    logger: h.logger,
    limits: { maxChars: 2000, ratePerMinute: 100, retentionDays: 90 },
    guard: createClinicalGuard(repoRoot),
    intents: intentDirectory(catalogue.intents),
  });
  const tokens = new Map([
    [ADMIN_TOKEN, ADMIN],
    [KARIM_TOKEN, KARIM],
  ]);
  const auth = new ConsoleAuth({ tokens, demoUsers: [DR_DURAND, KARIM, ADMIN] });
  const chat = createWebRouter({
    conversation,
    delivery: new WebDelivery({ store: h.store, clock: h.clock, retentionDays: 90 }),
    messages: h.messages,
    auth,
    logger: h.logger,
    maxBodyBytes: 100_000,
  });
  const adminRouter = createAdminRouter({ admin: h.admin.service, messages: h.messages, auth, logger: h.logger });
  const app = createHttpApp({
    store: h.store,
    logger: h.logger,
    mounts: [
      { path: '/', router: adminRouter },
      { path: '/', router: chat },
    ],
    metricsEnabled: false,
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    ...h,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await closeServer(server, 1000);
      await h.close();
    },
  };
}

export const contentRoot = path.resolve(repoRoot);

/**
 * Chromium and an admin server for a describe block: started before its tests, stopped after.
 * Read `browser` and `server` inside the tests (they exist once `beforeAll` ran).
 */
export function useAdminBrowser(): { readonly browser: Browser; readonly server: AdminServer } {
  const state = {} as { browser: Browser; server: AdminServer };
  beforeAll(async () => {
    state.browser = await launchChromium();
    state.server = await startAdminServer();
  }, 120_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}
