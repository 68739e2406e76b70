import type pino from 'pino';
import {
  type AuditEntry,
  type CommitResult,
  type OutboxItem,
  type Store,
  type StoredDoc,
  StoreUnavailableError,
  type Transaction,
} from '../contract.js';
import { validateDuration, validateKey, validateTransaction } from '../validate.js';
import { asStoreError, checkRedisServer, connectRedis, type RedisClient } from './connection.js';
import { type RedisKeys, redisKeys } from './keys.js';
import { RedisOutbox } from './outbox.js';
import { defineScripts, type RunScript } from './scripts.js';
import { RedisSubscriptions } from './subscriptions.js';
import { describeRedisTarget, type RedisTarget } from './target.js';

export interface RedisStoreOptions {
  /** One server, a Sentinel group or a Cluster. */
  target: RedisTarget;
  /** Hash-tag content shared by every key of the deployment (default `relais`). */
  prefix?: string;
  logger: pino.Logger;
}

/** Upper bound of a BYLEX range: 0xff never occurs in UTF-8, so `[prefix\xff` ends the prefix. */
const lexUpperBound = (prefix: string): Buffer => Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]);

/**
 * The shared store: Redis, for several instances side by side. Every check-then-set is one Lua
 * script (`scripts/*.lua`); every key comes from `keys.ts`. Errors caused by Redis being unreachable
 * surface as StoreUnavailableError, immediately (see connection.ts). Works the same on one server,
 * behind Sentinel and on a Cluster: every key shares one hash tag, so one node holds them all.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly outbox: RedisOutbox;
  private readonly subscriptions: RedisSubscriptions;
  private closed = false;

  private constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly run: RunScript,
    private readonly where: string,
    target: RedisTarget,
    private readonly logger: pino.Logger,
  ) {
    this.outbox = new RedisOutbox(redis, keys, run);
    const connectSubscriber = () => connectRedis(target, logger, 'subscriber');
    this.subscriptions = new RedisSubscriptions(connectSubscriber, keys, logger, (topic) => this.getVersion(topic));
  }

  /** Connects and checks the server (maxmemory-policy, persistence) before serving. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const keys = redisKeys(options.prefix ?? 'relais');
    const where = describeRedisTarget(options.target);
    const redis = await connectRedis(options.target, options.logger, 'commands');
    try {
      await checkRedisServer(redis, options.logger, where, options.target.mode);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return new RedisStore(redis, keys, defineScripts(redis), where, options.target, options.logger);
  }

  get<T = unknown>(collection: string, id: string): Promise<StoredDoc<T> | null> {
    return this.guard(async () => {
      const [version, json] = await this.redis.hmget(this.keys.doc(collection, id), 'v', 'd');
      if (version == null || json == null) return null;
      return { collection, id, version: Number(version), value: JSON.parse(json) as T };
    });
  }

  list<T = unknown>(collection: string, options?: { prefix?: string }): Promise<StoredDoc<T>[]> {
    return this.guard(async () => {
      const index = this.keys.docIndex(collection);
      const prefix = options?.prefix ?? '';
      const ids = prefix
        ? await this.redis.zrangebylex(index, `[${prefix}`, lexUpperBound(prefix))
        : await this.redis.zrange(index, 0, -1);
      const docs: StoredDoc<T>[] = [];
      const gone: string[] = [];
      for (let start = 0; start < ids.length; start += 200) {
        const batch = ids.slice(start, start + 200);
        const pipeline = this.redis.pipeline();
        for (const id of batch) pipeline.hmget(this.keys.doc(collection, id), 'v', 'd');
        const replies = (await pipeline.exec()) ?? [];
        for (const [i, [error, reply]] of replies.entries()) {
          if (error) throw error;
          const [version, json] = reply as (string | null)[];
          const id = batch[i]!;
          if (version == null || json == null) gone.push(id);
          else docs.push({ collection, id, version: Number(version), value: JSON.parse(json) as T });
        }
      }
      if (gone.length > 0) {
        const keys = [index, this.keys.docExpiry(collection)];
        await this.run('pruneDocIndex', keys, [this.keys.docPrefix(collection), ...gone]);
      }
      return docs;
    });
  }

  commit(tx: Transaction): Promise<CommitResult> {
    return this.guard(async () => {
      validateTransaction(tx);
      const k = this.keys;
      const outbox = tx.outbox ?? [];
      const audit = tx.audit ?? [];
      const keys = [k.outboxSeq(), k.outboxReady(), k.outboxAll(), k.auditSeq(), k.auditEntries(), k.auditAll()];
      const args: (string | number)[] = [tx.writes.length, outbox.length, audit.length];
      for (const w of tx.writes) {
        keys.push(k.doc(w.collection, w.id), k.docIndex(w.collection), k.docExpiry(w.collection));
        const value = w.value === null ? '' : JSON.stringify(w.value);
        args.push(w.id, w.expectedVersion ?? '', value, w.ttlMs ?? '');
      }
      for (const item of outbox) {
        keys.push(k.outboxItem(item.id), k.outboxDelivered(item.id), k.outboxQueue(item.orderingKey));
        const notBefore = item.notBefore === undefined ? '' : Math.floor(item.notBefore);
        args.push(item.id, item.orderingKey, item.channel, JSON.stringify(item.payload ?? null), notBefore);
      }
      for (const entry of audit) {
        keys.push(k.auditBySubject(entry.subject), k.auditByActor(entry.actor));
        args.push(JSON.stringify(entry));
      }
      const reply = (await this.run('commit', keys, args)) as number[];
      if (reply[0] === 1) return { ok: true, versions: reply.slice(1) };
      const write = tx.writes[reply[1]! - 1]!;
      return {
        ok: false,
        conflict: { collection: write.collection, id: write.id, expectedVersion: reply[2]!, actualVersion: reply[3]! },
      };
    });
  }

  claimOutbox(options: { limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]> {
    return this.guard(async () => {
      validateDuration('leaseMs', options.leaseMs);
      return this.outbox.claim(options);
    });
  }

  completeOutbox(id: string): Promise<void> {
    return this.guard(() => this.outbox.complete(id));
  }

  retryOutbox(id: string, nextAttemptAt: number, error: string): Promise<void> {
    return this.guard(() => this.outbox.retry(id, nextAttemptAt, error));
  }

  deadLetterOutbox(id: string, error: string): Promise<void> {
    return this.guard(() => this.outbox.deadLetter(id, error));
  }

  listOutbox(filter?: { status?: 'pending' | 'dead' }): Promise<OutboxItem[]> {
    return this.guard(() => this.outbox.list(filter));
  }

  requeueDead(id: string): Promise<boolean> {
    return this.guard(() => this.outbox.requeue(id));
  }

  listAudit(filter?: { subject?: string; limit?: number }): Promise<AuditEntry[]> {
    return this.guard(async () => {
      if (filter?.limit !== undefined && filter.limit <= 0) return [];
      const index = filter?.subject === undefined ? this.keys.auditAll() : this.keys.auditBySubject(filter.subject);
      const seqs = await this.redis.zrange(index, filter?.limit === undefined ? 0 : -filter.limit, -1);
      if (seqs.length === 0) return [];
      const entries = await this.redis.hmget(this.keys.auditEntries(), ...seqs);
      return entries.filter((json) => json !== null).map((json) => JSON.parse(json) as AuditEntry);
    });
  }

  eraseAudit(match: { subject?: string; actor?: string }): Promise<number> {
    return this.guard(async () => {
      const k = this.keys;
      const indexes: string[] = [];
      if (match.subject !== undefined) indexes.push(k.auditBySubject(match.subject));
      if (match.actor !== undefined) indexes.push(k.auditByActor(match.actor));
      if (indexes.length === 0) return 0;
      const keys = [k.auditEntries(), k.auditAll(), ...indexes];
      return (await this.run('eraseAudit', keys, [k.auditBySubjectPrefix(), k.auditByActorPrefix()])) as number;
    });
  }

  once(key: string, ttlMs: number): Promise<boolean> {
    return this.guard(async () => {
      validateKey('once key', key);
      validateDuration('ttlMs', ttlMs);
      // One command is already atomic: SET … NX is the check-then-set.
      return (await this.redis.set(this.keys.once(key), '1', 'PX', ttlMs, 'NX')) === 'OK';
    });
  }

  hit(key: string, windowMs: number): Promise<number> {
    return this.guard(async () => {
      validateKey('counter key', key);
      validateDuration('windowMs', windowMs);
      return (await this.run('hit', [this.keys.counter(key)], [windowMs])) as number;
    });
  }

  acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.guard(async () => {
      validateKey('lease key', key);
      validateDuration('ttlMs', ttlMs);
      return (await this.run('acquireLease', [this.keys.lease(key)], [holder, ttlMs])) === 1;
    });
  }

  bumpVersion(topic: string): Promise<number> {
    return this.guard(async () => {
      validateKey('topic', topic);
      return (await this.run('bumpVersion', [this.keys.version(topic)], [this.keys.versionChannel(topic)])) as number;
    });
  }

  getVersion(topic: string): Promise<number> {
    return this.guard(async () => Number((await this.redis.get(this.keys.version(topic))) ?? 0));
  }

  subscribe(topic: string, listener: (version: number) => void): Promise<() => Promise<void>> {
    return this.guard(async () => {
      validateKey('topic', topic);
      return this.subscriptions.subscribe(topic, listener);
    });
  }

  /**
   * Rewrites the append-only file when AOF is on, so that erased values leave it. A server that
   * refuses (a managed Redis without the command, a rewrite already running) is logged, not fatal:
   * the documents themselves are deleted already.
   */
  purgeHistory(): Promise<void> {
    return this.guard(async () => {
      const persistence = await this.redis.info('persistence');
      if (!/^aof_enabled:1\b/m.test(persistence)) return;
      await this.redis.bgrewriteaof().catch((error: unknown) => {
        this.logger.warn({ err: error, where: this.where }, 'redis store: append-only file rewrite refused');
      });
    });
  }

  /** Asks the node that holds this deployment's keys (a keyless PING could reach another cluster node). */
  ping(): Promise<void> {
    return this.guard(async () => {
      await this.redis.exists(this.keys.version('ping'));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Runs one operation; connection failures become StoreUnavailableError. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Redis store (${this.where}) is closed`);
    try {
      return await operation();
    } catch (error) {
      throw asStoreError(error, this.where);
    }
  }
}
