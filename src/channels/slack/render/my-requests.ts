import type { KnownBlock } from '@slack/types';
import type { EscalationCard } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import type { SlackMessage } from './reply.js';

const MAX_LISTED = 40;

/** "Mes demandes": the delegate's claimed escalations, then the open ones in their queues. */
export function renderMyRequests(cards: EscalationCard[], locale: Locale, messages: MessageCatalogue): SlackMessage {
  const t = (key: string, params?: Record<string, string | number>) => messages.t(locale, key, params);
  if (cards.length === 0) {
    const text = t('escalation.my_requests.empty');
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
  }
  const heading = t('escalation.my_requests.heading', { count: cards.length });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*` } }];
  for (const card of cards.slice(0, MAX_LISTED)) {
    const details = [card.queueName, card.statusText, card.deadline?.text].filter(Boolean).join(' · ');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(card.title)}*\n${escapeMrkdwn(details)}`.slice(0, 3000) },
    });
  }
  if (cards.length > MAX_LISTED) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t('escalation.my_requests.more', { count: cards.length - MAX_LISTED })) }] });
  }
  return { text: heading, blocks };
}
