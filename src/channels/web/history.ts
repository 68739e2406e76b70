import type { RecentTurns } from '../../core/history.js';
import { type Locale, ReplyKind, userKey } from '../../model/message.js';
import type { MessageCatalogue } from '../../model/messages-port.js';
import type { WebDelivery } from './delivery.js';
import { toWebReply, type WebReply } from './render.js';

/**
 * What the chat page shows again when it opens: the professional's recent turns (from the core's
 * transcripts) and the later replies of their web inbox (delegate messages, the satisfaction
 * question), merged by time. Everything is NIR-masked as stored.
 */

/** At most this many items (messages and replies) are shown again. */
export const HISTORY_MAX_ITEMS = 50;
/** Nothing older than this is shown again (and never beyond the retention: the core caps it). */
export const HISTORY_MAX_DAYS = 7;

/** One item of the history, oldest first. */
export type HistoryItem =
  /** What the professional wrote (NIR-masked), or the label of the button they pressed. */
  | { at: string; who: 'me'; text: string }
  /** A bot reply as the transcript keeps it: kind and text, its buttons now stale and dropped. */
  | { at: string; who: 'bot'; reply: WebReply }
  /** A web inbox entry, whole: its buttons still work (the satisfaction 1-5). */
  | { at: string; who: 'bot'; seq: number; reply: WebReply };

export interface ChatHistory {
  items: HistoryItem[];
  /** The inbox sequence the page polls from (`/api/chat/inbox?after=`). */
  inboxSeq: number;
}

/** UI strings of the buttons whose press is shown by its label (the others are skipped). */
const ACTION_LABELS: Partial<Record<string, string>> = {
  help: 'conversation.button.help',
  erase_my_data: 'conversation.button.erase_my_data',
  feedback_up: 'console.chat.feedback_up',
  feedback_down: 'console.chat.feedback_down',
  talk_to_delegate: 'button.talk_to_delegate',
  none_of_these: 'button.none_of_these',
  cancel_escalation: 'escalation.button.cancel',
  reopen_escalation: 'escalation.reopen.button',
};

export interface HistorySources {
  conversation: { recentTurns(userKey: string, options: { withinDays: number; limit: number }): Promise<RecentTurns> };
  delivery: Pick<WebDelivery, 'read'>;
  messages: MessageCatalogue;
}

/** The recent conversation of the web professional `webUserId` (`web:<id>`), oldest first. */
export async function chatHistory(
  sources: HistorySources,
  webUserId: string,
  locale: Locale,
): Promise<ChatHistory> {
  const { conversation, delivery, messages } = sources;
  const recent = await conversation.recentTurns(userKey({ channel: 'web', id: webUserId }), {
    withinDays: HISTORY_MAX_DAYS,
    limit: HISTORY_MAX_ITEMS,
  });
  const entries = await delivery.read(webUserId, 0);
  // Polling continues after the last entry read here: one delivered meanwhile comes by the poll.
  const inboxSeq = entries.reduce((max, e) => Math.max(max, e.seq), 0);

  const items: HistoryItem[] = [];
  for (const turn of recent.turns) {
    const mine = turn.inbound.text ?? actionLabel(messages, locale, turn.inbound.action);
    if (mine) items.push({ at: turn.at, who: 'me', text: mine });
    for (const reply of turn.replies) {
      const kind = ReplyKind.safeParse(reply.kind);
      const web: WebReply = { kind: kind.success ? kind.data : 'notice', text: reply.text };
      if (reply.intentId) web.intentId = reply.intentId;
      items.push({ at: turn.at, who: 'bot', reply: web });
    }
  }
  for (const entry of entries) {
    if (entry.at < recent.since) continue;
    items.push({ at: entry.at, who: 'bot', seq: entry.seq, reply: toWebReply(entry.reply, locale, messages) });
  }
  // Stable: at the same instant, a turn comes before what the inbox received after it.
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { items: items.slice(-HISTORY_MAX_ITEMS), inboxSeq };
}

function actionLabel(messages: MessageCatalogue, locale: Locale, action: string | undefined): string | undefined {
  const key = action === undefined ? undefined : ACTION_LABELS[action];
  return key !== undefined && messages.has(locale, key) ? messages.t(locale, key) : undefined;
}
