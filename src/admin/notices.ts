import type { EscalationDirectory } from '../escalation/directory.js';
import { channelOf, orderingKeyOf } from '../escalation/context.js';
import type { Notification } from '../escalation/model.js';
import type { NewOutboxItem } from '../store/contract.js';

/**
 * Messages to the admins (scheduled version in force, digests), sent through the outbox as private
 * `delegate.message` notices to each admin declared in the configuration, so that every channel's
 * existing deliverer carries them (Slack DM, Teams, the web console's notices).
 */
export interface AdminNotices {
  /** One outbox item per admin; `key` makes the items idempotent (e.g. `digest:daily:2026-03-02`). */
  toAdmins(key: string, text: string): Promise<NewOutboxItem[]>;
}

export function adminNotices(directory: EscalationDirectory): AdminNotices {
  return {
    async toAdmins(key, text) {
      const config = await directory.current();
      return config.admins.map((admin) => {
        const notification: Notification = {
          type: 'delegate.message',
          escalationId: `admin:${key}`,
          to: admin,
          kind: 'notice',
          text,
        };
        return {
          id: `admin:${key}:${admin}`,
          orderingKey: orderingKeyOf(notification),
          channel: channelOf(notification),
          payload: notification,
        };
      });
    },
  };
}

/** No admin channel (tests, CLI): nothing is sent. */
export const silentNotices: AdminNotices = { toAdmins: async () => [] };
