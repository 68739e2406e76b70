import type { Clock } from '../clock.js';
import type { EscalationDirectory } from '../escalation/directory.js';
import type { Logger } from '../observability.js';
import type { Store } from '../store/contract.js';

/**
 * Who may run an admin command. Roles are declared per command (errbot style: `role: 'admin'` in the
 * command's definition), never checked ad hoc in a handler; the one gate below resolves them. Admins
 * are the identities listed under `admins` in the configuration (read through the stored directory,
 * so a change of the file reaches every instance). A refusal is logged and audited.
 */
export type AdminRole = 'admin';

export interface AccessDeps {
  directory: EscalationDirectory;
  store: Store;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
}

export class AdminAccess {
  constructor(private readonly deps: AccessDeps) {}

  /** True when `actor` (`web:alex`, `slack:U1`) holds `role`. */
  async holds(actor: string, role: AdminRole): Promise<boolean> {
    if (role !== 'admin') return false;
    const config = await this.deps.directory.current();
    return config.admins.includes(actor);
  }

  /** Logs and audits a refused command (the command's name, never its input). */
  async refuse(actor: string, command: string, role: AdminRole): Promise<void> {
    this.deps.logger.warn({ actor, command, role }, 'admin command refused');
    await this.deps.store.commit({
      writes: [],
      audit: [
        { at: this.deps.clock.now().toISOString(), actor, action: 'admin.refused', subject: `command:${command}`, details: { role } },
      ],
    });
  }
}
