import { Registry } from 'prom-client';
import { systemClock } from '../../src/clock.js';
import { FileAnswerSource } from '../../src/content/answers.js';
import { UiMessages } from '../../src/content/messages.js';
import { ConversationService, createClinicalGuard, intentDirectory } from '../../src/core/index.js';
import {
  createEscalation,
  createEscalationMetrics,
  type EscalationModule,
  staticDirectory,
} from '../../src/escalation/index.js';
import type { EscalationConfig } from '../../src/escalation/config.js';
import type { Logger } from '../../src/observability.js';
import type { Store } from '../../src/store/contract.js';
import { CONTENT_ROOT, catalogue, realMatcher } from './real-matcher.js';

/**
 * The channel-free services a channel's end-to-end test drives, built the way src/app.ts builds
 * them: the curated content, the real matcher, escalation over a test configuration, the core.
 * Rate limits are lifted so that scenario tests are not throttled.
 */
export function channelServices(options: { store: Store; logger: Logger; escalationConfig: EscalationConfig }): {
  messages: UiMessages;
  escalation: EscalationModule;
  conversation: ConversationService;
} {
  const { store, logger } = options;
  const content = catalogue();
  const messages = new UiMessages(content.ui);
  const escalation = createEscalation({
    store,
    clock: systemClock,
    directory: staticDirectory(options.escalationConfig),
    messages,
    logger,
    metrics: createEscalationMetrics(new Registry()),
    intentTitle: (id) => content.answers.get(id)?.title ?? id,
  });
  const conversation = new ConversationService({
    store,
    matcher: realMatcher(),
    answers: new FileAnswerSource(content.answers),
    messages,
    escalation: escalation.service,
    clock: systemClock,
    logger,
    limits: { maxChars: 2000, ratePerMinute: 1000, retentionDays: 90 },
    guard: createClinicalGuard(CONTENT_ROOT),
    intents: intentDirectory(content.intents),
  });
  return { messages, escalation, conversation };
}
