import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { OutboxItem, Store } from '../store/contract.js';

/**
 * The outbox worker: delivers the notifications that transitions committed, at least once, in order
 * per ordering key (the store hands out only the oldest pending item of each key). Transient
 * failures (429, 5xx, timeouts, network errors) are retried with exponential backoff and jitter,
 * forever; permanent ones (403, 404, unknown channel, deactivated user) are dead-lettered for admins
 * and the owning delegate. Items leased by a worker that crashed are handed out again when the lease
 * expires, so pending notifications resume after a restart.
 */

export type DeliveryResult =
  | { ok: true; ref?: string }
  | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

/** A channel's delivery of outbox payloads (Slack Web API, Bot connector, the web console store…). */
export interface Deliverer {
  deliver(payload: unknown, item: OutboxItem): Promise<DeliveryResult>;
}

/**
 * Runs around deliveries: `skip` may withdraw an item that must no longer be sent (its subject was
 * erased: returns the reason), `prepare` may enrich a payload (e.g. a card's ref), `delivered`
 * records a result.
 */
export interface OutboxHook {
  skip?(item: OutboxItem): Promise<string | undefined>;
  prepare?(item: OutboxItem): Promise<unknown | undefined>;
  delivered?(item: OutboxItem, result: { ok: true; ref?: string }): Promise<void>;
}

export interface OutboxWorkerOptions {
  store: Store;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  workerId?: string;
  pollMs?: number;
  leaseMs?: number;
  batch?: number;
  deliveryTimeoutMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Outbox times are the store's wall clock (as are leases), not the domain clock. */
  now?: () => number;
  random?: () => number;
  onDeadLetter?: (item: OutboxItem, error: string) => void;
}

/** Classifies an HTTP status (and Retry-After header) into a delivery result. */
export function classifyHttpStatus(status: number, retryAfter?: string | null): DeliveryResult {
  if (status >= 200 && status < 300) return { ok: true };
  const error = `HTTP ${status}`;
  if (status === 429 || status === 408 || status === 425 || status >= 500) {
    const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
    return {
      ok: false,
      retry: true,
      error,
      ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  return { ok: false, retry: false, error };
}

/** Network errors and timeouts are transient. */
export function classifyError(error: unknown): DeliveryResult {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, retry: true, error: message.slice(0, 500) };
}

export class OutboxWorker {
  private readonly deliverers = new Map<string, Deliverer>();
  private readonly hooks: OutboxHook[] = [];
  private readonly workerId: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.workerId = options.workerId ?? `outbox-${randomUUID().slice(0, 8)}`;
  }

  /** Registers the deliverer of a channel (`web`, `slack`, `teams`, `internal`). */
  registerDeliverer(channel: string, deliverer: Deliverer): void {
    this.deliverers.set(channel, deliverer);
  }

  /** Hooks run in the order added (a module may pass several as one with `combineHooks`). */
  addHook(hook: OutboxHook): void {
    this.hooks.push(hook);
  }

  /** Next attempt time after `attempts` failures: exponential, capped, with jitter (half to full). */
  backoff(attempts: number, retryAfterMs?: number): number {
    const base = this.options.baseBackoffMs ?? 1000;
    const cap = this.options.maxBackoffMs ?? 5 * 60_000;
    const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
    const jittered = ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2);
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  /** One pass: claims the due items and delivers them. Returns how many were handled. */
  async tick(): Promise<number> {
    const items = await this.options.store.claimOutbox({
      limit: this.options.batch ?? 20,
      leaseMs: this.options.leaseMs ?? 30_000,
      worker: this.workerId,
    });
    await Promise.all(items.map((item) => this.handle(item)));
    return items.length;
  }

  private async handle(item: OutboxItem): Promise<void> {
    const { store, logger } = this.options;
    const hooks = combineHooks(...this.hooks);
    let result: DeliveryResult;
    try {
      const reason = await hooks.skip?.(item);
      if (reason) {
        logger.info({ outboxId: item.id, channel: item.channel, reason }, 'notification withdrawn');
        await store.completeOutbox(item.id);
        return;
      }
      const deliverer = this.deliverers.get(item.channel);
      if (!deliverer) {
        await this.deadLetter(item, `no deliverer for channel "${item.channel}"`);
        return;
      }
      const payload = (await hooks.prepare?.(item)) ?? item.payload;
      result = await this.withTimeout(deliverer.deliver(payload, { ...item, payload }));
    } catch (error) {
      result = classifyError(error);
    }
    if (result.ok) {
      try {
        await hooks.delivered?.(item, result);
      } catch (error) {
        logger.error({ err: error, outboxId: item.id }, 'outbox hook failed after delivery');
      }
      await store.completeOutbox(item.id);
      return;
    }
    if (!result.retry) {
      await this.deadLetter(item, result.error);
      return;
    }
    const now = (this.options.now ?? Date.now)();
    const attempts = item.attempts + 1;
    logger.warn(
      { outboxId: item.id, channel: item.channel, attempts, error: result.error },
      'notification delivery failed, will retry',
    );
    await store.retryOutbox(item.id, now + this.backoff(attempts, result.retryAfterMs), result.error);
  }

  private async deadLetter(item: OutboxItem, error: string): Promise<void> {
    this.options.logger.error(
      { outboxId: item.id, channel: item.channel, error },
      'notification dead-lettered',
    );
    await this.options.store.deadLetterOutbox(item.id, error);
    this.options.onDeadLetter?.(item, error);
  }

  private withTimeout(delivery: Promise<DeliveryResult>): Promise<DeliveryResult> {
    const ms = this.options.deliveryTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, retry: true, error: `timeout after ${ms} ms` }), ms);
    });
    return Promise.race([delivery, timeout]).finally(() => clearTimeout(timer));
  }

  /** Polls the outbox every `pollMs` until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        // Drain while there is work, then wait for the next poll.
        while (!this.stopped && (await this.tick()) > 0) continue;
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => (this.running = loop()), this.options.pollMs ?? 500);
    };
    this.running = loop();
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/** Several hooks as one, run in order (the first `skip` reason wins; `prepare` results chain). */
export function combineHooks(...hooks: OutboxHook[]): OutboxHook {
  return {
    async skip(item) {
      for (const hook of hooks) {
        const reason = await hook.skip?.(item);
        if (reason) return reason;
      }
      return undefined;
    },
    async prepare(item) {
      let payload: unknown = undefined;
      for (const hook of hooks) payload = (await hook.prepare?.({ ...item, payload: payload ?? item.payload })) ?? payload;
      return payload;
    },
    async delivered(item, result) {
      // Every hook runs even when one fails; the first failure is reported to the worker after.
      const failures: unknown[] = [];
      for (const hook of hooks) await hook.delivered?.(item, result).catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    },
  };
}
