import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { EscalationConfig } from '../escalation/config.js';
import {
  ESCALATION_CONFIG_DOC as CONFIG_DOC,
  ESCALATION_CONFIG_TOPIC as CONFIG_TOPIC,
  type StoredEscalationConfig as StoredConfig,
} from '../escalation/config-import.js';
import { COLLECTIONS } from '../escalation/model.js';
import type { Store } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';
import {
  describeQueueConflict,
  type QueueConfigConflictView,
  type QueueConflictChoice,
  resolveQueueConflict,
  storedQueueConfig,
  validateQueueConfig,
} from './queue-conflict.js';

/**
 * Runtime edits of the escalation configuration (members, hours, absences, referents,
 * supervisors, where the digests go). The escalation services already read the configuration from the store
 * (`storedDirectory`, re-read when the `escalation-config` counter moves), so an edit is the same
 * document rewritten, validated by the same zod schema as the YAML file, audited, and announced on
 * the same topic. The document keeps the hash of the file last imported and the time of the last
 * runtime edit: a restart with an unchanged file keeps the runtime edits, and a changed file does
 * not overwrite newer runtime edits (a conflict is flagged; `resolveConflict` settles it).
 */

/** Everyone `config` names as staff (members, supervisors, admins), and its people. */
function namedIdentities(config: EscalationConfig): Set<string> {
  return new Set([
    ...Object.keys(config.people),
    ...config.queues.flatMap((q) => [...q.members, ...q.supervisors]),
    ...config.admins,
  ]);
}

/** An identity a queue edit names that the configuration does not know, and where. */
export interface UnknownPerson {
  identity: string;
  /** `queues.<id>.members.<i>`, `queues.<id>.supervisors.<i>` or `absences.<i>.delegate`. */
  path: string;
}

/**
 * Identities an edit names (queue members and supervisors, absent delegates) that neither the
 * configuration before the edit named as staff, nor the people after it list: a mistyped
 * `web:clarie` is refused instead of silently taking Claire's place. A configuration file may name
 * Slack or Teams members without a `people` entry; they stay known.
 */
export function unknownPeople(before: EscalationConfig, after: EscalationConfig): UnknownPerson[] {
  const known = namedIdentities(before);
  for (const identity of Object.keys(after.people)) known.add(identity);
  const named: UnknownPerson[] = [
    ...after.queues.flatMap((q) => [
      ...q.members.map((identity, i) => ({ identity, path: `queues.${q.id}.members.${i}` })),
      ...q.supervisors.map((identity, i) => ({ identity, path: `queues.${q.id}.supervisors.${i}` })),
    ]),
    ...after.absences.map((a, i) => ({ identity: a.delegate, path: `absences.${i}.delegate` })),
  ];
  return named.filter((n) => !known.has(n.identity));
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

/**
 * The editable parts of the configuration besides queues; `reports: null` removes the section
 * (digests back to a private copy for each admin).
 */
export const DirectoryPatch = z
  .object({
    absences: z.unknown(),
    referents: z.unknown(),
    reports: z.unknown(),
    /**
     * People to add or update (identity → name, role…), or to remove (identity → null); the others
     * stay. Someone new must be added here before a queue names them.
     */
    people: z.record(z.string(), z.unknown().nullable()),
  })
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

  /** The pending conflict between the runtime configuration and a changed file, if any. */
  async conflict(): Promise<QueueConfigConflictView | null> {
    return describeQueueConflict((await storedQueueConfig(this.store))?.value);
  }

  /** Settles the conflict: the file's version (`file`) or the runtime one (`keep`). */
  async resolveConflict(actor: string, choice: QueueConflictChoice): Promise<EscalationConfig> {
    return resolveQueueConflict(this.store, this.clock, actor, choice);
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

  /** Replaces the absences, the referents and/or where the digests go. */
  async updateDirectory(actor: string, patch: DirectoryPatch): Promise<EscalationConfig> {
    return this.edit(actor, 'config:escalation', 'queue.directory', (config) => {
      const { reports, people, ...rest } = patch;
      const next: Record<string, unknown> = { ...config, ...rest };
      if (reports === null) delete next.reports;
      else if (reports !== undefined) next.reports = reports;
      if (people !== undefined) {
        const merged: Record<string, unknown> = { ...config.people };
        for (const [identity, person] of Object.entries(people)) {
          if (person === null) delete merged[identity];
          else merged[identity] = person;
        }
        next.people = merged;
      }
      return next;
    });
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
      const config = validateQueueConfig(apply(doc.value.config), 'runtime edit');
      const unknown = unknownPeople(doc.value.config, config);
      if (unknown.length > 0) {
        const ids = [...new Set(unknown.map((u) => u.identity))].join(', ');
        const details = unknown.map((u) => `${u.path}: unknown person "${u.identity}"`);
        throw new AdminError(AdminErrorCode.UnknownPerson, `unknown people: ${ids}`, details, { ids });
      }
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
