import { normaliseUtterance } from '../../content/normalise.js';
import { reviewFlags } from '../timeline.js';
import type { ReportData } from './data.js';

/** Pure digest computations over `ReportData` (no I/O, no clock: the period is given). */

export interface DailyDigest {
  kind: 'daily';
  /** Calendar day (Europe/Paris) the digest is about. */
  day: string;
  toReview: Array<{ intentId: string; title: string; reviewBy: string }>;
  expired: Array<{ intentId: string; title: string; validUntil: string }>;
  conflicts: Array<{ intentId: string; file: string }>;
  /** The queue configuration file changed while the queues had been edited at runtime. */
  queueConflict: { detectedAt: string; differences: number } | null;
  deadlineBreaches: Array<{ escalationId: string; queueId: string; deadlineAt: string; status: string }>;
  deadLetters: Array<{ id: string; channel: string; error: string }>;
}

export interface WeeklyDigest {
  kind: 'weekly';
  /** First (Monday) and last day of the week covered. */
  from: string;
  to: string;
  topUnanswered: Array<{ question: string; count: number }>;
  thumbsDown: Array<{ intentId: string; count: number }>;
  volumes: { questions: number; answered: number; fallbacks: number; withheld: number; escalations: number; professionals: number };
  /** Answers / (answers + fallbacks + withheld + escalations), null without any question. */
  selfServiceRate: number | null;
  /** Minutes from escalation to first claim, over the escalations of the week claimed so far. */
  timeToClaim: { median: number | null; p90: number | null; claimed: number };
}

/**
 * The daily review digest on `day`: answers past their review-by day, answers past their validity
 * (withheld), file conflicts (answers and the queue configuration), escalations whose deadline passed unclaimed or was acted on in the last
 * 24 h before `now`, and dead letters.
 */
export function dailyDigest(data: ReportData, day: string, now: Date): DailyDigest {
  const toReview: DailyDigest['toReview'] = [];
  const expired: DailyDigest['expired'] = [];
  for (const a of data.answers) {
    if (!a.content) continue;
    const flags = reviewFlags(a.content, day);
    if (flags.expired) expired.push({ intentId: a.intentId, title: a.content.title, validUntil: a.content.validUntil! });
    else if (flags.reviewDue) toReview.push({ intentId: a.intentId, title: a.content.title, reviewBy: a.content.reviewBy });
  }
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const iso = now.toISOString();
  const deadlineBreaches = data.escalations
    .filter(
      (e) =>
        e.deadlineAt !== undefined &&
        ((e.status === 'open' && e.deadlineAt <= iso) || (e.deadlineActedAt !== undefined && e.deadlineActedAt >= since)),
    )
    .map((e) => ({ escalationId: e.id, queueId: e.queueId, deadlineAt: e.deadlineAt!, status: e.status }));
  return {
    kind: 'daily',
    day,
    toReview: toReview.sort((a, b) => a.reviewBy.localeCompare(b.reviewBy)),
    expired,
    conflicts: data.answers.flatMap((a) => (a.head.conflict ? [{ intentId: a.intentId, file: a.head.conflict.file }] : [])),
    queueConflict: data.queueConflict
      ? { detectedAt: data.queueConflict.detectedAt, differences: data.queueConflict.differences.length }
      : null,
    deadlineBreaches,
    deadLetters: data.deadLetters.map((d) => ({ id: d.id, channel: d.channel, error: d.lastError ?? '' })),
  };
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function topCounts<K extends string>(keys: K[], limit: number): Array<[K, number]> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

/** The weekly digest for the instants in [`start`, `end`) (ISO); `from`/`to` label the days. */
export function weeklyDigest(data: ReportData, range: { start: string; end: string; from: string; to: string }): WeeklyDigest {
  const within = (at: string | undefined) => at !== undefined && at >= range.start && at < range.end;
  const unanswered = data.suggestions.filter(
    (s) => (s.kind === 'fallback' || s.kind === 'none_of_these') && within(s.at ?? s.createdAt),
  );
  // Grouped by normalised wording; shown with the first wording met.
  const wording = new Map<string, string>();
  for (const s of unanswered) if (!wording.has(normaliseUtterance(s.question))) wording.set(normaliseUtterance(s.question), s.question);
  const turns = data.transcripts.filter((t) => within(t.at));
  const count = (decision: string) => turns.filter((t) => t.decision === decision).length;
  const escalations = data.escalations.filter((e) => within(e.createdAt));
  const answered = count('answer');
  const fallbacks = count('fallback');
  const withheld = count('withheld');
  const denominator = answered + fallbacks + withheld + escalations.length;
  const claimMinutes = escalations
    .filter((e) => e.firstClaimedAt !== undefined)
    .map((e) => (Date.parse(e.firstClaimedAt!) - Date.parse(e.createdAt)) / 60_000)
    .sort((a, b) => a - b);
  return {
    kind: 'weekly',
    from: range.from,
    to: range.to,
    topUnanswered: topCounts(unanswered.map((s) => normaliseUtterance(s.question)), 10).map(([key, n]) => ({
      question: wording.get(key)!,
      count: n,
    })),
    thumbsDown: topCounts(
      data.feedback.filter((f) => f.vote === 'down' && within(f.at)).map((f) => f.intentId),
      10,
    ).map(([intentId, n]) => ({ intentId, count: n })),
    volumes: {
      questions: turns.filter((t) => ['answer', 'suggest', 'fallback', 'withheld'].includes(t.decision) || t.decision.startsWith('refusal')).length,
      answered,
      fallbacks,
      withheld,
      escalations: escalations.length,
      professionals: new Set(turns.map((t) => t.user)).size,
    },
    selfServiceRate: denominator === 0 ? null : answered / denominator,
    timeToClaim: {
      median: percentile(claimMinutes, 0.5),
      p90: percentile(claimMinutes, 0.9),
      claimed: claimMinutes.length,
    },
  };
}
