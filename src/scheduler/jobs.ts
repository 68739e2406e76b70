import type { DeadlineRun } from '../escalation/deadlines.js';
import type { Job } from './index.js';

/**
 * The escalation deadline job: every minute, reminders at half the deadline and moves to the backup
 * queue at the deadline; for claimed requests not yet answered, the owner's reminder and the
 * supervisors' alert (see src/escalation/deadlines.ts). Once per fire across instances.
 */
export function escalationDeadlinesJob(deadlines: { run(): Promise<DeadlineRun> }): Job {
  return { name: 'escalation-deadlines', cron: '* * * * *', run: () => deadlines.run() };
}
