/** Why content could not be loaded or a string could not be produced. */
export const ContentErrorCode = {
  /** A YAML file does not parse or does not match its schema; or two files claim one id. */
  InvalidContent: 'content_invalid',
  /** A UI message key that no `messages/<locale>/ui/*.yaml` file defines. */
  UnknownMessageKey: 'unknown_message_key',
  /** A UI message was asked for without one of the placeholders it declares. */
  MissingMessageParam: 'missing_message_param',
  /** An intent id with no answer file. */
  UnknownIntent: 'unknown_intent',
} as const;
export type ContentErrorCode = (typeof ContentErrorCode)[keyof typeof ContentErrorCode];

/** A coded content error: callers in production catch it, log the code and reply neutrally. */
export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContentError';
  }
}
