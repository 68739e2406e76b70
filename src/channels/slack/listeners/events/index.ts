import type { App } from '@slack/bolt';
import type { SlackListenerDeps } from '../../deps.js';
import { onAppHomeOpened } from './app-home-opened.js';
import { onAppMention } from './app-mention.js';
import { onMessage } from './message.js';

/** Events API: messages (DMs, channels, card threads), mentions, the App Home. */
export function register(app: App, deps: SlackListenerDeps): void {
  app.event('message', onMessage(deps));
  app.event('app_mention', onAppMention(deps));
  app.event('app_home_opened', onAppHomeOpened(deps));
}
