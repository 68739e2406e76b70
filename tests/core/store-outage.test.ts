import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { FileAnswerSource } from '../../src/content/answers.js';
import { UiMessages } from '../../src/content/messages.js';
import { ConversationService, createClinicalGuard, intentDirectory } from '../../src/core/index.js';
import { InboundMessage } from '../../src/model/message.js';
import { createLogger } from '../../src/observability.js';
import type { Store } from '../../src/store/contract.js';
import { createStore } from '../../src/store/index.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { RecordingEscalation } from './support/escalation.js';
import { ALICE, CONTENT_ROOT, catalogue, DEFAULT_LIMITS, realMatcher } from './support/harness.js';

/**
 * A Redis outage seen by a professional: a clear "temporarily unavailable" reply (not a generic
 * incident, not a crash), and the bot answers again once Redis is back.
 */
describe('conversation during a Redis outage', () => {
  let redis: RedisServer;
  let store: Store;
  let service: ConversationService;
  let sequence = 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-outage-'));

  const ask = (text: string) =>
    service.handle(
      InboundMessage.parse({
        id: `outage-${++sequence}`,
        user: ALICE,
        conversation: { channel: 'web', id: ALICE.id },
        text,
      }),
    );

  beforeAll(async () => {
    redis = await startRedisServer();
    const logger = createLogger('silent');
    store = await createStore({ redisUrl: redis.url, redisPrefix: `outage${Date.now()}`, dataDir, logger });
    const content = catalogue();
    service = new ConversationService({
      store,
      matcher: realMatcher(),
      answers: new FileAnswerSource(content.answers),
      messages: new UiMessages(content.ui),
      escalation: new RecordingEscalation(),
      clock: new FixedClock('2026-06-15T09:00:00+02:00'),
      logger,
      limits: DEFAULT_LIMITS,
      guard: createClinicalGuard(CONTENT_ROOT),
      intents: intentDirectory(content.intents),
    });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the service is temporarily unavailable while Redis is down, then answers again', async () => {
    const question = "combien de jours d'arrêt je peux mettre en téléconsultation ?";
    expect((await ask(question)).map((r) => r.kind)).toContain('answer');

    await redis.stop();
    const during = await ask(question);
    expect(during).toHaveLength(1);
    expect(during[0]?.kind).toBe('error');
    expect(during[0]?.text).toMatch(/momentanément indisponible/);

    await redis.restart();
    let after: Awaited<ReturnType<typeof ask>> = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      after = await ask(question);
      if (after.some((r) => r.kind === 'answer')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(after.map((r) => r.kind)).toContain('answer');
  }, 60_000);
});
