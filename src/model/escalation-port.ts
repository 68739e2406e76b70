import type { IntentScore } from '../nlu/types.js';
import type { ConversationRef, Locale, Reply, UserRef } from './message.js';

/**
 * What the conversation core needs from escalation. The escalation services implement it
 * (src/escalation/); the core depends only on this port, so both can evolve separately.
 */

export type EscalationReason = 'asked' | 'unsure' | 'withheld' | 'none_of_these' | 'out_of_scope';

export interface EscalationRequest {
  user: UserRef;
  conversation: ConversationRef;
  locale: Locale;
  /** The professional's question, NIR-masked. */
  question: string;
  /** Topic of the best-guess intent (routes to the topic's queue), if any. */
  topic?: string;
  /** The matcher's best guesses with confidence (shown on the delegate's card). */
  guesses: IntentScore[];
  reason: EscalationReason;
  /**
   * The intent Relais had already answered when the professional asked for a delegate (shown on
   * the delegate's card: « Relais a déjà répondu : … »). Absent when no answer was given.
   */
  answeredIntent?: string;
}

export interface EscalationPort {
  /**
   * Called first for every professional message. If the message belongs to an escalation (one a
   * delegate owns or that waits in a queue, or one resolved within the reopen window), it is
   * relayed or the escalation reopened, and the replies (a discreet "transmis") are returned: the
   * bot stays silent otherwise. `null`: the bot handles the message.
   */
  intercept(input: {
    user: UserRef;
    conversation: ConversationRef;
    locale: Locale;
    text: string;
    /**
     * The bot can answer this message on its own (a confident answer to a regulatory question):
     * then an escalation resolved within the reopen window is not reopened by it.
     */
    standalone?: boolean;
  }): Promise<Reply[] | null>;
  /** The escalation the professional may still reopen (resolved within the reopen window), if any. */
  reopenOffer(user: UserRef): Promise<string | null>;
  /** The professional taps « Rouvrir ma demande »: reopens that escalation if it still may be. */
  reopen(input: { user: UserRef; conversation: ConversationRef; locale: Locale; escalationId: string }): Promise<Reply[]>;
  /** Stores the escalation and its notifications atomically, then returns the confirmation. */
  open(request: EscalationRequest): Promise<Reply[]>;
  /** The professional cancels their pending escalation. */
  cancel(input: { user: UserRef; locale: Locale }): Promise<Reply[]>;
  /** One-tap satisfaction after resolution (score 1-5). */
  rate(input: { user: UserRef; locale: Locale; escalationId: string; score: number }): Promise<Reply[]>;
  /** RGPD: erase every escalation-side record about this professional. */
  eraseUser(user: UserRef): Promise<void>;
}
