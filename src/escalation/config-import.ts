import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../store/contract.js';
import type { EscalationConfig } from './config.js';
import { COLLECTIONS } from './model.js';

/**
 * The escalation configuration's document in the store, and its start-up import from the YAML file
 * (`RELAIS_CONFIG`). The file stays the reviewed source, but admins also edit queues at runtime
 * (src/admin/queues.ts): like the curated answer files, a changed file is imported unless an admin
 * edited the configuration since the file's previous import; then the runtime version stays in
 * force and a conflict (with the file's version) is flagged for admins to settle.
 */

/** Document id (collection `config`) and change topic of the stored configuration. */
export const ESCALATION_CONFIG_DOC = 'escalation';
export const ESCALATION_CONFIG_TOPIC = 'escalation-config';
export const ESCALATION_CONFIG_SUBJECT = 'config:escalation';

/** A changed file that was not imported because of a newer runtime edit. */
export interface EscalationConfigConflict {
  /** Content hash of the file's version. */
  fileHash: string;
  /** The file's version, as validated at start-up. */
  file: EscalationConfig;
  detectedAt: string;
  /** The runtime edit that made the file lose (the latest one when the conflict was found). */
  runtimeEditedAt: string;
  runtimeEditedBy?: string;
}

export interface StoredEscalationConfig {
  /** The configuration in force. */
  config: EscalationConfig;
  /** Hash of the file content last imported (or acknowledged by an admin). */
  fileHash: string;
  importedAt: string;
  /** Last runtime edit by an admin. */
  editedAt?: string;
  editedBy?: string;
  conflict?: EscalationConfigConflict;
}

export type EscalationConfigImport = 'imported' | 'unchanged' | 'conflict';

/** Content hash of a configuration (stable for an unchanged file). */
export function configHash(config: EscalationConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/** An admin edited the configuration at runtime after the file's last import. */
export function editedSinceImport(stored: StoredEscalationConfig): boolean {
  return stored.editedAt !== undefined && stored.editedAt > stored.importedAt;
}

/**
 * Imports the file's configuration at start-up (audited):
 * - first start, or a file that changed with no runtime edit since its previous import: imported;
 * - a file that changed while a runtime edit is newer than that import: nothing overwritten, the
 *   file's version kept on a conflict (once per file content);
 * - an unchanged file: nothing, and a pending conflict about a file content that is no longer the
 *   file's (the file went back) is dropped.
 * Concurrent start-ups converge: each write expects the version it read.
 */
export async function importEscalationConfigFile(
  store: Store,
  config: EscalationConfig,
  options: { clock: Clock; actor?: string },
): Promise<EscalationConfigImport> {
  const hash = configHash(config);
  const actor = options.actor ?? 'file-import';
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await store.get<StoredEscalationConfig>(COLLECTIONS.config, ESCALATION_CONFIG_DOC);
    const stored = existing?.value;
    if (stored?.conflict?.fileHash === hash) return 'conflict';
    if (stored?.fileHash === hash && !stored.conflict) return 'unchanged';
    const at = options.clock.now().toISOString();
    let value: StoredEscalationConfig;
    let action: string;
    let outcome: EscalationConfigImport;
    if (stored && stored.fileHash === hash) {
      const { conflict: _dropped, ...rest } = stored;
      value = rest;
      action = 'escalation.config.conflict_dropped';
      outcome = 'unchanged';
    } else if (stored && editedSinceImport(stored)) {
      value = {
        ...stored,
        conflict: {
          fileHash: hash,
          file: config,
          detectedAt: at,
          runtimeEditedAt: stored.editedAt!,
          ...(stored.editedBy ? { runtimeEditedBy: stored.editedBy } : {}),
        },
      };
      action = 'escalation.config.conflict';
      outcome = 'conflict';
    } else {
      value = { config, fileHash: hash, importedAt: at };
      action = 'escalation.config.import';
      outcome = 'imported';
    }
    const result = await store.commit({
      writes: [
        {
          collection: COLLECTIONS.config,
          id: ESCALATION_CONFIG_DOC,
          expectedVersion: existing?.version ?? 0,
          value,
        },
      ],
      audit: [
        {
          at,
          actor,
          action,
          subject: ESCALATION_CONFIG_SUBJECT,
          ...(stored ? { from: stored.fileHash } : {}),
          to: hash,
        },
      ],
    });
    if (result.ok) {
      if (outcome === 'imported') await store.bumpVersion(ESCALATION_CONFIG_TOPIC);
      return outcome;
    }
  }
  return 'unchanged';
}
