import type { Clock } from '../clock.js';
import type { Store } from '../store/contract.js';
import type { EscalationConfig } from './config.js';
import {
  ESCALATION_CONFIG_DOC,
  ESCALATION_CONFIG_TOPIC,
  importEscalationConfigFile,
  type StoredEscalationConfig,
} from './config-import.js';
import { COLLECTIONS } from './model.js';

export { configHash } from './config-import.js';

/**
 * The escalation configuration as the services see it: a document of the store, so that every
 * instance reads the same value and admins edit it at runtime (src/admin/queues.ts). The YAML file is
 * imported at start-up when its content changed since the last import (src/escalation/config-import.ts).
 */
export interface EscalationDirectory {
  current(): Promise<EscalationConfig>;
}

/**
 * Imports `config` into the store when it differs from the last import (audited), unless an admin
 * edited the configuration at runtime since then: the conflict is then flagged, nothing is
 * overwritten (see `importEscalationConfigFile`). Returns true when the file's version was imported.
 */
export async function importEscalationConfig(
  store: Store,
  config: EscalationConfig,
  options: { clock: Clock; actor?: string },
): Promise<boolean> {
  return (await importEscalationConfigFile(store, config, options)) === 'imported';
}

/**
 * Reads the configuration from the store, re-reading it only when its version counter moved.
 * `fallback` serves until the first import (tests, or a store that was just created).
 */
export function storedDirectory(store: Store, fallback?: EscalationConfig): EscalationDirectory {
  let cached: { version: number; config: EscalationConfig } | undefined;
  return {
    async current() {
      const version = await store.getVersion(ESCALATION_CONFIG_TOPIC);
      if (cached && cached.version === version) return cached.config;
      const doc = await store.get<StoredEscalationConfig>(COLLECTIONS.config, ESCALATION_CONFIG_DOC);
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
