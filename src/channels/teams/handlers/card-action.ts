import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { formatTime } from '../../../escalation/cards.js';
import type { DelegateResult } from '../../../escalation/model.js';
import { parseCardInvoke } from '../action-data.js';
import { cardFor, delegateLocale, teamsIdentity } from '../desk.js';
import { conversationKind, personOf } from '../inbound.js';
import { isMyRequestsInvoke } from '../my-requests.js';
import { type AdaptiveCard, CARD_CONTENT_TYPE, type CardAction } from '../render/adaptive.js';
import { renderCard, renderHistory } from '../render/card.js';
import { backToMyRequests } from '../render/my-requests.js';
import type { TeamsTurnDeps } from './deps.js';
import { myRequestsCard } from './my-requests.js';

/** Universal Actions answer types: a card that replaces the clicker's view, or a message shown to them. */
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

type InvokeBody =
  | { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: typeof MESSAGE_CONTENT_TYPE; value: string };

/** Sends the answer of an `adaptiveCard/action` invoke; it reaches only the person who clicked. */
export async function answerInvoke(context: TurnContext, body: InvokeBody): Promise<void> {
  const response: Partial<Activity> = { type: ActivityTypes.InvokeResponse, value: { status: 200, body } };
  await context.sendActivity(response);
}

function cardBody(card: AdaptiveCard): InvokeBody {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}

function messageBody(text: string): InvokeBody {
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: text };
}

/**
 * A delegate's click on a queue card (Universal Actions, `adaptiveCard/action`). The answer is
 * user-specific: the clicker alone sees it. On success they get the updated card at once (every
 * other viewer gets it from the outbox's updateActivity); on a refusal (late claimer: "déjà pris en
 * charge par X", not a member of the queue, not the owner) they get the message, and the card stays
 * as it is for everyone. The history is shown the same way, to the clicker only, so that it stays
 * under Relais's retention rather than in the channel's archive.
 *
 * The same cards open from « Mes demandes » in a personal chat (`view`, `claim`): there the card
 * also carries a « Mes demandes » button (`relais.mine`) that shows the list again.
 */
export async function handleCardAction(deps: TeamsTurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const locale = delegateLocale(deps.escalation);
  const t = (key: string) => deps.messages.t(locale, key);
  if (isMyRequestsInvoke(activity.value)) {
    await answerInvoke(context, cardBody(await myRequestsCard(deps, activity)));
    return;
  }
  const invoke = parseCardInvoke(activity.value);
  if (!invoke) {
    await answerInvoke(context, messageBody(t('teams.action.stale')));
    return;
  }
  await deps.references.rememberPerson(personOf(activity));
  const actor = await teamsIdentity(deps.escalation, activity.from);
  const { delegates } = deps.escalation;
  const id = invoke.escalationId;
  const extra: CardAction[] =
    conversationKind(activity) === 'personal' ? [backToMyRequests(locale, deps.messages)] : [];
  let result: DelegateResult;
  switch (invoke.verb) {
    case 'claim':
      result = await delegates.claim(actor, id);
      break;
    case 'release':
      result = await delegates.release(actor, id);
      break;
    case 'transfer':
      if (!invoke.transferTo) {
        await answerInvoke(context, messageBody(t('teams.card.transfer_required')));
        return;
      }
      result = await delegates.transfer(actor, id, invoke.transferTo);
      break;
    case 'resolve':
      result = await delegates.resolve(actor, id);
      break;
    case 'resolve_faq':
      result = await delegates.resolve(actor, id, { proposeFaq: true });
      break;
    case 'history': {
      const history = await delegates.history(actor, id);
      const card = history.ok ? await cardFor(deps.escalation, actor, id) : null;
      if (!history.ok || !card) {
        await answerInvoke(context, messageBody(history.ok ? t('teams.action.stale') : history.message));
        return;
      }
      const view = renderHistory(card, history.lines, locale, deps.messages, (at) => formatTime(at, locale));
      await answerInvoke(context, cardBody(view));
      deps.logger.info({ event: 'teams.card', verb: invoke.verb, escalationId: id }, 'history shown');
      return;
    }
    case 'view': {
      const card = await cardFor(deps.escalation, actor, id);
      await answerInvoke(
        context,
        card ? cardBody(renderCard(card, locale, deps.messages, undefined, extra)) : messageBody(t('teams.action.stale')),
      );
      return;
    }
  }
  deps.logger.info(
    {
      event: 'teams.card',
      verb: invoke.verb,
      escalationId: id,
      ok: result.ok,
      ...(result.ok ? {} : { code: result.code }),
    },
    'card action handled',
  );
  if (result.ok) {
    await answerInvoke(context, cardBody(renderCard(result.card, locale, deps.messages, result.message, extra)));
  } else {
    await answerInvoke(context, messageBody(result.message));
  }
}
