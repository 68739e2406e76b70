import { z } from 'zod';
import type { Clock } from '../clock.js';
import { ConfigError } from '../config.js';
import { type EscalationConfig, parseEscalationConfig } from '../escalation/config.js';
import { COLLECTIONS } from '../escalation/model.js';
import type { Store } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';

/**
 * Runtime edits of the escalation configuration (members, hours, absences, referents,
 * supervisors). The escalation services already read the configuration from the store
 * (`storedDirectory`, re-read when the `escalation-config` counter moves), so an edit is the same
 * document rewritten, validated by the same zod schema as the YAML file, audited, and announced on
 * the same topic. The document keeps the hash of the file last imported: a restart with an unchanged
 * file keeps the runtime edits.
 */

/** Must match src/escalation/directory.ts (document id and topic of the stored configuration). */
const CONFIG_DOC = 'escalation';
const CONFIG_TOPIC = 'escalation-config';

interface StoredConfig {
  config: EscalationConfig;
  fileHash: string;
  importedAt: string;
  editedAt?: string;
  editedBy?: string;
}

/** What an admin may change on a queue (each field replaces the current value). */
export const QueuePatch = z
  .object({
    name: z.unknown(),
    members: z.unknown(),
    hours: z.unknown(),
    calendar: z.unknown(),
    deadlineHours: z.unknown(),
    backup: z.unknown(),
    supervisors: z.unknown(),
  })
  .partial()
  .strict();
export type QueuePatch = z.infer<typeof QueuePatch>;

/** The editable parts of the configuration besides queues. */
export const DirectoryPatch = z
  .object({ absences: z.unknown(), referents: z.unknown() })
  .partial()
  .strict();
export type DirectoryPatch = z.infer<typeof DirectoryPatch>;

export class QueueEditor {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<EscalationConfig> {
    const doc = await this.store.get<StoredConfig>(COLLECTIONS.config, CONFIG_DOC);
    if (!doc) throw new AdminError(AdminErrorCode.UnknownQueue, 'escalation configuration not imported yet');
    return doc.value.config;
  }

  /** Replaces fields of one queue; `backup: null` removes the backup queue. */
  async updateQueue(actor: string, queueId: string, patch: QueuePatch): Promise<EscalationConfig> {
    return this.edit(actor, `queue:${queueId}`, 'queue.update', (config) => {
      const queue = config.queues.find((q) => q.id === queueId);
      if (!queue) throw new AdminError(AdminErrorCode.UnknownQueue, `unknown queue "${queueId}"`);
      const { backup, ...rest } = patch;
      const next: Record<string, unknown> = { ...queue, ...rest };
      if (backup === null) delete next.backup;
      else if (backup !== undefined) next.backup = backup;
      return { ...config, queues: config.queues.map((q) => (q.id === queueId ? next : q)) };
    });
  }

  /** Replaces the absences and/or the referents. */
  async updateDirectory(actor: string, patch: DirectoryPatch): Promise<EscalationConfig> {
    return this.edit(actor, 'config:escalation', 'queue.directory', (config) => ({ ...config, ...patch }));
  }

  private async edit(
    actor: string,
    subject: string,
    action: string,
    apply: (config: EscalationConfig) => Record<string, unknown>,
  ): Promise<EscalationConfig> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const doc = await this.store.get<StoredConfig>(COLLECTIONS.config, CONFIG_DOC);
      if (!doc) throw new AdminError(AdminErrorCode.UnknownQueue, 'escalation configuration not imported yet');
      const config = validate(apply(doc.value.config));
      const at = this.clock.now().toISOString();
      const result = await this.store.commit({
        writes: [
          {
            collection: COLLECTIONS.config,
            id: CONFIG_DOC,
            expectedVersion: doc.version,
            value: { ...doc.value, config, editedAt: at, editedBy: actor } satisfies StoredConfig,
          },
        ],
        audit: [{ at, actor, action, subject }],
      });
      if (result.ok) {
        await this.store.bumpVersion(CONFIG_TOPIC);
        return config;
      }
    }
    throw new AdminError(AdminErrorCode.Busy, 'escalation configuration kept changing');
  }
}

/** The same validation as the YAML file (schema, known queues, backup cycles). */
function validate(raw: Record<string, unknown>): EscalationConfig {
  try {
    return parseEscalationConfig(raw, 'runtime edit');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const details = error.message.split('\n').slice(1).map((l) => l.replace(/^- /, ''));
    throw new AdminError(AdminErrorCode.InvalidInput, 'queue configuration does not validate', details);
  }
}
