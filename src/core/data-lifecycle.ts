import type { Logger } from 'pino';
import type { EscalationPort } from '../model/escalation-port.js';
import { type UserRef, userKey } from '../model/message.js';
import type { DocWrite, Store } from '../store/contract.js';
import { CONVERSATION_COLLECTIONS, userPrefix } from './collections.js';
import { retentionMs } from './records.js';

/**
 * Data lifecycle of the conversation: RGPD erasure of one professional and the daily retention
 * purge. Document TTLs already expire records by the store's clock; the purge applies the same
 * retention by the service clock, so that a pinned or skewed clock cannot keep data longer.
 */

/** Deletes in batches, so that one commit never grows without bound. */
const BATCH = 200;

async function deleteAll(store: Store, collection: string, ids: string[]): Promise<number> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const writes: DocWrite[] = ids.slice(i, i + BATCH).map((id) => ({ collection, id, value: null }));
    await store.commit({ writes });
  }
  return ids.length;
}

function recordUser(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'user' in value && typeof value.user === 'string')
    return value.user;
  return undefined;
}

/** The suggestions collection is shared with escalation (delegates' proposals): purge only ours. */
const OWN_SUGGESTION_KINDS = new Set(['fallback', 'feedback_down', 'none_of_these']);

function purgeable(collection: string, value: unknown): boolean {
  if (collection !== CONVERSATION_COLLECTIONS.suggestions) return true;
  return Boolean(
    value && typeof value === 'object' && 'kind' in value && OWN_SUGGESTION_KINDS.has(String(value.kind)),
  );
}

function recordAt(value: unknown): number | undefined {
  if (value && typeof value === 'object' && 'at' in value && typeof value.at === 'string') {
    const ms = Date.parse(value.at);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export interface ErasureReport {
  /** Documents deleted, by collection. */
  deleted: Record<string, number>;
  auditEntries: number;
}

/**
 * Erases everything stored about a professional: conversation state, transcripts, feedback, the
 * suggestions made from their questions, their web inbox, reminders, audit entries they caused,
 * and (through the port) every escalation-side record — whose commit also queues, through the
 * outbox, the neutralisation of the cards and the deletion of the bot's posts that delegates were
 * shown on Slack and Teams (src/escalation/erasure.ts).
 */
export async function eraseUserData(
  deps: { store: Store; escalation: EscalationPort; logger: Logger },
  user: UserRef,
): Promise<ErasureReport> {
  const key = userKey(user);
  const deleted: Record<string, number> = {};
  for (const collection of Object.values(CONVERSATION_COLLECTIONS)) {
    // By id prefix, and by the `user` field for records another part filed under another id.
    const docs = await deps.store.list(collection);
    const ids = docs
      .filter((d) => d.id.startsWith(userPrefix(key)) || recordUser(d.value) === key)
      .map((d) => d.id);
    deleted[collection] = await deleteAll(deps.store, collection, ids);
  }
  await deps.escalation.eraseUser(user);
  const auditEntries =
    (await deps.store.eraseAudit({ actor: key })) + (await deps.store.eraseAudit({ subject: `user:${key}` }));
  deps.logger.info({ event: 'conversation.erase', deleted, auditEntries }, 'professional data erased');
  return { deleted, auditEntries };
}

/**
 * Deletes the conversation records older than the retention (by their `at`, on the service
 * clock). The scheduler calls it daily. Returns the number deleted by collection.
 */
export async function purgeExpiredRecords(
  deps: { store: Store; logger: Logger },
  now: Date,
  retentionDays: number,
): Promise<Record<string, number>> {
  const cutoff = now.getTime() - retentionMs(retentionDays);
  const deleted: Record<string, number> = {};
  for (const collection of Object.values(CONVERSATION_COLLECTIONS)) {
    const docs = await deps.store.list(collection);
    const ids = docs
      .filter((d) => {
        const at = recordAt(d.value);
        return at !== undefined && at < cutoff && purgeable(collection, d.value);
      })
      .map((d) => d.id);
    deleted[collection] = await deleteAll(deps.store, collection, ids);
  }
  deps.logger.info({ event: 'conversation.retention_purge', deleted, retentionDays }, 'retention purge done');
  return deleted;
}
