import type { Activity, TurnContext } from 'botbuilder';
import { userKey } from '../../../model/message.js';
import { teamsIdentity } from '../desk.js';
import { localeOf, personId, personOf, referenceOf } from '../inbound.js';
import { attachment, type AdaptiveCard } from '../render/adaptive.js';
import { renderMyRequests } from '../render/my-requests.js';
import type { TeamsTurnDeps } from './deps.js';

/**
 * « Mes demandes » for the person behind `activity`: their own open request as a professional,
 * and — for a delegate — the delegate board's « mes demandes » (the same channel-free view Slack's
 * `/relais mes-demandes` reads).
 */
export async function myRequestsCard(deps: TeamsTurnDeps, activity: Activity): Promise<AdaptiveCard> {
  const locale = localeOf(activity.locale, deps.locale);
  const identity = await teamsIdentity(deps.escalation, activity.from);
  const [board, latest] = await Promise.all([
    deps.escalation.views.board(identity),
    deps.escalation.service.latestFor(userKey({ channel: 'teams', id: personId(activity) })),
  ]);
  const own = latest && (latest.status === 'open' || latest.status === 'claimed') ? latest : null;
  deps.logger.info(
    { event: 'teams.my_requests', own: own !== null, delegate: board.queues.length > 0, count: board.mine.length },
    'my requests shown',
  );
  return renderMyRequests({ own, cards: board.mine, delegate: board.queues.length > 0 }, locale, deps.messages);
}

/**
 * « Mes demandes » typed (or picked in the command menu) in the personal chat with the bot: the
 * list comes back as one Adaptive Card. The message is a command, so it is neither answered by the
 * core nor relayed to a delegate.
 */
export async function handleMyRequests(deps: TeamsTurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  await deps.references.rememberConversation(referenceOf(activity, localeOf(activity.locale, deps.locale)));
  await deps.references.rememberPerson(personOf(activity));
  const card = await myRequestsCard(deps, activity);
  await context.sendActivity({ type: 'message', attachments: [attachment(card)] });
}
