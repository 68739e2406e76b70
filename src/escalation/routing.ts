import { calendarDay } from '../clock.js';
import { type EscalationConfig, type Queue, queueById } from './config.js';
import type { Escalation } from './model.js';

/**
 * Routing: the professional's referent delegate when present and available; else the queue of the
 * question's topic; else the default queue. A queue whose every member is absent hands over to its
 * backup queue (the backup chain is acyclic: the configuration rejects cycles).
 */

export type RoutedVia = 'referent' | 'topic' | 'default';

export interface Route {
  queue: Queue;
  via: RoutedVia;
  /** The queue first chosen, when absences moved the escalation to a backup queue. */
  insteadOf?: string;
}

/** True when `identity` is marked absent on the Paris calendar day of `at`. */
export function isAbsent(config: EscalationConfig, identity: string, at: Date): boolean {
  const day = calendarDay(at);
  return config.absences.some((a) => a.delegate === identity && a.from <= day && day <= a.to);
}

/** A queue can take an escalation when at least one of its members is not absent. */
export function isStaffed(config: EscalationConfig, queue: Queue, at: Date): boolean {
  return queue.members.some((m) => !isAbsent(config, m, at));
}

/** Follows the backup chain from `queue` to the first staffed queue (or the last one of the chain). */
export function availableQueue(config: EscalationConfig, queue: Queue, at: Date): Queue {
  let current = queue;
  const seen = new Set<string>();
  while (!isStaffed(config, current, at) && current.backup && !seen.has(current.id)) {
    seen.add(current.id);
    const next = queueById(config, current.backup);
    if (!next) break;
    current = next;
  }
  return current;
}

/** Chooses the queue of a new escalation. */
export function routeEscalation(
  config: EscalationConfig,
  input: { professional: string; topic?: string },
  at: Date,
): Route {
  const referentQueue = queueById(config, config.referents[input.professional] ?? '');
  if (referentQueue) {
    if (isStaffed(config, referentQueue, at)) return { queue: referentQueue, via: 'referent' };
    if (referentQueue.backup) {
      const backup = availableQueue(config, queueById(config, referentQueue.backup)!, at);
      return { queue: backup, via: 'referent', insteadOf: referentQueue.id };
    }
  }
  const topicQueue = input.topic ? queueById(config, config.topics[input.topic] ?? '') : undefined;
  const chosen = topicQueue ?? queueById(config, config.defaultQueue)!;
  const via: RoutedVia = topicQueue ? 'topic' : 'default';
  const available = availableQueue(config, chosen, at);
  return available.id === chosen.id
    ? { queue: chosen, via }
    : { queue: available, via, insteadOf: chosen.id };
}

/** Who may act on a queue's escalations: its members and its supervisors. */
export function mayAct(queue: Queue, identity: string): boolean {
  return queue.members.includes(identity) || queue.supervisors.includes(identity);
}

/** Who may see an escalation (its card, its history): its queue's members and supervisors, its owner, admins. */
export function maySee(config: EscalationConfig, esc: Escalation, identity: string): boolean {
  const queue = queueById(config, esc.queueId);
  return (queue !== undefined && mayAct(queue, identity)) || esc.owner?.identity === identity || config.admins.includes(identity);
}

/** Queues where `identity` is a member or a supervisor. */
export function queuesOf(config: EscalationConfig, identity: string): Queue[] {
  return config.queues.filter((q) => mayAct(q, identity));
}
