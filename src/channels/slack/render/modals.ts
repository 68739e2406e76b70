import type { KnownBlock, ModalView } from '@slack/types';
import type { TranscriptLine } from '../../../escalation/model.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { ModalField, ModalId } from '../action-ids.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { chunkText, formatTime } from './text.js';

/** What a modal carries back to its submission handler. */
export interface ModalMetadata {
  escalationId: string;
  channel: string;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: text.slice(0, max), emoji: true });

/**
 * "Résoudre": an optional "proposer comme réponse FAQ" tick (pre-ticked from the card's
 * "Résoudre et proposer comme réponse FAQ") and the answer to propose.
 */
export function resolveModal(
  meta: ModalMetadata,
  locale: Locale,
  messages: MessageCatalogue,
  options: { proposeFaq?: boolean } = {},
): ModalView {
  const t = (key: string) => messages.t(locale, key);
  const faqOption = { text: plain(t('slack.modal.resolve.faq_option'), 75), value: 'propose' };
  return {
    type: 'modal',
    callback_id: ModalId.resolve,
    private_metadata: JSON.stringify(meta),
    title: plain(t('slack.modal.resolve.title'), 24),
    submit: plain(t('slack.modal.resolve.submit'), 24),
    close: plain(t('slack.modal.close'), 24),
    blocks: [
      {
        type: 'input',
        block_id: ModalField.resolveFaq.block,
        optional: true,
        label: plain(t('slack.modal.resolve.faq_label'), 2000),
        element: {
          type: 'checkboxes',
          action_id: ModalField.resolveFaq.action,
          options: [faqOption],
          ...(options.proposeFaq ? { initial_options: [faqOption] } : {}),
        },
      },
      {
        type: 'input',
        block_id: ModalField.resolveNote.block,
        optional: true,
        label: plain(t('slack.modal.resolve.answer_label'), 2000),
        hint: plain(t('slack.modal.resolve.answer_hint'), 2000),
        element: { type: 'plain_text_input', action_id: ModalField.resolveNote.action, multiline: true, max_length: 3000 },
      },
    ],
  };
}

function lineHeader(line: TranscriptLine, locale: Locale, messages: MessageCatalogue): string {
  const who =
    line.from === 'delegate'
      ? (line.name ?? line.who)
      : messages.t(locale, line.from === 'professional' ? 'slack.history.professional' : 'slack.history.system');
  const parts = [`*${escapeMrkdwn(who)}*`, formatTime(line.at)];
  if (!line.relayed) parts.push(`_${escapeMrkdwn(messages.t(locale, 'slack.history.not_relayed'))}_`);
  return parts.join(' · ');
}

/**
 * The history of an escalation, shown to the one delegate who asked (a modal is not part of the
 * channel's archive). The newest lines are kept when it is longer than a modal holds.
 */
export function historyModal(lines: TranscriptLine[], locale: Locale, messages: MessageCatalogue): ModalView {
  const blocks: KnownBlock[] = [];
  if (lines.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(messages.t(locale, 'slack.history.empty')) } });
  }
  for (const line of lines) {
    const text = `${lineHeader(line, locale, messages)}\n${escapeMrkdwn(line.text)}`;
    for (const chunk of chunkText(text)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  return {
    type: 'modal',
    callback_id: ModalId.history,
    title: plain(messages.t(locale, 'slack.modal.history.title'), 24),
    close: plain(messages.t(locale, 'slack.modal.close'), 24),
    blocks: blocks.slice(-100),
  };
}

/** Reads a modal's metadata back; null when it is not ours. */
export function readModalMetadata(raw: string | undefined): ModalMetadata | null {
  try {
    const value = JSON.parse(raw ?? '') as Partial<ModalMetadata>;
    return typeof value.escalationId === 'string' && typeof value.channel === 'string'
      ? { escalationId: value.escalationId, channel: value.channel }
      : null;
  } catch {
    return null;
  }
}
