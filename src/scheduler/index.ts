import { randomUUID } from 'node:crypto';
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Store } from '../store/contract.js';

/**
 * Scheduled jobs (deadlines, scheduled answer versions, digests, retention) on node-cron 4. Each
 * fire of a job runs once across every instance: node-cron's run coordinator asks the store for a
 * lease whose key is the job's name plus the fire time; the lease expires by itself and is never
 * released early, so a slower instance cannot run the same fire after the first one finished.
 * Jobs compute what is due from stored timestamps and the injected clock: a fire missed while every
 * instance was down is caught up by the next one.
 */

export interface Job {
  /** Unique, stable name: part of the lease key. */
  name: string;
  /** Cron expression (node-cron syntax; seconds optional). */
  cron: string;
  run(context: { firedAt: Date; now: Date }): Promise<unknown>;
  /** Lease time to live (default 10 minutes): longer than a run, shorter than forever. */
  leaseMs?: number;
}

export interface SchedulerOptions {
  jobs: Job[];
  store: Store;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Identifies this instance in leases (default: a random id). */
  holder?: string;
  timezone?: string;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs one fire of a job under its lease, as the cron would (tests, catch-up). True if it ran. */
  runOnce(name: string, firedAt: Date): Promise<boolean>;
}

const DEFAULT_LEASE_MS = 10 * 60_000;

/** Lease key of one fire of a job (the same on every instance). */
export function leaseKey(jobName: string, firedAt: Date): string {
  return `job:${jobName}:${firedAt.toISOString()}`;
}

/** A node-cron run coordinator backed by the store's leases. */
export function leaseCoordinator(store: Store, holder: string): RunCoordinator {
  return {
    // node-cron's key is `<task name>:<fire time ISO>`.
    shouldRun: (key, ttlMs) => store.acquireLease(`job:${key}`, holder, ttlMs),
    // No onComplete: a lease is never released early.
  };
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const holder = options.holder ?? `instance-${randomUUID().slice(0, 8)}`;
  const coordinator = leaseCoordinator(options.store, holder);
  const tasks: ScheduledTask[] = [];
  const byName = new Map(options.jobs.map((j) => [j.name, j]));

  const execute = async (job: Job, firedAt: Date) => {
    const started = Date.now();
    try {
      await job.run({ firedAt, now: options.clock.now() });
      options.logger.debug({ job: job.name, ms: Date.now() - started }, 'job ran');
    } catch (error) {
      options.logger.error({ err: error, job: job.name }, 'job failed');
    }
  };

  return {
    start() {
      if (tasks.length > 0) return;
      for (const job of options.jobs) {
        const task = cron.schedule(job.cron, (ctx) => execute(job, ctx.date), {
          name: job.name,
          timezone: options.timezone ?? 'Europe/Paris',
          noOverlap: true,
          distributed: true,
          runCoordinator: coordinator,
          distributedLease: job.leaseMs ?? DEFAULT_LEASE_MS,
          unref: true,
        });
        tasks.push(task);
      }
      options.logger.info({ jobs: options.jobs.map((j) => j.name), holder }, 'scheduler started');
    },
    async stop() {
      await Promise.all(tasks.splice(0).map((t) => t.destroy()));
    },
    async runOnce(name, firedAt) {
      const job = byName.get(name);
      if (!job) throw new Error(`unknown job "${name}"`);
      const ok = await options.store.acquireLease(
        leaseKey(name, firedAt),
        holder,
        job.leaseMs ?? DEFAULT_LEASE_MS,
      );
      if (ok) await execute(job, firedAt);
      return ok;
    },
  };
}
