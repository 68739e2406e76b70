import { cardTargets } from './cards.js';
import type { Queue } from './config.js';
import type { Escalation, Notification } from './model.js';

/**
 * The notifications the deadline job sends about an escalation (waiting in its queue or claimed
 * and unanswered): private messages to delegates and lines in the card's thread of every channel
 * of the queue.
 */

type Planned = { notification: Notification };

/** Whether the stored instant `at` has come. */
export function isDue(at: string | undefined, now: Date): boolean {
  return at !== undefined && new Date(at).getTime() <= now.getTime();
}

/** One private message per delegate in `to` (a reminder to an owner, an alert to supervisors). */
export function delegateMessages(esc: Escalation, to: string[], kind: 'notice' | 'alert', text: string): Planned[] {
  return to.map((who) => ({
    notification: { type: 'delegate.message', escalationId: esc.id, to: who, kind, text },
  }));
}

/** A line in the card's thread, in every channel where `queue` posts its cards. */
export function queueMessages(esc: Escalation, queue: Queue, kind: 'reminder' | 'moved', text: string): Planned[] {
  return cardTargets(queue).map((target) => ({
    notification: { type: 'queue.message', escalationId: esc.id, queueId: queue.id, target, kind, text },
  }));
}
