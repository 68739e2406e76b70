import { z } from 'zod';

/**
 * Where the bot posts in shared channels, as written in the escalation configuration: a queue's
 * cards and the admins' digests. Kept apart from config.ts, which composes them into the file's
 * schema.
 */

/** Slack channel id (C…, or G… for a private channel). */
const SlackChannelId = z.string().regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id (C… or G…)');

/** A Teams channel: its conversation id and the connector's serviceUrl (as the bot sees them). */
const TeamsChannel = z
  .object({ conversationId: z.string().min(1), serviceUrl: z.url(), tenantId: z.string().optional() })
  .strict();

/** Where a queue's cards are posted, per channel. */
export const CardTargets = z
  .object({
    web: z.boolean().optional(),
    slack: SlackChannelId.optional(),
    teams: TeamsChannel.optional(),
  })
  .strict();
export type CardTargets = z.infer<typeof CardTargets>;

/**
 * Where the admins' digests go: a shared channel per chat platform (one post, discussed in its
 * thread), the console's admin view, and whether each admin also gets a private copy (default:
 * only when no channel is set, which is the behaviour without this section).
 */
export const ReportTargets = z
  .object({
    /** The console's admin view is where admins read them (it always lists the digests). */
    web: z.boolean().optional(),
    slack: SlackChannelId.optional(),
    teams: TeamsChannel.optional(),
    privateCopies: z.boolean().optional(),
  })
  .strict();
export type ReportTargets = z.infer<typeof ReportTargets>;

/** A report section names a shared place (Slack, Teams, or the console's admin view). */
export function hasReportChannel(reports: ReportTargets | undefined): boolean {
  return reports !== undefined && (reports.slack !== undefined || reports.teams !== undefined || reports.web === true);
}

/** Whether admins get the digests privately: as set, else only when no channel is set. */
export function reportPrivateCopies(reports: ReportTargets | undefined): boolean {
  return reports?.privateCopies ?? !hasReportChannel(reports);
}

/** Problems of a `reports` section beyond its shape, each naming the field. */
export function reportProblems(reports: ReportTargets | undefined): string[] {
  return reports?.privateCopies === false && !hasReportChannel(reports)
    ? [
        'reports.privateCopies: false needs a channel (reports.slack, reports.teams or reports.web: true), else nobody gets the digests',
      ]
    : [];
}
