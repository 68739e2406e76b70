import type { OutboxItem } from '../contract.js';
import { DELIVERED_ID_MEMORY_MS } from '../validate.js';
import type { RedisClient } from './connection.js';
import type { RedisKeys } from './keys.js';
import type { RunScript } from './scripts.js';

/**
 * The outbox on Redis. Layout (see keys.ts): one hash per item; per ordering key a queue (zset by
 * seq) of its pending items; a ready set scoring each ordering key by when its head becomes
 * claimable (max of next attempt and lease end), which `claimOutbox.lua` reads with ZRANGEBYSCORE.
 * Items are enqueued by `commit.lua`, in the same step as the state change they announce.
 */

/** An item hash as returned by HGETALL (flat field/value list) → the contract's item. */
export function parseOutboxItem(flat: string[]): OutboxItem {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
  const item: OutboxItem = {
    id: fields.get('id') ?? '',
    orderingKey: fields.get('orderingKey') ?? '',
    channel: fields.get('channel') ?? '',
    payload: JSON.parse(fields.get('payload') ?? 'null') as unknown,
    seq: Number(fields.get('seq')),
    attempts: Number(fields.get('attempts')),
    nextAttemptAt: Number(fields.get('nextAt')),
    createdAt: Number(fields.get('createdAt')),
    status: fields.get('status') === 'dead' ? 'dead' : 'pending',
  };
  const notBefore = fields.get('notBefore');
  if (notBefore !== undefined) item.notBefore = Number(notBefore);
  const lastError = fields.get('lastError');
  if (lastError !== undefined) item.lastError = lastError;
  return item;
}

export class RedisOutbox {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly run: RunScript,
  ) {}

  async claim(options: { limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]> {
    if (options.limit <= 0) return [];
    const k = this.keys;
    const reply = (await this.run(
      'claimOutbox',
      [k.outboxReady()],
      [k.outboxItemPrefix(), k.outboxQueuePrefix(), options.limit, options.leaseMs, options.worker],
    )) as string[][];
    return reply.map(parseOutboxItem);
  }

  async complete(id: string): Promise<void> {
    const k = this.keys;
    await this.run(
      'completeOutbox',
      [k.outboxReady(), k.outboxAll(), k.outboxItem(id), k.outboxDelivered(id)],
      [k.outboxItemPrefix(), k.outboxQueuePrefix(), id, DELIVERED_ID_MEMORY_MS],
    );
  }

  async retry(id: string, nextAttemptAt: number, error: string): Promise<void> {
    const k = this.keys;
    await this.run(
      'retryOutbox',
      [k.outboxReady(), k.outboxItem(id)],
      [k.outboxItemPrefix(), k.outboxQueuePrefix(), Math.floor(nextAttemptAt), error],
    );
  }

  async deadLetter(id: string, error: string): Promise<void> {
    const k = this.keys;
    await this.run(
      'deadLetterOutbox',
      [k.outboxReady(), k.outboxItem(id)],
      [k.outboxItemPrefix(), k.outboxQueuePrefix(), id, error],
    );
  }

  async requeue(id: string): Promise<boolean> {
    const k = this.keys;
    const reply = await this.run(
      'requeueDead',
      [k.outboxReady(), k.outboxItem(id)],
      [k.outboxItemPrefix(), k.outboxQueuePrefix(), id],
    );
    return reply === 1;
  }

  async list(filter?: { status?: 'pending' | 'dead' }): Promise<OutboxItem[]> {
    const ids = await this.redis.zrange(this.keys.outboxAll(), 0, -1);
    const items: OutboxItem[] = [];
    for (let start = 0; start < ids.length; start += 200) {
      const pipeline = this.redis.pipeline();
      for (const id of ids.slice(start, start + 200)) pipeline.hgetall(this.keys.outboxItem(id));
      for (const [error, hash] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        const fields = hash as Record<string, string>;
        if (fields.id === undefined) continue; // delivered between the two reads
        const item = parseOutboxItem(Object.entries(fields).flat());
        if (!filter?.status || item.status === filter.status) items.push(item);
      }
    }
    return items;
  }
}
