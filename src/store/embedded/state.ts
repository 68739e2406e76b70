import type { AuditEntry, OutboxItem } from '../contract.js';

/**
 * In-memory state of the embedded store, changed ONLY by applying journal records. The live store
 * computes a record (checks happen there, against the clock), applies it and appends it to the
 * journal; start-up replays the same records. Records therefore carry results (absolute expiry
 * times, new counts, lease ends), never "now"-dependent instructions, so that replay is exact.
 */

export interface DocEntry {
  version: number;
  value: unknown;
  expiresAt?: number;
}

/** An outbox item as stored: the contract's item plus its current lease. */
export interface OutboxRow extends OutboxItem {
  leaseUntil?: number;
  worker?: string;
}

export interface AuditRow {
  seq: number;
  entry: AuditEntry;
}

/** One document change inside a commit: `version: 0` deletes. */
export interface DocChange {
  collection: string;
  id: string;
  version: number;
  value?: unknown;
  expiresAt?: number;
}

export type JournalRecord =
  | { op: 'commit'; docs: DocChange[]; outbox: OutboxRow[]; audit: AuditRow[] }
  | { op: 'outbox.lease'; items: { id: string; until: number; worker: string }[] }
  | { op: 'outbox.done'; id: string; forgetAt: number }
  | { op: 'outbox.retry'; id: string; at: number; error: string }
  | { op: 'outbox.dead'; id: string; error: string }
  | { op: 'outbox.requeue'; id: string; at: number }
  | { op: 'audit.erase'; seqs: number[] }
  | { op: 'once'; key: string; expiresAt: number }
  | { op: 'hit'; key: string; count: number; expiresAt: number }
  | { op: 'lease'; key: string; holder: string; expiresAt: number }
  | { op: 'version'; topic: string; version: number };

/** The serialised form of the state (snapshot file body, without its header). */
export interface StateImage {
  docs: [collection: string, id: string, entry: DocEntry][];
  outbox: OutboxRow[];
  delivered: [id: string, forgetAt: number][];
  audit: AuditRow[];
  once: [key: string, expiresAt: number][];
  counters: [key: string, count: number, expiresAt: number][];
  leases: [key: string, holder: string, expiresAt: number][];
  versions: [topic: string, version: number][];
  outboxSeq: number;
  auditSeq: number;
}

const alive = (expiresAt: number | undefined, now: number): boolean => expiresAt === undefined || expiresAt > now;

export class EmbeddedState {
  readonly docs = new Map<string, Map<string, DocEntry>>();
  /** Insertion order is seq order: rows are only ever added with a growing seq. */
  readonly outbox = new Map<string, OutboxRow>();
  /** Delivered outbox ids, remembered so that a late duplicate enqueue is ignored. */
  readonly delivered = new Map<string, number>();
  audit: AuditRow[] = [];
  readonly once = new Map<string, number>();
  readonly counters = new Map<string, { count: number; expiresAt: number }>();
  readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  readonly versions = new Map<string, number>();
  outboxSeq = 0;
  auditSeq = 0;

  /** The document if it exists and has not expired. */
  liveDoc(collection: string, id: string, now: number): DocEntry | undefined {
    const entry = this.docs.get(collection)?.get(id);
    return entry && alive(entry.expiresAt, now) ? entry : undefined;
  }

  isLive(expiresAt: number | undefined, now: number): boolean {
    return alive(expiresAt, now);
  }

  apply(record: JournalRecord): void {
    switch (record.op) {
      case 'commit':
        for (const change of record.docs) this.applyDocChange(change);
        for (const row of record.outbox) {
          this.outbox.set(row.id, row);
          this.outboxSeq = Math.max(this.outboxSeq, row.seq);
        }
        for (const row of record.audit) {
          this.audit.push(row);
          this.auditSeq = Math.max(this.auditSeq, row.seq);
        }
        return;
      case 'outbox.lease':
        for (const lease of record.items) {
          const row = this.outbox.get(lease.id);
          if (!row) continue;
          row.attempts += 1;
          row.leaseUntil = lease.until;
          row.worker = lease.worker;
        }
        return;
      case 'outbox.done':
        this.outbox.delete(record.id);
        this.delivered.set(record.id, record.forgetAt);
        return;
      case 'outbox.retry':
        this.updateRow(record.id, (row) => {
          row.nextAttemptAt = record.at;
          row.lastError = record.error;
        });
        return;
      case 'outbox.dead':
        this.updateRow(record.id, (row) => {
          row.status = 'dead';
          row.lastError = record.error;
        });
        return;
      case 'outbox.requeue':
        this.updateRow(record.id, (row) => {
          row.status = 'pending';
          row.attempts = 0;
          row.nextAttemptAt = record.at;
        });
        return;
      case 'audit.erase': {
        const erased = new Set(record.seqs);
        this.audit = this.audit.filter((row) => !erased.has(row.seq));
        return;
      }
      case 'once':
        this.once.set(record.key, record.expiresAt);
        return;
      case 'hit':
        this.counters.set(record.key, { count: record.count, expiresAt: record.expiresAt });
        return;
      case 'lease':
        this.leases.set(record.key, { holder: record.holder, expiresAt: record.expiresAt });
        return;
      case 'version':
        this.versions.set(record.topic, record.version);
        return;
    }
  }

  /** Drops everything expired (compaction); expired entries are already invisible to readers. */
  purgeExpired(now: number): void {
    for (const [collection, docs] of this.docs) {
      for (const [id, entry] of docs) if (!alive(entry.expiresAt, now)) docs.delete(id);
      if (docs.size === 0) this.docs.delete(collection);
    }
    for (const [id, forgetAt] of this.delivered) if (forgetAt <= now) this.delivered.delete(id);
    for (const [key, expiresAt] of this.once) if (expiresAt <= now) this.once.delete(key);
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
  }

  toImage(): StateImage {
    const docs: StateImage['docs'] = [];
    for (const [collection, entries] of this.docs) {
      for (const [id, entry] of entries) docs.push([collection, id, entry]);
    }
    return {
      docs,
      outbox: [...this.outbox.values()],
      delivered: [...this.delivered],
      audit: this.audit,
      once: [...this.once],
      counters: [...this.counters].map(([key, c]) => [key, c.count, c.expiresAt]),
      leases: [...this.leases].map(([key, l]) => [key, l.holder, l.expiresAt]),
      versions: [...this.versions],
      outboxSeq: this.outboxSeq,
      auditSeq: this.auditSeq,
    };
  }

  static fromImage(image: StateImage): EmbeddedState {
    const state = new EmbeddedState();
    for (const [collection, id, entry] of image.docs) state.applyDocChange({ collection, id, ...entry });
    for (const row of [...image.outbox].sort((a, b) => a.seq - b.seq)) state.outbox.set(row.id, row);
    for (const [id, forgetAt] of image.delivered) state.delivered.set(id, forgetAt);
    state.audit = image.audit;
    for (const [key, expiresAt] of image.once) state.once.set(key, expiresAt);
    for (const [key, count, expiresAt] of image.counters) state.counters.set(key, { count, expiresAt });
    for (const [key, holder, expiresAt] of image.leases) state.leases.set(key, { holder, expiresAt });
    for (const [topic, version] of image.versions) state.versions.set(topic, version);
    state.outboxSeq = image.outboxSeq;
    state.auditSeq = image.auditSeq;
    return state;
  }

  private applyDocChange(change: DocChange): void {
    let docs = this.docs.get(change.collection);
    if (change.version === 0) {
      docs?.delete(change.id);
      return;
    }
    if (!docs) {
      docs = new Map();
      this.docs.set(change.collection, docs);
    }
    const entry: DocEntry = { version: change.version, value: change.value };
    if (change.expiresAt !== undefined) entry.expiresAt = change.expiresAt;
    docs.set(change.id, entry);
  }

  private updateRow(id: string, change: (row: OutboxRow) => void): void {
    const row = this.outbox.get(id);
    if (!row) return;
    change(row);
    delete row.leaseUntil;
    delete row.worker;
  }
}
