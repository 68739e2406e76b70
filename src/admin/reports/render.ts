import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import { dayLabel } from '../days.js';
import type { DailyDigest, WeeklyDigest } from './digests.js';

/** The digests as plain text for the admins' channel (UI strings from messages/<locale>/ui/admin.yaml). */

function section(t: MessageCatalogue['t'], locale: Locale, key: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ['', t(locale, key, { count: lines.length }), ...lines];
}

export function renderDailyDigest(digest: DailyDigest, messages: MessageCatalogue, locale: Locale = 'fr'): string {
  const t = messages.t.bind(messages);
  const item = (label: string, detail: string) => t(locale, 'admin.digest.item', { label, detail });
  const body = [
    ...section(t, locale, 'admin.digest.daily.to_review', digest.toReview.map((a) => item(a.title, dayLabel(a.reviewBy, locale)))),
    ...section(t, locale, 'admin.digest.daily.expired', digest.expired.map((a) => item(a.title, dayLabel(a.validUntil, locale)))),
    ...section(t, locale, 'admin.digest.daily.conflicts', digest.conflicts.map((c) => item(c.intentId, c.file))),
    ...(digest.queueConflict
      ? ['', t(locale, 'admin.digest.daily.queue_conflict', { day: dayLabel(digest.queueConflict.detectedAt.slice(0, 10), locale), count: digest.queueConflict.differences })]
      : []),
    ...section(t, locale, 'admin.digest.daily.breaches', digest.deadlineBreaches.map((b) => item(b.queueId, b.deadlineAt.slice(0, 16).replace('T', ' ')))),
    ...section(t, locale, 'admin.digest.daily.dead_letters', digest.deadLetters.map((d) => item(d.channel, d.error || d.id))),
  ];
  return [t(locale, 'admin.digest.daily.title', { day: dayLabel(digest.day, locale) }), ...(body.length > 0 ? body : ['', t(locale, 'admin.digest.nothing')])].join('\n');
}

/**
 * `withQuestions: false` is the version posted in shared channels: their archives are outside
 * Relais's erasure and retention, so professionals' questions are counted there, not quoted.
 */
function unansweredCount(t: MessageCatalogue['t'], locale: Locale, digest: WeeklyDigest): string[] {
  const total = digest.topUnanswered.reduce((sum, q) => sum + q.count, 0);
  return total === 0 ? [] : ['', t(locale, 'admin.digest.weekly.unanswered_count', { count: total })];
}

export function renderWeeklyDigest(
  digest: WeeklyDigest,
  messages: MessageCatalogue,
  locale: Locale = 'fr',
  { withQuestions = true }: { withQuestions?: boolean } = {},
): string {
  const t = messages.t.bind(messages);
  const count = (label: string, n: number) => t(locale, 'admin.digest.item', { label, detail: String(n) });
  const v = digest.volumes;
  const lines = [
    t(locale, 'admin.digest.weekly.title', { from: dayLabel(digest.from, locale), to: dayLabel(digest.to, locale) }),
    '',
    t(locale, 'admin.digest.weekly.volumes', { ...v }),
    digest.selfServiceRate === null
      ? t(locale, 'admin.digest.weekly.self_service_none')
      : t(locale, 'admin.digest.weekly.self_service', { rate: Math.round(digest.selfServiceRate * 100) }),
    digest.timeToClaim.median === null
      ? t(locale, 'admin.digest.weekly.time_to_claim_none')
      : t(locale, 'admin.digest.weekly.time_to_claim', {
          median: Math.round(digest.timeToClaim.median),
          p90: Math.round(digest.timeToClaim.p90 ?? 0),
          claimed: digest.timeToClaim.claimed,
        }),
    ...(withQuestions
      ? section(t, locale, 'admin.digest.weekly.unanswered', digest.topUnanswered.map((q) => count(q.question, q.count)))
      : unansweredCount(t, locale, digest)),
    ...section(t, locale, 'admin.digest.weekly.thumbs_down', digest.thumbsDown.map((f) => count(f.intentId, f.count))),
  ];
  return lines.join('\n');
}
