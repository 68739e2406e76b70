import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { AnswerContent } from '../../../admin/model.js';
import type { AnswerRow } from '../../../admin/views.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { AdminField, AdminModal } from './ids.js';

/** Block Kit of the `/relais-admin` modals: find an intent, then edit its answer and publish. */

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: text.slice(0, max), emoji: true });
/** Slack's limits: 100 options per static select, 3000 characters per text input. */
const MAX_OPTIONS = 100;
const MAX_TEXT = 3000;

export function findModal(rows: AnswerRow[], locale: Locale, messages: MessageCatalogue): ModalView {
  const t = (key: string) => messages.t(locale, key);
  const options: PlainTextOption[] = rows.slice(0, MAX_OPTIONS).map((row) => ({
    text: plain(`${row.title}`, 75),
    description: plain(row.intentId, 75),
    value: row.intentId,
  }));
  const blocks: KnownBlock[] =
    options.length === 0
      ? [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t('admin.slack.no_match')) } }]
      : [
          {
            type: 'input',
            block_id: AdminField.intent.block,
            label: plain(t('admin.slack.intent_label'), 2000),
            element: { type: 'static_select', action_id: AdminField.intent.action, options, placeholder: plain(t('admin.slack.intent_placeholder'), 150) },
          },
        ];
  return {
    type: 'modal',
    callback_id: AdminModal.find,
    title: plain(t('admin.slack.title'), 24),
    ...(options.length > 0 ? { submit: plain(t('admin.slack.open'), 24) } : {}),
    close: plain(t('admin.slack.close'), 24),
    blocks,
  };
}

export function editModal(intentId: string, title: string, content: AnswerContent, locale: Locale, messages: MessageCatalogue): ModalView {
  const t = (key: string) => messages.t(locale, key);
  return {
    type: 'modal',
    callback_id: AdminModal.edit,
    private_metadata: intentId,
    title: plain(t('admin.slack.title'), 24),
    submit: plain(t('admin.slack.publish'), 24),
    close: plain(t('admin.slack.close'), 24),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(title)}* (${escapeMrkdwn(intentId)})` } },
      {
        type: 'input',
        block_id: AdminField.title.block,
        label: plain(t('admin.slack.field_title'), 2000),
        element: { type: 'plain_text_input', action_id: AdminField.title.action, initial_value: content.title, max_length: 75 },
      },
      {
        type: 'input',
        block_id: AdminField.text.block,
        label: plain(t('admin.slack.field_text'), 2000),
        element: { type: 'plain_text_input', action_id: AdminField.text.action, multiline: true, initial_value: content.text.slice(0, MAX_TEXT), max_length: MAX_TEXT },
      },
      {
        type: 'input',
        block_id: AdminField.validFrom.block,
        label: plain(t('admin.slack.field_valid_from'), 2000),
        hint: plain(t('admin.slack.hint_valid_from'), 2000),
        element: { type: 'datepicker', action_id: AdminField.validFrom.action, initial_date: content.validFrom },
      },
      {
        type: 'input',
        block_id: AdminField.reviewBy.block,
        label: plain(t('admin.slack.field_review_by'), 2000),
        element: { type: 'datepicker', action_id: AdminField.reviewBy.action, initial_date: content.reviewBy },
      },
      {
        type: 'input',
        block_id: AdminField.note.block,
        optional: true,
        label: plain(t('admin.slack.field_note'), 2000),
        element: { type: 'plain_text_input', action_id: AdminField.note.action, max_length: 500 },
      },
    ],
  };
}

/** The modal after publishing: what was done. */
export function doneModal(text: string, locale: Locale, messages: MessageCatalogue): ModalView {
  return {
    type: 'modal',
    title: plain(messages.t(locale, 'admin.slack.title'), 24),
    close: plain(messages.t(locale, 'admin.slack.close'), 24),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }],
  };
}
