import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { FixedClock } from '../../../src/clock.js';
import { ConsoleAuth } from '../../../src/channels/web/auth.js';
import { createDelegateRouter } from '../../../src/channels/web/delegate.js';
import { consoleIdentities } from '../../../src/channels/web/delegate-deliverer.js';
import { loadEscalationConfig } from '../../../src/escalation/config.js';
import { createStore, type Store } from '../../../src/store/index.js';
import { tempDir } from '../../store/backends.js';
import { makeEscalation, messages, repoRoot, silentLogger } from '../../escalation/helpers.js';

/** The demo configuration, with one console token for Karim to test token access. */
export const demoConfig = {
  ...loadEscalationConfig(path.join(repoRoot, 'config/relais.yaml')),
  webTokens: { 'karim-token-0123456789abcdef': 'web:karim' },
};

export interface DelegateConsole {
  url: string;
  store: Store;
  escalation: ReturnType<typeof makeEscalation>;
  stop(): Promise<void>;
}

/** A console server with the delegate view only, on the demo configuration and an embedded store. */
export async function startDelegateConsole(): Promise<DelegateConsole> {
  const store = await createStore({ dataDir: tempDir(), logger: silentLogger });
  const escalation = makeEscalation(store, {
    config: demoConfig,
    clock: new FixedClock('2026-11-25T10:00:00+01:00'),
  });
  const identities = consoleIdentities(demoConfig);
  const app = express();
  app.use(
    createDelegateRouter({
      escalation,
      store,
      messages,
      auth: new ConsoleAuth(identities),
      logger: silentLogger,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    escalation,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** Opens an escalation from Paul Moreau (infirmier) on arrêts de travail: it lands in CIS Nord. */
export async function openFromMoreau(
  c: DelegateConsole,
  question = 'Un IDE peut-il prescrire un arrêt de travail ?',
) {
  await c.escalation.service.open({
    user: { channel: 'web', id: 'ide-moreau', displayName: 'Paul Moreau', profession: 'infirmier libéral' },
    conversation: { channel: 'web', id: 'ide-moreau' },
    locale: 'fr',
    question,
    topic: 'arret_travail',
    guesses: [{ intent: 'at_prescripteurs_sf_dentiste', confidence: 0.38 }],
    reason: 'unsure',
  });
  return (await c.escalation.service.latestFor('web:ide-moreau'))!;
}
