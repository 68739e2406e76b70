import type { App } from '@slack/bolt';
import type { AdminService } from '../../../admin/service.js';
import type { SlackListenerDeps } from '../deps.js';
import { AdminModal } from './ids.js';
import { onAdminCommand, onEditSubmission, onFindSubmission } from './listeners.js';

/**
 * The admin layer's Slack listeners, for `createSlackChannel({ registerAdmin: registerSlackAdmin(admin) })`:
 * `/relais-admin` opens a modal to find an intent, edit its answer and publish it.
 */
export function registerSlackAdmin(admin: AdminService) {
  return function registerAdmin(app: App, deps: SlackListenerDeps): void {
    const adminDeps = { admin, messages: deps.messages, logger: deps.logger, locale: deps.locale };
    app.command('/relais-admin', onAdminCommand(adminDeps));
    app.view(AdminModal.find, onFindSubmission(adminDeps));
    app.view(AdminModal.edit, onEditSubmission(adminDeps));
  };
}
