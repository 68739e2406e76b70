import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ConfigError } from '../config.js';
import { type EscalationConfig, parseEscalationConfig } from '../escalation/config.js';
import {
  ESCALATION_CONFIG_DOC,
  ESCALATION_CONFIG_SUBJECT,
  ESCALATION_CONFIG_TOPIC,
  type StoredEscalationConfig,
} from '../escalation/config-import.js';
import { COLLECTIONS } from '../escalation/model.js';
import type { Store } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';

/**
 * A queue configuration file that changed while admins had edited the queues at runtime (see
 * src/escalation/config-import.ts): what admins are shown, and how they settle it.
 */

/** One difference between the runtime configuration and the file's version. */
export interface QueueConfigDifference {
  /** `queue`: one queue (`id`); `config`: a setting outside the queues (absences, referents…). */
  scope: 'queue' | 'config';
  id: string;
  /** Fields that differ; empty when the queue exists on one side only (`only`). */
  fields: string[];
  only?: 'file' | 'runtime';
}

/** What the console and the digest show about a pending conflict. */
export interface QueueConfigConflictView {
  detectedAt: string;
  runtimeEditedAt: string;
  runtimeEditedBy?: string;
  differences: QueueConfigDifference[];
}

export const QueueConflictChoice = z.enum(['file', 'keep']);
export type QueueConflictChoice = z.infer<typeof QueueConflictChoice>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changedFields(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !same(ra[k], rb[k])).sort();
}

/** What differs between the configuration in force (runtime) and the file's version. */
export function configDifferences(runtime: EscalationConfig, file: EscalationConfig): QueueConfigDifference[] {
  const differences: QueueConfigDifference[] = [];
  const runtimeQueues = new Map(runtime.queues.map((q) => [q.id, q]));
  const fileQueues = new Map(file.queues.map((q) => [q.id, q]));
  for (const id of new Set([...runtimeQueues.keys(), ...fileQueues.keys()])) {
    const r = runtimeQueues.get(id);
    const f = fileQueues.get(id);
    if (!r || !f) differences.push({ scope: 'queue', id, fields: [], only: r ? 'runtime' : 'file' });
    else {
      const fields = changedFields(r, f);
      if (fields.length > 0) differences.push({ scope: 'queue', id, fields });
    }
  }
  const { queues: _rq, ...runtimeRest } = runtime;
  const { queues: _fq, ...fileRest } = file;
  for (const key of changedFields(runtimeRest, fileRest)) differences.push({ scope: 'config', id: key, fields: [] });
  return differences;
}

/** The pending conflict, described for admins; null when there is none. */
export function describeQueueConflict(stored: StoredEscalationConfig | undefined): QueueConfigConflictView | null {
  const conflict = stored?.conflict;
  if (!stored || !conflict) return null;
  return {
    detectedAt: conflict.detectedAt,
    runtimeEditedAt: conflict.runtimeEditedAt,
    ...(conflict.runtimeEditedBy ? { runtimeEditedBy: conflict.runtimeEditedBy } : {}),
    differences: configDifferences(stored.config, conflict.file),
  };
}

/** Reads the stored configuration document (null before the first import). */
export async function storedQueueConfig(store: Store) {
  return store.get<StoredEscalationConfig>(COLLECTIONS.config, ESCALATION_CONFIG_DOC);
}

/**
 * The same validation as the YAML file (schema, known queues, backup cycles), for a runtime edit or
 * the file's version stored at start-up; a refusal is an admin error listing what is wrong.
 */
export function validateQueueConfig(raw: unknown, source: string): EscalationConfig {
  try {
    return parseEscalationConfig(raw, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const details = error.message.split('\n').slice(1).map((l) => l.replace(/^- /, ''));
    throw new AdminError(AdminErrorCode.InvalidInput, 'queue configuration does not validate', details);
  }
}

/**
 * Settles the conflict. `file`: the file's version replaces the runtime configuration (every
 * instance reloads it). `keep`: the runtime configuration stays and the file's content counts as
 * imported (a later change of the file is imported again, or flagged again after new runtime edits).
 * Audited; refused with `no_conflict` when there is none (another admin settled it meanwhile).
 */
export async function resolveQueueConflict(
  store: Store,
  clock: Clock,
  actor: string,
  choice: QueueConflictChoice,
): Promise<EscalationConfig> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const doc = await storedQueueConfig(store);
    const conflict = doc?.value.conflict;
    if (!doc || !conflict) throw new AdminError(AdminErrorCode.NoConflict, 'no queue configuration conflict');
    const at = clock.now().toISOString();
    const { conflict: _settled, ...kept } = doc.value;
    const value: StoredEscalationConfig =
      choice === 'file'
        ? { config: validateQueueConfig(conflict.file, 'file version'), fileHash: conflict.fileHash, importedAt: at }
        : { ...kept, fileHash: conflict.fileHash, importedAt: at };
    const result = await store.commit({
      writes: [{ collection: COLLECTIONS.config, id: ESCALATION_CONFIG_DOC, expectedVersion: doc.version, value }],
      audit: [
        {
          at,
          actor,
          action: choice === 'file' ? 'escalation.config.conflict_file' : 'escalation.config.conflict_keep',
          subject: ESCALATION_CONFIG_SUBJECT,
          from: doc.value.fileHash,
          to: conflict.fileHash,
        },
      ],
    });
    if (result.ok) {
      if (choice === 'file') await store.bumpVersion(ESCALATION_CONFIG_TOPIC);
      return value.config;
    }
  }
  throw new AdminError(AdminErrorCode.Busy, 'escalation configuration kept changing');
}
