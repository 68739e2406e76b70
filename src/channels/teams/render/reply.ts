import type { Button, Locale, Reply } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import type { ProfessionalSubmit } from '../action-data.js';
import {
  adaptiveCard,
  attachment,
  type CardAttachment,
  type CardElement,
  fitTitle,
  MAX_CARD_ACTIONS,
  type SubmitAction,
  type TextBlock,
} from './adaptive.js';
import { formatDay, markdownMessage, plainText, textBlocks } from './text.js';

/** An outgoing Teams message, before the SDK adds addressing: markdown text or one card. */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'markdown';
  attachments?: CardAttachment[];
  summary?: string;
}

function submit(button: Button): SubmitAction {
  const data: ProfessionalSubmit = {
    relais: 'pro',
    action: button.action,
    ...(button.value !== undefined ? { value: button.value.slice(0, 500) } : {}),
  };
  return {
    type: 'Action.Submit',
    title: fitTitle(button.label),
    data,
    ...(button.style === 'primary' ? { style: 'positive' as const } : {}),
    ...(button.style === 'danger' ? { style: 'destructive' as const } : {}),
  };
}

function sourceBlocks(reply: Reply, locale: Locale, messages: MessageCatalogue): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const source of reply.sources ?? []) {
    blocks.push({
      type: 'TextBlock',
      text: messages.t(locale, 'answer.source', { title: source.title, url: source.url }),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: blocks.length === 0 ? 'Medium' : 'None',
      ...(blocks.length === 0 ? { separator: true } : {}),
    });
  }
  if (reply.asOf) {
    blocks.push({
      type: 'TextBlock',
      text: messages.t(locale, 'answer.as_of', { date: formatDay(reply.asOf, locale) }),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: blocks.length === 0 ? 'Medium' : 'None',
    });
  }
  return blocks;
}

/** True when a reply needs a card: buttons, follow-ups, sources, a date or a signature. */
function needsCard(reply: Reply): boolean {
  return Boolean(
    reply.buttons?.length ||
      reply.followUps?.length ||
      reply.sources?.length ||
      reply.asOf ||
      reply.signature,
  );
}

/**
 * Renders one neutral reply for a professional's personal chat. A bare notice ("transmis", an
 * error) is a markdown message; anything with buttons, sources or a signature is an Adaptive
 * Card: the signature of a relayed delegate message, the text (key fact first, as written), the
 * source lines and "à jour au", then the buttons (👍 / 👎, "Parler à un délégué", the "Vouliez-vous
 * dire" choices) as Action.Submit, and the follow-up questions under their heading.
 */
export function renderReply(reply: Reply, locale: Locale, messages: MessageCatalogue): TeamsMessage {
  const signedBy = reply.signature
    ? messages.t(locale, 'teams.reply.signed_by', {
        name: reply.signature.role
          ? `${reply.signature.name} (${reply.signature.role})`
          : reply.signature.name,
      })
    : undefined;
  const plain = plainText(signedBy ? `${signedBy} ${reply.text}` : reply.text);
  if (!needsCard(reply)) {
    return { type: 'message', text: markdownMessage(reply.text), textFormat: 'markdown' };
  }
  const body: CardElement[] = [];
  if (signedBy) body.push({ type: 'TextBlock', text: signedBy, wrap: true, size: 'Small', isSubtle: true });
  body.push(...textBlocks(reply.text));
  body.push(...sourceBlocks(reply, locale, messages));
  const followUps = reply.followUps ?? [];
  if (followUps.length > 0) {
    body.push({
      type: 'TextBlock',
      text: messages.t(locale, 'teams.reply.followups'),
      wrap: true,
      weight: 'Bolder',
      spacing: 'Medium',
    });
    body.push({
      type: 'ActionSet',
      actions: followUps.slice(0, MAX_CARD_ACTIONS).map(submit),
      spacing: 'Small',
    });
  }
  const actions = (reply.buttons ?? []).map(submit);
  return {
    type: 'message',
    attachments: [attachment(adaptiveCard(body, actions, plain))],
    summary: plain.slice(0, 200),
  };
}
