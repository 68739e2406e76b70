import type { App } from '@slack/bolt';
import { ModalId } from '../../action-ids.js';
import type { SlackListenerDeps } from '../../deps.js';
import { onResolveSubmission } from './resolve-submission.js';

/** Modal submissions. */
export function register(app: App, deps: SlackListenerDeps): void {
  app.view({ type: 'view_submission', callback_id: ModalId.resolve }, onResolveSubmission(deps));
}
