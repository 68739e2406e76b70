import { reportPrivateCopies } from '../escalation/channel-targets.js';
import type { EscalationDirectory } from '../escalation/directory.js';
import { channelOf, orderingKeyOf } from '../escalation/context.js';
import type { CardTarget, Notification } from '../escalation/model.js';
import type { NewOutboxItem } from '../store/contract.js';

/**
 * Messages to the admins, sent through the outbox (retries, dead letters): private `delegate.message`
 * notices to each admin declared in the configuration (Slack DM, Teams 1:1 chat, the web console's
 * notices), and for digests `admins.post` items to the shared channels of the `reports` section.
 */
export interface AdminNotices {
  /** One outbox item per admin; `key` makes the items idempotent (e.g. `digest:daily:2026-03-02`). */
  toAdmins(key: string, text: string): Promise<NewOutboxItem[]>;
  /**
   * A digest, where the configuration's `reports` section says: one post per shared channel (Slack,
   * Teams) plus, when private copies are on (default: only without a channel), one per admin.
   * Shared channels get `sharedText` (no professional's question quoted), admins `text`.
   */
  digest(key: string, text: string, sharedText?: string): Promise<NewOutboxItem[]>;
}

function outboxItem(id: string, notification: Notification): NewOutboxItem {
  return { id, orderingKey: orderingKeyOf(notification), channel: channelOf(notification), payload: notification };
}

export function adminNotices(directory: EscalationDirectory): AdminNotices {
  const privately = (admins: string[], key: string, text: string) =>
    admins.map((admin) =>
      outboxItem(`admin:${key}:${admin}`, { type: 'delegate.message', escalationId: `admin:${key}`, to: admin, kind: 'notice', text }),
    );
  return {
    async toAdmins(key, text) {
      return privately((await directory.current()).admins, key, text);
    },
    async digest(key, text, sharedText = text) {
      const { admins, reports } = await directory.current();
      // The console's admin view needs no item: it lists the digests stored with these items.
      const targets: CardTarget[] = [
        ...(reports?.slack ? [{ channel: 'slack' as const, channelId: reports.slack }] : []),
        ...(reports?.teams ? [{ channel: 'teams' as const, ...reports.teams }] : []),
      ];
      const posts = targets.map((target) =>
        outboxItem(`admin:${key}:channel:${target.channel}`, { type: 'admins.post', escalationId: `admin:${key}`, target, text: sharedText }),
      );
      return [...posts, ...(reportPrivateCopies(reports) ? privately(admins, key, text) : [])];
    },
  };
}

/** No admin channel (tests, CLI): nothing is sent. */
export const silentNotices: AdminNotices = { toAdmins: async () => [], digest: async () => [] };
