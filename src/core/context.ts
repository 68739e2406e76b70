import type { IntentScore } from '../nlu/types.js';
import { ReplyBuilder } from './replies.js';
import type { ConversationOptions, IntentDirectory } from './turn.js';

/** What every flow of the conversation uses: the service's options, resolved once. */
export interface FlowContext {
  options: ConversationOptions;
  replies: ReplyBuilder;
  intents: IntentDirectory;
  timeZone: string;
}

const NO_DIRECTORY: IntentDirectory = { related: () => [], queueTopic: () => undefined };

export function flowContext(options: ConversationOptions): FlowContext {
  return {
    options,
    replies: new ReplyBuilder(options.messages, options.answers),
    intents: options.intents ?? NO_DIRECTORY,
    timeZone: options.limits.timeZone ?? 'Europe/Paris',
  };
}

/** How many of the matcher's guesses travel with a question (delegate card, suggestions). */
export const GUESSES_KEPT = 3;

export function topGuesses(ranked: IntentScore[]): IntentScore[] {
  return ranked.slice(0, GUESSES_KEPT).map((g) => ({ intent: g.intent, confidence: g.confidence }));
}

/** The gen_* intents the core handles itself rather than as a regulatory answer. */
export const GENERAL_INTENTS = {
  greeting: 'gen_salutation',
  thanks: 'gen_remerciement_au_revoir',
  help: 'gen_capacites_bot',
  human: 'gen_demande_humain',
} as const;

export function isGeneralIntent(intentId: string): boolean {
  return intentId.startsWith('gen_');
}
