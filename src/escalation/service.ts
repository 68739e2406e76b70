import { randomUUID } from 'node:crypto';
import { maskNir } from '../core/privacy.js';
import type { EscalationPort, EscalationRequest } from '../model/escalation-port.js';
import { type ConversationRef, type Locale, type Reply, type UserRef, userKey } from '../model/message.js';
import { formatWhen } from './cards.js';
import { personOf, type Queue } from './config.js';
import type { EscalationContext, Plan } from './context.js';
import { addOpeningHours, isOpen, nextOpening } from './hours.js';
import type { DocWrite } from '../store/contract.js';
import { COLLECTIONS, type Escalation } from './model.js';
import { isAbsent, mayAct, routeEscalation } from './routing.js';

/**
 * The professional's side of escalation: open, relay while a delegate owns it, cancel, reopen,
 * rate, erase. Implements the port the conversation core calls. Every change is one atomic commit
 * with its notifications (outbox) and audit entries, made before the professional is told anything.
 */

/** Deadline instants of an escalation entering `queue` at `at` (counted in its opening hours). */
export function deadlinesFor(queue: Queue, at: Date): { reminderAt?: string; deadlineAt?: string } {
  const schedule = { hours: queue.hours, calendar: queue.calendar };
  const reminder = addOpeningHours(schedule, at, queue.deadlineHours / 2);
  const deadline = addOpeningHours(schedule, at, queue.deadlineHours);
  return {
    ...(reminder ? { reminderAt: reminder.toISOString() } : {}),
    ...(deadline ? { deadlineAt: deadline.toISOString() } : {}),
  };
}

function reply(text: string, extra: Partial<Reply> = {}): Reply {
  return { kind: 'escalation', text, ...extra };
}

export class EscalationService implements EscalationPort {
  constructor(private readonly ctx: EscalationContext) {}

  /** The professional's latest escalation, if any. */
  async latestFor(professionalKey: string): Promise<Escalation | null> {
    const index = await this.ctx.store.get<{ escalationId: string }>(
      COLLECTIONS.byProfessional,
      professionalKey,
    );
    if (!index) return null;
    return (await this.ctx.load(index.value.escalationId))?.value ?? null;
  }

  async open(request: EscalationRequest): Promise<Reply[]> {
    const ctx = this.ctx;
    const config = await ctx.config();
    const professionalKey = userKey(request.user);
    const question = maskNir(request.question).text;
    const active = await this.latestFor(professionalKey);
    if (active && (active.status === 'open' || active.status === 'claimed')) {
      const relayed = await this.relay(active.id, request.conversation, question, request.locale);
      if (relayed) return [reply(ctx.t(request.locale, 'escalation.already_open'))];
    }
    const now = ctx.now();
    const route = routeEscalation(
      config,
      { professional: professionalKey, ...(request.topic ? { topic: request.topic } : {}) },
      now,
    );
    const id = randomUUID();
    const iso = now.toISOString();
    const escalation: Escalation = {
      id,
      status: 'open',
      queueId: route.queue.id,
      routedVia: route.via,
      professional: request.user,
      professionalKey,
      conversation: request.conversation,
      locale: request.locale,
      question,
      ...(request.topic ? { topic: request.topic } : {}),
      reason: request.reason,
      guesses: request.guesses.slice(0, 3),
      createdAt: iso,
      queuedAt: iso,
      ...deadlinesFor(route.queue, now),
      breaches: 0,
      cardRefs: {},
    };
    await ctx.transition(id, async (current) => {
      if (current) return { result: undefined };
      const index = await ctx.store.get(COLLECTIONS.byProfessional, professionalKey);
      return {
        result: undefined,
        next: escalation,
        notifications: ctx.cardNotifications(config, escalation),
        transcript: [{ from: 'professional', who: professionalKey, text: question }],
        audit: [
          {
            actor: professionalKey,
            action: 'escalation.open',
            to: route.queue.id,
            details: {
              via: route.via,
              reason: request.reason,
              ...(route.insteadOf ? { insteadOf: route.insteadOf } : {}),
            },
          },
        ],
        extraWrites: [
          {
            collection: COLLECTIONS.byProfessional,
            id: professionalKey,
            expectedVersion: index?.version ?? 0,
            value: { escalationId: id },
            ttlMs: ctx.retentionMs,
          },
        ],
      };
    });
    ctx.deps.metrics.opened.inc({ queue: route.queue.id, via: route.via });
    ctx.deps.logger.info({ escalationId: id, queue: route.queue.id, via: route.via }, 'escalation opened');
    return [this.confirmation(escalation, route.queue, route.insteadOf, config, request.locale, now)];
  }

  private confirmation(
    esc: Escalation,
    queue: Queue,
    insteadOf: string | undefined,
    config: Awaited<ReturnType<EscalationContext['config']>>,
    locale: Locale,
    now: Date,
  ): Reply {
    const t = (key: string, params?: Record<string, string | number>) => this.ctx.t(locale, key, params);
    const delay = String(queue.deadlineHours);
    const lines: string[] = [];
    if (insteadOf && esc.routedVia === 'referent') {
      const referent = config.queues.find((q) => q.id === insteadOf)?.members[0] ?? '';
      lines.push(
        t('escalation.opened.referent_absent', {
          name: personOf(config, referent).name,
          queue: queue.name,
          delay,
        }),
      );
    } else if (queue.kind === 'referent') {
      lines.push(t('escalation.opened.referent', { name: personOf(config, queue.members[0]!).name, delay }));
    } else {
      lines.push(t('escalation.opened.queue', { queue: queue.name, delay }));
    }
    const schedule = { hours: queue.hours, calendar: queue.calendar };
    if (!isOpen(schedule, now)) {
      const opening = nextOpening(schedule, now);
      if (opening)
        lines.push(
          t('escalation.opened.closed', { when: formatWhen(opening, locale, this.ctx.deps.messages) }),
        );
    }
    return reply(lines.join('\n\n'), {
      buttons: [{ action: 'cancel_escalation', label: t('escalation.button.cancel'), value: esc.id }],
    });
  }

  async intercept(input: {
    user: UserRef;
    conversation: ConversationRef;
    locale: Locale;
    text: string;
  }): Promise<Reply[] | null> {
    const latest = await this.latestFor(userKey(input.user));
    if (!latest) return null;
    const text = maskNir(input.text).text;
    if (latest.status === 'open' || latest.status === 'claimed') {
      const relayed = await this.relay(latest.id, input.conversation, text, input.locale);
      return relayed
        ? [{ kind: 'relay', text: this.ctx.t(input.locale, 'escalation.relay.transmitted') }]
        : null;
    }
    if (latest.status === 'resolved' && latest.resolvedAt) {
      const since = this.ctx.now().getTime() - new Date(latest.resolvedAt).getTime();
      if (since <= this.ctx.reopenWindowMs)
        return this.reopen(latest.id, input.conversation, text, input.locale);
    }
    return null;
  }

  /** Adds the professional's message to the transcript and, when a delegate owns it, relays it. */
  private async relay(
    id: string,
    conversation: ConversationRef,
    text: string,
    locale: Locale,
  ): Promise<boolean> {
    const ctx = this.ctx;
    return ctx.transition(id, (current): Plan<boolean> => {
      const esc = current?.value;
      if (!esc || (esc.status !== 'open' && esc.status !== 'claimed')) return { result: false };
      const name = esc.professional.displayName ?? esc.professional.id;
      return {
        result: true,
        next: { ...esc, conversation, locale },
        transcript: [{ from: 'professional', who: esc.professionalKey, text }],
        notifications:
          esc.status === 'claimed' && esc.owner
            ? [
                {
                  notification: {
                    type: 'delegate.message',
                    escalationId: esc.id,
                    to: esc.owner.identity,
                    kind: 'relay',
                    text: ctx.t(ctx.delegateLocale, 'escalation.delegate.relay', { name, text }),
                  },
                },
              ]
            : [],
      };
    });
  }

  private async reopen(
    id: string,
    conversation: ConversationRef,
    text: string,
    locale: Locale,
  ): Promise<Reply[]> {
    const ctx = this.ctx;
    const config = await ctx.config();
    return ctx.transition(id, (current): Plan<Reply[]> => {
      const esc = current?.value;
      if (esc?.status !== 'resolved') return { result: [] };
      const now = ctx.now();
      const queue = config.queues.find((q) => q.id === esc.queueId);
      if (!queue) return { result: [] };
      const owner = esc.owner;
      const ownerBack = owner && mayAct(queue, owner.identity) && !isAbsent(config, owner.identity, now);
      const name = esc.professional.displayName ?? esc.professional.id;
      const { resolvedAt: _resolved, satisfaction: _rating, ...rest } = esc;
      const next: Escalation = ownerBack
        ? { ...rest, status: 'claimed', conversation, locale, owner: { ...owner, at: now.toISOString() } }
        : (() => {
            const { owner: _o, reminderSentAt: _r, deadlineActedAt: _d, ...open } = rest;
            return {
              ...open,
              status: 'open' as const,
              conversation,
              locale,
              queuedAt: now.toISOString(),
              ...deadlinesFor(queue, now),
            };
          })();
      return {
        result: [
          reply(
            ownerBack
              ? ctx.t(locale, 'escalation.reopened.owner', { name: owner.name })
              : ctx.t(locale, 'escalation.reopened.queue', { queue: queue.name }),
          ),
        ],
        next,
        transcript: [{ from: 'professional', who: esc.professionalKey, text }],
        notifications: [
          ...(ctx.cardNotifications(config, next) ?? []),
          ...(ownerBack
            ? [
                {
                  notification: {
                    type: 'delegate.message' as const,
                    escalationId: esc.id,
                    to: owner.identity,
                    kind: 'relay' as const,
                    text: ctx.t(ctx.delegateLocale, 'escalation.delegate.reopened', { name, text }),
                  },
                },
              ]
            : []),
        ],
        audit: [
          { actor: esc.professionalKey, action: 'escalation.reopen', from: 'resolved', to: next.status },
        ],
      };
    });
  }

  async cancel(input: { user: UserRef; locale: Locale }): Promise<Reply[]> {
    const ctx = this.ctx;
    const latest = await this.latestFor(userKey(input.user));
    const none = [reply(ctx.t(input.locale, 'escalation.cancel.none'))];
    if (!latest) return none;
    const config = await ctx.config();
    return ctx.transition(latest.id, (current): Plan<Reply[]> => {
      const esc = current?.value;
      if (!esc || (esc.status !== 'open' && esc.status !== 'claimed')) return { result: none };
      const next: Escalation = { ...esc, status: 'cancelled', cancelledAt: ctx.now().toISOString() };
      const name = esc.professional.displayName ?? esc.professional.id;
      return {
        result: [reply(ctx.t(input.locale, 'escalation.cancelled'))],
        next,
        notifications: [
          ...(ctx.cardNotifications(config, next) ?? []),
          ...(esc.owner
            ? [
                {
                  notification: {
                    type: 'delegate.message' as const,
                    escalationId: esc.id,
                    to: esc.owner.identity,
                    kind: 'notice' as const,
                    text: ctx.t(ctx.delegateLocale, 'escalation.delegate.cancelled', { name }),
                  },
                },
              ]
            : []),
        ],
        audit: [
          { actor: esc.professionalKey, action: 'escalation.cancel', from: esc.status, to: 'cancelled' },
        ],
      };
    });
  }

  async rate(input: {
    user: UserRef;
    locale: Locale;
    escalationId: string;
    score: number;
  }): Promise<Reply[]> {
    const ctx = this.ctx;
    const key = userKey(input.user);
    const score = Math.min(5, Math.max(1, Math.round(input.score)));
    let queueId = '';
    const replies = await ctx.transition(input.escalationId, (current): Plan<Reply[]> => {
      const esc = current?.value;
      if (!esc || esc.professionalKey !== key || esc.status !== 'resolved') {
        return { result: [reply(ctx.t(input.locale, 'escalation.rate.unknown'))] };
      }
      if (esc.satisfaction !== undefined)
        return { result: [reply(ctx.t(input.locale, 'escalation.rate.already'))] };
      queueId = esc.queueId;
      return {
        result: [reply(ctx.t(input.locale, 'escalation.rate.thanks'))],
        next: { ...esc, satisfaction: score },
        audit: [{ actor: key, action: 'escalation.rate', to: String(score) }],
      };
    });
    if (queueId) ctx.deps.metrics.satisfaction.observe({ queue: queueId }, score);
    return replies;
  }

  async eraseUser(user: UserRef): Promise<void> {
    const store = this.ctx.store;
    const key = userKey(user);
    const mine = (await store.list<Escalation>(COLLECTIONS.escalations)).filter(
      (d) => d.value.professionalKey === key,
    );
    const ids = new Set(mine.map((d) => d.id));
    const writes: DocWrite[] = mine.map((d) => ({
      collection: COLLECTIONS.escalations,
      id: d.id,
      value: null,
    }));
    for (const id of ids) {
      for (const line of await store.list(COLLECTIONS.transcript, { prefix: `${id}:` })) {
        writes.push({ collection: COLLECTIONS.transcript, id: line.id, value: null });
      }
      await store.eraseAudit({ subject: `escalation:${id}` });
    }
    for (const notice of await store.list<{ escalationId?: string }>(COLLECTIONS.webNotices)) {
      if (notice.value.escalationId && ids.has(notice.value.escalationId)) {
        writes.push({ collection: COLLECTIONS.webNotices, id: notice.id, value: null });
      }
    }
    for (const s of await store.list<{ professionalKey?: string }>(COLLECTIONS.suggestions)) {
      if (s.value.professionalKey === key)
        writes.push({ collection: COLLECTIONS.suggestions, id: s.id, value: null });
    }
    writes.push({ collection: COLLECTIONS.byProfessional, id: key, value: null });
    await store.commit({ writes });
    await store.eraseAudit({ actor: key });
  }
}
