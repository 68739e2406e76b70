import type { EscalationCard, TranscriptLine } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { type CardActionData, type CardVerb, TRANSFER_INPUT, verbOf } from '../action-data.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  type ExecuteAction,
  fitTitle,
  type TextBlock,
} from './adaptive.js';
import { plainText } from './text.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A card button as a Universal Action on one escalation (`primary`/`danger` as Teams styles). */
export function execute(
  verb: CardVerb,
  title: string,
  escalationId: string,
  style?: 'primary' | 'danger',
): ExecuteAction {
  const data: CardActionData = { escalationId };
  return {
    type: 'Action.Execute',
    title: fitTitle(title),
    verb: verbOf(verb),
    data,
    ...(style === 'primary' ? { style: 'positive' as const } : {}),
    ...(style === 'danger' ? { style: 'destructive' as const } : {}),
  };
}

function transferAction(card: EscalationCard, label: string, t: Translate): CardAction {
  return {
    type: 'Action.ShowCard',
    title: fitTitle(label),
    card: adaptiveCard(
      [
        {
          type: 'Input.ChoiceSet',
          id: TRANSFER_INPUT,
          style: 'compact',
          isRequired: true,
          errorMessage: t('teams.card.transfer_required'),
          placeholder: t('teams.card.transfer_to'),
          choices: card.transferTargets.slice(0, 100).map((q) => ({ title: q.name, value: q.queueId })),
        },
      ],
      [execute('transfer', t('teams.card.transfer_submit'), card.escalationId, 'primary')],
      label,
    ),
  };
}

function cardActions(card: EscalationCard, t: Translate): CardAction[] {
  const actions: CardAction[] = [];
  for (const action of card.actions) {
    if (action.id === 'transfer') {
      if (card.transferTargets.length > 0) actions.push(transferAction(card, action.label, t));
      continue;
    }
    actions.push(execute(action.id, action.label, card.escalationId, action.style));
  }
  return actions;
}

/**
 * The delegate card in a queue's Teams channel: who asks, the queue, the question, the summary,
 * the bot's guesses, the status line ("Pris en charge par X à HH:MM") and deadline, then the
 * actions the card allows as Universal Actions (Action.Execute): Prendre en charge, Relâcher,
 * Transférer (a queue picker), Résoudre, Voir l'historique. `notice` is a line shown on top of a
 * user-specific view (the answer to one person's click); `extraActions` follow the card's own (the
 * « Mes demandes » button when the card was opened from that list).
 */
export function renderCard(
  card: EscalationCard,
  locale: Locale,
  messages: MessageCatalogue,
  notice?: string,
  extraActions: CardAction[] = [],
): AdaptiveCard {
  const t: Translate = (key, params) => messages.t(locale, key, params);
  const body: CardElement[] = [];
  if (notice)
    body.push({ type: 'TextBlock', text: notice, wrap: true, weight: 'Bolder', color: 'Attention' });
  body.push({ type: 'TextBlock', text: card.title, wrap: true, weight: 'Bolder', size: 'Medium' });
  body.push({
    type: 'FactSet',
    facts: [
      {
        title: t('teams.card.asker'),
        value: [card.asker.name, card.asker.profession, card.asker.territory].filter(Boolean).join(' · '),
      },
      { title: t('teams.card.queue'), value: card.queueName },
    ],
  });
  body.push({
    type: 'TextBlock',
    text: t('teams.card.question'),
    wrap: true,
    weight: 'Bolder',
    spacing: 'Medium',
  });
  body.push({ type: 'TextBlock', text: card.question, wrap: true, spacing: 'Small' });
  if (card.summary.trim() !== '' && card.summary.trim() !== card.question.trim()) {
    body.push({
      type: 'TextBlock',
      text: `${t('teams.card.summary')} ${card.summary}`,
      wrap: true,
      isSubtle: true,
    });
  }
  if (card.guesses.length > 0) {
    const guesses = card.guesses
      .slice(0, 3)
      .map((g) => t('teams.card.guess', { label: g.label, percent: Math.round(g.confidence * 100) }))
      .join(' · ');
    body.push({
      type: 'TextBlock',
      text: `${t('teams.card.guesses')} ${guesses}`,
      wrap: true,
      size: 'Small',
      isSubtle: true,
    });
  }
  const status: TextBlock = {
    type: 'TextBlock',
    text: [card.statusText, card.deadline?.text].filter(Boolean).join(' · '),
    wrap: true,
    weight: 'Bolder',
    spacing: 'Medium',
    separator: true,
    ...(card.status === 'claimed'
      ? { color: 'Good' as const }
      : card.status === 'open'
        ? { color: 'Accent' as const }
        : {}),
  };
  body.push(status);
  const fallback = t('teams.card.fallback', { title: card.title, status: card.statusText });
  return adaptiveCard(body, [...cardActions(card, t), ...extraActions], plainText(fallback));
}

/**
 * The history of an escalation, shown only to the delegate who asked (the answer to their
 * Action.Execute), so that it stays under Relais's retention rather than in the channel's archive.
 */
export function renderHistory(
  card: EscalationCard,
  lines: TranscriptLine[],
  locale: Locale,
  messages: MessageCatalogue,
  formatTime: (at: string) => string,
): AdaptiveCard {
  const t: Translate = (key, params) => messages.t(locale, key, params);
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: t('teams.card.history_title', { title: card.title }),
      wrap: true,
      weight: 'Bolder',
    },
  ];
  if (lines.length === 0)
    body.push({ type: 'TextBlock', text: t('teams.card.history_empty'), wrap: true, isSubtle: true });
  for (const line of lines.slice(-50)) {
    const who =
      line.from === 'professional'
        ? card.asker.name
        : line.from === 'delegate'
          ? (line.name ?? line.who)
          : t('teams.card.history_system');
    body.push({
      type: 'TextBlock',
      text: t('teams.card.history_line', { time: formatTime(line.at), who }),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
    });
    const suffix = line.relayed ? '' : ` ${t('teams.card.history_not_relayed')}`;
    body.push({ type: 'TextBlock', text: `${line.text}${suffix}`, wrap: true, spacing: 'None' });
  }
  return adaptiveCard(
    body,
    [execute('view', t('teams.card.history_back'), card.escalationId)],
    t('teams.card.history_title', { title: card.title }),
  );
}
