import { StoreUsageError } from '../contract.js';

/**
 * Every Redis key of Relais comes from here. All keys of one deployment start with the same hash
 * tag, `{<prefix>}:`, so that they live in one Redis Cluster slot and the multi-key Lua scripts
 * work on a cluster. Scripts that must reach keys they only discover while running (an outbox
 * item's ordering queue) receive the key prefixes below as ARGV and build the same strings.
 */

/** A collection name may contain `:`; escape it so `doc:<collection>:<id>` stays unambiguous. */
const escapeCollection = (collection: string): string => collection.replaceAll('%', '%25').replaceAll(':', '%3A');

export interface RedisKeys {
  readonly prefix: string;
  /** Hash `{v, d}`: version and JSON value; Redis expiry = document TTL. */
  doc(collection: string, id: string): string;
  /** Start of every doc key of a collection (pruning the index from a script). */
  docPrefix(collection: string): string;
  /** Sorted set (all scores 0) of the ids of a collection, for `list` by id prefix (BYLEX). */
  docIndex(collection: string): string;
  /** Sorted set id → expiry (epoch ms) of a collection's documents that have a TTL. */
  docExpiry(collection: string): string;
  outboxSeq(): string;
  /** Sorted set ordering key → when its head item becomes claimable (epoch ms). */
  outboxReady(): string;
  /** Sorted set id → seq of every outbox item, pending or dead. */
  outboxAll(): string;
  /** Hash of one outbox item. */
  outboxItem(id: string): string;
  outboxItemPrefix(): string;
  /** Sorted set id → seq of the pending items of one ordering key. */
  outboxQueue(orderingKey: string): string;
  outboxQueuePrefix(): string;
  /** String with a TTL: this id was delivered, ignore a new enqueue. */
  outboxDelivered(id: string): string;
  auditSeq(): string;
  /** Hash seq → audit entry JSON. */
  auditEntries(): string;
  /** Sorted sets of audit seqs: all, by subject, by actor. */
  auditAll(): string;
  auditBySubject(subject: string): string;
  auditByActor(actor: string): string;
  auditBySubjectPrefix(): string;
  auditByActorPrefix(): string;
  once(key: string): string;
  counter(key: string): string;
  lease(key: string): string;
  version(topic: string): string;
  /** Pub/sub channel announcing a topic's new version. */
  versionChannel(topic: string): string;
}

/** Builds the key set of one deployment. `prefix` is the hash tag content, e.g. `relais`. */
export function redisKeys(prefix: string): RedisKeys {
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) {
    throw new StoreUsageError(`REDIS_PREFIX must be letters, digits, '_', '.' or '-', got '${prefix}'`);
  }
  const p = `{${prefix}}:`;
  return {
    prefix: p,
    doc: (collection, id) => `${p}doc:${escapeCollection(collection)}:${id}`,
    docPrefix: (collection) => `${p}doc:${escapeCollection(collection)}:`,
    docIndex: (collection) => `${p}docs:${escapeCollection(collection)}`,
    docExpiry: (collection) => `${p}ttl:${escapeCollection(collection)}`,
    outboxSeq: () => `${p}outbox:seq`,
    outboxReady: () => `${p}outbox:ready`,
    outboxAll: () => `${p}outbox:all`,
    outboxItem: (id) => `${p}outbox:item:${id}`,
    outboxItemPrefix: () => `${p}outbox:item:`,
    outboxQueue: (orderingKey) => `${p}outbox:q:${orderingKey}`,
    outboxQueuePrefix: () => `${p}outbox:q:`,
    outboxDelivered: (id) => `${p}outbox:done:${id}`,
    auditSeq: () => `${p}audit:seq`,
    auditEntries: () => `${p}audit:entries`,
    auditAll: () => `${p}audit:all`,
    auditBySubject: (subject) => `${p}audit:subject:${subject}`,
    auditByActor: (actor) => `${p}audit:actor:${actor}`,
    auditBySubjectPrefix: () => `${p}audit:subject:`,
    auditByActorPrefix: () => `${p}audit:actor:`,
    once: (key) => `${p}once:${key}`,
    counter: (key) => `${p}hit:${key}`,
    lease: (key) => `${p}lease:${key}`,
    version: (topic) => `${p}version:${topic}`,
    versionChannel: (topic) => `${p}changed:${topic}`,
  };
}
