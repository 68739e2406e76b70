import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../../../src/clock.js';
import { FileAnswerSource } from '../../../src/content/answers.js';
import { UiMessages } from '../../../src/content/messages.js';
import { createClinicalGuard } from '../../../src/core/clinical-guard.js';
import { ConversationService } from '../../../src/core/conversation.js';
import {
  type ConversationLimits,
  type ConversationOptions,
  intentDirectory,
} from '../../../src/core/turn.js';
import type { AnswerSource, ServedAnswer } from '../../../src/model/answers-port.js';
import { InboundMessage, type InboundMessageInput, type UserRef } from '../../../src/model/message.js';
import { createLogger, type Logger } from '../../../src/observability.js';
import type { Store } from '../../../src/store/contract.js';
import { createStore } from '../../../src/store/index.js';
import { CONTENT_ROOT, catalogue, realMatcher } from '../../support/real-matcher.js';
import { RecordingEscalation } from './escalation.js';

/** Shared with the channel harnesses; re-exported for the suites that import them from here. */
export { CONTENT_ROOT, catalogue, realMatcher } from '../../support/real-matcher.js';

export const DEFAULT_LIMITS: ConversationLimits = { maxChars: 2000, ratePerMinute: 20, retentionDays: 90 };

/** Changes served answers (e.g. an expired `validUntil`) without touching the curated files. */
export type AnswerOverrides = Record<string, Partial<Pick<ServedAnswer, 'validUntil' | 'validFrom' | 'reviewBy'>>>;

function withOverrides(source: AnswerSource, overrides: AnswerOverrides): AnswerSource {
  return {
    title: (id, locale) => source.title(id, locale),
    async current(id, at) {
      const served = await source.current(id, at);
      return served && overrides[id] ? { ...served, ...overrides[id] } : served;
    },
  };
}

export interface Harness {
  service: ConversationService;
  /** What the service was built with (to build a variant). */
  options: ConversationOptions;
  store: Store;
  clock: FixedClock;
  escalation: RecordingEscalation;
  dataDir: string;
  /** Every log line written (JSON), at trace level and above. */
  logs: string[];
  logger: Logger;
  send(input: Partial<InboundMessageInput> & { text?: string }): ReturnType<ConversationService['handle']>;
  /** Handles the previous message again, same inbound id (a channel retry). */
  resend(): ReturnType<ConversationService['handle']>;
  close(): Promise<void>;
}

export const ALICE: UserRef = {
  channel: 'web',
  id: 'alice',
  displayName: 'Dr Alice Martin',
  profession: 'médecin',
};

let sequence = 0;

/** The real core over the real content, the real matcher and an embedded store in a temp folder. */
export async function createHarness(
  options: {
    at?: string;
    limits?: Partial<ConversationLimits>;
    answers?: AnswerOverrides;
    user?: UserRef;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relais-core-'));
  const logs: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void logs.push(line) });
  const store = await createStore({ dataDir, logger });
  const clock = new FixedClock(options.at ?? '2026-06-15T09:00:00+02:00');
  const escalation = new RecordingEscalation();
  const content = catalogue();
  const serviceOptions: ConversationOptions = {
    store,
    matcher: realMatcher(),
    answers: withOverrides(new FileAnswerSource(content.answers), options.answers ?? {}),
    messages: new UiMessages(content.ui),
    escalation,
    clock,
    logger,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    guard: createClinicalGuard(CONTENT_ROOT),
    intents: intentDirectory(content.intents),
  };
  const service = new ConversationService(serviceOptions);
  const user = options.user ?? ALICE;
  let last: InboundMessage | undefined;
  return {
    service,
    options: serviceOptions,
    store,
    clock,
    escalation,
    dataDir,
    logs,
    logger,
    send(input) {
      sequence += 1;
      const message = InboundMessage.parse({
        id: `m-${sequence}`,
        user,
        conversation: { channel: user.channel, id: user.id },
        ...input,
      });
      last = message;
      return service.handle(message);
    },
    resend() {
      if (!last) throw new Error('nothing to resend');
      return service.handle(last);
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
