import type { ActionsBlock, Button as SlackButton, ContextBlock, KnownBlock } from '@slack/types';
import { dayLabel } from '../../../clock.js';
import type { Button, Locale, Reply } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { professionalActionId } from '../action-ids.js';
import { escapeMrkdwn, toMrkdwn, toPlainText } from '../mrkdwn.js';
import { chunkText, fitLabel, LIMITS } from './text.js';

/** A message ready for chat.postMessage: blocks plus the plain `text` notifications show. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

function slackButtons(buttons: Button[], offset: number): SlackButton[] {
  return buttons.slice(0, LIMITS.actionsElements).map((button, i) => {
    const element: SlackButton = {
      type: 'button',
      action_id: professionalActionId(button.action, offset + i),
      text: { type: 'plain_text', text: fitLabel(button.label), emoji: true },
    };
    if (button.value !== undefined) element.value = button.value.slice(0, 2000);
    if (button.style) element.style = button.style;
    return element;
  });
}

function sourcesBlock(reply: Reply, locale: Locale, messages: MessageCatalogue): ContextBlock | null {
  const elements: ContextBlock['elements'] = [];
  for (const source of reply.sources ?? []) {
    if (elements.length >= LIMITS.contextElements - 1) break;
    elements.push({
      type: 'mrkdwn',
      text: toMrkdwn(messages.t(locale, 'answer.source', { title: source.title, url: source.url })),
    });
  }
  if (reply.asOf) {
    elements.push({ type: 'mrkdwn', text: escapeMrkdwn(messages.t(locale, 'answer.as_of', { date: dayLabel(reply.asOf, locale) })) });
  }
  return elements.length > 0 ? { type: 'context', elements } : null;
}

/**
 * Renders one neutral reply as Block Kit: the signature of a relayed delegate message, the text
 * (key fact first, as written), the source lines with "à jour au", the buttons (👍/👎, "Parler à
 * un délégué", "Vouliez-vous dire" choices) and the follow-up questions.
 */
export function renderReply(reply: Reply, locale: Locale, messages: MessageCatalogue): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (reply.signature) {
    const who = reply.signature.role ? `${reply.signature.name} (${reply.signature.role})` : reply.signature.name;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: messages.t(locale, 'slack.reply.signed_by', { name: toMrkdwn(who) }) }],
    });
  }
  for (const chunk of chunkText(toMrkdwn(reply.text))) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  const sources = sourcesBlock(reply, locale, messages);
  if (sources) blocks.push(sources);
  const buttons = reply.buttons ?? [];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'reply_buttons', elements: slackButtons(buttons, 0) } satisfies ActionsBlock);
  const followUps = reply.followUps ?? [];
  if (followUps.length > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: messages.t(locale, 'conversation.followups') }] });
    blocks.push({ type: 'actions', block_id: 'reply_followups', elements: slackButtons(followUps, buttons.length) });
  }
  const plain = toPlainText(reply.text);
  const signedPlain = reply.signature
    ? messages.t(locale, 'slack.reply.signed_plain', { name: reply.signature.name, text: plain })
    : plain;
  return { text: signedPlain.slice(0, 3000), blocks: blocks.slice(0, LIMITS.blocks) };
}
