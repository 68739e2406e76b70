import type { SourceLine } from './message.js';

/** The answer the bot serves for an intent at a given time (curated file or published version). */
export interface ServedAnswer {
  intentId: string;
  /** Identifies the exact text served (for feedback and audit), e.g. `file:<hash>` or `v3`. */
  versionId: string;
  title: string;
  text: string;
  sources: SourceLine[];
  validFrom: string;
  validUntil?: string;
  reviewBy: string;
  offerDelegate: boolean;
  kind: 'regulatory' | 'conversational';
}

/**
 * Where the core gets answers from. Backed by the curated files at first; the admin layer replaces
 * it with published, scheduled versions kept in the store. Returns the version in force at `at`
 * (or null when none), without checking validUntil: the core decides to withhold.
 */
export interface AnswerSource {
  current(intentId: string, at: Date): Promise<ServedAnswer | null>;
  title(intentId: string, locale?: string): string;
}
