import { calendarDay } from '../clock.js';
import type { AnswerSource, ServedAnswer } from '../model/answers-port.js';
import type { AnswerEntry, Catalogue } from './catalogue.js';
import { ContentError, ContentErrorCode } from './errors.js';

/** Version id of a curated file's text: `file:` + the first 12 hex digits of its sha256. */
export function fileVersionId(contentHash: string): string {
  return `file:${contentHash.slice(0, 12)}`;
}

/** The served form of a curated answer file. */
export function servedFromFile(answer: AnswerEntry): ServedAnswer {
  return {
    intentId: answer.id,
    versionId: fileVersionId(answer.contentHash),
    title: answer.title,
    text: answer.text,
    sources: answer.sources.map((source) => ({ ...source })),
    validFrom: answer.validFrom,
    ...(answer.validUntil === undefined ? {} : { validUntil: answer.validUntil }),
    reviewBy: answer.reviewBy,
    offerDelegate: answer.offerDelegate,
    kind: answer.kind,
  };
}

/**
 * Answers straight from the curated files: an answer is in force from its `validFrom` day
 * (Europe/Paris calendar); `validUntil` is left to the core, which withholds expired answers.
 */
export class FileAnswerSource implements AnswerSource {
  constructor(private readonly answers: Catalogue['answers']) {}

  async current(intentId: string, at: Date): Promise<ServedAnswer | null> {
    const answer = this.answers.get(intentId);
    if (!answer || answer.validFrom > calendarDay(at)) return null;
    return servedFromFile(answer);
  }

  /** The answer's short label (French: answers exist in French only). Throws `unknown_intent`. */
  title(intentId: string, _locale?: string): string {
    const answer = this.answers.get(intentId);
    if (!answer) {
      throw new ContentError(ContentErrorCode.UnknownIntent, `no answer for intent "${intentId}"`);
    }
    return answer.title;
  }
}
