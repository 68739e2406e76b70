import { calendarDay } from '../clock.js';
import { ANSWER_LOCALE } from '../content/catalogue.js';
import type { ServedAnswer } from '../model/answers-port.js';
import type { IntentScore } from '../nlu/types.js';
import { type FlowContext, GENERAL_INTENTS } from './context.js';
import { offerEscalation } from './escalation-flow.js';
import { lastTurn, rememberTurn, type TurnMemory } from './state.js';
import type { Turn, TurnOutcome } from './turn.js';

/**
 * Answering one intent: small talk for the general intents, a sourced answer for the regulatory
 * ones, or — when the answer in force has passed its `validUntil` day on the injected clock, or
 * none is in force — the rule is withheld and a delegate offered.
 */

/** UI strings used when the general intents have no curated answer. */
const GENERAL_FALLBACK_KEYS: Record<string, string> = {
  [GENERAL_INTENTS.greeting]: 'conversation.greeting',
  [GENERAL_INTENTS.thanks]: 'conversation.thanks',
  [GENERAL_INTENTS.help]: 'conversation.help',
};

/** True when the answer must no longer be served on `day` (YYYY-MM-DD). */
export function isExpired(served: ServedAnswer, day: string): boolean {
  return served.validUntil !== undefined && served.validUntil < day;
}

export interface AnswerRequest {
  intentId: string;
  /** The question answered, NIR-masked (empty for a follow-up button). */
  question: string;
  guesses: IntentScore[];
  /** How the intent was reached (for logs): the matcher, a "did you mean" choice, a follow-up. */
  via: 'matcher' | 'choice' | 'followup';
}

export async function answerIntent(
  ctx: FlowContext,
  turn: Turn,
  request: AnswerRequest,
): Promise<TurnOutcome> {
  const { intentId, question, guesses } = request;
  const base: TurnMemory = { ref: turn.ref, question, guesses, intentId, reason: 'asked' };

  if (intentId === GENERAL_INTENTS.human) {
    // "Je veux parler à quelqu'un" is not the question: hand over the latest real one, if any.
    const previous = lastTurn(turn.state);
    const memory = previous?.question ? { ...previous, ref: turn.ref, reason: 'asked' as const } : base;
    return offerEscalation(ctx, turn, memory);
  }

  const served = await ctx.options.answers.current(intentId, turn.now);
  const fallbackKey = GENERAL_FALLBACK_KEYS[intentId];
  if (fallbackKey !== undefined && (served === null || served.kind === 'conversational')) {
    return {
      replies: [
        {
          kind: 'smalltalk',
          // Curated answers are written in French: other languages get the UI string.
          text: turn.locale === ANSWER_LOCALE && served ? served.text : ctx.replies.t(turn.locale, fallbackKey),
          intentId,
        },
      ],
      update: (s) => ({ ...s, suggested: undefined }),
      decision: 'smalltalk',
      intentId,
    };
  }

  if (served === null || isExpired(served, calendarDay(turn.now, ctx.timeZone))) {
    const memory: TurnMemory = { ...base, reason: 'withheld' };
    return {
      replies: [ctx.replies.withheld(turn.locale, intentId, turn.ref)],
      update: (s) => ({ ...rememberTurn(s, memory), suggested: undefined }),
      decision: 'withheld',
      intentId,
    };
  }

  const memory: TurnMemory = { ...base, versionId: served.versionId };
  const reply =
    served.kind === 'conversational'
      ? { kind: 'smalltalk' as const, text: served.text, intentId }
      : ctx.replies.answer(
          turn.locale,
          served,
          turn.ref,
          ctx.intents.related(intentId),
          served.reviewBy < calendarDay(turn.now, ctx.timeZone),
        );
  return {
    replies: [reply],
    update: (s) => ({ ...rememberTurn(s, memory), suggested: undefined }),
    decision: reply.kind === 'answer' ? 'answer' : 'smalltalk',
    intentId,
  };
}
