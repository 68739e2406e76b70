import { formatWhen } from './cards.js';
import { type EscalationConfig, type Queue, queueById } from './config.js';
import type { EscalationContext, Plan } from './context.js';
import type { DelegateService } from './delegates.js';
import { delegateMessages, isDue, queueMessages } from './deadline-notices.js';
import type { Escalation } from './model.js';
import { type OwnerOutcome, planOwnerDeadline } from './owner-deadlines.js';
import { availableQueue, isStaffed } from './routing.js';
import type { DelegateViews } from './views.js';

/**
 * The deadline job: for every escalation still waiting in a queue, a reminder in the queue's channel
 * at half its deadline, and at the deadline a move to the backup queue with an alert to the
 * supervisors; for a claimed one still without a reply from its owner, a reminder to the owner and
 * then an alert to the supervisors (see owner-deadlines.ts). Everything is computed from the timestamps stored on the escalation and the injected
 * clock, so a deadline that fell while every instance was down is acted on at the next run; each
 * action is a conditional commit, so two instances running the job at once act once.
 */

/** What one run did: `reminders` and `alerts` include those about claimed escalations. */
export interface DeadlineRun {
  reminders: number;
  moves: number;
  alerts: number;
}

/**
 * `breach`: moved at the deadline; `move`: moved because every delegate of the queue is absent, or at
 * a deadline already counted while the escalation was claimed (`late-alert`: likewise, no backup).
 */
type Outcome = 'reminder' | 'move' | 'breach' | 'alert' | 'late-alert' | OwnerOutcome;

export class DeadlineJob {
  constructor(
    private readonly ctx: EscalationContext,
    private readonly delegates: DelegateService,
    private readonly views: DelegateViews,
  ) {}

  /** One run over every open escalation. */
  async run(): Promise<DeadlineRun> {
    const config = await this.ctx.config();
    const totals: DeadlineRun = { reminders: 0, moves: 0, alerts: 0 };
    for (const esc of await this.views.live()) {
      const outcome = await this.ctx.transition(esc.id, (current) => this.plan(current?.value, config));
      if (outcome === 'reminder' || outcome === 'owner-reminder') totals.reminders++;
      if (outcome === 'move' || outcome === 'breach') totals.moves++;
      if (outcome === 'alert' || outcome === 'late-alert' || outcome === 'owner-alert') totals.alerts++;
      // A breach is a deadline passed without a first reply; an absence move is not one.
      if (outcome === 'breach' || outcome === 'alert' || outcome === 'owner-alert')
        this.ctx.deps.metrics.deadlineBreaches.inc({ queue: esc.queueId });
    }
    if (totals.reminders + totals.moves + totals.alerts > 0) {
      this.ctx.deps.logger.info({ ...totals }, 'deadline job acted');
    }
    return totals;
  }

  private plan(esc: Escalation | undefined, config: EscalationConfig): Plan<Outcome> {
    if (esc?.status !== 'open' && esc?.status !== 'claimed') return { result: null };
    const now = this.ctx.now();
    const queue = queueById(config, esc.queueId);
    if (!queue) return { result: null };
    if (esc.status === 'claimed') return planOwnerDeadline(this.ctx, esc, queue);
    const due = (at?: string) => isDue(at, now);
    if (due(esc.deadlineAt) && !esc.deadlineActedAt) return this.deadline(esc, queue, config);
    const absence = this.absence(esc, queue, config, now);
    if (absence) return absence;
    if (due(esc.reminderAt) && !esc.reminderSentAt) {
      const text = this.ctx.t(this.ctx.delegateLocale, 'escalation.queue.reminder', {
        name: esc.professional.displayName ?? esc.professional.id,
        when: formatWhen(esc.deadlineAt ?? now, this.ctx.delegateLocale, this.ctx.deps.messages),
      });
      return {
        result: 'reminder',
        next: { ...esc, reminderSentAt: now.toISOString() },
        notifications: queueMessages(esc, queue, 'reminder', text),
        audit: [{ actor: 'scheduler', action: 'escalation.reminder', to: queue.id }],
      };
    }
    return { result: null };
  }

  /** A queue whose every delegate is now absent hands its waiting escalations to its backup queue. */
  private absence(esc: Escalation, queue: Queue, config: EscalationConfig, now: Date): Plan<Outcome> | null {
    if (isStaffed(config, queue, now) || !queue.backup) return null;
    const target = availableQueue(config, queueById(config, queue.backup)!, now);
    if (target.id === queue.id) return null;
    const moved = this.delegates.moved(esc, target, config, 'absence');
    return {
      result: 'move',
      next: moved.next!,
      notifications: moved.notifications ?? [],
      audit: [{ actor: 'scheduler', action: 'escalation.absence', from: queue.id, to: target.id }],
    };
  }

  private deadline(esc: Escalation, queue: Queue, config: EscalationConfig): Plan<Outcome> {
    const now = this.ctx.now().toISOString();
    const backup = queue.backup ? queueById(config, queue.backup) : undefined;
    const target = backup ? availableQueue(config, backup, this.ctx.now()) : undefined;
    const name = esc.professional.displayName ?? esc.professional.id;
    const t = (key: string, params: Record<string, string>) =>
      this.ctx.t(this.ctx.delegateLocale, key, params);
    // Released after the owner's alert: this deadline was already counted as a breach then.
    const counted = esc.ownerDeadlineActedAt !== undefined;
    const breaches = esc.breaches + (counted ? 0 : 1);
    if (target && target.id !== esc.queueId) {
      const moved = this.delegates.moved(esc, target, config, 'deadline');
      const text = t('escalation.alert.deadline_moved', { name, queue: queue.name, backup: target.name });
      const supervisors = [...new Set([...queue.supervisors, ...target.supervisors])];
      return {
        result: counted ? 'move' : 'breach',
        next: { ...moved.next!, breaches },
        notifications: [...(moved.notifications ?? []), ...delegateMessages(esc, supervisors, 'alert', text)],
        audit: [{ actor: 'scheduler', action: 'escalation.deadline', from: queue.id, to: target.id }],
      };
    }
    const text = t('escalation.alert.deadline', { name, queue: queue.name });
    return {
      result: counted ? 'late-alert' : 'alert',
      next: {
        ...esc,
        deadlineActedAt: now,
        reminderSentAt: esc.reminderSentAt ?? now,
        breaches,
      },
      notifications:
        queue.supervisors.length > 0
          ? delegateMessages(esc, queue.supervisors, 'alert', text)
          : queueMessages(esc, queue, 'reminder', text),
      audit: [{ actor: 'scheduler', action: 'escalation.deadline', from: queue.id, to: queue.id }],
    };
  }
}
