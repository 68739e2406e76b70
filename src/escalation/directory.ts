import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../store/contract.js';
import type { EscalationConfig } from './config.js';
import { COLLECTIONS } from './model.js';

/**
 * The escalation configuration as the services see it: a document of the store, so that every
 * instance reads the same value and the admin layer can later edit it at runtime. The YAML file is
 * imported at start-up when its content changed since the last import.
 */
export interface EscalationDirectory {
  current(): Promise<EscalationConfig>;
}

const DOC_ID = 'escalation';
const VERSION_TOPIC = 'escalation-config';

interface StoredConfig {
  config: EscalationConfig;
  /** Hash of the file content last imported. */
  fileHash: string;
  importedAt: string;
}

/** Content hash of a configuration (stable for an unchanged file). */
export function configHash(config: EscalationConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

/**
 * Imports `config` into the store when it differs from the last import (audited). Returns true when
 * it wrote. Concurrent start-ups converge: one write wins, the others see the same hash.
 */
export async function importEscalationConfig(
  store: Store,
  config: EscalationConfig,
  options: { clock: Clock; actor?: string },
): Promise<boolean> {
  const hash = configHash(config);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await store.get<StoredConfig>(COLLECTIONS.config, DOC_ID);
    if (existing?.value.fileHash === hash) return false;
    const at = options.clock.now().toISOString();
    const result = await store.commit({
      writes: [
        {
          collection: COLLECTIONS.config,
          id: DOC_ID,
          expectedVersion: existing?.version ?? 0,
          value: { config, fileHash: hash, importedAt: at } satisfies StoredConfig,
        },
      ],
      audit: [
        {
          at,
          actor: options.actor ?? 'file-import',
          action: 'escalation.config.import',
          subject: 'config:escalation',
          ...(existing ? { from: existing.value.fileHash } : {}),
          to: hash,
        },
      ],
    });
    if (result.ok) {
      await store.bumpVersion(VERSION_TOPIC);
      return true;
    }
  }
  return false;
}

/**
 * Reads the configuration from the store, re-reading it only when its version counter moved.
 * `fallback` serves until the first import (tests, or a store that was just created).
 */
export function storedDirectory(store: Store, fallback?: EscalationConfig): EscalationDirectory {
  let cached: { version: number; config: EscalationConfig } | undefined;
  return {
    async current() {
      const version = await store.getVersion(VERSION_TOPIC);
      if (cached && cached.version === version) return cached.config;
      const doc = await store.get<StoredConfig>(COLLECTIONS.config, DOC_ID);
      const config = doc?.value.config ?? fallback;
      if (!config) throw new Error('escalation configuration not imported into the store');
      cached = { version, config };
      return config;
    },
  };
}

/** A fixed configuration (unit tests). */
export function staticDirectory(config: EscalationConfig): EscalationDirectory {
  return { current: async () => config };
}
