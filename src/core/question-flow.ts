import type { Reply } from '../model/message.js';
import type { MatchResult } from '../nlu/types.js';
import { answerIntent } from './answer-flow.js';
import { type FlowContext, isGeneralIntent, topGuesses } from './context.js';
import { type SuggestionRecord, suggestionWrite } from './records.js';
import { rememberTurn, type TurnMemory } from './state.js';
import type { Turn, TurnOutcome } from './turn.js';

/**
 * A question typed by the professional (already NIR-masked): the clinical guard first, then the
 * matcher's decision — answer, "did you mean", or fallback.
 */
export async function handleQuestion(ctx: FlowContext, turn: Turn, question: string): Promise<TurnOutcome> {
  const verdict = ctx.options.guard.check(question);
  const match = ctx.options.matcher.match(question);
  if (verdict) return refuse(ctx, turn, verdict.category, verdict.administrative && isAdministrative(match));

  const guesses = topGuesses(match.ranked);
  const best = guesses[0];
  if (match.decision === 'answer' && match.chosen[0] !== undefined) {
    return answerIntent(ctx, turn, { intentId: match.chosen[0], question, guesses, via: 'matcher' });
  }

  if (match.decision === 'suggest' && match.chosen.length > 0) {
    const choices = match.chosen.slice(0, 3);
    const memory: TurnMemory = { ref: turn.ref, question, guesses, reason: 'unsure' };
    return {
      replies: [ctx.replies.suggest(turn.locale, choices, turn.ref)],
      update: (s) => ({ ...rememberTurn(s, memory), suggested: { ref: turn.ref, choices } }),
      decision: 'suggest',
      ...(best ? { intentId: best.intent } : {}),
    };
  }

  const memory: TurnMemory = { ref: turn.ref, question, guesses, reason: 'out_of_scope' };
  const suggestion: SuggestionRecord = {
    kind: 'fallback',
    user: turn.userKey,
    at: turn.now.toISOString(),
    question,
    locale: turn.locale,
    status: 'new',
    ...(best ? { intentGuess: best.intent, confidence: best.confidence } : {}),
  };
  return {
    replies: [ctx.replies.fallback(turn.locale, turn.ref)],
    update: (s) => ({ ...rememberTurn(s, memory), suggested: undefined }),
    records: [suggestionWrite(suggestion, turn.ref, ctx.options.limits.retentionDays)],
    decision: 'fallback',
  };
}

/** The question is also about one of Relais's regulatory rules. */
function isAdministrative(match: MatchResult): boolean {
  const top = match.chosen[0];
  return match.decision !== 'fallback' && top !== undefined && !isGeneralIntent(top);
}

/**
 * Relais is not a medical or individual-file service. The question itself is not remembered (it
 * may name a patient): a delegate, when offered, gets the professional's next, anonymised words.
 */
function refuse(ctx: FlowContext, turn: Turn, category: string, offerDelegate: boolean): TurnOutcome {
  const clinical = category !== 'patient_file';
  const key = clinical ? 'conversation.refusal.clinical' : 'conversation.refusal.patient_file';
  let reply: Reply = { kind: 'refusal', text: ctx.replies.t(turn.locale, key) };
  if (offerDelegate) {
    reply = {
      ...reply,
      text: `${reply.text}\n\n${ctx.replies.t(turn.locale, 'conversation.refusal.patient_file_delegate')}`,
      buttons: [ctx.replies.delegateButton(turn.locale, turn.ref)],
    };
  }
  const memory: TurnMemory = { ref: turn.ref, question: '', guesses: [], reason: 'asked' };
  return {
    replies: [reply],
    update: (s) => ({ ...rememberTurn(s, memory), suggested: undefined }),
    decision: `refusal_${category}`,
    redactInbound: true,
  };
}
