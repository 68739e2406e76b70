import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { userKey } from '../../../../model/message.js';
import type { SlackListenerDeps } from '../../deps.js';
import { slackIdentity } from '../../desk.js';
import { localeOf } from '../../inbound.js';
import { renderHome } from '../../render/home.js';

/** `app_home_opened` on the Home tab: publishes what Relais covers and the user's open requests. */
export function onAppHomeOpened(deps: SlackListenerDeps) {
  return async function appHomeOpenedListener({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> {
    if (event.tab !== 'home') return;
    const profile = await deps.directory.profile(event.user);
    const locale = localeOf(profile.locale, deps.locale);
    const [latest, delegateCards] = await Promise.all([
      deps.desk.latestFor(userKey({ channel: 'slack', id: event.user })),
      deps.desk.mine(slackIdentity(event.user)),
    ]);
    await client.views.publish({ user_id: event.user, view: renderHome({ latest, delegateCards }, locale, deps.messages) });
    deps.logger.info({ event: 'slack.home', user: event.user, delegate: delegateCards.length > 0 }, 'app home published');
  };
}
