import type { AdminAccess } from './access.js';
import {
  ADMIN_COMMANDS,
  type AdminCommandName,
  type CommandDeps,
  type CommandInput,
  type CommandOutput,
} from './commands.js';
import { AdminError, AdminErrorCode, issueLines } from './errors.js';

/**
 * The one entry of every admin interface (console, Slack, CLI): checks the role the command
 * declares, parses its input, runs it. Throws `AdminError` (coded) on refusal or bad input.
 */
export class AdminService {
  constructor(
    private readonly access: AdminAccess,
    private readonly deps: CommandDeps,
  ) {}

  /** Whether `actor` may use the admin views at all (every command requires the admin role). */
  isAdmin(actor: string): Promise<boolean> {
    return this.access.holds(actor, 'admin');
  }

  async execute<K extends AdminCommandName>(actor: string, name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
    const definition = ADMIN_COMMANDS[name];
    if (!definition) throw new AdminError(AdminErrorCode.InvalidInput, `unknown command "${String(name)}"`);
    if (!(await this.access.holds(actor, definition.role))) {
      await this.access.refuse(actor, name, definition.role);
      throw new AdminError(AdminErrorCode.NotAllowed, `${actor} may not run ${name}`);
    }
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) throw new AdminError(AdminErrorCode.InvalidInput, `bad input for ${name}`, issueLines(parsed.error.issues));
    // The definition and its input schema come from the same entry: the cast only joins them.
    const run = definition.run as (deps: CommandDeps, actor: string, input: unknown) => Promise<CommandOutput<K>>;
    return run(this.deps, actor, parsed.data);
  }
}
