import type { HomeView, KnownBlock } from '@slack/types';
import type { Escalation, EscalationCard } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { escapeMrkdwn, toMrkdwn } from '../mrkdwn.js';
import { renderMyRequests } from './my-requests.js';

function requestLine(esc: Escalation, locale: Locale, messages: MessageCatalogue): string {
  const status =
    esc.status === 'claimed' && esc.owner
      ? messages.t(locale, 'slack.home.request.claimed', { name: esc.owner.name })
      : messages.t(locale, 'slack.home.request.open');
  const question = esc.question.length > 200 ? `${esc.question.slice(0, 199)}…` : esc.question;
  return `*${escapeMrkdwn(status)}*\n>${escapeMrkdwn(question).replace(/\n/g, '\n>')}`;
}

/**
 * The App Home tab: what Relais covers, the professional's open request if any, and — for a
 * delegate — "mes demandes".
 */
export function renderHome(
  input: { latest: Escalation | null; delegateCards: EscalationCard[] },
  locale: Locale,
  messages: MessageCatalogue,
): HomeView {
  const t = (key: string) => messages.t(locale, key);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t('slack.home.title'), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(t('conversation.help')).slice(0, 3000) } },
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(t('slack.home.requests_heading'))}*` } },
  ];
  const live = input.latest && (input.latest.status === 'open' || input.latest.status === 'claimed') ? input.latest : null;
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: live ? requestLine(live, locale, messages) : escapeMrkdwn(t('slack.home.no_request')) },
  });
  if (input.delegateCards.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(...renderMyRequests(input.delegateCards, locale, messages).blocks.slice(0, 60));
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
