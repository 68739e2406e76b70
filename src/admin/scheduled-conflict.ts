import { z } from 'zod';
import type { AuditEntry } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';
import { type AnswerHead, type AnswerVersion, servedVersionId, type TimelineEntry } from './model.js';

/**
 * A new version published while versions of the same answer are scheduled for a later date would
 * be silently replaced by them on that date (a fix published now, undone on 1 December by a text
 * written before it). Publishing then needs the admin's explicit choice: cancel those scheduled
 * versions in the same commit, or keep them. Without a choice covering every one of them the
 * publication is refused with `scheduled_conflict`, listing them.
 */

/** A scheduled version that would later replace the one being published. */
export interface LaterScheduled {
  n: number;
  /** `v3`. */
  version: string;
  effectiveAt: string;
  /** Who scheduled it (an identity, `web:claire`). */
  by: string;
  /** That person's name, when the configuration's people know them. */
  name?: string;
}

/** The display name of an identity, when known (the escalation configuration's people). */
export type PersonName = (identity: string) => Promise<string | undefined>;

/**
 * The admin's answer to a `scheduled_conflict`: cancel or keep the versions listed. Only the
 * versions the admin saw are settled: one scheduled meanwhile raises the conflict again.
 */
export const ScheduledChoice = z.object({
  action: z.enum(['cancel', 'keep']),
  versions: z.array(z.coerce.number().int().positive()).max(200),
});
export type ScheduledChoice = z.infer<typeof ScheduledChoice>;

/** Refusal of a publication that scheduled versions would later undo; `scheduled` lists them. */
export class ScheduledConflictError extends AdminError {
  constructor(
    intentId: string,
    readonly scheduled: LaterScheduled[],
  ) {
    // No `details`: they are validation problems (worded per field for the page); the list rides in `scheduled`.
    const list = scheduled.map((s) => `${s.version} (${s.effectiveAt}, ${s.by})`).join(', ');
    super(AdminErrorCode.ScheduledConflict, `scheduled versions of "${intentId}" would replace the new one: ${list}`);
    this.name = 'ScheduledConflictError';
  }
}

/** Live versions that take effect after `effective` (they would replace a version effective then). */
export function laterScheduled(head: AnswerHead, effective: Date): TimelineEntry[] {
  const iso = effective.toISOString();
  return head.timeline
    .filter((e) => e.cancelledAt === undefined && e.effectiveAt > iso)
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : 1));
}

/** The entries as the admin sees them (with who scheduled each). */
export async function describeLater(
  entries: TimelineEntry[],
  versionOf: (n: number) => Promise<AnswerVersion | null>,
  nameOf?: PersonName,
): Promise<LaterScheduled[]> {
  return Promise.all(
    entries.map(async (e) => {
      const by = (await versionOf(e.n))?.by ?? '?';
      const name = nameOf ? await nameOf(by) : undefined;
      return { n: e.n, version: servedVersionId(e.n), effectiveAt: e.effectiveAt, by, ...(name ? { name } : {}) };
    }),
  );
}

/** What settling the later versions changes in the commit that adds version `n`. */
export interface LaterSettlement {
  timeline: TimelineEntry[];
  audit: AuditEntry[];
  /** For the publication's own audit entry (absent when nothing was scheduled later). */
  details: { laterScheduled?: { action: ScheduledChoice['action']; versions: string[] } };
}

/**
 * Applies `choice` to the versions scheduled after `effective`, or throws the conflict when some of
 * them are not covered by it. `audit` builds an entry stamped like the caller's own.
 */
export async function settleLaterScheduled(args: {
  head: AnswerHead;
  effective: Date;
  n: number;
  now: string;
  choice: ScheduledChoice | undefined;
  versionOf: (n: number) => Promise<AnswerVersion | null>;
  nameOf?: PersonName | undefined;
  audit: (action: string, extra: Partial<AuditEntry>) => AuditEntry;
}): Promise<LaterSettlement> {
  const { head, choice } = args;
  const later = laterScheduled(head, args.effective);
  if (later.length === 0) return { timeline: head.timeline, audit: [], details: {} };
  const confirmed = new Set(choice?.versions ?? []);
  if (!choice || later.some((e) => !confirmed.has(e.n))) {
    throw new ScheduledConflictError(head.intentId, await describeLater(later, args.versionOf, args.nameOf));
  }
  const details = { laterScheduled: { action: choice.action, versions: later.map((e) => servedVersionId(e.n)) } };
  if (choice.action === 'keep') return { timeline: head.timeline, audit: [], details };
  const cancelled = new Set(later.map((e) => e.n));
  return {
    timeline: head.timeline.map((e) => (cancelled.has(e.n) ? { ...e, cancelledAt: args.now } : e)),
    audit: later.map((e) =>
      args.audit('answer.cancel_scheduled', {
        to: servedVersionId(e.n),
        details: { effectiveAt: e.effectiveAt, supersededBy: servedVersionId(args.n) },
      }),
    ),
    details,
  };
}
