import type { DeliveryResult } from '../../escalation/outbox.js';

export type { DeliveryResult };

/** Slack platform errors that will not go away by retrying: the item is set aside for admins. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'account_inactive',
  'is_archived',
  'channel_is_archived',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'cant_update_message',
  'cant_delete_message',
  'edit_window_closed',
]);

/** Platform errors that mean "Slack is having trouble": retried. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface ErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  headers?: Record<string, string>;
  original?: { name?: unknown; message?: unknown };
}

/**
 * Sorts a Web API failure into retry (429 with its Retry-After, 5xx, timeouts and network errors,
 * Slack's own transient errors) or permanent (channel gone, bot not in the channel, user
 * deactivated, archived channel, bad token, payload Slack refuses). Unknown platform errors are
 * permanent: Slack answered, and the same request would get the same answer.
 */
export function classifyDeliveryError(err: unknown): Extract<DeliveryResult, { ok: false }> {
  const e = (err && typeof err === 'object' ? err : {}) as ErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
      return { ok: false, retry: true, error: `rate_limited (retry after ${seconds}s)`, retryAfterMs: seconds * 1000 };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      const retryAfter = Number.parseInt(e.headers?.['retry-after'] ?? '', 10);
      const retry = status >= 500 || status === 408 || status === 429;
      return {
        ok: false,
        retry,
        error: `http_${status}`,
        ...(retry && Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    case 'slack_webapi_request_error': {
      const reason = typeof e.original?.name === 'string' ? e.original.name : 'request_error';
      return { ok: false, retry: true, error: `request_failed: ${reason}` };
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (TRANSIENT.has(code)) return { ok: false, retry: true, error: code };
      return { ok: false, retry: false, error: PERMANENT.has(code) ? code : `${code} (unexpected)` };
    }
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, retry: true, error: `unexpected: ${message.slice(0, 200)}` };
    }
  }
}
