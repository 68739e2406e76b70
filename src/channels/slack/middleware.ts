import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../observability.js';
import type { SlackDedupe } from './dedupe.js';

/**
 * Global middleware: an Events API delivery whose `event_id` was already seen is dropped. Slack
 * retries (header `X-Slack-Retry-Num`) when an acknowledgement was late or lost; the retry carries
 * the same `event_id`, and the first delivery may still be in progress on another instance.
 */
export function dropRetriedEvents(dedupe: SlackDedupe, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async function dropRetried({ body, context, next }) {
    const eventId = (body as { type?: unknown; event_id?: unknown }).event_id;
    if ((body as { type?: unknown }).type === 'event_callback' && typeof eventId === 'string') {
      if (!(await dedupe.firstEvent(eventId))) {
        logger.info({ eventId, retry: context.retryNum, reason: context.retryReason }, 'slack: duplicate event dropped');
        return;
      }
    }
    await next();
  };
}
