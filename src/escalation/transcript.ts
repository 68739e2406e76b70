import { maskNir } from '../core/privacy.js';
import type { DocWrite, Store } from '../store/contract.js';
import { COLLECTIONS, type Escalation, type TranscriptLine } from './model.js';

/**
 * The escalation's transcript (kept in the store under retention, never in cards) and what is
 * derived from it: the delegate's proposed FAQ answer for admins.
 */

/** The transcript of an escalation, oldest first (ids sort in write order). */
export async function readTranscript(store: Store, escalationId: string): Promise<TranscriptLine[]> {
  const docs = await store.list<TranscriptLine>(COLLECTIONS.transcript, { prefix: `${escalationId}:` });
  return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.value);
}

/**
 * The suggestion document "proposer comme réponse FAQ" writes for admins: the question and the
 * answer (given, else the owner's relayed messages), NIR-masked, with the bot's best guess.
 */
export function delegateAnswerSuggestion(input: {
  escalation: Escalation;
  actor: string;
  answer: string | undefined;
  lines: TranscriptLine[];
  at: string;
  ttlMs: number;
}): DocWrite {
  const { escalation: esc } = input;
  const answer =
    input.answer !== undefined
      ? maskNir(input.answer).text
      : input.lines
          .filter((l) => l.from === 'delegate' && l.relayed)
          .map((l) => l.text)
          .join('\n\n');
  return {
    collection: COLLECTIONS.suggestions,
    id: `delegate_answer:${esc.id}`,
    value: {
      kind: 'delegate_answer',
      question: esc.question,
      answer,
      ...(esc.guesses[0] ? { intentGuess: esc.guesses[0].intent } : {}),
      escalationId: esc.id,
      professionalKey: esc.professionalKey,
      proposedBy: input.actor,
      createdAt: input.at,
      status: 'new',
    },
    ttlMs: input.ttlMs,
  };
}
