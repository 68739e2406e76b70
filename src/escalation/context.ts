import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Locale, Reply } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type {
  AuditEntry,
  DocWrite,
  NewOutboxItem,
  StoredDoc,
  Store,
  Transaction,
} from '../store/contract.js';
import { cardTargets, renderCard } from './cards.js';
import type { EscalationConfig } from './config.js';
import { queueById } from './config.js';
import type { EscalationDirectory } from './directory.js';
import type { EscalationMetrics } from './metrics.js';
import {
  COLLECTIONS,
  channelOfIdentity,
  type Escalation,
  EscalationError,
  EscalationErrorCode,
  type Notification,
  type TranscriptLine,
} from './model.js';

/** What every escalation service needs; built once by the composition root. */
export interface EscalationDeps {
  store: Store;
  clock: Clock;
  directory: EscalationDirectory;
  messages: MessageCatalogue;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  metrics: EscalationMetrics;
  /** A professional writing within this time after resolution reopens the escalation (default 48). */
  reopenWindowHours?: number;
  /** Transcripts and escalations expire after this (default 90 days). */
  retentionDays?: number;
  /** Human label of an intent id, for the card's best guesses. */
  intentTitle?: (intentId: string) => string;
  /** Delegates' locale (default fr). */
  delegateLocale?: Locale;
}

const DAY_MS = 86_400_000;
const MAX_ATTEMPTS = 10;

/** A planned transition: the new escalation value plus what it causes, or a result without writing. */
export interface Plan<T> {
  result: T;
  next?: Escalation;
  notifications?: Array<{ notification: Notification; orderingKey?: string; notBefore?: number }>;
  transcript?: Array<Omit<TranscriptLine, 'escalationId' | 'at' | 'relayed'> & { relayed?: boolean }>;
  audit?: Array<Omit<AuditEntry, 'at' | 'subject'>>;
  extraWrites?: DocWrite[];
}

/** Ordering key of a notification: one conversation, one delegate, or one card at a time. */
export function orderingKeyOf(n: Notification): string {
  switch (n.type) {
    case 'professional.reply':
      return `conv:${n.conversation.channel}:${n.conversation.id}`;
    case 'queue.card':
    case 'queue.message':
      return `card:${n.escalationId}:${n.target.channel}:${n.queueId}`;
    case 'delegate.message':
      return `delegate:${n.to}`;
    case 'admins.post':
      return `admins:${n.target.channel}`;
  }
}

/** A notification carrying bot replies to the professional of `esc`, in their own conversation. */
export function professionalReply(esc: Escalation, replies: Reply[]): { notification: Notification } {
  return {
    notification: {
      type: 'professional.reply',
      escalationId: esc.id,
      user: esc.professional,
      conversation: esc.conversation,
      replies,
    },
  };
}

/** Channel that delivers a notification. */
export function channelOf(n: Notification): string {
  switch (n.type) {
    case 'professional.reply':
      return n.conversation.channel;
    case 'queue.card':
    case 'queue.message':
    case 'admins.post':
      return n.target.channel;
    case 'delegate.message':
      return channelOfIdentity(n.to);
  }
}

export class EscalationContext {
  readonly retentionMs: number;
  readonly reopenWindowMs: number;
  readonly delegateLocale: Locale;

  constructor(readonly deps: EscalationDeps) {
    this.retentionMs = (deps.retentionDays ?? 90) * DAY_MS;
    this.reopenWindowMs = (deps.reopenWindowHours ?? 48) * 3_600_000;
    this.delegateLocale = deps.delegateLocale ?? 'fr';
  }

  get store(): Store {
    return this.deps.store;
  }

  now(): Date {
    return this.deps.clock.now();
  }

  config(): Promise<EscalationConfig> {
    return this.deps.directory.current();
  }

  t(locale: Locale, key: string, params?: Record<string, string | number>): string {
    return this.deps.messages.t(locale, key, params);
  }

  async load(id: string): Promise<StoredDoc<Escalation> | null> {
    return this.store.get<Escalation>(COLLECTIONS.escalations, id);
  }

  /** Card notifications (post or update) for every channel of `queueId`. */
  cardNotifications(
    config: EscalationConfig,
    esc: Escalation,
    queueId = esc.queueId,
  ): Plan<unknown>['notifications'] {
    const queue = queueById(config, queueId);
    if (!queue) return [];
    const card = renderCard(esc, this.cardContext(config), queueId);
    return cardTargets(queue).map((target) => ({
      notification: { type: 'queue.card', escalationId: esc.id, queueId, target, card },
    }));
  }

  cardContext(config: EscalationConfig) {
    return {
      config,
      messages: this.deps.messages,
      locale: this.delegateLocale,
      ...(this.deps.intentTitle ? { intentTitle: this.deps.intentTitle } : {}),
    };
  }

  /**
   * Reads the escalation, asks `plan` what to do, and commits the new value with the notifications,
   * transcript lines and audit entries in one atomic step, conditional on the version read. On a
   * conflict (another instance or delegate changed it meanwhile) it reads again and re-plans: the
   * second claimer then sees the first one's claim.
   */
  async transition<T>(
    id: string,
    plan: (current: StoredDoc<Escalation> | null) => Promise<Plan<T>> | Plan<T>,
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.load(id);
      const planned = await plan(current);
      if (!planned.next) return planned.result;
      planned.next = this.markFollowUp(current?.value, planned.next, planned.transcript);
      const tx = this.transaction(planned, current?.version ?? 0);
      const committed = await this.store.commit(tx);
      if (committed.ok) return planned.result;
    }
    throw new EscalationError(EscalationErrorCode.Busy, `escalation ${id}: too many concurrent changes`);
  }

  /**
   * Dates what the professional did after the opening, whichever service planned it: a message on
   * an existing escalation (a follow-up) sets `followUpAt`; a resolved escalation waiting again (a
   * reopening) sets `followUpAt` and `reopenedAt`. Delegates' cards show both.
   */
  private markFollowUp(
    before: Escalation | undefined,
    next: Escalation,
    transcript: Plan<unknown>['transcript'],
  ): Escalation {
    if (!before) return next;
    const at = this.now().toISOString();
    const reopened = before.status === 'resolved' && (next.status === 'open' || next.status === 'claimed');
    const wrote = (transcript ?? []).some((line) => line.from === 'professional');
    if (reopened) return { ...next, followUpAt: at, reopenedAt: at };
    return wrote ? { ...next, followUpAt: at } : next;
  }

  private transaction(plan: Plan<unknown>, expectedVersion: number): Transaction {
    const esc = plan.next!;
    const at = this.now();
    const iso = at.toISOString();
    const version = expectedVersion + 1;
    const writes: DocWrite[] = [
      {
        collection: COLLECTIONS.escalations,
        id: esc.id,
        expectedVersion,
        value: esc,
        ttlMs: this.retentionMs,
      },
    ];
    for (const [i, line] of (plan.transcript ?? []).entries()) {
      const value: TranscriptLine = { relayed: true, ...line, escalationId: esc.id, at: iso };
      writes.push({
        collection: COLLECTIONS.transcript,
        // The escalation's new version orders the lines: every line-writing transition bumps it.
        id: `${esc.id}:${String(version).padStart(8, '0')}:${i}`,
        expectedVersion: 0,
        value,
        ttlMs: this.retentionMs,
      });
    }
    writes.push(...(plan.extraWrites ?? []));
    const outbox: NewOutboxItem[] = (plan.notifications ?? []).map((n, i) => ({
      id: `esc:${esc.id}:v${version}:${i}`,
      orderingKey: n.orderingKey ?? orderingKeyOf(n.notification),
      channel: channelOf(n.notification),
      payload: n.notification,
      ...(n.notBefore ? { notBefore: n.notBefore } : {}),
    }));
    const audit: AuditEntry[] = (plan.audit ?? []).map((a) => ({
      ...a,
      at: iso,
      subject: `escalation:${esc.id}`,
    }));
    return { writes, outbox, audit };
  }

  /** Logs and audits a refused delegate action (the refusal itself changes nothing else). */
  async refuse(actor: string, action: string, escalationId: string, reason: string): Promise<void> {
    this.deps.logger.warn({ actor, action, escalationId, reason }, 'escalation action refused');
    this.deps.metrics.refusals.inc({ action });
    await this.store.commit({
      writes: [],
      audit: [
        {
          at: this.now().toISOString(),
          actor,
          action: `escalation.${action}.refused`,
          subject: `escalation:${escalationId}`,
          details: { reason },
        },
      ],
    });
  }
}
