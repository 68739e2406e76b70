import { z } from 'zod';
import { CONVERSATION_COLLECTIONS } from '../../core/collections.js';
import { COLLECTIONS, Escalation } from '../../escalation/model.js';
import type { OutboxItem, Store } from '../../store/contract.js';
import { AnswerRepository } from '../answer-repo.js';
import { describeQueueConflict, type QueueConfigConflictView, storedQueueConfig } from '../queue-conflict.js';
import type { AnswerContent, AnswerHead } from '../model.js';
import { inForce } from '../timeline.js';

/**
 * What the digests are computed from, read from the store in one place so that the digest
 * functions stay pure. Records written by other layers are read leniently: a record of an older
 * shape is skipped rather than failing the digest.
 */

export interface AnswerState {
  intentId: string;
  head: AnswerHead;
  /** Content of the version in force (null: none, or retired). */
  content: AnswerContent | null;
}

const FeedbackRow = z.object({ at: z.string(), vote: z.enum(['up', 'down']), intentId: z.string() });
const SuggestionRow = z.object({
  kind: z.string(),
  question: z.string(),
  intentGuess: z.string().optional(),
  at: z.string().optional(),
  createdAt: z.string().optional(),
});
const TranscriptRow = z.object({ at: z.string(), user: z.string(), decision: z.string() });

export type FeedbackRow = z.infer<typeof FeedbackRow>;
export type SuggestionRow = z.infer<typeof SuggestionRow> & { id: string };
export type TranscriptRow = z.infer<typeof TranscriptRow>;

export interface ReportData {
  answers: AnswerState[];
  escalations: Escalation[];
  deadLetters: OutboxItem[];
  feedback: FeedbackRow[];
  suggestions: SuggestionRow[];
  transcripts: TranscriptRow[];
  /** A changed queue configuration file not imported because of newer runtime edits. */
  queueConflict?: QueueConfigConflictView | null;
}

function parsed<T>(schema: z.ZodType<T>, docs: Array<{ value: unknown }>): T[] {
  return docs.flatMap((d) => {
    const r = schema.safeParse(d.value);
    return r.success ? [r.data] : [];
  });
}

/** The answer heads with the content in force at `at`. */
export async function answerStates(store: Store, at: Date): Promise<AnswerState[]> {
  const repo = new AnswerRepository(store);
  const heads = await repo.heads();
  return Promise.all(
    heads.map(async (head) => {
      const entry = inForce(head, at);
      const version = entry ? await repo.version(head.intentId, entry.n) : null;
      return { intentId: head.intentId, head, content: version?.content ?? null };
    }),
  );
}

export async function gatherReportData(store: Store, at: Date): Promise<ReportData> {
  const [answers, escalations, deadLetters, feedback, suggestions, transcripts, queueConfig] = await Promise.all([
    answerStates(store, at),
    store.list(COLLECTIONS.escalations),
    store.listOutbox({ status: 'dead' }),
    store.list(CONVERSATION_COLLECTIONS.feedback),
    store.list(CONVERSATION_COLLECTIONS.suggestions),
    store.list(CONVERSATION_COLLECTIONS.transcripts),
    storedQueueConfig(store),
  ]);
  return {
    answers,
    escalations: parsed(Escalation, escalations),
    deadLetters,
    feedback: parsed(FeedbackRow, feedback),
    suggestions: suggestions.flatMap((d) => {
      const r = SuggestionRow.safeParse(d.value);
      return r.success ? [{ ...r.data, id: d.id }] : [];
    }),
    transcripts: parsed(TranscriptRow, transcripts),
    queueConflict: describeQueueConflict(queueConfig?.value),
  };
}
