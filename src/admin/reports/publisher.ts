import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Store } from '../../store/contract.js';
import { addDays, calendarDay, DEFAULT_TIME_ZONE, isoWeekday, localHour, mondayOf, startOfDay } from '../days.js';
import { ADMIN_COLLECTIONS } from '../model.js';
import type { AdminNotices } from '../notices.js';
import { gatherReportData } from './data.js';
import { type DailyDigest, dailyDigest, type WeeklyDigest, weeklyDigest } from './digests.js';
import { renderDailyDigest, renderWeeklyDigest } from './render.js';

export type DigestKind = 'daily' | 'weekly';

export const StoredDigest = z.object({
  kind: z.enum(['daily', 'weekly']),
  period: z.string(),
  at: z.string(),
  text: z.string(),
  digest: z.record(z.string(), z.unknown()),
});
export type StoredDigest = z.infer<typeof StoredDigest>;

export interface DigestPublisherDeps {
  store: Store;
  clock: Clock;
  notices: AdminNotices;
  messages: MessageCatalogue;
  timeZone?: string;
  /** Local hour from which the day's (or Monday's) digest is due (default 7). */
  hour?: number;
}

/**
 * Computes the digests and posts them through the outbox (the admins' shared channels and/or each
 * admin privately, per the `reports` configuration), once per period: the
 * digest document (`admin_digests/<kind>:<period>`) and its outbox items are written in one commit
 * that expects the document absent, so two instances (or a catch-up after downtime) never post twice.
 */
export class DigestPublisher {
  constructor(private readonly deps: DigestPublisherDeps) {}

  private get tz(): string {
    return this.deps.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The period due at `now` (a day, or the Monday of the week), or null before the hour. */
  periodDue(kind: DigestKind, now: Date): string | null {
    const day = calendarDay(now, this.tz);
    const early = localHour(now, this.tz) < (this.deps.hour ?? 7);
    if (kind === 'daily') return early ? null : day;
    return early && isoWeekday(day) === 1 ? null : mondayOf(day);
  }

  /**
   * The period an admin previews: the next digest to be posted, as it stands now. Weekly: the
   * current week so far (posted next Monday), or, early on a Monday, the week about to be posted.
   */
  previewPeriod(kind: DigestKind, now: Date): string {
    if (kind === 'daily') return this.periodDue(kind, now) ?? this.periodDue(kind, new Date(now.getTime() + 86_400_000))!;
    const day = calendarDay(now, this.tz);
    return this.periodDue(kind, now) === null ? day : mondayOf(addDays(day, 7));
  }

  /** Computes the digest of a period: the day itself, or the week before the given Monday. */
  async compute(
    kind: DigestKind,
    period: string,
    now: Date,
  ): Promise<{ digest: DailyDigest | WeeklyDigest; text: string; sharedText: string }> {
    const data = await gatherReportData(this.deps.store, now);
    if (kind === 'daily') {
      const digest = dailyDigest(data, period, now);
      const text = renderDailyDigest(digest, this.deps.messages);
      return { digest, text, sharedText: text };
    }
    const from = addDays(period, -7);
    const digest = weeklyDigest(data, {
      start: startOfDay(from, this.tz).toISOString(),
      end: startOfDay(period, this.tz).toISOString(),
      from,
      to: addDays(period, -1),
    });
    return {
      digest,
      text: renderWeeklyDigest(digest, this.deps.messages),
      sharedText: renderWeeklyDigest(digest, this.deps.messages, 'fr', { withQuestions: false }),
    };
  }

  /** Writes and posts the digest due now if nobody did yet. True when this call posted it. */
  async publishDue(kind: DigestKind): Promise<boolean> {
    const now = this.deps.clock.now();
    const period = this.periodDue(kind, now);
    if (!period) return false;
    const id = `${kind}:${period}`;
    if (await this.deps.store.get(ADMIN_COLLECTIONS.digests, id)) return false;
    const { digest, text, sharedText } = await this.compute(kind, period, now);
    const at = now.toISOString();
    const result = await this.deps.store.commit({
      writes: [
        {
          collection: ADMIN_COLLECTIONS.digests,
          id,
          expectedVersion: 0,
          value: { kind, period, at, text, digest: { ...digest } } satisfies StoredDigest,
        },
      ],
      outbox: await this.deps.notices.digest(`digest:${id}`, text, sharedText),
      audit: [{ at, actor: 'scheduler', action: `digest.${kind}`, subject: `digest:${id}` }],
    });
    return result.ok;
  }

  /** The latest stored digests of a kind, newest first (the console shows them). */
  async recent(kind: DigestKind, limit = 5): Promise<StoredDigest[]> {
    const docs = await this.deps.store.list(ADMIN_COLLECTIONS.digests, { prefix: `${kind}:` });
    return docs
      .map((d) => StoredDigest.parse(d.value))
      .sort((a, b) => b.period.localeCompare(a.period))
      .slice(0, limit);
  }
}
