/**
 * Coded errors of the Slack channel (bolt-js style: one enum, one class). The channel's error
 * handler logs the code and the details and shows the user a neutral message from `messages/`.
 */
export enum SlackChannelErrorCode {
  /** SLACK_API_URL, tokens or secrets unusable. */
  InvalidOptions = 'slack_invalid_options',
  /** An interactive payload we did not produce or cannot read (stale card, forged value). */
  UnreadablePayload = 'slack_unreadable_payload',
  /** An outbox payload this channel cannot deliver (wrong shape). */
  UndeliverablePayload = 'slack_undeliverable_payload',
}

export class SlackChannelError extends Error {
  constructor(
    readonly code: SlackChannelErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SlackChannelError';
  }
}
