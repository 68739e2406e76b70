import type { Reply } from '../model/message.js';
import type { MatchResult } from '../nlu/types.js';
import { answerIntent } from './answer-flow.js';
import type { ClinicalVerdict } from './clinical-guard.js';
import { type FlowContext, GENERAL_INTENTS, isGeneralIntent, topGuesses } from './context.js';
import { type SuggestionRecord, suggestionWrite } from './records.js';
import { rememberTurn, type TurnMemory } from './state.js';
import type { Turn, TurnOutcome } from './turn.js';

/** What the clinical guard and the matcher say of a question, worked out once per message. */
export interface Assessment {
  verdict: ClinicalVerdict | null;
  match: MatchResult;
}

export function assess(ctx: FlowContext, question: string): Assessment {
  return { verdict: ctx.options.guard.check(question), match: ctx.options.matcher.match(question) };
}

/**
 * A question typed by the professional (already NIR-masked): the clinical guard first, then the
 * matcher's decision — answer, "did you mean", or fallback.
 */
export async function handleQuestion(
  ctx: FlowContext,
  turn: Turn,
  question: string,
  { verdict, match }: Assessment = assess(ctx, question),
): Promise<TurnOutcome> {
  if (verdict) return refuse(ctx, turn, verdict.category, verdict.administrative ? generalRules(match) : []);

  const guesses = topGuesses(match.ranked);
  const best = guesses[0];
  if (match.decision === 'answer' && match.chosen[0] !== undefined) {
    return answerIntent(ctx, turn, { intentId: match.chosen[0], question, guesses, via: 'matcher' });
  }

  if (match.decision === 'suggest' && match.chosen.length > 0) {
    // « Bonjour, … téléexpertise ? »: the greeting is answered in words, the topics are the choices.
    const offered = match.chosen.slice(0, 3);
    const topical = offered.filter((intent) => !COURTESY_KEYS[intent]);
    const courtesy = topical.length > 0 ? offered.find((intent) => COURTESY_KEYS[intent]) : undefined;
    const choices = courtesy ? topical : offered;
    const memory: TurnMemory = { ref: turn.ref, question, guesses, reason: 'unsure' };
    return {
      replies: [ctx.replies.suggest(turn.locale, choices, turn.ref, courtesy && COURTESY_KEYS[courtesy])],
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
    replies: [ctx.replies.fallback(turn.locale, turn.ref, ctx.options.guard.elsewhere(question))],
    update: (s) => ({ ...rememberTurn(s, memory), suggested: undefined }),
    records: [suggestionWrite(suggestion, turn.ref, ctx.options.limits.retentionDays)],
    decision: 'fallback',
  };
}

/** The regulatory rules the question is also about (the matcher's answer or suggestions), if any. */
function generalRules(match: MatchResult): string[] {
  if (match.decision === 'fallback') return [];
  return match.chosen.filter((intent) => !isGeneralIntent(intent));
}

/** Politeness intents, and how a "did you mean" that also holds a topic opens instead of offering them. */
const COURTESY_KEYS: Record<string, string> = {
  [GENERAL_INTENTS.greeting]: 'conversation.suggest.after_greeting',
  [GENERAL_INTENTS.thanks]: 'conversation.suggest.after_thanks',
};

/** Refusal texts of the guard categories that have their own; the others share the clinical one. */
const REFUSAL_KEYS: Record<string, string> = {
  patient_file: 'conversation.refusal.patient_file',
  sick_leave_duration: 'conversation.refusal.sick_leave_duration',
};

/**
 * Relais is not a medical or individual-file service. The question itself is not remembered (it
 * may name a patient): a delegate, when offered, gets the professional's next, anonymised words.
 */
function refuse(ctx: FlowContext, turn: Turn, category: string, rules: string[]): TurnOutcome {
  const t = (key: string) => ctx.replies.t(turn.locale, key);
  let reply: Reply = { kind: 'refusal', text: t(REFUSAL_KEYS[category] ?? 'conversation.refusal.clinical') };
  if (rules.length > 0) {
    // The general rule, without the patient: buttons that answer it as a related question would.
    const followUps = rules.flatMap((intentId) => {
      const label = ctx.replies.title(intentId, turn.locale);
      return label === null ? [] : [{ action: 'followup' as const, label, value: intentId }];
    });
    const parts = [reply.text, ...(followUps.length > 0 ? [t('conversation.refusal.general_rules')] : [])];
    reply = {
      ...reply,
      text: [...parts, t('conversation.refusal.patient_file_delegate')].join('\n\n'),
      buttons: [ctx.replies.delegateButton(turn.locale, turn.ref)],
      ...(followUps.length > 0 ? { followUps } : {}),
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
