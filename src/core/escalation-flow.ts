import type { EscalationReason } from '../model/escalation-port.js';
import type { FlowContext } from './context.js';
import { findTurn, lastTurn, rememberTurn, type TurnMemory } from './state.js';
import type { Turn, TurnOutcome } from './turn.js';

/**
 * Handing a question to a delegate: every path ("Parler à un délégué", the intent
 * `gen_demande_humain`, "Aucune de ces questions", a withheld answer, a fallback) first asks a short
 * confirmation (Oui / Annuler); only "Oui" opens the escalation through the port.
 */

/** Offers a delegate for the question remembered as `memory` (confirmation first). */
export function offerEscalation(ctx: FlowContext, turn: Turn, memory: TurnMemory): TurnOutcome {
  return {
    replies: [ctx.replies.confirmEscalation(turn.locale, memory.question, memory.ref)],
    update: (s) => ({
      ...rememberTurn(s, memory),
      pendingEscalation: { ref: memory.ref },
      suggested: undefined,
    }),
    decision: 'escalation_offer',
    ...(memory.intentId ? { intentId: memory.intentId } : {}),
  };
}

/**
 * "Parler à un délégué" pressed under a reply: the question of that reply (its `ref`), else the
 * latest question of the conversation.
 */
export function askForDelegate(
  ctx: FlowContext,
  turn: Turn,
  ref: string | undefined,
  reason?: EscalationReason,
): TurnOutcome {
  const remembered = findTurn(turn.state, ref) ?? lastTurn(turn.state);
  const memory: TurnMemory = remembered
    ? { ...remembered, reason: reason ?? remembered.reason }
    : { ref: turn.ref, question: '', guesses: [], reason: reason ?? 'asked' };
  return offerEscalation(ctx, turn, memory);
}

/** "Oui": opens the escalation for the pending question. */
export async function confirmEscalation(
  ctx: FlowContext,
  turn: Turn,
  ref: string | undefined,
): Promise<TurnOutcome> {
  const pendingRef = turn.state.pendingEscalation?.ref;
  const memory = findTurn(turn.state, pendingRef ?? ref);
  if (!pendingRef || !memory) {
    return {
      replies: [ctx.replies.text('notice', turn.locale, 'conversation.stale_choice')],
      decision: 'stale_choice',
    };
  }
  const top = memory.guesses[0]?.intent;
  const topic = top === undefined ? undefined : ctx.intents.queueTopic(top);
  const replies = await ctx.options.escalation.open({
    user: turn.message.user,
    conversation: turn.message.conversation,
    locale: turn.locale,
    question: memory.question,
    ...(topic === undefined ? {} : { topic }),
    guesses: memory.guesses,
    reason: memory.reason,
    // The delegate's card says what Relais already answered (a version was shown).
    ...(memory.versionId && memory.intentId ? { answeredIntent: memory.intentId } : {}),
  });
  return {
    replies,
    update: (s) => ({ ...s, pendingEscalation: undefined }),
    decision: 'escalated',
    ...(memory.intentId ? { intentId: memory.intentId } : {}),
  };
}

/** "Annuler": drops a pending offer, or cancels the professional's open escalation. */
export async function cancelEscalation(ctx: FlowContext, turn: Turn): Promise<TurnOutcome> {
  if (turn.state.pendingEscalation) {
    return {
      replies: [ctx.replies.text('notice', turn.locale, 'conversation.escalation.cancelled')],
      update: (s) => ({ ...s, pendingEscalation: undefined }),
      decision: 'escalation_declined',
    };
  }
  const replies = await ctx.options.escalation.cancel({ user: turn.message.user, locale: turn.locale });
  return { replies, decision: 'escalation_cancelled' };
}
