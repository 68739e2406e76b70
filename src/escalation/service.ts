import { randomUUID } from 'node:crypto';
import { maskNir } from '../core/privacy.js';
import type { EscalationPort, EscalationRequest } from '../model/escalation-port.js';
import { type ConversationRef, type Locale, type Reply, type UserRef, userKey } from '../model/message.js';
import type { EscalationContext, Plan } from './context.js';
import { deadlinesFor, openingConfirmation } from './confirmation.js';
import { eraseProfessional } from './erasure.js';
import { COLLECTIONS, type Escalation } from './model.js';
import { reopenEscalation } from './reopen.js';
import { routeEscalation } from './routing.js';

/**
 * The professional's side of escalation: open, relay while a delegate owns it, cancel, reopen,
 * rate, erase. Implements the port the conversation core calls. Every change is one atomic commit
 * with its notifications (outbox) and audit entries, made before the professional is told anything.
 */

export { deadlinesFor } from './confirmation.js';

/** How often a professional writing to a request that waits unclaimed is told where it waits. */
const WAITING_NOTICE_EVERY_MS = 60 * 60 * 1000;

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
      if (relayed !== false) return [reply(ctx.t(request.locale, 'escalation.already_open'))];
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
      ...(request.answeredIntent ? { answeredIntent: request.answeredIntent } : {}),
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
    return [
      openingConfirmation({
        escalation,
        queue: route.queue,
        insteadOf: route.insteadOf,
        config,
        locale: request.locale,
        now,
        messages: ctx.deps.messages,
      }),
    ];
  }

  async intercept(input: {
    user: UserRef;
    conversation: ConversationRef;
    locale: Locale;
    text: string;
    standalone?: boolean;
  }): Promise<Reply[] | null> {
    const latest = await this.latestFor(userKey(input.user));
    if (!latest) return null;
    const text = maskNir(input.text).text;
    if (latest.status === 'open' || latest.status === 'claimed') {
      const relayed = await this.relay(latest.id, input.conversation, text, input.locale);
      if (relayed === false) return null;
      const ack =
        relayed === 'remind'
          ? await this.waitingNotice(latest, input.locale)
          : this.ctx.t(input.locale, 'escalation.relay.transmitted');
      return [{ kind: 'relay', text: ack }];
    }
    // A new question the bot can answer is answered; anything else written soon after the
    // resolution continues the request.
    if (this.reopenable(latest) && !input.standalone)
      return reopenEscalation(this.ctx, latest.id, input.conversation, text, input.locale);
    return null;
  }

  async reopenOffer(user: UserRef): Promise<string | null> {
    const latest = await this.latestFor(userKey(user));
    return latest && this.reopenable(latest) ? latest.id : null;
  }

  async reopen(input: {
    user: UserRef;
    conversation: ConversationRef;
    locale: Locale;
    escalationId: string;
  }): Promise<Reply[]> {
    const latest = await this.latestFor(userKey(input.user));
    if (!latest || latest.id !== input.escalationId || !this.reopenable(latest))
      return [reply(this.ctx.t(input.locale, 'escalation.reopen.expired'))];
    const replies = await reopenEscalation(this.ctx, latest.id, input.conversation, null, input.locale);
    return replies.length > 0 ? replies : [reply(this.ctx.t(input.locale, 'escalation.reopen.expired'))];
  }

  /**
   * While the request still waits in its queue, where it waits and how to cancel it (the
   * professional may have reloaded the page and lost the confirmation and its button).
   */
  private async waitingNotice(escalation: Escalation, locale: Locale): Promise<string> {
    const queue = (await this.ctx.config()).queues.find((q) => q.id === escalation.queueId);
    return this.ctx.t(locale, 'escalation.relay.waiting', { queue: queue?.name ?? escalation.queueId });
  }

  /** Resolved within the reopen window (`REOPEN_WINDOW_HOURS`). */
  private reopenable(escalation: Escalation): boolean {
    if (escalation.status !== 'resolved' || !escalation.resolvedAt) return false;
    return this.ctx.now().getTime() - new Date(escalation.resolvedAt).getTime() <= this.ctx.reopenWindowMs;
  }

  /**
   * Adds the professional's message to the transcript and, when a delegate owns it, relays it.
   * `remind`: it still waits unclaimed and the professional was not told so in the last hour.
   */
  private async relay(
    id: string,
    conversation: ConversationRef,
    text: string,
    locale: Locale,
  ): Promise<'relayed' | 'remind' | false> {
    const ctx = this.ctx;
    return ctx.transition(id, (current): Plan<'relayed' | 'remind' | false> => {
      const esc = current?.value;
      if (!esc || (esc.status !== 'open' && esc.status !== 'claimed')) return { result: false };
      const name = esc.professional.displayName ?? esc.professional.id;
      const now = ctx.now();
      const remind =
        esc.status === 'open' &&
        (!esc.waitingNoticeAt || now.getTime() - Date.parse(esc.waitingNoticeAt) >= WAITING_NOTICE_EVERY_MS);
      return {
        result: remind ? 'remind' : 'relayed',
        next: { ...esc, conversation, locale, ...(remind ? { waitingNoticeAt: now.toISOString() } : {}) },
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
    await eraseProfessional(this.ctx, userKey(user));
  }
}
