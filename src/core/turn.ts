import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { AnswerSource } from '../model/answers-port.js';
import type { EscalationPort } from '../model/escalation-port.js';
import type { InboundMessage, Locale, Reply } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type { Matcher } from '../nlu/types.js';
import type { DocWrite, Store } from '../store/contract.js';
import type { ClinicalGuard } from './clinical-guard.js';
import type { ConversationState, StateUpdate } from './state.js';

/** What the core needs to know about intents besides their answers. */
export interface IntentDirectory {
  /** Related intents offered as follow-ups after an answer (in order). */
  related(intentId: string): string[];
  /** The queue topic a question about this intent escalates to. */
  queueTopic(intentId: string): string | undefined;
}

/** Builds an IntentDirectory from the curated intents (`catalogue.intents`). */
export function intentDirectory(
  intents: ReadonlyMap<string, { related: string[]; queueHint: string }>,
): IntentDirectory {
  return {
    related: (id) => intents.get(id)?.related ?? [],
    queueTopic: (id) => intents.get(id)?.queueHint,
  };
}

export interface ConversationLimits {
  /** Longest message accepted, in characters. */
  maxChars: number;
  /** Messages and button presses a professional may send per minute. */
  ratePerMinute: number;
  /** How long transcripts, feedback and conversation state are kept. */
  retentionDays: number;
  /** Calendar of validity dates and of the daily privacy reminder (default Europe/Paris). */
  timeZone?: string;
}

/** Everything the conversation service is built from (the composition root provides it). */
export interface ConversationOptions {
  store: Store;
  matcher: Matcher;
  answers: AnswerSource;
  messages: MessageCatalogue;
  escalation: EscalationPort;
  clock: Clock;
  logger: Logger;
  limits: ConversationLimits;
  guard: ClinicalGuard;
  /** Follow-ups and queue topics; without it, no follow-ups and no topic routing. */
  intents?: IntentDirectory;
}

/** One message being handled. */
export interface Turn {
  message: InboundMessage;
  userKey: string;
  locale: Locale;
  /** Short reference of this turn, carried by the buttons of its replies. */
  ref: string;
  now: Date;
  /** Conversation state as read at the start of the turn. */
  state: ConversationState;
}

/** What handling a message produced. */
export interface TurnOutcome {
  replies: Reply[];
  /** Applied to the conversation state before it is saved. */
  update?: StateUpdate;
  /** Records stored in the same atomic step (feedback, suggestions). */
  records?: DocWrite[];
  /** For logs and metrics: what the bot decided, and about which intent. */
  decision: string;
  intentId?: string;
  /** The question is not kept in the transcript (a refused question may name a patient). */
  redactInbound?: boolean;
  /** The professional's data was erased: nothing about this turn may be stored. */
  erased?: boolean;
}
