import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UiMessages } from '../../../../src/content/messages.js';
import { ConsoleAuth, type ConsoleIdentity } from '../../../../src/channels/web/auth.js';
import { WebDelivery } from '../../../../src/channels/web/delivery.js';
import { createWebRouter } from '../../../../src/channels/web/professional.js';
import { closeServer, createHttpApp, listen } from '../../../../src/server.js';
import { catalogue, createHarness, type Harness, realMatcher } from '../../../core/support/harness.js';

export const DR_DURAND: ConsoleIdentity = {
  userId: 'dr-durand',
  name: 'Dr Julie Durand',
  roles: ['professional'],
  profession: 'médecin généraliste',
};
export const PAUL: ConsoleIdentity = { userId: 'ide-moreau', name: 'Paul Moreau', roles: ['professional'] };
export const TOKEN = 'tok-0123456789abcdef-durand';

export interface WebHarness {
  core: Harness;
  delivery: WebDelivery;
  url: string;
  close(): Promise<void>;
}

/** The real core behind the real HTTP app, listening on a free loopback port. */
export async function startWebServer(
  options: { maxBodyBytes?: number; at?: string } = {},
): Promise<WebHarness> {
  realMatcher();
  const core = await createHarness({ at: options.at ?? '2026-06-15T09:00:00+02:00' });
  const messages = new UiMessages(catalogue().ui);
  const delivery = new WebDelivery({ store: core.store, clock: core.clock, retentionDays: 90 });
  const auth = new ConsoleAuth({ tokens: new Map([[TOKEN, DR_DURAND]]), demoUsers: [DR_DURAND, PAUL] });
  const router = createWebRouter({
    conversation: core.service,
    delivery,
    messages,
    auth,
    logger: core.logger,
    maxBodyBytes: options.maxBodyBytes ?? 4096,
  });
  const app = createHttpApp({
    store: core.store,
    logger: core.logger,
    mounts: [{ path: '/', router }],
    metricsEnabled: false,
  });
  const server: Server = await listen(app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    core,
    delivery,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await closeServer(server, 1000);
      await core.close();
    },
  };
}
