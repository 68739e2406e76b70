import type { Store } from '../store/contract.js';
import { CONVERSATION_COLLECTIONS, userPrefix } from './collections.js';
import type { TranscriptRecord } from './records.js';

/**
 * Read side of the transcripts: a professional's recent turns, for a channel that shows the
 * conversation again (the web chat after a reload). Everything is as stored: NIR-masked.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** One past turn: what the professional sent and what the bot replied (kind + text, no buttons). */
export interface RecentTurn {
  /** ISO instant of the turn (service clock). */
  at: string;
  /** NIR-masked text, or the button pressed (its id only); empty when not kept. */
  inbound: TranscriptRecord['inbound'];
  replies: TranscriptRecord['replies'];
}

/** The turns, oldest first, and the window they were read within (other records use the same). */
export interface RecentTurns {
  /** ISO instant: nothing older was read. */
  since: string;
  turns: RecentTurn[];
}

/**
 * The last `limit` turns of `userKey` since `now - withinDays` (never more than `retentionDays`:
 * a record the purge has not removed yet is not shown beyond the retention), oldest first.
 */
export async function recentTurns(
  store: Store,
  userKey: string,
  options: { now: Date; withinDays: number; retentionDays: number; limit: number },
): Promise<RecentTurns> {
  const days = Math.min(options.withinDays, options.retentionDays);
  const since = new Date(options.now.getTime() - days * DAY_MS).toISOString();
  const docs = await store.list<TranscriptRecord>(CONVERSATION_COLLECTIONS.transcripts, {
    prefix: userPrefix(userKey),
  });
  const turns = docs
    .map((d) => d.value)
    .filter((r) => r.user === userKey && r.at >= since)
    // Ids are `<user>/<ISO at>/<ref>`: the list is already chronological; sorting keeps it so
    // whatever the backend's order.
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .slice(-Math.max(0, options.limit))
    .map((r) => ({ at: r.at, inbound: r.inbound, replies: r.replies }));
  return { since, turns: options.limit > 0 ? turns : [] };
}
