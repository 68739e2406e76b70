import { StoreUsageError, type Transaction } from './contract.js';

/** How long a delivered outbox id keeps being ignored by a new enqueue (contract: 24 h). */
export const DELIVERED_ID_MEMORY_MS = 24 * 60 * 60 * 1000;

function checkDuration(what: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new StoreUsageError(`${what} must be a positive integer number of milliseconds, got ${ms}`);
  }
}

function checkName(what: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new StoreUsageError(`${what} must be a non-empty string`);
  }
}

/**
 * Rejects a transaction the contract does not allow, before any backend touches it, so that both
 * backends fail the same way: two writes to one document, a bad expected version or TTL, an empty
 * collection, id or ordering key.
 */
export function validateTransaction(tx: Transaction): void {
  const seen = new Set<string>();
  for (const write of tx.writes) {
    checkName('collection', write.collection);
    checkName('document id', write.id);
    const key = `${write.collection}\u0000${write.id}`;
    if (seen.has(key)) {
      throw new StoreUsageError(`two writes to ${write.collection}/${write.id} in one transaction`);
    }
    seen.add(key);
    if (write.expectedVersion !== undefined) {
      if (!Number.isSafeInteger(write.expectedVersion) || write.expectedVersion < 0) {
        throw new StoreUsageError(`expectedVersion must be an integer >= 0, got ${write.expectedVersion}`);
      }
    }
    if (write.ttlMs !== undefined) checkDuration('ttlMs', write.ttlMs);
    if (write.value === undefined) {
      throw new StoreUsageError(`value of ${write.collection}/${write.id} is undefined (use null to delete)`);
    }
  }
  for (const item of tx.outbox ?? []) {
    checkName('outbox id', item.id);
    checkName('outbox orderingKey', item.orderingKey);
    checkName('outbox channel', item.channel);
  }
  for (const entry of tx.audit ?? []) {
    checkName('audit subject', entry.subject);
    checkName('audit actor', entry.actor);
  }
}

/** Checks a duration argument (TTL, window, lease) shared by both backends. */
export function validateDuration(what: string, ms: number): void {
  checkDuration(what, ms);
}

/** Checks a key argument (once, hit, lease, topic) shared by both backends. */
export function validateKey(what: string, key: string): void {
  checkName(what, key);
}
