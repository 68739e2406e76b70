import { EventEmitter } from 'node:events';
import fs from 'node:fs';
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
import { DELIVERED_ID_MEMORY_MS, validateDuration, validateKey, validateTransaction } from '../validate.js';
import { Journal } from './journal.js';
import { lockDataDir } from './lock.js';
import type { AuditRow, DocChange, EmbeddedState, JournalRecord, OutboxRow } from './state.js';

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger: pino.Logger;
  /** Journal size that triggers a compaction (default 16 MiB). */
  compactAfterBytes?: number;
}

/** Values are stored as JSON, as on Redis: what comes back is what JSON round-trips. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function publicItem(row: OutboxRow): OutboxItem {
  const { leaseUntil: _lease, worker: _worker, ...item } = row;
  return copy(item);
}

/**
 * The default store: in-process, one owner per data folder, every change journaled and fsynced
 * before its call resolves (see journal.ts). Checks and changes run synchronously on the event loop,
 * which makes every operation atomic without locks.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly events = new EventEmitter();
  private closed = false;

  private constructor(
    private readonly journal: Journal,
    private readonly releaseLock: () => void,
    private readonly dataDir: string,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Locks the folder, loads its snapshot and journal. */
  static open(options: EmbeddedStoreOptions): EmbeddedStore {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const release = lockDataDir(options.dataDir, options.logger);
    try {
      const journal = Journal.open(options.dataDir, {
        compactAfterBytes: options.compactAfterBytes ?? 16 * 1024 * 1024,
        logger: options.logger,
      });
      return new EmbeddedStore(journal, release, options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }

  async get<T = unknown>(collection: string, id: string): Promise<StoredDoc<T> | null> {
    const entry = this.state().liveDoc(collection, id, Date.now());
    const doc = entry ? { collection, id, version: entry.version, value: copy(entry.value) as T } : null;
    await this.journal.barrier();
    return doc;
  }

  async list<T = unknown>(collection: string, options?: { prefix?: string }): Promise<StoredDoc<T>[]> {
    const now = Date.now();
    const state = this.state();
    const prefix = options?.prefix ?? '';
    const docs: StoredDoc<T>[] = [];
    for (const [id, entry] of state.docs.get(collection) ?? []) {
      if (!id.startsWith(prefix) || !state.isLive(entry.expiresAt, now)) continue;
      docs.push({ collection, id, version: entry.version, value: copy(entry.value) as T });
    }
    docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.journal.barrier();
    return docs;
  }

  async commit(tx: Transaction): Promise<CommitResult> {
    const state = this.state();
    validateTransaction(tx);
    const now = Date.now();
    const docs: DocChange[] = [];
    for (const write of tx.writes) {
      const actual = state.liveDoc(write.collection, write.id, now)?.version ?? 0;
      if (write.expectedVersion !== undefined && write.expectedVersion !== actual) {
        await this.journal.barrier();
        const { collection, id, expectedVersion } = write;
        return { ok: false, conflict: { collection, id, expectedVersion, actualVersion: actual } };
      }
      const change: DocChange = { collection: write.collection, id: write.id, version: 0 };
      if (write.value !== null) {
        change.version = actual + 1;
        change.value = copy(write.value);
        if (write.ttlMs !== undefined) change.expiresAt = now + write.ttlMs;
      }
      docs.push(change);
    }
    const outbox: OutboxRow[] = [];
    const enqueued = new Set<string>();
    for (const item of tx.outbox ?? []) {
      const forgetAt = state.delivered.get(item.id);
      if (state.outbox.has(item.id) || enqueued.has(item.id) || (forgetAt !== undefined && forgetAt > now)) continue;
      enqueued.add(item.id);
      const row: OutboxRow = {
        id: item.id,
        orderingKey: item.orderingKey,
        channel: item.channel,
        payload: copy(item.payload),
        seq: state.outboxSeq + outbox.length + 1,
        attempts: 0,
        nextAttemptAt: item.notBefore ?? now,
        createdAt: now,
        status: 'pending',
      };
      if (item.notBefore !== undefined) row.notBefore = item.notBefore;
      outbox.push(row);
    }
    const audit: AuditRow[] = (tx.audit ?? []).map((entry, index) => ({
      seq: state.auditSeq + index + 1,
      entry: copy(entry),
    }));
    await this.record({ op: 'commit', docs, outbox, audit });
    return { ok: true, versions: docs.map((change) => change.version) };
  }

  async claimOutbox(options: { limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]> {
    const state = this.state();
    validateDuration('leaseMs', options.leaseMs);
    const now = Date.now();
    const heads = new Set<string>();
    const chosen: OutboxRow[] = [];
    for (const row of state.outbox.values()) {
      if (chosen.length >= options.limit) break;
      if (row.status !== 'pending' || heads.has(row.orderingKey)) continue;
      heads.add(row.orderingKey);
      const leased = row.leaseUntil !== undefined && row.leaseUntil > now;
      if (row.nextAttemptAt <= now && !leased) chosen.push(row);
    }
    if (chosen.length === 0) {
      await this.journal.barrier();
      return [];
    }
    const until = now + options.leaseMs;
    await this.record({
      op: 'outbox.lease',
      items: chosen.map((row) => ({ id: row.id, until, worker: options.worker })),
    });
    return chosen.map(publicItem);
  }

  async completeOutbox(id: string): Promise<void> {
    if (!this.state().outbox.has(id)) return this.journal.barrier();
    await this.record({ op: 'outbox.done', id, forgetAt: Date.now() + DELIVERED_ID_MEMORY_MS });
  }

  async retryOutbox(id: string, nextAttemptAt: number, error: string): Promise<void> {
    if (this.state().outbox.get(id)?.status !== 'pending') return this.journal.barrier();
    await this.record({ op: 'outbox.retry', id, at: nextAttemptAt, error });
  }

  async deadLetterOutbox(id: string, error: string): Promise<void> {
    if (!this.state().outbox.has(id)) return this.journal.barrier();
    await this.record({ op: 'outbox.dead', id, error });
  }

  async listOutbox(filter?: { status?: 'pending' | 'dead' }): Promise<OutboxItem[]> {
    const rows = [...this.state().outbox.values()].filter((row) => !filter?.status || row.status === filter.status);
    const items = rows.map(publicItem);
    await this.journal.barrier();
    return items;
  }

  async requeueDead(id: string): Promise<boolean> {
    if (this.state().outbox.get(id)?.status !== 'dead') {
      await this.journal.barrier();
      return false;
    }
    await this.record({ op: 'outbox.requeue', id, at: Date.now() });
    return true;
  }

  async listAudit(filter?: { subject?: string; limit?: number }): Promise<AuditEntry[]> {
    let rows = this.state().audit.filter((row) => filter?.subject === undefined || row.entry.subject === filter.subject);
    if (filter?.limit !== undefined) rows = filter.limit > 0 ? rows.slice(-filter.limit) : [];
    const entries = rows.map((row) => copy(row.entry));
    await this.journal.barrier();
    return entries;
  }

  async eraseAudit(match: { subject?: string; actor?: string }): Promise<number> {
    if (match.subject === undefined && match.actor === undefined) return 0;
    const seqs = this.state()
      .audit.filter((row) => row.entry.subject === match.subject || row.entry.actor === match.actor)
      .map((row) => row.seq);
    if (seqs.length === 0) {
      await this.journal.barrier();
      return 0;
    }
    await this.record({ op: 'audit.erase', seqs });
    return seqs.length;
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    const state = this.state();
    validateKey('once key', key);
    validateDuration('ttlMs', ttlMs);
    const now = Date.now();
    const until = state.once.get(key);
    if (until !== undefined && until > now) {
      await this.journal.barrier();
      return false;
    }
    await this.record({ op: 'once', key, expiresAt: now + ttlMs });
    return true;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const state = this.state();
    validateKey('counter key', key);
    validateDuration('windowMs', windowMs);
    const now = Date.now();
    const counter = state.counters.get(key);
    const open = counter !== undefined && counter.expiresAt > now;
    const count = open ? counter.count + 1 : 1;
    await this.record({ op: 'hit', key, count, expiresAt: open ? counter.expiresAt : now + windowMs });
    return count;
  }

  async acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const state = this.state();
    validateKey('lease key', key);
    validateDuration('ttlMs', ttlMs);
    const now = Date.now();
    const lease = state.leases.get(key);
    if (lease && lease.expiresAt > now && lease.holder !== holder) {
      await this.journal.barrier();
      return false;
    }
    await this.record({ op: 'lease', key, holder, expiresAt: now + ttlMs });
    return true;
  }

  async bumpVersion(topic: string): Promise<number> {
    const state = this.state();
    validateKey('topic', topic);
    const version = (state.versions.get(topic) ?? 0) + 1;
    await this.record({ op: 'version', topic, version });
    this.events.emit(topic, version);
    return version;
  }

  async getVersion(topic: string): Promise<number> {
    const version = this.state().versions.get(topic) ?? 0;
    await this.journal.barrier();
    return version;
  }

  async subscribe(topic: string, listener: (version: number) => void): Promise<() => Promise<void>> {
    this.state();
    validateKey('topic', topic);
    // A throwing listener must not break bumpVersion for the others.
    const safe = (version: number): void => {
      try {
        listener(version);
      } catch {
        /* the listener's own error handling is its business */
      }
    };
    this.events.on(topic, safe);
    return async () => {
      this.events.off(topic, safe);
    };
  }

  async purgeHistory(): Promise<void> {
    this.state();
    this.journal.compact(Date.now());
  }

  async ping(): Promise<void> {
    this.state();
    await this.journal.barrier();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.journal.barrier();
    } catch {
      /* a failed journal is closed below all the same */
    }
    this.closed = true;
    this.events.removeAllListeners();
    try {
      this.journal.close();
    } finally {
      this.releaseLock();
    }
  }

  /** The live state, or StoreUnavailableError once closed. */
  private state(): EmbeddedState {
    if (this.closed) throw new StoreUnavailableError(`embedded store in ${this.dataDir} is closed`);
    return this.journal.current;
  }

  /** Applies then journals a record; the caller's promise resolves once it is on disk. */
  private record(record: JournalRecord): Promise<void> {
    this.state().apply(record);
    return this.journal.append(record);
  }
}
