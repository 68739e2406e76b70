import type { WebClient } from '@slack/web-api';
import type { Locale } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { Logger } from '../../observability.js';
import { errorCode } from './users.js';

/** Who to tell, and where, when handling a Slack request failed. */
interface Audience {
  user: string;
  channel?: string;
  direct: boolean;
  threadTs?: string;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (v && typeof v === 'object' ? (v as Loose) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The person behind any Slack body (event, block action, view submission, slash command). */
export function audienceOf(body: unknown): Audience | null {
  const b = obj(body);
  if (!b) return null;
  const event = obj(b.event);
  if (event) {
    const user = str(event.user);
    const channel = str(event.channel);
    if (!user) return null;
    const direct = channel?.startsWith('D') ?? false;
    const threadTs = str(event.thread_ts) ?? (direct ? undefined : str(event.ts));
    return { user, direct, ...(channel ? { channel } : {}), ...(threadTs ? { threadTs } : {}) };
  }
  const user = str(obj(b.user)?.id) ?? str(b.user_id);
  if (!user) return null;
  const channel = str(obj(b.channel)?.id) ?? str(b.channel_id);
  return { user, direct: channel?.startsWith('D') ?? false, ...(channel ? { channel } : {}) };
}

/**
 * The channel's one error handler: logs the code and the request kind (never what was written), then
 * tells the person a neutral message from the catalogue — in their DM, or privately in the channel.
 * Never throws: a failure to warn is logged too.
 */
export function createErrorHandler(deps: {
  client: WebClient;
  messages: MessageCatalogue;
  logger: Logger;
  locale: Locale;
}) {
  return async function slackErrorHandler(args: { error: Error; body?: unknown }): Promise<void> {
    const { error, body } = args;
    const kind = str(obj(body)?.type) ?? 'unknown';
    const eventType = str(obj(obj(body)?.event)?.type);
    deps.logger.error({ err: errorCode(error), kind, ...(eventType ? { eventType } : {}) }, 'slack request failed');
    const audience = audienceOf(body);
    if (!audience) return;
    const text = deps.messages.t(deps.locale, 'error.generic');
    try {
      if (audience.direct || !audience.channel) {
        await deps.client.chat.postMessage({ channel: audience.channel ?? audience.user, text });
      } else {
        await deps.client.chat.postEphemeral({
          channel: audience.channel,
          user: audience.user,
          text,
          ...(audience.threadTs ? { thread_ts: audience.threadTs } : {}),
        });
      }
    } catch (err) {
      deps.logger.warn({ err: errorCode(err) }, 'slack: could not tell the user about the failure');
    }
  };
}
