import type { Job } from '../scheduler/index.js';
import { type ActivationDeps, activateDueVersions } from './activation.js';
import type { DigestPublisher } from './reports/publisher.js';

/**
 * The admin layer's scheduled jobs, for `createScheduler({ jobs: [...] })`. Each fire runs once
 * across instances (the scheduler's lease per fire); each job also computes what is due from stored
 * times, so a fire missed while every instance was down is caught up by the next one.
 */
export function adminJobs(deps: { activation: ActivationDeps; digests?: DigestPublisher }): Job[] {
  const jobs: Job[] = [
    {
      name: 'admin.answer-activation',
      cron: '* * * * *',
      run: () => activateDueVersions(deps.activation),
    },
  ];
  const digests = deps.digests;
  if (digests) {
    jobs.push(
      // Hourly: the digest of the day (from 07:00 Paris) or of the week (Mondays) is written once,
      // by whichever fire first finds it missing.
      { name: 'admin.daily-digest', cron: '2 * * * *', run: () => digests.publishDue('daily') },
      { name: 'admin.weekly-digest', cron: '4 * * * *', run: () => digests.publishDue('weekly') },
    );
  }
  return jobs;
}
