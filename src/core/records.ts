import type { ConversationRef, Locale, Reply } from '../model/message.js';
import type { DocWrite } from '../store/contract.js';
import { CONVERSATION_COLLECTIONS, type TimedRecord, userPrefix } from './collections.js';

/**
 * The records a turn leaves for later: its transcript line, the professional's 👍/👎, and the
 * questions the admins' suggestions inbox shows. All texts are NIR-masked before they get here.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A vote on an answer, kept with what was answered (collection `feedback`). */
export interface FeedbackRecord extends TimedRecord {
  vote: 'up' | 'down';
  intentId: string;
  versionId?: string;
  /** The question the answer was given to, NIR-masked. */
  question: string;
  locale: Locale;
}

export type SuggestionKind = 'fallback' | 'feedback_down' | 'none_of_these';

/** A question for the admins' inbox (collection `suggestions`). */
export interface SuggestionRecord extends TimedRecord {
  kind: SuggestionKind;
  /** NIR-masked. */
  question: string;
  /** The matcher's best guess, if any (or the intent voted down). */
  intentGuess?: string;
  confidence?: number;
  versionId?: string;
  locale: Locale;
  /** The admin has not dealt with it yet. */
  status: 'new';
}

/** One handled message (collection `transcripts`). */
export interface TranscriptRecord extends TimedRecord {
  conversation: Pick<ConversationRef, 'channel' | 'id'>;
  /** What the professional sent: NIR-masked text, or the button pressed. */
  inbound: { text?: string; action?: string };
  decision: string;
  intentId?: string;
  replies: { kind: string; intentId?: string; text: string }[];
}

export function retentionMs(retentionDays: number): number {
  return retentionDays * DAY_MS;
}

export function feedbackWrite(record: FeedbackRecord, ref: string, retentionDays: number): DocWrite {
  return {
    collection: CONVERSATION_COLLECTIONS.feedback,
    id: `${userPrefix(record.user)}${ref}`,
    value: record,
    ttlMs: retentionMs(retentionDays),
  };
}

export function suggestionWrite(record: SuggestionRecord, ref: string, retentionDays: number): DocWrite {
  return {
    collection: CONVERSATION_COLLECTIONS.suggestions,
    id: `${userPrefix(record.user)}${record.kind}/${ref}`,
    value: record,
    ttlMs: retentionMs(retentionDays),
  };
}

export function transcriptWrite(record: TranscriptRecord, ref: string, retentionDays: number): DocWrite {
  return {
    collection: CONVERSATION_COLLECTIONS.transcripts,
    id: `${userPrefix(record.user)}${record.at}/${ref}`,
    value: record,
    ttlMs: retentionMs(retentionDays),
  };
}

/** The transcript form of replies: what was said, without the buttons. */
export function transcriptReplies(replies: Reply[]): TranscriptRecord['replies'] {
  return replies.map((r) => ({
    kind: r.kind,
    text: r.text,
    ...(r.intentId ? { intentId: r.intentId } : {}),
  }));
}
