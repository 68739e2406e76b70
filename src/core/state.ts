import { z } from 'zod';
import type { DocWrite, Store } from '../store/contract.js';
import { CONVERSATION_COLLECTIONS } from './collections.js';

/**
 * The conversation state: what the bot needs to remember between two messages of a professional
 * (the recent questions its buttons refer to, a pending confirmation). Questions are NIR-masked.
 */

const Guess = z.object({ intent: z.string(), confidence: z.number() });

export const EscalationReasonSchema = z.enum([
  'asked',
  'unsure',
  'withheld',
  'none_of_these',
  'out_of_scope',
]);

/** A question the bot handled; buttons carry its `ref`. */
export const TurnMemory = z.object({
  ref: z.string(),
  question: z.string(),
  guesses: z.array(Guess).default([]),
  /** The intent answered, and the exact version shown (for feedback). */
  intentId: z.string().optional(),
  versionId: z.string().optional(),
  /** Why a delegate would be asked from this turn. */
  reason: EscalationReasonSchema.default('asked'),
});
export type TurnMemory = z.infer<typeof TurnMemory>;

export const ConversationState = z.object({
  user: z.string(),
  at: z.string(),
  turns: z.array(TurnMemory).default([]),
  /** The "did you mean" offered last: its question and choices. */
  suggested: z.object({ ref: z.string(), choices: z.array(z.string()) }).optional(),
  /** A delegate was offered and awaits "Oui"/"Annuler". */
  pendingEscalation: z.object({ ref: z.string() }).optional(),
  /** "Supprimer mes données" awaits its confirmation. */
  pendingErase: z.boolean().optional(),
});
export type ConversationState = z.infer<typeof ConversationState>;

/** How many recent questions buttons may refer to. */
export const MAX_REMEMBERED_TURNS = 20;

export function emptyState(user: string, at: string): ConversationState {
  return { user, at, turns: [] };
}

/** Adds (or replaces) a remembered turn, keeping the most recent ones. */
export function rememberTurn(state: ConversationState, turn: TurnMemory): ConversationState {
  const turns = [...state.turns.filter((t) => t.ref !== turn.ref), turn].slice(-MAX_REMEMBERED_TURNS);
  return { ...state, turns };
}

export function findTurn(state: ConversationState, ref: string | undefined): TurnMemory | undefined {
  if (ref === undefined) return undefined;
  return state.turns.find((t) => t.ref === ref);
}

export function lastTurn(state: ConversationState): TurnMemory | undefined {
  return state.turns.at(-1);
}

/** A state update, re-applied to the freshest state when a concurrent write won. */
export type StateUpdate = (state: ConversationState) => ConversationState;

/** Raised when the state could not be saved after several concurrent-write retries. */
export class StateConflictError extends Error {
  readonly code = 'CONVERSATION_STATE_CONFLICT';
}

/** Reads and saves the state of one conversation (collection `conversations`). */
export class ConversationStates {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async load(id: string, user: string, at: string): Promise<ConversationState> {
    const doc = await this.store.get(CONVERSATION_COLLECTIONS.conversations, id);
    const parsed = ConversationState.safeParse(doc?.value);
    return parsed.success ? parsed.data : emptyState(user, at);
  }

  /**
   * Applies `update` to the stored state and commits it together with `records`, in one atomic
   * step; on a concurrent write, re-reads and re-applies (optimistic concurrency).
   */
  async save(id: string, user: string, at: string, update: StateUpdate, records: DocWrite[]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const doc = await this.store.get(CONVERSATION_COLLECTIONS.conversations, id);
      const parsed = ConversationState.safeParse(doc?.value);
      const current = parsed.success ? parsed.data : emptyState(user, at);
      const next = { ...update(current), at };
      const result = await this.store.commit({
        writes: [
          {
            collection: CONVERSATION_COLLECTIONS.conversations,
            id,
            expectedVersion: doc?.version ?? 0,
            value: next,
            ttlMs: this.ttlMs,
          },
          ...records,
        ],
      });
      if (result.ok) return;
    }
    throw new StateConflictError(`conversation state ${id} kept changing under concurrent writes`);
  }
}
