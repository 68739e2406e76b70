import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { Registry } from 'prom-client';
import { type Clock, FixedClock } from '../../src/clock.js';
import { readContent } from '../../src/content/catalogue.js';
import { UiMessages } from '../../src/content/messages.js';
import { type EscalationConfig, parseEscalationConfig } from '../../src/escalation/config.js';
import { type EscalationDirectory, staticDirectory } from '../../src/escalation/directory.js';
import { createEscalation, type EscalationModule } from '../../src/escalation/index.js';
import { createEscalationMetrics } from '../../src/escalation/metrics.js';
import type { Notification } from '../../src/escalation/model.js';
import type { EscalationRequest } from '../../src/model/escalation-port.js';
import type { ConversationRef, UserRef } from '../../src/model/message.js';
import type { OutboxItem, Store } from '../../src/store/contract.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const silentLogger = pino({ level: 'silent' });

/** The repository's UI strings (fr, en), as the product serves them. */
export const messages = new UiMessages(readContent(repoRoot).catalogue.ui);

/**
 * A small deployment: Dr A's referent is Claire (backed by the AT team); the AT team takes the
 * arrêt de travail topic; everything else goes to the accueil queue. Hours: the product's defaults.
 */
export const testConfigInput = {
  defaults: { deadlineHours: 8 },
  defaultQueue: 'accueil',
  queues: [
    {
      id: 'ref-claire',
      name: 'Claire (DAM)',
      kind: 'referent',
      members: ['web:claire'],
      deadlineHours: 4,
      backup: 'at',
      supervisors: ['web:sophie'],
    },
    {
      id: 'at',
      name: 'Équipe AT',
      kind: 'team',
      members: ['web:karim', 'web:lea'],
      cards: { web: true, slack: 'C0AT' },
      backup: 'accueil',
      supervisors: ['web:sophie'],
    },
    {
      id: 'accueil',
      name: 'Accueil CIS',
      kind: 'service',
      members: ['web:sophie'],
      supervisors: ['web:boss'],
    },
  ],
  topics: { arret_travail: 'at' },
  referents: { 'web:dr-a': 'ref-claire', 'web:dr-absent': 'ref-claire' },
  absences: [],
  admins: ['web:admin'],
  people: {
    'web:claire': { name: 'Claire Martin', role: 'déléguée' },
    'web:karim': { name: 'Karim Benali', role: 'conseiller' },
    'web:lea': { name: 'Léa Roux', role: 'conseillère' },
    'web:sophie': { name: 'Sophie Laurent' },
  },
};

export function testConfig(overrides: Record<string, unknown> = {}): EscalationConfig {
  return parseEscalationConfig({ ...testConfigInput, ...overrides });
}

/** Answer titles of the intents these tests name (the admin layer gives them in production). */
export const INTENT_TITLES: Record<string, string> = {
  at_teleconsultation_limite_3j: 'Arrêt de travail prescrit en téléconsultation : 3 jours au plus',
};

/** A Wednesday morning, inside opening hours (Paris). */
export const WEDNESDAY_10 = '2026-11-25T10:00:00+01:00';

export function makeEscalation(
  store: Store,
  options: {
    clock?: Clock;
    config?: EscalationConfig;
    directory?: EscalationDirectory;
    reopenWindowHours?: number;
    intentTitle?: (intentId: string) => string;
  } = {},
): EscalationModule & { clock: Clock } {
  const clock = options.clock ?? new FixedClock(WEDNESDAY_10);
  const module = createEscalation({
    store,
    clock,
    directory: options.directory ?? staticDirectory(options.config ?? testConfig()),
    messages,
    logger: silentLogger,
    metrics: createEscalationMetrics(new Registry()),
    ...(options.intentTitle ? { intentTitle: options.intentTitle } : {}),
    ...(options.reopenWindowHours !== undefined ? { reopenWindowHours: options.reopenWindowHours } : {}),
  });
  return { ...module, clock };
}

export function professional(
  id: string,
  displayName = 'Dr Julie Durand',
): { user: UserRef; conversation: ConversationRef } {
  return {
    user: { channel: 'web', id, displayName, profession: 'médecin' },
    conversation: { channel: 'web', id: `session-${id}` },
  };
}

export function request(id: string, overrides: Partial<EscalationRequest> = {}): EscalationRequest {
  return {
    ...professional(id),
    locale: 'fr',
    question: 'Combien de jours d’arrêt puis-je prescrire en téléconsultation ?',
    guesses: [{ intent: 'at_teleconsultation_limite_3j', confidence: 0.41 }],
    reason: 'unsure',
    ...overrides,
  };
}

/** Pending outbox notifications, oldest first. */
export async function pending(store: Store): Promise<Array<OutboxItem & { payload: Notification }>> {
  const items = await store.listOutbox({ status: 'pending' });
  return items.sort((a, b) => a.seq - b.seq) as Array<OutboxItem & { payload: Notification }>;
}

/** Texts of the replies sent to professionals through the outbox. */
export async function professionalTexts(store: Store): Promise<string[]> {
  return (await pending(store)).flatMap((i) =>
    i.payload.type === 'professional.reply' ? i.payload.replies.map((r) => r.text) : [],
  );
}
