import { formatWhen, renderCard } from './cards.js';
import { personOf, type Queue } from './config.js';
import type { EscalationContext } from './context.js';
import type { Escalation, EscalationCard } from './model.js';
import { queuesOf } from './routing.js';
import { seenBy } from './seen.js';
import type { DeadLetterView, DelegateViews } from './views.js';

/**
 * The web console's board for one delegate, laid out for a day with twenty questions open: each
 * request shows in full once. « Mes demandes » holds the ones the viewer owns; their queue lists
 * them as a one-line reference only. Cards are sorted by deadline, say how long the professional
 * has waited, carry a marker when the professional wrote again since the viewer last read the
 * request, and offer only the actions the viewer may take (another delegate's claimed request:
 * its history, and who owns it). One line says where the request stands in time (see `timingOf`).
 */

/** A card as one viewer sees it on the board. */
export interface BoardCard extends EscalationCard {
  /** The viewer owns it: in full under « Mes demandes », a reference line in its queue. */
  mine: boolean;
  /**
   * Where the request stands in time, one line: waiting for a claim « Attend depuis … · Échéance : … »;
   * claimed, no reply yet « En attente de réponse depuis … · Échéance : … »; replied « Répondu le … ».
   * `since`: when the professional started waiting (the opening, or the latest reopening).
   */
  timing: { since: string; text: string };
  /** The professional wrote again (follow-up or reopening) since the viewer last read it. */
  followUp?: { at: string; text: string };
}

export interface BoardQueue {
  id: string;
  name: string;
  kind: string;
  supervisor: boolean;
  cards: BoardCard[];
}

export interface ConsoleBoard {
  identity: string;
  name: string;
  admin: boolean;
  queues: BoardQueue[];
  /** « Mes demandes »: the requests the viewer owns, by deadline. */
  mine: BoardCard[];
  deadLetters: DeadLetterView[];
}

/** By deadline (none last), then oldest first. */
export function byDeadline(a: Escalation, b: Escalation): number {
  const da = a.deadlineAt ?? '\uffff';
  const db = b.deadlineAt ?? '\uffff';
  return da.localeCompare(db) || a.createdAt.localeCompare(b.createdAt);
}

/** "2 h 05 min", "3 j 4 h", "12 min" (wall-clock time). */
function duration(ctx: EscalationContext, fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  const t = (key: string, params: Record<string, string | number>) =>
    ctx.t(ctx.delegateLocale, `console.delegate.duration.${key}`, params);
  if (minutes < 60) return t('minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('hours', { hours, minutes: String(minutes % 60).padStart(2, '0') });
  return t('days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** The card's one time line (see `BoardCard.timing`); the deadline stops at the owner's first reply. */
function timingOf(ctx: EscalationContext, e: Escalation, now: Date): BoardCard['timing'] {
  const locale = ctx.delegateLocale;
  const since = e.reopenedAt ?? e.createdAt;
  const when = (at: string) => formatWhen(at, locale, ctx.deps.messages);
  if (e.status === 'claimed' && e.firstReplyAt) {
    return { since, text: ctx.t(locale, 'console.delegate.replied', { when: when(e.firstReplyAt) }) };
  }
  const key = e.status === 'claimed' ? 'console.delegate.awaiting_reply' : 'console.delegate.waiting';
  const parts = [ctx.t(locale, key, { duration: duration(ctx, since, now) })];
  if (e.deadlineAt) parts.push(ctx.t(locale, 'escalation.card.deadline', { when: when(e.deadlineAt) }));
  return { since, text: parts.join(' · ') };
}

/** Builds the board of `identity` (see the module's comment). */
export async function consoleBoard(
  ctx: EscalationContext,
  views: DelegateViews,
  identity: string,
): Promise<ConsoleBoard> {
  const config = await ctx.config();
  const cardCtx = ctx.cardContext(config);
  const now = ctx.now();
  const [live, seen, deadLetters] = await Promise.all([
    views.live(),
    seenBy(ctx.store, identity),
    views.deadLetters(identity),
  ]);
  live.sort(byDeadline);
  const owns = (e: Escalation) => e.status === 'claimed' && e.owner?.identity === identity;

  const boardCard = (e: Escalation, queue: Queue | undefined): BoardCard => {
    const card = renderCard(e, cardCtx);
    const mine = owns(e);
    const othersClaim = e.status === 'claimed' && !mine && !queue?.supervisors.includes(identity);
    // Until the viewer reads the history (or replies), the card alone does not show the new words.
    const read = seen.get(e.id);
    const wroteAgain = e.followUpAt !== undefined && !othersClaim && (read === undefined || e.followUpAt > read);
    return {
      ...card,
      actions: othersClaim ? card.actions.filter((a) => a.id === 'history') : card.actions,
      mine,
      timing: timingOf(ctx, e, now),
      ...(wroteAgain
        ? { followUp: { at: e.followUpAt!, text: ctx.t(ctx.delegateLocale, 'console.delegate.follow_up') } }
        : {}),
    };
  };

  const queues = queuesOf(config, identity).map((q) => ({
    id: q.id,
    name: q.name,
    kind: q.kind,
    supervisor: !q.members.includes(identity),
    cards: live.filter((e) => e.queueId === q.id).map((e) => boardCard(e, q)),
  }));
  const queueOf = (e: Escalation) => config.queues.find((q) => q.id === e.queueId);
  return {
    identity,
    name: personOf(config, identity).name,
    admin: config.admins.includes(identity),
    queues,
    mine: live.filter(owns).map((e) => boardCard(e, queueOf(e))),
    deadLetters,
  };
}
