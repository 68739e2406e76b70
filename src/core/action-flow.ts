import type { ActionId } from '../model/message.js';
import { answerIntent } from './answer-flow.js';
import type { FlowContext } from './context.js';
import { askForDelegate, cancelEscalation, confirmEscalation, offerEscalation } from './escalation-flow.js';
import { type FeedbackRecord, feedbackWrite, type SuggestionRecord, suggestionWrite } from './records.js';
import { reopenRequest } from './reopen-flow.js';
import { findTurn } from './state.js';
import type { Turn, TurnOutcome } from './turn.js';

/** A button pressed by the professional. Erasure is handled by the service (it ends the turn). */
export async function handleAction(
  ctx: FlowContext,
  turn: Turn,
  action: { id: Exclude<ActionId, 'erase_my_data' | 'confirm_erase' | 'cancel_erase'>; value?: string },
): Promise<TurnOutcome> {
  switch (action.id) {
    case 'feedback_up':
    case 'feedback_down':
      return feedback(ctx, turn, action.id === 'feedback_up' ? 'up' : 'down', action.value);
    case 'talk_to_delegate':
      return askForDelegate(ctx, turn, action.value);
    case 'confirm_escalation':
      return confirmEscalation(ctx, turn, action.value);
    case 'cancel_escalation':
      return cancelEscalation(ctx, turn);
    case 'choose_intent':
      return chooseIntent(ctx, turn, action.value);
    case 'followup':
      return followUp(ctx, turn, action.value);
    case 'none_of_these':
      return noneOfThese(ctx, turn, action.value);
    case 'satisfaction':
      return satisfaction(ctx, turn, action.value);
    case 'reopen_escalation':
      return reopenRequest(ctx, turn, action.value);
    case 'help':
      return answerIntent(ctx, turn, {
        intentId: 'gen_capacites_bot',
        question: '',
        guesses: [],
        via: 'followup',
      });
  }
}

function stale(ctx: FlowContext, turn: Turn): TurnOutcome {
  return {
    replies: [ctx.replies.text('notice', turn.locale, 'conversation.stale_choice')],
    decision: 'stale_choice',
  };
}

/** 👍/👎 on an answer: stored with the intent, the version shown and the (masked) question. */
function feedback(ctx: FlowContext, turn: Turn, vote: 'up' | 'down', ref: string | undefined): TurnOutcome {
  const answered = findTurn(turn.state, ref);
  if (!answered?.intentId || ref === undefined) return stale(ctx, turn);
  const at = turn.now.toISOString();
  const retention = ctx.options.limits.retentionDays;
  const record: FeedbackRecord = {
    vote,
    user: turn.userKey,
    at,
    intentId: answered.intentId,
    question: answered.question,
    locale: turn.locale,
    ...(answered.versionId ? { versionId: answered.versionId } : {}),
  };
  const records = [feedbackWrite(record, ref, retention)];
  if (vote === 'up') {
    return {
      replies: [ctx.replies.text('notice', turn.locale, 'conversation.feedback.thanks_up')],
      records,
      decision: 'feedback_up',
      intentId: answered.intentId,
    };
  }
  const suggestion: SuggestionRecord = {
    kind: 'feedback_down',
    user: turn.userKey,
    at,
    question: answered.question,
    intentGuess: answered.intentId,
    locale: turn.locale,
    status: 'new',
    ...(answered.versionId ? { versionId: answered.versionId } : {}),
  };
  records.push(suggestionWrite(suggestion, ref, retention));
  return {
    replies: [
      {
        ...ctx.replies.text('notice', turn.locale, 'conversation.feedback.thanks_down'),
        buttons: [ctx.replies.delegateButton(turn.locale, ref)],
      },
    ],
    records,
    decision: 'feedback_down',
    intentId: answered.intentId,
  };
}

/** A "did you mean" choice: answers the chosen intent for the question that was asked. */
async function chooseIntent(
  ctx: FlowContext,
  turn: Turn,
  intentId: string | undefined,
): Promise<TurnOutcome> {
  const suggested = turn.state.suggested;
  if (!intentId || !suggested?.choices.includes(intentId)) return stale(ctx, turn);
  const asked = findTurn(turn.state, suggested.ref);
  return answerIntent(ctx, turn, {
    intentId,
    question: asked?.question ?? '',
    guesses: asked?.guesses ?? [],
    via: 'choice',
  });
}

/** A related question after an answer: answered as if asked with its title. */
async function followUp(ctx: FlowContext, turn: Turn, intentId: string | undefined): Promise<TurnOutcome> {
  if (!intentId) return stale(ctx, turn);
  const title = ctx.replies.title(intentId, turn.locale);
  if (title === null) return stale(ctx, turn);
  return answerIntent(ctx, turn, {
    intentId,
    question: title,
    guesses: [{ intent: intentId, confidence: 1 }],
    via: 'followup',
  });
}

/** "Aucune de ces questions": the question goes to the admins' inbox and a delegate is offered. */
function noneOfThese(ctx: FlowContext, turn: Turn, ref: string | undefined): TurnOutcome {
  const asked = findTurn(turn.state, ref ?? turn.state.suggested?.ref);
  if (!asked) return stale(ctx, turn);
  const best = asked.guesses[0];
  const suggestion: SuggestionRecord = {
    kind: 'none_of_these',
    user: turn.userKey,
    at: turn.now.toISOString(),
    question: asked.question,
    locale: turn.locale,
    status: 'new',
    ...(best ? { intentGuess: best.intent, confidence: best.confidence } : {}),
  };
  const offer = offerEscalation(ctx, turn, { ...asked, reason: 'none_of_these' });
  return {
    ...offer,
    records: [suggestionWrite(suggestion, asked.ref, ctx.options.limits.retentionDays)],
    decision: 'none_of_these',
  };
}

/** One-tap satisfaction after a resolved escalation: value `<escalationId>:<score 1-5>`. */
async function satisfaction(ctx: FlowContext, turn: Turn, value: string | undefined): Promise<TurnOutcome> {
  const at = value?.lastIndexOf(':') ?? -1;
  const escalationId = value?.slice(0, at) ?? '';
  const score = Number(value?.slice(at + 1));
  if (at <= 0 || !Number.isInteger(score) || score < 1 || score > 5) return stale(ctx, turn);
  const replies = await ctx.options.escalation.rate({
    user: turn.message.user,
    locale: turn.locale,
    escalationId,
    score,
  });
  return { replies, decision: 'satisfaction' };
}
