import type { DocWrite, Store } from '../store/contract.js';
import { COLLECTIONS } from './model.js';

/**
 * When each delegate last read an escalation (opened its history, replied): the board marks a card
 * whose professional wrote again since (`Escalation.followUpAt`). One small document per delegate
 * and escalation, under the escalations' retention; it holds ids and a time, nothing written by
 * the professional.
 */

interface SeenRecord {
  at: string;
}

/** The write that records `identity` reading `escalationId` at `at`. */
export function seenWrite(identity: string, escalationId: string, at: string, ttlMs: number): DocWrite {
  const value: SeenRecord = { at };
  return { collection: COLLECTIONS.seen, id: `${identity}|${escalationId}`, value, ttlMs };
}

/** Escalation id → when `identity` last read it. */
export async function seenBy(store: Store, identity: string): Promise<Map<string, string>> {
  const docs = await store.list<SeenRecord>(COLLECTIONS.seen, { prefix: `${identity}|` });
  return new Map(docs.map((d) => [d.id.slice(identity.length + 1), d.value.at]));
}
