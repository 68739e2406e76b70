import type { ActionsBlock, Button as SlackButton, KnownBlock, StaticSelect } from '@slack/types';
import type { EscalationCard } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { CardAction } from '../action-ids.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import type { SlackMessage } from './reply.js';
import { chunkText, fitLabel } from './text.js';

const BUTTON_ACTION: Partial<Record<EscalationCard['actions'][number]['id'], string>> = {
  claim: CardAction.claim,
  release: CardAction.release,
  resolve: CardAction.resolve,
  resolve_faq: CardAction.resolveFaq,
  history: CardAction.history,
};

function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function askerLine(card: EscalationCard): string {
  return [card.asker.name, card.asker.profession, card.asker.territory].filter(Boolean).join(' · ');
}

function cardActions(card: EscalationCard, locale: Locale, messages: MessageCatalogue): ActionsBlock | null {
  const elements: ActionsBlock['elements'] = [];
  for (const action of card.actions) {
    const actionId = BUTTON_ACTION[action.id];
    if (!actionId) continue;
    const button: SlackButton = {
      type: 'button',
      action_id: actionId,
      value: card.escalationId,
      text: { type: 'plain_text', text: fitLabel(action.label), emoji: true },
    };
    if (action.style) button.style = action.style;
    elements.push(button);
  }
  const canTransfer = card.actions.some((a) => a.id === 'transfer') && card.transferTargets.length > 0;
  if (canTransfer) {
    const select: StaticSelect = {
      type: 'static_select',
      action_id: CardAction.transfer,
      placeholder: { type: 'plain_text', text: fitLabel(messages.t(locale, 'slack.card.transfer_to')) },
      options: card.transferTargets.slice(0, 100).map((target) => ({
        text: { type: 'plain_text', text: fitLabel(target.name) },
        value: `${card.escalationId}|${target.queueId}`,
      })),
    };
    elements.push(select);
  }
  return elements.length > 0 ? { type: 'actions', block_id: `card:${card.escalationId}`.slice(0, 255), elements } : null;
}

/**
 * The delegate card in a queue's channel: who asks, the question (quoted), the summary, the bot's
 * guesses, the deadline and the status line ("pris en charge par X à HH:MM"), then the actions the
 * card allows (Prendre en charge, Relâcher, Résoudre, Voir l'historique, a queue selector to
 * transfer). The history is not posted: it is shown on demand to the person who asks.
 */
export function renderCard(card: EscalationCard, locale: Locale, messages: MessageCatalogue): SlackMessage {
  const t = (key: string, params?: Record<string, string | number>) => messages.t(locale, key, params);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: card.title.slice(0, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${escapeMrkdwn(t('slack.card.asker'))}*\n${escapeMrkdwn(askerLine(card))}` },
        { type: 'mrkdwn', text: `*${escapeMrkdwn(t('slack.card.queue'))}*\n${escapeMrkdwn(card.queueName)}` },
      ],
    },
  ];
  const question = chunkText(`*${escapeMrkdwn(t('slack.card.question'))}*\n${quote(card.question)}`);
  for (const chunk of question) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  if (card.summary.trim() !== '' && card.summary.trim() !== card.question.trim()) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(t('slack.card.summary'))}*\n${escapeMrkdwn(card.summary)}`.slice(0, 3000) },
    });
  }
  if (card.guesses.length > 0) {
    const guesses = card.guesses
      .slice(0, 3)
      .map((g) => t('slack.card.guess', { label: g.label, percent: Math.round(g.confidence * 100) }))
      .join(' · ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${t('slack.card.guesses')} ${guesses}`) }] });
  }
  const status = [card.statusText, card.deadline?.text].filter(Boolean).join(' · ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${escapeMrkdwn(status)}*` }] });
  const actions = cardActions(card, locale, messages);
  if (actions) blocks.push(actions);
  const text = t('slack.card.fallback', { title: card.title, status: card.statusText });
  return { text: text.slice(0, 3000), blocks };
}
