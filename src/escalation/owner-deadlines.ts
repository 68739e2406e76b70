import { formatWhen } from './cards.js';
import type { Queue } from './config.js';
import type { EscalationContext, Plan } from './context.js';
import { delegateMessages, isDue, queueMessages } from './deadline-notices.js';
import type { Escalation } from './model.js';

/**
 * The deadline of a claimed escalation. The deadline stored when the escalation entered its queue
 * keeps running after a claim, until the owner's first reply reaches the professional: a delegate
 * who claims a question and forgets it must not leave the professional waiting unnoticed.
 *
 * - At half the deadline, if the claim came before it: a private reminder to the owner, on the
 *   channel they act from, and a line in the card's thread in the queue channel.
 * - At the deadline: the supervisors (and the queue channel) are told who holds it and since when.
 *   The escalation stays with its owner: releasing it is the owner's or a supervisor's decision.
 *
 * Each step is stamped on the escalation (`ownerReminderSentAt`, `ownerDeadlineActedAt`) in the
 * same conditional commit as its notifications, so two instances act once, and a step that fell
 * while every instance was down is taken at the next run.
 */

export type OwnerOutcome = 'owner-reminder' | 'owner-alert' | null;

/** What the deadline job does with a claimed escalation now (nothing once the owner has replied). */
export function planOwnerDeadline(ctx: EscalationContext, esc: Escalation, queue: Queue): Plan<OwnerOutcome> {
  const owner = esc.owner;
  if (esc.status !== 'claimed' || !owner || esc.firstReplyAt || esc.ownerDeadlineActedAt) return { result: null };
  const now = ctx.now();
  const iso = now.toISOString();
  const t = (key: string, params: Record<string, string>) => ctx.t(ctx.delegateLocale, key, params);
  const name = esc.professional.displayName ?? esc.professional.id;
  const since = formatWhen(owner.at, ctx.delegateLocale, ctx.deps.messages);
  // A deadline already acted on while the escalation waited unclaimed (no backup queue): the
  // supervisors heard of it then; the claim is the answer to that alert.
  if (isDue(esc.deadlineAt, now) && !esc.deadlineActedAt) {
    const text = t('escalation.alert.owner_deadline', { name, owner: owner.name, since, queue: queue.name });
    const supervisors = queue.supervisors.filter((s) => s !== owner.identity);
    return {
      result: 'owner-alert',
      next: {
        ...esc,
        ownerDeadlineActedAt: iso,
        ownerReminderSentAt: esc.ownerReminderSentAt ?? iso,
        breaches: esc.breaches + 1,
      },
      notifications: [
        ...delegateMessages(esc, supervisors, 'alert', text),
        ...queueMessages(esc, queue, 'reminder', text),
      ],
      audit: [
        {
          actor: 'scheduler',
          action: 'escalation.owner_deadline',
          from: queue.id,
          to: owner.identity,
          details: { claimedAt: owner.at, deadlineAt: esc.deadlineAt ?? null },
        },
      ],
    };
  }
  // Claimed after half the deadline had passed: the owner took it knowing; only the deadline counts.
  const claimedBeforeReminder = esc.reminderAt !== undefined && owner.at <= esc.reminderAt;
  if (isDue(esc.reminderAt, now) && !esc.ownerReminderSentAt && claimedBeforeReminder) {
    const when = formatWhen(esc.deadlineAt ?? now, ctx.delegateLocale, ctx.deps.messages);
    return {
      result: 'owner-reminder',
      next: { ...esc, ownerReminderSentAt: iso },
      notifications: [
        ...delegateMessages(esc, [owner.identity], 'notice', t('escalation.owner.reminder', { name, since, when })),
        ...queueMessages(esc, queue, 'reminder', t('escalation.queue.owner_reminder', { name, owner: owner.name, since, when })),
      ],
      audit: [{ actor: 'scheduler', action: 'escalation.owner_reminder', from: queue.id, to: owner.identity }],
    };
  }
  return { result: null };
}
