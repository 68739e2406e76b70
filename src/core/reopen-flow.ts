import type { Reply } from '../model/message.js';
import { type FlowContext, GENERAL_INTENTS, isGeneralIntent } from './context.js';
import type { Assessment } from './question-flow.js';
import type { Turn, TurnOutcome } from './turn.js';

/**
 * After a delegate resolved a request, the professional's next words usually continue it and
 * reopen it (within `REOPEN_WINDOW_HOURS`). A new question the bot answers confidently on its own
 * is answered instead, with « Rouvrir ma demande » under the answer for when it was a follow-up.
 */

/**
 * The bot would answer this message itself: no clinical refusal, and a confident answer — a
 * regulatory one, or small talk such as thanks (which must not reopen a request either) — other
 * than a request for a person.
 */
export function standsAlone({ verdict, match }: Assessment): boolean {
  if (verdict) return false;
  const intent = match.chosen[0];
  return match.decision === 'answer' && intent !== undefined && intent !== GENERAL_INTENTS.human;
}

/** Adds « Rouvrir ma demande » under a regulatory answer when a resolved request may still be reopened. */
export async function withReopenOffer(ctx: FlowContext, turn: Turn, outcome: TurnOutcome): Promise<TurnOutcome> {
  if (!outcome.intentId || isGeneralIntent(outcome.intentId)) return outcome;
  const at = outcome.replies.findLastIndex((r) => r.kind === 'answer');
  const escalationId = at < 0 ? null : await ctx.options.escalation.reopenOffer(turn.message.user);
  if (!escalationId) return outcome;
  const answer = outcome.replies[at]!;
  const button = {
    action: 'reopen_escalation' as const,
    label: ctx.replies.t(turn.locale, 'escalation.reopen.button'),
    value: escalationId,
  };
  const replies: Reply[] = outcome.replies.map((r, i) =>
    i === at ? { ...answer, buttons: [...(answer.buttons ?? []), button] } : r,
  );
  return { ...outcome, replies };
}

/** « Rouvrir ma demande » tapped: the escalation port reopens it if it still may be. */
export async function reopenRequest(ctx: FlowContext, turn: Turn, escalationId: string | undefined): Promise<TurnOutcome> {
  const replies = await ctx.options.escalation.reopen({
    user: turn.message.user,
    conversation: turn.message.conversation,
    locale: turn.locale,
    escalationId: escalationId ?? '',
  });
  return { replies, decision: 'reopen' };
}
