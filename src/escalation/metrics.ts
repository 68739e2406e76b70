import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Escalation metrics. Each counter moves only in the instance whose commit succeeded, so several
 * instances never count one event twice.
 */
export interface EscalationMetrics {
  opened: Counter<'queue' | 'via'>;
  timeToClaim: Histogram<'queue'>;
  timeToResolve: Histogram<'queue'>;
  deadlineBreaches: Counter<'queue'>;
  satisfaction: Histogram<'queue'>;
  deadLetters: Counter<'channel'>;
  refusals: Counter<'action'>;
}

const HOURS_BUCKETS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 604_800];

const byRegistry = new WeakMap<Registry, EscalationMetrics>();

/**
 * The escalation metrics registered on `registry`. Several Relais instances in one process (tests,
 * embedded tools) share them: prom-client refuses to register a metric name twice.
 */
export function createEscalationMetrics(registry: Registry): EscalationMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const metrics = registerEscalationMetrics(registry);
  byRegistry.set(registry, metrics);
  return metrics;
}

function registerEscalationMetrics(registry: Registry): EscalationMetrics {
  const registers = [registry];
  return {
    opened: new Counter({
      name: 'relais_escalations_opened_total',
      help: 'Escalations opened, by queue and routing rule',
      labelNames: ['queue', 'via'],
      registers,
    }),
    timeToClaim: new Histogram({
      name: 'relais_escalation_time_to_claim_seconds',
      help: 'Wall time from opening to the first claim',
      labelNames: ['queue'],
      buckets: HOURS_BUCKETS,
      registers,
    }),
    timeToResolve: new Histogram({
      name: 'relais_escalation_time_to_resolve_seconds',
      help: 'Wall time from opening to resolution',
      labelNames: ['queue'],
      buckets: HOURS_BUCKETS,
      registers,
    }),
    deadlineBreaches: new Counter({
      name: 'relais_escalation_deadline_breaches_total',
      help: 'Escalations past their deadline without a first reply (unclaimed, or claimed and unanswered), by queue',
      labelNames: ['queue'],
      registers,
    }),
    satisfaction: new Histogram({
      name: 'relais_escalation_satisfaction',
      help: 'Satisfaction scores (1-5) given after resolution',
      labelNames: ['queue'],
      buckets: [1, 2, 3, 4, 5],
      registers,
    }),
    deadLetters: new Counter({
      name: 'relais_outbox_dead_letters_total',
      help: 'Notifications set aside after a permanent delivery failure',
      labelNames: ['channel'],
      registers,
    }),
    refusals: new Counter({
      name: 'relais_escalation_refusals_total',
      help: 'Delegate actions refused (not a member of the queue, not the owner)',
      labelNames: ['action'],
      registers,
    }),
  };
}
