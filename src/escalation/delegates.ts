import { maskNir } from '../core/privacy.js';
import { renderCard } from './cards.js';
import { type EscalationConfig, personOf, type Queue, queueById } from './config.js';
import { type EscalationContext, type Plan, professionalReply } from './context.js';
import { type DelegateResult, type Escalation, EscalationErrorCode, type TranscriptLine } from './model.js';
import { type MoveReason, planMove } from './moves.js';
import { mayAct, maySee } from './routing.js';
import { seenWrite } from './seen.js';
import { delegateAnswerSuggestion, readTranscript } from './transcript.js';

/**
 * What delegates do with an escalation: claim, release, transfer, resolve, reply, read its history.
 * Only the members and supervisors of the escalation's queue may act; a refusal is logged and
 * audited. Each operation is one conditional commit, so concurrent claims leave exactly one owner.
 */

type Action = 'claim' | 'release' | 'transfer' | 'resolve' | 'reply' | 'history';

/** Value of a satisfaction button: `<escalationId>:<score>`. */
export function satisfactionValue(escalationId: string, score: number): string {
  return `${escalationId}:${score}`;
}

/** Parses a satisfaction button value; null when malformed. */
export function parseSatisfactionValue(value: string): { escalationId: string; score: number } | null {
  const match = /^(.+):([1-5])$/.exec(value);
  return match ? { escalationId: match[1]!, score: Number(match[2]) } : null;
}

export class DelegateService {
  constructor(private readonly ctx: EscalationContext) {}

  private t(key: string, params?: Record<string, string | number>): string {
    return this.ctx.t(this.ctx.delegateLocale, key, params);
  }

  private failure(
    code: DelegateResult & { ok: false } extends { code: infer C } ? C : never,
    key: string,
    params?: Record<string, string | number>,
  ): Plan<DelegateResult> {
    return { result: { ok: false, code, message: this.t(key, params) } };
  }

  private success(config: EscalationConfig, next: Escalation, message?: string): DelegateResult {
    return {
      ok: true,
      escalation: next,
      card: renderCard(next, this.ctx.cardContext(config)),
      ...(message ? { message } : {}),
    };
  }

  /**
   * Runs one delegate action: loads the escalation, checks the actor may act on its queue (else
   * refuses, logs and audits), then lets `plan` decide.
   */
  private async act(
    actor: string,
    action: Action,
    id: string,
    plan: (
      esc: Escalation,
      queue: Queue,
      config: EscalationConfig,
    ) => Plan<DelegateResult> | Promise<Plan<DelegateResult>>,
  ): Promise<DelegateResult> {
    const config = await this.ctx.config();
    let refused: string | undefined;
    const result = await this.ctx.transition(id, (current) => {
      const esc = current?.value;
      if (!esc) return this.failure(EscalationErrorCode.NotFound, 'escalation.delegate.not_found');
      const queue = queueById(config, esc.queueId);
      if (!queue || !mayAct(queue, actor)) {
        refused = `not a member of ${esc.queueId}`;
        return this.failure(EscalationErrorCode.NotAllowed, 'escalation.delegate.not_allowed', {
          queue: queue?.name ?? esc.queueId,
        });
      }
      return plan(esc, queue, config);
    });
    if (refused) await this.ctx.refuse(actor, action, id, refused);
    return result;
  }

  private ownerOnly(esc: Escalation, queue: Queue, actor: string): Plan<DelegateResult> | null {
    if (esc.status !== 'claimed') {
      return this.failure(
        EscalationErrorCode.InvalidState,
        `escalation.delegate.state.${esc.status}`,
        {},
      );
    }
    if (esc.owner?.identity !== actor && !queue.supervisors.includes(actor)) {
      return this.failure(
        EscalationErrorCode.NotOwner,
        'escalation.delegate.not_owner',
        { name: esc.owner?.name ?? '?' },
      );
    }
    return null;
  }

  /** Takes the escalation. A late claimer is told who has it ("déjà pris en charge par X"). */
  async claim(actor: string, id: string): Promise<DelegateResult> {
    const ctx = this.ctx;
    let claimed: Escalation | undefined;
    const result = await this.act(actor, 'claim', id, (esc, _queue, config) => {
      if (esc.status === 'claimed') {
        if (esc.owner?.identity === actor) return { result: this.success(config, esc) };
        return this.failure(
          EscalationErrorCode.AlreadyClaimed,
          'escalation.delegate.already_claimed',
          {
            name: esc.owner?.name ?? '?',
          },
        );
      }
      if (esc.status !== 'open')
        return this.failure(
          EscalationErrorCode.InvalidState,
          `escalation.delegate.state.${esc.status}`,
          {},
        );
      const person = personOf(config, actor);
      const now = ctx.now().toISOString();
      const next: Escalation = {
        ...esc,
        status: 'claimed',
        owner: { identity: actor, name: person.name, ...(person.role ? { role: person.role } : {}), at: now },
        firstClaimedAt: esc.firstClaimedAt ?? now,
      };
      claimed = esc.firstClaimedAt ? undefined : next;
      const text = person.role
        ? ctx.t(esc.locale, 'escalation.claimed.role', { name: person.name, role: person.role })
        : ctx.t(esc.locale, 'escalation.claimed', { name: person.name });
      return {
        result: this.success(config, next),
        next,
        notifications: [
          ...(ctx.cardNotifications(config, next) ?? []),
          professionalReply(esc, [{ kind: 'notice', text }]),
        ],
        audit: [{ actor, action: 'escalation.claim', from: 'open', to: 'claimed' }],
      };
    });
    if (result.ok && claimed) {
      const seconds =
        (new Date(claimed.firstClaimedAt!).getTime() - new Date(claimed.createdAt).getTime()) / 1000;
      ctx.deps.metrics.timeToClaim.observe({ queue: claimed.queueId }, seconds);
    }
    return result;
  }

  /** Gives the escalation back to its queue. */
  async release(actor: string, id: string): Promise<DelegateResult> {
    const ctx = this.ctx;
    return this.act(actor, 'release', id, (esc, queue, config) => {
      const refusal = this.ownerOnly(esc, queue, actor);
      if (refusal) return refusal;
      const { owner: _owner, ...rest } = esc;
      const next: Escalation = { ...rest, status: 'open' };
      return {
        result: this.success(config, next),
        next,
        notifications: [
          ...(ctx.cardNotifications(config, next) ?? []),
          professionalReply(esc, [{ kind: 'notice', text: ctx.t(esc.locale, 'escalation.released') }]),
        ],
        audit: [{ actor, action: 'escalation.release', from: 'claimed', to: 'open' }],
      };
    });
  }

  /** Moves the escalation, unclaimed, to another queue (its deadline restarts there). */
  async transfer(actor: string, id: string, toQueueId: string): Promise<DelegateResult> {
    return this.act(actor, 'transfer', id, (esc, queue, config) => {
      if (esc.status === 'claimed') {
        const refusal = this.ownerOnly(esc, queue, actor);
        if (refusal) return refusal;
      } else if (esc.status !== 'open') {
        return this.failure(
          EscalationErrorCode.InvalidState,
          `escalation.delegate.state.${esc.status}`,
          {},
        );
      }
      const target = queueById(config, toQueueId);
      if (!target || target.id === esc.queueId) {
        return this.failure(EscalationErrorCode.UnknownQueue, 'escalation.delegate.unknown_queue', {});
      }
      return {
        ...this.moved(esc, target, config, 'transfer'),
        audit: [{ actor, action: 'escalation.transfer', from: esc.queueId, to: target.id }],
      };
    });
  }

  /** The new state and notifications of an escalation moved to `target` (transfer, deadline, absence). */
  moved(esc: Escalation, target: Queue, config: EscalationConfig, via: MoveReason): Plan<DelegateResult> {
    const plan = planMove(this.ctx, config, esc, target, via);
    return { ...plan, result: this.success(config, plan.next) };
  }

  /** Closes the escalation; the professional gets a one-tap satisfaction question. */
  async resolve(
    actor: string,
    id: string,
    options: { proposeFaq?: boolean; answer?: string } = {},
  ): Promise<DelegateResult> {
    const ctx = this.ctx;
    let resolved: Escalation | undefined;
    const result = await this.act(actor, 'resolve', id, async (esc, queue, config) => {
      const refusal = this.ownerOnly(esc, queue, actor);
      if (refusal) return refusal;
      const now = ctx.now().toISOString();
      const next: Escalation = { ...esc, status: 'resolved', resolvedAt: now };
      resolved = next;
      const name = esc.owner?.name ?? personOf(config, actor).name;
      const extraWrites = options.proposeFaq
        ? [
            delegateAnswerSuggestion({
              escalation: esc,
              actor,
              answer: options.answer,
              lines: await this.transcript(esc.id),
              at: now,
              ttlMs: ctx.retentionMs,
            }),
          ]
        : [];
      return {
        result: this.success(config, next),
        next,
        notifications: [
          ...(ctx.cardNotifications(config, next) ?? []),
          professionalReply(esc, [
            {
              kind: 'notice',
              text: ctx.t(esc.locale, 'escalation.resolved', { name }),
              buttons: [1, 2, 3, 4, 5].map((score) => ({
                action: 'satisfaction' as const,
                label: ctx.t(esc.locale, `escalation.satisfaction.${score}`),
                value: satisfactionValue(esc.id, score),
              })),
            },
          ]),
        ],
        extraWrites,
        audit: [
          {
            actor,
            action: 'escalation.resolve',
            from: 'claimed',
            to: 'resolved',
            details: { proposeFaq: Boolean(options.proposeFaq) },
          },
        ],
      };
    });
    if (result.ok && resolved) {
      const seconds =
        (new Date(resolved.resolvedAt!).getTime() - new Date(resolved.createdAt).getTime()) / 1000;
      ctx.deps.metrics.timeToResolve.observe({ queue: resolved.queueId }, seconds);
    }
    return result;
  }

  /** The owner's message, relayed to the professional signed; anyone else's is refused, not relayed. */
  async reply(actor: string, id: string, text: string): Promise<DelegateResult> {
    const ctx = this.ctx;
    const masked = maskNir(text).text;
    return this.act(actor, 'reply', id, (esc, _queue, config) => {
      if (esc.status !== 'claimed')
        return this.failure(
          EscalationErrorCode.InvalidState,
          `escalation.delegate.state.${esc.status}`,
          {},
        );
      if (esc.owner?.identity !== actor) {
        return this.failure(
          EscalationErrorCode.NotOwner,
          'escalation.delegate.not_owner',
          { name: esc.owner?.name ?? '?' },
        );
      }
      const person = personOf(config, actor);
      const signature = { name: person.name, ...(person.role ? { role: person.role } : {}) };
      // The first reply stops the deadline: no reminder or alert about this claim after it.
      const next: Escalation = esc.firstReplyAt ? esc : { ...esc, firstReplyAt: ctx.now().toISOString() };
      return {
        result: this.success(config, next, ctx.t(ctx.delegateLocale, 'escalation.delegate.sent')),
        next,
        transcript: [{ from: 'delegate', who: actor, name: person.name, text: masked }],
        extraWrites: [seenWrite(actor, esc.id, ctx.now().toISOString(), ctx.retentionMs)],
        notifications: [
          professionalReply(esc, [{ kind: 'relay', text: masked, signature }]),
          // Cards drop their « en attente de réponse » line once, at the first reply.
          ...(esc.firstReplyAt ? [] : (ctx.cardNotifications(config, next) ?? [])),
        ],
      };
    });
  }

  /** The transcript, oldest first (kept in the store under retention, not in cards). */
  transcript(id: string): Promise<TranscriptLine[]> {
    return readTranscript(this.ctx.store, id);
  }

  /**
   * History on demand, for the queue's members and supervisors, the owner and admins; reading it
   * counts as having seen the professional's latest messages (the board's marker goes).
   */
  async history(
    actor: string,
    id: string,
  ): Promise<{ ok: true; lines: TranscriptLine[] } | { ok: false; code: string; message: string }> {
    const config = await this.ctx.config();
    const esc = (await this.ctx.load(id))?.value;
    if (!esc)
      return {
        ok: false,
        code: EscalationErrorCode.NotFound,
        message: this.t('escalation.delegate.not_found'),
      };
    if (!maySee(config, esc, actor)) {
      await this.ctx.refuse(actor, 'history', id, `not a member of ${esc.queueId}`);
      return {
        ok: false,
        code: EscalationErrorCode.NotAllowed,
        message: this.t('escalation.delegate.not_allowed', { queue: queueById(config, esc.queueId)?.name ?? esc.queueId }),
      };
    }
    const lines = await this.transcript(id);
    await this.ctx.store.commit({
      writes: [seenWrite(actor, id, this.ctx.now().toISOString(), this.ctx.retentionMs)],
    });
    return { ok: true, lines };
  }
}
