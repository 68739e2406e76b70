/**
 * Coded errors of the Teams channel (one enum, one class). The channel's turn error handler logs the
 * code and gives the user a neutral message from `messages/`; start-up errors stop the process with
 * a message that names the variable to fix.
 */
export enum TeamsChannelErrorCode {
  /** No MicrosoftAppId and HOST is not a loopback address: unauthenticated mode refused. */
  UnauthenticatedNotLoopback = 'teams_unauthenticated_not_loopback',
  /** TEAMS_* overrides unusable (bad URL, insecure URL with authority validation on, test-only switch in production). */
  InvalidOptions = 'teams_invalid_options',
  /** An outbox payload this channel cannot deliver (wrong shape, wrong channel, unknown user). */
  UndeliverablePayload = 'teams_undeliverable_payload',
  /** The token endpoint refused or could not be reached. */
  TokenUnavailable = 'teams_token_unavailable',
}

export class TeamsChannelError extends Error {
  constructor(
    readonly code: TeamsChannelErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TeamsChannelError';
  }
}
