import type { Logger } from 'pino';
import { Notification } from './model.js';
import type { DeliveryResult } from './outbox.js';

/**
 * What every channel's outbox deliverer does around its own sending: read the payload as a
 * neutral Notification (an unreadable one is a permanent failure), send it, and sort a failure into
 * retry or permanent with the channel's own error classification, logging the outcome (never the
 * message text).
 */
export async function deliverNotification(
  payload: unknown,
  channel: {
    name: string;
    send(note: Notification): Promise<string | undefined>;
    classify(error: unknown): DeliveryResult;
    logger: Pick<Logger, 'warn'>;
  },
): Promise<DeliveryResult> {
  const parsed = Notification.safeParse(payload);
  if (!parsed.success) return { ok: false, retry: false, error: 'unreadable_payload' };
  const note = parsed.data;
  try {
    const ref = await channel.send(note);
    return ref === undefined ? { ok: true } : { ok: true, ref };
  } catch (err) {
    const outcome = channel.classify(err);
    if (!outcome.ok) {
      channel.logger.warn(
        { type: note.type, escalation: note.escalationId, error: outcome.error, retry: outcome.retry },
        `${channel.name} delivery failed`,
      );
    }
    return outcome;
  }
}
