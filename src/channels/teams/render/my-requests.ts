import type { Escalation, EscalationCard } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { MY_REQUESTS_VERB } from '../my-requests.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, type ExecuteAction, fitTitle } from './adaptive.js';
import { execute } from './card.js';
import { plainText } from './text.js';

/** Beyond this, the card says how many more there are and points to the console (as Slack does). */
export const MAX_LISTED = 20;
const MAX_QUESTION = 200;

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What « Mes demandes » shows one person. */
export interface MyRequests {
  /** The person's own latest request as a professional, when still open or claimed. */
  own: Escalation | null;
  /** As a delegate: the escalations they own, then the open ones waiting in their queues. */
  cards: EscalationCard[];
  /** The person is a member or supervisor of at least one queue. */
  delegate: boolean;
}

function ownRequest(own: Escalation, t: Translate): CardElement[] {
  const status =
    own.status === 'claimed' && own.owner
      ? t('teams.my_requests.own_claimed', { name: own.owner.name })
      : t('teams.my_requests.own_open');
  const question = own.question.length > MAX_QUESTION ? `${own.question.slice(0, MAX_QUESTION - 1)}…` : own.question;
  return [
    { type: 'TextBlock', text: t('teams.my_requests.own_heading'), wrap: true, weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: status, wrap: true, weight: 'Bolder', color: own.status === 'claimed' ? 'Good' : 'Accent' },
    { type: 'TextBlock', text: question, wrap: true, isSubtle: true, spacing: 'Small' },
  ];
}

/** One request of the delegate's list: title, queue · status · deadline, then « Ouvrir » and, while open, the claim. */
function requestItem(card: EscalationCard, t: Translate): CardElement {
  const details = [card.queueName, card.statusText, card.deadline?.text].filter(Boolean).join(' · ');
  const actions: ExecuteAction[] = [execute('view', t('teams.my_requests.open'), card.escalationId)];
  const claim = card.actions.find((a) => a.id === 'claim');
  if (claim) actions.push(execute('claim', claim.label, card.escalationId, 'primary'));
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: card.title, wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: details, wrap: true, isSubtle: true, spacing: 'None' },
      { type: 'ActionSet', actions, spacing: 'Small' },
    ],
  };
}

/**
 * « Mes demandes » as an Adaptive Card, with the same data and wording as Slack's
 * `/relais mes-demandes` and App Home: the person's own open request (as a professional), then —
 * for a delegate — the escalations they claimed and the open ones of their queues, each with
 * « Ouvrir » (the full card, to this person only) and, while open, « Prendre en charge ».
 */
export function renderMyRequests(input: MyRequests, locale: Locale, messages: MessageCatalogue): AdaptiveCard {
  const t: Translate = (key, params) => messages.t(locale, key, params);
  const body: CardElement[] = [];
  if (input.own) body.push(...ownRequest(input.own, t));
  if (input.cards.length > 0) {
    const heading = t('escalation.my_requests.heading', { count: input.cards.length });
    body.push({
      type: 'TextBlock',
      text: heading,
      wrap: true,
      weight: 'Bolder',
      size: 'Medium',
      ...(body.length > 0 ? { spacing: 'Large' as const } : {}),
    });
    for (const card of input.cards.slice(0, MAX_LISTED)) body.push(requestItem(card, t));
    if (input.cards.length > MAX_LISTED) {
      body.push({
        type: 'TextBlock',
        text: t('escalation.my_requests.more', { count: input.cards.length - MAX_LISTED }),
        wrap: true,
        isSubtle: true,
        spacing: 'Medium',
      });
    }
  } else if (input.delegate) {
    body.push({ type: 'TextBlock', text: t('escalation.my_requests.empty'), wrap: true, spacing: body.length > 0 ? 'Large' : 'None' });
  } else if (!input.own) {
    body.push({ type: 'TextBlock', text: t('teams.my_requests.none'), wrap: true });
  }
  const first = body.find((e) => e.type === 'TextBlock');
  return adaptiveCard(body, [], plainText(first?.type === 'TextBlock' ? first.text : ''));
}

/** The « Mes demandes » button, added under a card opened from the list in a personal chat. */
export function backToMyRequests(locale: Locale, messages: MessageCatalogue): ExecuteAction {
  return { type: 'Action.Execute', title: fitTitle(messages.t(locale, 'teams.my_requests.back')), verb: MY_REQUESTS_VERB, data: {} };
}
