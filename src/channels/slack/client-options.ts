import type { Logger as BoltLogger, WebClientOptions } from '@slack/web-api';

/** Where the Web API lives by default (GovSlack, a proxy or the tests override it). */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** The Web API client builds `<base><method>`: the base must end with a slash. */
export function slackApiBase(url: string | undefined): string {
  const base = url ?? DEFAULT_SLACK_API_URL;
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * Options of the client used by listeners (answers, card updates, ephemerals, modals): it waits out
 * a 429's Retry-After and retries a few times, within the few seconds a person waits.
 */
export function interactiveClientOptions(apiUrl: string | undefined, logger: BoltLogger): WebClientOptions {
  return {
    slackApiUrl: slackApiBase(apiUrl),
    logger,
    timeout: 10_000,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
  };
}

/**
 * Options of the client used by the outbox deliverer: it never waits nor retries by itself; a 429
 * or a 5xx comes back at once and the outbox retries the item later (after Retry-After), so that
 * one rate-limited channel does not hold the worker.
 */
export function outboxClientOptions(apiUrl: string | undefined, logger: BoltLogger): WebClientOptions {
  return {
    slackApiUrl: slackApiBase(apiUrl),
    logger,
    timeout: 10_000,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
}
