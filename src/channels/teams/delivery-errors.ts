import { TeamsChannelError, TeamsChannelErrorCode } from './errors.js';

/** The outcome the outbox expects from a channel's deliverer. */
export type DeliveryResult =
  | { ok: true; ref?: string }
  | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

type Failure = Extract<DeliveryResult, { ok: false }>;

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  response?: { status?: unknown; headers?: unknown };
}

/** Why a permanent status will not go away by retrying (shown to admins with the dead letter). */
const PERMANENT: Record<number, string> = {
  400: 'bad_request (the connector refused the payload)',
  401: 'unauthorized (check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId)',
  403: 'forbidden (bot removed from the team or chat, blocked by the user, or tenant policy)',
  404: 'not_found (conversation or message gone)',
  413: 'payload_too_large',
};

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : (h[name] ?? h[name.toLowerCase()]);
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in seconds or as an HTTP date, in ms (never negative). */
function retryAfterMs(value: string | undefined, now: () => number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now()) : undefined;
}

/** The connector's 404: the conversation or the activity no longer exists. */
export function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: unknown } | null)?.statusCode === 404;
}

/**
 * Sorts a Bot connector failure into retry (429 with its Retry-After, 408, 5xx, network errors,
 * timeouts, token endpoint unreachable) or permanent (401 bad credentials, 403 bot removed or
 * blocked, 404 conversation gone, 400/413 payload refused, any other 4xx): a permanent failure is
 * dead-lettered by the outbox and shown to admins.
 */
export function classifyTeamsError(err: unknown, now: () => number = Date.now): Failure {
  if (err instanceof TeamsChannelError && err.code === TeamsChannelErrorCode.UndeliverablePayload) {
    return { ok: false, retry: false, error: err.message };
  }
  const e = (err && typeof err === 'object' ? err : {}) as ErrorShape;
  const status =
    typeof e.statusCode === 'number'
      ? e.statusCode
      : typeof e.response?.status === 'number'
        ? e.response.status
        : 0;
  if (status === 429 || status === 408 || status >= 500) {
    const after = retryAfterMs(header(e.response?.headers, 'retry-after'), now);
    return {
      ok: false,
      retry: true,
      error: status === 429 ? 'rate_limited (429)' : `http_${status}`,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
    };
  }
  if (status >= 400)
    return { ok: false, retry: false, error: `http_${status}: ${PERMANENT[status] ?? 'refused'}` };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return { ok: false, retry: true, error: `request_failed: ${code}${message}`.slice(0, 300) };
}
