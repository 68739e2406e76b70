import type { App } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { onAdminPlaceholder } from './admin-placeholder.js';
import { onRelaisCommand } from './relais.js';

/** The slash command `/relais-admin` belongs to the admin layer; it registers through this hook. */
export type AdminCommandRegistrar = (app: App, deps: SlackListenerDeps) => void;

/** Slash commands: `/relais` for everyone; `/relais-admin` from the admin layer, or a placeholder. */
export function register(app: App, deps: SlackListenerDeps, registerAdmin?: AdminCommandRegistrar): void {
  app.command('/relais', onRelaisCommand(deps));
  if (registerAdmin) registerAdmin(app, deps);
  else app.command('/relais-admin', onAdminPlaceholder(deps));
}
