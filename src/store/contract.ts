/**
 * The one storage contract of Relais. Everything the product keeps goes through it, and it has two
 * backends: the embedded one (in-process, journaled to a local data folder) and Redis. The same
 * contract test suite runs against both (tests/store/contract.test.ts).
 *
 * Shape:
 * - documents in named collections, each with a version number; `commit` writes several documents,
 *   appends outbox items and audit entries in ONE atomic step, after checking expected versions
 *   (optimistic concurrency). Every check-then-set of the product (claim, release, transfer,
 *   resolve, publish) is a `commit` with `expectedVersion`: concurrent claims → exactly one wins.
 * - an outbox of notifications delivered at least once, in order per `orderingKey`.
 * - de-duplication keys, windowed counters (rate limits), leases for scheduled jobs,
 *   and a change notification (pub/sub plus a version counter that instances poll).
 *
 * Time: TTLs and leases use the backend's own wall clock (Redis server time, or the process clock
 * for the embedded backend). Domain time (deadlines, validity) is the services' injected Clock and
 * is stored inside documents.
 */

export interface StoredDoc<T = unknown> {
  /** Any non-empty string (`escalations`, `conversations`…). */
  collection: string;
  id: string;
  /** Starts at 1 on creation, +1 on every write. */
  version: number;
  value: T;
}

export interface DocWrite {
  collection: string;
  id: string;
  /**
   * - a number: the document must currently have exactly this version;
   * - `0`: the document must not exist;
   * - undefined: unconditional write.
   */
  expectedVersion?: number;
  /** New value; `null` deletes the document. */
  value: unknown | null;
  /**
   * Optional time to live (positive integer, ms); the document disappears after it (e.g. conversation
   * state): invisible to `get`/`list`, absent for `expectedVersion: 0`. Every write sets the expiry
   * anew: a write without `ttlMs` makes the document permanent.
   */
  ttlMs?: number;
}

export interface NewOutboxItem {
  /**
   * Idempotency id; a second enqueue with the same id is ignored while the item exists (pending or
   * dead) and for 24 h after it was delivered.
   */
  id: string;
  /** Items with the same ordering key are delivered one at a time, in enqueue order. */
  orderingKey: string;
  /** Channel that delivers it (`web`, `slack`, `teams`, or `internal`). */
  channel: string;
  payload: unknown;
  /** Epoch ms before which it must not be delivered (default: now). */
  notBefore?: number;
}

export interface OutboxItem extends NewOutboxItem {
  /** Enqueue order, increasing across the whole store. */
  seq: number;
  /** How many times the item was handed out by `claimOutbox`, this hand-out included. */
  attempts: number;
  /** Epoch ms (backend clock) from which it may be handed out. */
  nextAttemptAt: number;
  createdAt: number;
  lastError?: string;
  status: 'pending' | 'dead';
}

export interface AuditEntry {
  /** ISO timestamp from the service's clock. */
  at: string;
  /** Who did it: a user key (`slack:U1`), `system`, `scheduler`, `file-import`… */
  actor: string;
  /** What was done: `escalation.claim`, `answer.publish`… */
  action: string;
  /** What it was done to: `escalation:abc`, `answer:tlc_tarifs`. */
  subject: string;
  from?: string;
  to?: string;
  details?: Record<string, unknown>;
}

export interface Transaction {
  /** At most one write per document. */
  writes: DocWrite[];
  outbox?: NewOutboxItem[];
  audit?: AuditEntry[];
}

/** `versions[i]` is the new version of `writes[i]` (0 for a deletion). */
export type CommitResult =
  | { ok: true; versions: number[] }
  | { ok: false; conflict: { collection: string; id: string; expectedVersion: number; actualVersion: number } };

export interface Store {
  readonly kind: 'embedded' | 'redis';

  get<T = unknown>(collection: string, id: string): Promise<StoredDoc<T> | null>;
  /** All live documents of a collection (optionally those whose id starts with `prefix`), by id. */
  list<T = unknown>(collection: string, options?: { prefix?: string }): Promise<StoredDoc<T>[]>;
  /** Atomic: all writes, outbox items and audit entries, or nothing (on a version conflict). */
  commit(tx: Transaction): Promise<CommitResult>;

  /**
   * Lease up to `limit` due outbox items to `worker` for `leaseMs`: only the oldest pending item of
   * each ordering key is eligible, and an item already leased to a live worker is not handed out.
   * Dead items do not block their ordering key. Each hand-out adds one to `attempts`. An item whose
   * lease ran out (its worker died) is handed out again.
   */
  claimOutbox(options: { limit: number; leaseMs: number; worker: string }): Promise<OutboxItem[]>;
  /** Delivered: removes the item. Unknown ids are ignored (as in the three calls below). */
  completeOutbox(id: string): Promise<void>;
  /** Transient failure: try again at `nextAttemptAt` (epoch ms). */
  retryOutbox(id: string, nextAttemptAt: number, error: string): Promise<void>;
  /** Permanent failure: set aside, listed for admins, never retried (until `requeueDead`). */
  deadLetterOutbox(id: string, error: string): Promise<void>;
  listOutbox(filter?: { status?: 'pending' | 'dead' }): Promise<OutboxItem[]>;
  /** Dead → pending, due now, `attempts` back to 0. False when `id` is not a dead item. */
  requeueDead(id: string): Promise<boolean>;

  /** Oldest first; with `limit`, the most recent `limit` entries (still oldest first). */
  listAudit(filter?: { subject?: string; limit?: number }): Promise<AuditEntry[]>;
  /** Removes audit entries whose subject or actor matches (RGPD erasure). Returns the count. */
  eraseAudit(match: { subject?: string; actor?: string }): Promise<number>;

  /** True the first time `key` is seen within `ttlMs`, false after (de-duplication). */
  once(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Adds one hit to a fixed window counter and returns the count in the current window (the window
   * opens at the first hit and lasts `windowMs`).
   */
  hit(key: string, windowMs: number): Promise<number>;

  /**
   * Takes the lease `key` for `holder` if nobody else holds it. Re-acquiring by the same holder
   * extends it. A lease is never released early: it expires by itself.
   */
  acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean>;

  /** Increments the version counter of `topic` and publishes the new value. */
  bumpVersion(topic: string): Promise<number>;
  getVersion(topic: string): Promise<number>;
  /** Called with each published version (may miss some during reconnects: poll getVersion too). */
  subscribe(topic: string, listener: (version: number) => void): Promise<() => Promise<void>>;

  /**
   * Makes deletions final on disk (RGPD erasure, retention): a backend that keeps a history of
   * writes rewrites it so that deleted or expired documents can no longer be read from its files.
   * Embedded: a compaction (new snapshot, empty journal). Redis: an append-only-file rewrite when
   * AOF is on (RDB snapshots and backups are the operator's, see README).
   */
  purgeHistory(): Promise<void>;
  /** Throws when the backend is unreachable (used by /readyz). */
  ping(): Promise<void>;
  /** Flushes and releases everything (files, locks, connections). */
  close(): Promise<void>;
}

/**
 * Raised by a backend that cannot serve (Redis down or misconfigured, data folder locked, store
 * closed…). A write that fails this way may or may not have been applied (the reply was lost):
 * retry it with its `expectedVersion` and idempotent outbox ids.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  override readonly name = 'StoreUnavailableError';
}

/** Raised for a call the contract does not allow (two writes to one document in a transaction…). */
export class StoreUsageError extends Error {
  readonly code = 'STORE_USAGE';
  override readonly name = 'StoreUsageError';
}
