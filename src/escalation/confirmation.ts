import type { Locale, Reply } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import { formatWhen } from './cards.js';
import { type EscalationConfig, personOf, type Queue } from './config.js';
import { addOpeningHours, isOpen, nextOpening } from './hours.js';
import { describeOpeningHours } from './hours-text.js';
import type { Escalation } from './model.js';

/**
 * What the professional is told when their escalation is stored: who has it (their referent, or
 * the queue, or the backup queue while the referent is away), the usual delay, and when opening
 * hours resume if it is outside them; and the deadlines stored on the escalation.
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

/**
 * When `queue` answers, for the professional: when opening hours resume if it is closed at `now`,
 * then its opening hours.
 */
export function queueTimes(queue: Queue, now: Date, locale: Locale, messages: MessageCatalogue): string[] {
  const lines: string[] = [];
  const schedule = { hours: queue.hours, calendar: queue.calendar };
  if (!isOpen(schedule, now)) {
    const opening = nextOpening(schedule, now);
    if (opening) {
      lines.push(messages.t(locale, 'escalation.opened.closed', { when: formatWhen(opening, locale, messages) }));
    }
  }
  lines.push(describeOpeningHours(queue.hours, queue.calendar, locale, messages));
  return lines;
}

/** The confirmation reply of a stored escalation, with its "Annuler ma demande" button. */
export function openingConfirmation(input: {
  escalation: Escalation;
  queue: Queue;
  insteadOf: string | undefined;
  config: EscalationConfig;
  locale: Locale;
  now: Date;
  messages: MessageCatalogue;
}): Reply {
  const { escalation: esc, queue, insteadOf, config, locale, now, messages } = input;
  const t = (key: string, params?: Record<string, string | number>) => messages.t(locale, key, params);
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
  lines.push(...queueTimes(queue, now, locale, messages));
  return {
    kind: 'escalation',
    text: lines.join('\n\n'),
    buttons: [{ action: 'cancel_escalation', label: t('escalation.button.cancel'), value: esc.id }],
  };
}
