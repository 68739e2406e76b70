import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import { CardAction, PROFESSIONAL_ACTION } from '../../action-ids.js';
import type { SlackListenerDeps } from '../../deps.js';
import { onClaim } from './claim.js';
import { onHistory } from './history.js';
import { onProfessionalButton } from './professional-button.js';
import { onRelease } from './release.js';
import { onResolve } from './resolve.js';
import { onTransfer } from './transfer.js';

/** Block actions: the professional's answer buttons and the delegate card's buttons. */
export function register(app: App, deps: SlackListenerDeps): void {
  app.action<BlockButtonAction>(PROFESSIONAL_ACTION, onProfessionalButton(deps));
  app.action<BlockButtonAction>(CardAction.claim, onClaim(deps));
  app.action<BlockButtonAction>(CardAction.release, onRelease(deps));
  app.action<BlockStaticSelectAction>(CardAction.transfer, onTransfer(deps));
  app.action<BlockButtonAction>(CardAction.resolve, onResolve(deps));
  app.action<BlockButtonAction>(CardAction.resolveFaq, onResolve(deps, { proposeFaq: true }));
  app.action<BlockButtonAction>(CardAction.history, onHistory(deps));
}
