import type { Locale } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import { type EscalationConfig, personOf, type Queue, queueById } from './config.js';
import type { CardActionId, CardTarget, Escalation, EscalationCard } from './model.js';

/**
 * Renders the neutral delegate card of an escalation. The card carries the question and a short
 * summary, never the transcript (shown on demand, so that it stays under Relais's retention).
 */

export interface CardContext {
  config: EscalationConfig;
  messages: MessageCatalogue;
  /** Delegates' locale (cards are read by delegates). */
  locale?: Locale;
  /** Human label of an intent id (its answer title), for the best guesses. */
  intentTitle?: (intentId: string) => string;
}

/** "10:42" in Europe/Paris. */
export function formatTime(at: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

/** "jeudi 27 novembre à 10:30" in Europe/Paris. */
export function formatWhen(at: string | Date, locale: Locale, messages: MessageCatalogue): string {
  const day = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(at));
  return messages.t(locale, 'escalation.when', { day, time: formatTime(at, locale) });
}

/** The card targets of a queue, one per configured channel. */
export function cardTargets(queue: Queue): CardTarget[] {
  const targets: CardTarget[] = [];
  if (queue.cards.web) targets.push({ channel: 'web' });
  if (queue.cards.slack) targets.push({ channel: 'slack', channelId: queue.cards.slack });
  if (queue.cards.teams) targets.push({ channel: 'teams', ...queue.cards.teams });
  return targets;
}

function statusText(esc: Escalation, ctx: CardContext, locale: Locale, renderedQueue: string): string {
  const m = ctx.messages;
  if (esc.queueId !== renderedQueue && esc.status !== 'cancelled') {
    const target = queueById(ctx.config, esc.queueId)?.name ?? esc.queueId;
    return m.t(locale, 'escalation.card.status.transferred', { queue: target });
  }
  switch (esc.status) {
    case 'open':
      return m.t(locale, 'escalation.card.status.open');
    case 'claimed':
      return m.t(locale, 'escalation.card.status.claimed', {
        name: esc.owner?.name ?? '?',
        time: formatTime(esc.owner?.at ?? esc.queuedAt, locale),
      });
    case 'resolved':
      return m.t(locale, 'escalation.card.status.resolved', {
        name: esc.owner?.name ?? '?',
        time: formatTime(esc.resolvedAt ?? esc.queuedAt, locale),
      });
    case 'cancelled':
      return m.t(locale, 'escalation.card.status.cancelled');
  }
}

function actionsFor(esc: Escalation, renderedQueue: string): CardActionId[] {
  if (esc.queueId !== renderedQueue) return ['history'];
  switch (esc.status) {
    case 'open':
      return ['claim', 'transfer', 'history'];
    case 'claimed':
      return ['release', 'transfer', 'resolve', 'resolve_faq', 'history'];
    default:
      return ['history'];
  }
}

/**
 * The deadline line: while waiting in the queue, the deadline; once claimed and until the owner's
 * first reply, since when the professional waits (the deadline keeps running through a claim).
 */
function deadlineLine(esc: Escalation, m: MessageCatalogue, locale: Locale): Pick<EscalationCard, 'deadline'> {
  if (!esc.deadlineAt) return {};
  const when = formatWhen(esc.deadlineAt, locale, m);
  if (esc.status === 'open')
    return { deadline: { at: esc.deadlineAt, text: m.t(locale, 'escalation.card.deadline', { when }) } };
  if (esc.status === 'claimed' && !esc.firstReplyAt) {
    const since = formatWhen(esc.queuedAt, locale, m);
    return {
      deadline: { at: esc.deadlineAt, text: m.t(locale, 'escalation.card.awaiting_reply', { since, when }) },
    };
  }
  return {};
}

/** Words of a card's headline, and its longest length (the question follows in full). */
const HEADLINE_WORDS = 10;
const HEADLINE_CHARS = 80;

/** The question's first words, « … » when cut; undefined for an empty question. */
export function headlineOf(question: string): string | undefined {
  const whole = question.trim().replace(/\s+/g, ' ');
  if (whole === '') return undefined;
  const text = whole.split(' ').slice(0, HEADLINE_WORDS).join(' ').slice(0, HEADLINE_CHARS);
  return text.length < whole.length ? `${text.replace(/[\s,;:.]+$/, '')}…` : text;
}

/** The topic's French (or English) label from messages/ (`escalation.topic.<id>`), else its id. */
export function topicLabel(topic: string, m: MessageCatalogue, locale: Locale): string {
  const key = `escalation.topic.${topic}`;
  return m.has(locale, key) ? m.t(locale, key) : topic;
}

/**
 * The card's summary: what Relais already answered (when the professional asked for a delegate
 * after an answer), why the bot handed over, and the topic's label.
 */
function summaryOf(esc: Escalation, ctx: CardContext, locale: Locale): string {
  const m = ctx.messages;
  const reasonKey = `escalation.summary.${esc.reason}`;
  const parts: string[] = [];
  if (esc.answeredIntent) {
    const intent = ctx.intentTitle?.(esc.answeredIntent) ?? esc.answeredIntent;
    parts.push(m.t(locale, 'escalation.summary.answered', { intent }));
  }
  parts.push(m.has(locale, reasonKey) ? m.t(locale, reasonKey) : m.t(locale, 'escalation.summary.asked'));
  if (esc.topic) parts.push(m.t(locale, 'escalation.summary.topic', { topic: topicLabel(esc.topic, m, locale) }));
  return parts.join(' ');
}

/**
 * The card of `esc` as shown in `queueId`'s channel (default: its current queue). A card left in a
 * former queue says where the escalation went and offers only its history.
 */
export function renderCard(esc: Escalation, ctx: CardContext, queueId = esc.queueId): EscalationCard {
  const locale = ctx.locale ?? 'fr';
  const m = ctx.messages;
  const queue = queueById(ctx.config, queueId);
  const asker = personOf(ctx.config, esc.professionalKey);
  const name = esc.professional.displayName ?? asker.name;
  const profession = esc.professional.profession ?? asker.profession;
  const territory = esc.professional.territory ?? asker.territory;
  const headline = headlineOf(esc.question);
  return {
    escalationId: esc.id,
    queueId,
    queueName: queue?.name ?? queueId,
    status: esc.status,
    statusText: statusText(esc, ctx, locale, queueId),
    title: m.t(locale, 'escalation.card.title', { name }),
    ...(headline ? { headline } : {}),
    asker: { name, ...(profession ? { profession } : {}), ...(territory ? { territory } : {}) },
    question: esc.question,
    summary: summaryOf(esc, ctx, locale),
    guesses: esc.guesses.slice(0, 3).map((g) => ({
      label: ctx.intentTitle?.(g.intent) ?? g.intent,
      confidence: Math.round(g.confidence * 100) / 100,
    })),
    ...deadlineLine(esc, m, locale),
    ...(esc.owner ? { owner: { identity: esc.owner.identity, name: esc.owner.name, at: esc.owner.at } } : {}),
    actions: actionsFor(esc, queueId).map((id) => ({
      id,
      label: m.t(locale, `escalation.card.action.${id}`),
      ...(id === 'claim' || id === 'resolve' ? { style: 'primary' as const } : {}),
    })),
    transferTargets: ctx.config.queues
      .filter((q) => q.id !== esc.queueId)
      .map((q) => ({ queueId: q.id, name: q.name })),
    createdAt: esc.createdAt,
  };
}
