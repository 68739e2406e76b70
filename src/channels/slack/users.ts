import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../observability.js';

/** What Relais shows of a Slack user: a display name (never an email). */
export interface SlackProfile {
  id: string;
  displayName: string;
  isBot: boolean;
  /** Slack's locale for the user (e.g. `fr-FR`), when the scope allows it. */
  locale?: string;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 5_000;

/**
 * `users.info` with a process-local cache. Caching a display name for an hour is harmless (it is a
 * read-through cache of Slack's own data, not product state); a failed lookup falls back to the id,
 * so a message is never lost because Slack's directory is slow.
 */
export class SlackDirectory {
  private readonly cache = new Map<string, { profile: SlackProfile; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async profile(userId: string): Promise<SlackProfile> {
    const hit = this.cache.get(userId);
    if (hit && hit.until > this.now()) return hit.profile;
    try {
      const result = await this.client.users.info({ user: userId, include_locale: true });
      const user = result.user;
      const profile: SlackProfile = {
        id: userId,
        displayName:
          user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || userId,
        isBot: Boolean(user?.is_bot),
        locale: user?.locale,
      };
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(userId, { profile, until: this.now() + TTL_MS });
      return profile;
    } catch (err) {
      this.logger.warn({ err: errorCode(err), user: userId }, 'slack users.info failed; using the user id');
      return { id: userId, displayName: userId, isBot: false };
    }
  }

  /** The cached name of a user, if any (to turn `<@U…>` mentions into names without a call). */
  cachedName(userId: string): string | undefined {
    return this.cache.get(userId)?.profile.displayName;
  }
}

/** A Web API error's code (e.g. `slack_webapi_platform_error: user_not_found`) without payloads. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; data?: { error?: unknown }; message?: unknown };
    const platform = typeof e.data?.error === 'string' ? `: ${e.data.error}` : '';
    if (typeof e.code === 'string') return `${e.code}${platform}`;
    if (typeof e.message === 'string') return e.message.slice(0, 200);
  }
  return String(err).slice(0, 200);
}
