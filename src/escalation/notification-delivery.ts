import type { Logger } from 'pino';
import { ErasureNotice } from './erasure-notice.js';
import { Notification } from './model.js';
import type { DeliveryResult } from './outbox.js';

/**
 * What every channel's outbox deliverer does around its own sending: read the payload as a
 * neutral Notification or, for a channel that shows cards to delegates, an ErasureNotice (an
 * unreadable one is a permanent failure), send or erase it, and sort a failure into retry or
 * permanent with the channel's own error classification, logging the outcome (never the message
 * text).
 */
export async function deliverNotification(
  payload: unknown,
  channel: {
    name: string;
    send(note: Notification): Promise<string | undefined>;
    /** Neutralises the cards and deletes the messages of an erased escalation (RGPD). */
    erase?(notice: ErasureNotice): Promise<void>;
    classify(error: unknown): DeliveryResult;
    logger: Pick<Logger, 'warn'>;
  },
): Promise<DeliveryResult> {
  const erasure = channel.erase ? ErasureNotice.safeParse(payload) : undefined;
  if (erasure?.success) {
    const notice = erasure.data;
    return attempt(channel, { type: notice.type, escalationId: notice.escalationId }, async () => {
      await channel.erase!(notice);
      return undefined;
    });
  }
  const parsed = Notification.safeParse(payload);
  if (!parsed.success) return { ok: false, retry: false, error: 'unreadable_payload' };
  const note = parsed.data;
  return attempt(channel, note, () => channel.send(note));
}

async function attempt(
  channel: { name: string; classify(error: unknown): DeliveryResult; logger: Pick<Logger, 'warn'> },
  note: { type: string; escalationId: string },
  work: () => Promise<string | undefined>,
): Promise<DeliveryResult> {
  try {
    const ref = await work();
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
