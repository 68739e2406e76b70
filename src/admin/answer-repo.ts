import type { AuditEntry, DocWrite, NewOutboxItem, Store } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';
import {
  ADMIN_COLLECTIONS,
  ADMIN_TOPICS,
  AnswerHead,
  AnswerVersion,
  versionDocId,
} from './model.js';

/** A head as read, with the store version to expect when writing it back. */
export interface LoadedHead {
  head: AnswerHead;
  /** 0 when the head does not exist yet. */
  storeVersion: number;
}

/** What one attempt of a change wants written (null: nothing to do). */
export interface HeadChange<R> {
  head: AnswerHead;
  versions?: AnswerVersion[];
  audit?: AuditEntry[];
  outbox?: NewOutboxItem[];
  extraWrites?: DocWrite[];
  result: R;
}

const MAX_ATTEMPTS = 8;

/** Reads and writes answer heads and versions; every write is a commit with expected versions. */
export class AnswerRepository {
  constructor(private readonly store: Store) {}

  async head(intentId: string): Promise<LoadedHead | null> {
    const doc = await this.store.get(ADMIN_COLLECTIONS.answerHeads, intentId);
    return doc ? { head: AnswerHead.parse(doc.value), storeVersion: doc.version } : null;
  }

  async heads(): Promise<AnswerHead[]> {
    const docs = await this.store.list(ADMIN_COLLECTIONS.answerHeads);
    return docs.map((doc) => AnswerHead.parse(doc.value));
  }

  async version(intentId: string, n: number): Promise<AnswerVersion | null> {
    const doc = await this.store.get(ADMIN_COLLECTIONS.answerVersions, versionDocId(intentId, n));
    return doc ? AnswerVersion.parse(doc.value) : null;
  }

  /** Every version of an intent, oldest first. */
  async versions(intentId: string): Promise<AnswerVersion[]> {
    const docs = await this.store.list(ADMIN_COLLECTIONS.answerVersions, { prefix: `${intentId}/` });
    return docs.map((doc) => AnswerVersion.parse(doc.value)).sort((a, b) => a.n - b.n);
  }

  /**
   * Runs `plan` on the current head and commits what it returns, retrying on a concurrent change.
   * `plan` returns null to write nothing (its own result is then `undefined`). Bumps the `answers`
   * topic after a write so that every instance reloads.
   */
  async change<R>(
    intentId: string,
    plan: (current: LoadedHead | null) => Promise<HeadChange<R> | null> | HeadChange<R> | null,
  ): Promise<R | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.head(intentId);
      const change = await plan(current);
      if (!change) return undefined;
      const writes: DocWrite[] = [
        {
          collection: ADMIN_COLLECTIONS.answerHeads,
          id: intentId,
          expectedVersion: current?.storeVersion ?? 0,
          value: AnswerHead.parse(change.head),
        },
        ...(change.versions ?? []).map((v) => ({
          collection: ADMIN_COLLECTIONS.answerVersions,
          id: versionDocId(intentId, v.n),
          expectedVersion: 0,
          value: AnswerVersion.parse(v),
        })),
        ...(change.extraWrites ?? []),
      ];
      const committed = await this.store.commit({
        writes,
        ...(change.audit ? { audit: change.audit } : {}),
        ...(change.outbox ? { outbox: change.outbox } : {}),
      });
      if (committed.ok) {
        await this.store.bumpVersion(ADMIN_TOPICS.answers);
        return change.result;
      }
    }
    throw new AdminError(AdminErrorCode.Busy, `answer ${intentId} kept changing under us`);
  }
}
