import type { ServedAnswer } from '../model/answers-port.js';
import { startOfDay } from './days.js';
import {
  type AnswerContent,
  type AnswerHead,
  type AnswerVersion,
  servedVersionId,
  type TimelineEntry,
} from './model.js';

/**
 * Pure rules over a head's timeline: which version is in force at an instant, what is scheduled,
 * what needs review. Computed from stored times only, so that a version scheduled while every
 * instance was down is still served from its date.
 */

/** From when a version published at `publishedAt` is served: its `validFrom` day if later. */
export function effectiveInstant(content: Pick<AnswerContent, 'validFrom'>, publishedAt: Date, timeZone?: string): Date {
  const from = startOfDay(content.validFrom, timeZone);
  return from.getTime() > publishedAt.getTime() ? from : publishedAt;
}

function live(entry: TimelineEntry): boolean {
  return entry.cancelledAt === undefined;
}

/** Later effective instant wins; on a tie, the later publication (higher number). */
function newer(a: TimelineEntry, b: TimelineEntry): boolean {
  return a.effectiveAt === b.effectiveAt ? a.n > b.n : a.effectiveAt > b.effectiveAt;
}

/** The version in force at `at` (null: none yet, or the answer is retired). */
export function inForce(head: AnswerHead, at: Date): TimelineEntry | null {
  if (head.retired && head.retired.at <= at.toISOString()) return null;
  const iso = at.toISOString();
  let best: TimelineEntry | null = null;
  for (const entry of head.timeline) {
    if (!live(entry) || entry.effectiveAt > iso) continue;
    if (!best || newer(entry, best)) best = entry;
  }
  return best;
}

/** Versions that will take effect after `at`, soonest first. */
export function scheduledAfter(head: AnswerHead, at: Date): TimelineEntry[] {
  const iso = at.toISOString();
  return head.timeline
    .filter((entry) => live(entry) && entry.effectiveAt > iso)
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : 1));
}

/** Versions whose date has come but whose taking effect was not yet recorded (activation job). */
export function dueForActivation(head: AnswerHead, at: Date): TimelineEntry[] {
  const iso = at.toISOString();
  return head.timeline.filter((e) => live(e) && e.activatedAt === undefined && e.effectiveAt <= iso);
}

/** Review state of an answer's content on `today` (calendar day). */
export interface ReviewFlags {
  /** Past its review-by day: an admin must re-read it. */
  reviewDue: boolean;
  /** Past its valid-until day: the bot withholds it. */
  expired: boolean;
}

export function reviewFlags(content: Pick<AnswerContent, 'reviewBy' | 'validUntil'>, today: string): ReviewFlags {
  return {
    reviewDue: content.reviewBy < today,
    expired: content.validUntil !== undefined && content.validUntil < today,
  };
}

/** The text a diff is computed on: every field an admin may change, one per line. */
export function contentAsText(content: AnswerContent): string {
  const lines = [`title: ${content.title}`, ...content.text.split('\n').map((line) => `| ${line}`)];
  for (const s of content.sources) lines.push(`source: ${s.title} <${s.url}> (${s.checked})`);
  lines.push(`validFrom: ${content.validFrom}`);
  if (content.validUntil) lines.push(`validUntil: ${content.validUntil}`);
  lines.push(`reviewBy: ${content.reviewBy}`, `offerDelegate: ${content.offerDelegate}`, `kind: ${content.kind}`);
  return lines.join('\n');
}

/** The answer served to the core for a stored version (or a draft being previewed). */
export function servedFrom(intentId: string, versionId: string, content: AnswerContent): ServedAnswer {
  return {
    intentId,
    versionId,
    title: content.title,
    text: content.text,
    sources: content.sources.map((s) => ({ ...s })),
    validFrom: content.validFrom,
    ...(content.validUntil === undefined ? {} : { validUntil: content.validUntil }),
    reviewBy: content.reviewBy,
    offerDelegate: content.offerDelegate,
    kind: content.kind,
  };
}

export function servedFromVersion(version: AnswerVersion): ServedAnswer {
  return servedFrom(version.intentId, servedVersionId(version.n), version.content);
}
