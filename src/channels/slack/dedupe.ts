import type { Store } from '../../store/contract.js';

/** Slack retries an event for up to about an hour; ids are remembered a little longer. */
export const DEDUPE_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * De-duplication of what Slack may deliver more than once, through the store (so it holds across
 * instances and restarts):
 * - an event retried after a slow or failed acknowledgement (same `event_id`, `X-Slack-Retry-Num`);
 * - one person's message seen twice: as `app_mention` and as a channel `message` (same channel + ts);
 * - a button pressed twice by the same person on the same message.
 */
export class SlackDedupe {
  constructor(private readonly store: Store) {}

  /** True the first time this event id is seen. */
  firstEvent(eventId: string): Promise<boolean> {
    return this.store.once(`slack:event:${eventId}`, DEDUPE_TTL_MS);
  }

  /** True the first time this message (channel + ts) is handled, whatever event carried it. */
  firstMessage(channel: string, ts: string): Promise<boolean> {
    return this.store.once(`slack:message:${channel}:${ts}`, DEDUPE_TTL_MS);
  }
}
