import type {
  AllMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { AdminError } from '../../../admin/errors.js';
import type { AdminService } from '../../../admin/service.js';
import type { Locale } from '../../../model/message.js';
import type { MessageCatalogue } from '../../../model/messages-port.js';
import type { Logger } from '../../../observability.js';
import { slackIdentity } from '../desk.js';
import { AdminField } from './ids.js';
import { doneModal, editModal, findModal } from './views.js';

export interface SlackAdminDeps {
  admin: AdminService;
  messages: MessageCatalogue;
  logger: Pick<Logger, 'info' | 'warn'>;
  locale: Locale;
}

/** Block id of the input an admin error concerns (for `response_action: errors`). */
function blockOfDetail(detail: string): string {
  const field = detail.split(':')[0] ?? '';
  if (field.startsWith('validFrom')) return AdminField.validFrom.block;
  if (field.startsWith('reviewBy')) return AdminField.reviewBy.block;
  if (field.startsWith('title')) return AdminField.title.block;
  return AdminField.text.block;
}

/**
 * `/relais-admin [words]`: admins get a modal listing the intents matching the words; anyone else a
 * private refusal (logged and audited by the admin service).
 */
export function onAdminCommand(deps: SlackAdminDeps) {
  return async function adminCommandListener({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    await ack();
    const actor = slackIdentity(command.user_id);
    try {
      const rows = await deps.admin.execute(actor, 'answers.list', { query: command.text ?? '' });
      await client.views.open({ trigger_id: command.trigger_id, view: findModal(rows, deps.locale, deps.messages) });
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      deps.logger.info({ event: 'slack.admin.refused', user: command.user_id, code: error.code }, 'admin command refused');
      await respond({ response_type: 'ephemeral', text: deps.messages.t(deps.locale, `admin.error.${error.code}`) });
    }
  };
}

/** The intent was chosen: the modal turns into the answer editor. */
export function onFindSubmission(deps: SlackAdminDeps) {
  return async function adminFindListener({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
    const actor = slackIdentity(body.user.id);
    const intentId = view.state.values[AdminField.intent.block]?.[AdminField.intent.action]?.selected_option?.value ?? '';
    try {
      const detail = await deps.admin.execute(actor, 'answers.get', { intentId });
      if (!detail) {
        await ack({ response_action: 'errors', errors: { [AdminField.intent.block]: deps.messages.t(deps.locale, 'admin.error.unknown_intent') } });
        return;
      }
      await ack({ response_action: 'update', view: editModal(intentId, detail.row.title, detail.editable, deps.locale, deps.messages) });
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      await ack({ response_action: 'errors', errors: { [AdminField.intent.block]: deps.messages.t(deps.locale, `admin.error.${error.code}`) } });
    }
  };
}

/** The edited answer was submitted: publish it (validated like the files), then say what was done. */
export function onEditSubmission(deps: SlackAdminDeps) {
  return async function adminEditListener({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
    const actor = slackIdentity(body.user.id);
    const intentId = view.private_metadata;
    const values = view.state.values;
    const text = (f: { block: string; action: string }) => values[f.block]?.[f.action]?.value ?? undefined;
    const date = (f: { block: string; action: string }) => values[f.block]?.[f.action]?.selected_date ?? undefined;
    try {
      const detail = await deps.admin.execute(actor, 'answers.get', { intentId });
      if (!detail) throw new AdminError('unknown_intent', intentId);
      const note = text(AdminField.note);
      const outcome = await deps.admin.execute(actor, 'answers.publishContent', {
        intentId,
        content: {
          ...detail.editable,
          title: text(AdminField.title) ?? detail.editable.title,
          text: text(AdminField.text) ?? detail.editable.text,
          validFrom: date(AdminField.validFrom) ?? detail.editable.validFrom,
          reviewBy: date(AdminField.reviewBy) ?? detail.editable.reviewBy,
        },
        ...(note ? { note } : {}),
      });
      deps.logger.info({ event: 'slack.admin.publish', intentId, version: outcome.n, scheduled: outcome.scheduled }, 'answer published from Slack');
      const done = outcome.scheduled
        ? deps.messages.t(deps.locale, 'admin.slack.scheduled', { version: `v${outcome.n}`, day: outcome.effectiveAt.slice(0, 10) })
        : deps.messages.t(deps.locale, 'admin.slack.published', { version: `v${outcome.n}` });
      await ack({ response_action: 'update', view: doneModal(done, deps.locale, deps.messages) });
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      // Each problem under the input it concerns ("text: too short" → the text input).
      const errors: Record<string, string> = {};
      const details = error.details.length > 0 ? error.details : [deps.messages.t(deps.locale, `admin.error.${error.code}`)];
      for (const detail of details) {
        const block = blockOfDetail(detail);
        errors[block] = errors[block] ? `${errors[block]} ; ${detail}` : detail;
      }
      await ack({ response_action: 'errors', errors });
    }
  };
}
