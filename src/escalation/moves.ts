import type { EscalationConfig, Queue } from './config.js';
import { type EscalationContext, professionalReply } from './context.js';
import { deadlinesFor, queueTimes } from './confirmation.js';
import type { Escalation, Notification } from './model.js';

/** Why an escalation changes queue. */
export type MoveReason = 'transfer' | 'deadline' | 'absence';

/**
 * An escalation moved, unclaimed, to `target`: its deadline restarts there; the card left in the
 * former queue says where it went, a new card is posted in the target queue, and the professional is
 * told who has it now.
 */
export function planMove(
  ctx: EscalationContext,
  config: EscalationConfig,
  esc: Escalation,
  target: Queue,
  via: MoveReason,
): { next: Escalation; notifications: Array<{ notification: Notification }> } {
  const now = ctx.now();
  const {
    owner: _o,
    reminderSentAt: _r,
    deadlineActedAt: _d,
    reminderAt: _ra,
    deadlineAt: _da,
    firstReplyAt: _f,
    ownerReminderSentAt: _or,
    ownerDeadlineActedAt: _od,
    ...rest
  } = esc;
  const next: Escalation = {
    ...rest,
    status: 'open',
    queueId: target.id,
    routedVia: via,
    queuedAt: now.toISOString(),
    ...deadlinesFor(target, now),
  };
  return {
    next,
    notifications: [
      ...(ctx.cardNotifications(config, next, esc.queueId) ?? []),
      ...(ctx.cardNotifications(config, next) ?? []),
      professionalReply(esc, [{ kind: 'notice', text: movedText(ctx, esc, target, now) }]),
    ],
  };
}

/** What the professional is told: who has it now, its usual delay, and when it answers (as at opening). */
function movedText(ctx: EscalationContext, esc: Escalation, target: Queue, now: Date): string {
  const lines = [
    `${ctx.t(esc.locale, 'escalation.transferred', { queue: target.name })} ${ctx.t(esc.locale, 'escalation.transferred.delay', { delay: target.deadlineHours })}`,
    ...queueTimes(target, now, esc.locale, ctx.deps.messages),
  ];
  return lines.join('\n\n');
}
