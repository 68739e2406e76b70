import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannel, type SlackChannel } from '../../src/channels/slack/app.js';
import { registerSlackAdmin } from '../../src/channels/slack/admin/index.js';
import { AdminField, AdminModal } from '../../src/channels/slack/admin/ids.js';
import { createEscalation, createEscalationMetrics, storedDirectory } from '../../src/escalation/index.js';
import { closeServer, createHttpApp, listen } from '../../src/server.js';
import { FakeSlackApi } from '../channels/slack/support/fake-slack-api.js';
import { postToSlackEndpoint, type SignedPost, slashCommand, viewSubmission } from '../channels/slack/support/wire.js';
import { type AdminHarness, createAdminHarness } from './harness.js';

const SECRET = 'test-signing-secret-admin-5e4d3c2b1a';
const ADMIN_ID = 'UADMIN01';
const OUTSIDER_ID = 'UOUTSIDE';
const INTENT = 'tlc_tarifs';

describe('Slack /relais-admin', () => {
  let api: FakeSlackApi;
  let h: AdminHarness;
  let slack: SlackChannel;
  let server: Server;
  let url: string;
  const post = (p: SignedPost) => postToSlackEndpoint(url, SECRET, p);

  beforeAll(async () => {
    api = new FakeSlackApi();
    await api.start();
    h = await createAdminHarness({ admins: [`slack:${ADMIN_ID}`], at: '2026-06-15T09:00:00+02:00' });
    const escalation = createEscalation({
      store: h.store,
      clock: h.clock,
      directory: storedDirectory(h.store),
      messages: h.messages,
      logger: h.logger,
      metrics: createEscalationMetrics(new Registry()),
    });
    slack = createSlackChannel({
      config: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: api.url, RETENTION_DAYS: 90 },
      logger: h.logger,
      conversation: { handle: async () => [] },
      escalation: { delegates: escalation.delegates, views: escalation.views, professionals: escalation.service },
      store: h.store,
      messages: h.messages,
      registerAdmin: registerSlackAdmin(h.admin.service),
    });
    await slack.start();
    const app = createHttpApp({ store: h.store, logger: h.logger, mounts: [{ path: slack.mountPath, router: slack.router }], metricsEnabled: false });
    server = await listen(app, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${slack.mountPath}`;
  });
  afterAll(async () => {
    await closeServer(server, 1000);
    await slack.stop();
    await h.close();
    await api.stop();
  });

  it('refuses a non-admin privately, with the refusal logged and audited', async () => {
    // Calls from now on only: the admin's test may have run first.
    const mark = api.calls.length;
    const since = (method: string) => api.calls.slice(mark).filter((c) => c.method === method);
    const response = await post(slashCommand({ user: OUTSIDER_ID, channel: 'CGENERAL', command: '/relais-admin', text: 'tarif', responseBase: api.responseBase }));
    expect(response.status).toBe(200);
    await api.waitFor(() => since('response_url').length > 0);
    const refusal = since('response_url')[0]!;
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', text: 'Cette action est réservée aux administrateurs de Relais.' });
    expect(since('views.open')).toHaveLength(0);
    const audit = (await h.store.listAudit()).filter((a) => a.action === 'admin.refused');
    expect(audit.map((a) => a.actor)).toEqual([`slack:${OUTSIDER_ID}`]);
  });

  it('lets an admin find an intent, edit its answer and publish it through the modal', async () => {
    await post(slashCommand({ user: ADMIN_ID, channel: 'CGENERAL', command: '/relais-admin', text: 'tarif', responseBase: api.responseBase }));
    await api.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const opened = api.callsOf('views.open')[0]!.args.view as { callback_id: string; blocks: Array<{ element?: { options?: Array<{ value: string }> } }> };
    expect(opened.callback_id).toBe(AdminModal.find);
    const options = opened.blocks.flatMap((b) => b.element?.options ?? []).map((o) => o.value);
    expect(options).toContain(INTENT);

    const chosen = await post(
      viewSubmission({
        user: ADMIN_ID,
        callbackId: AdminModal.find,
        privateMetadata: '',
        values: { [AdminField.intent.block]: { [AdminField.intent.action]: { type: 'static_select', selected_option: { value: INTENT } } } },
      }),
    );
    const editor = JSON.parse(chosen.text) as { response_action: string; view: { callback_id: string; private_metadata: string; blocks: Array<{ block_id?: string; element?: { initial_value?: string; initial_date?: string } }> } };
    expect(editor.response_action).toBe('update');
    expect(editor.view.callback_id).toBe(AdminModal.edit);
    const initial = (block: string) => editor.view.blocks.find((b) => b.block_id === block)?.element;
    expect(initial(AdminField.text.block)?.initial_value).toContain('25 €');

    const submit = (text: string) =>
      post(
        viewSubmission({
          user: ADMIN_ID,
          callbackId: AdminModal.edit,
          privateMetadata: editor.view.private_metadata,
          values: {
            [AdminField.title.block]: { [AdminField.title.action]: { type: 'plain_text_input', value: initial(AdminField.title.block)?.initial_value } },
            [AdminField.text.block]: { [AdminField.text.action]: { type: 'plain_text_input', value: text } },
            [AdminField.validFrom.block]: { [AdminField.validFrom.action]: { type: 'datepicker', selected_date: initial(AdminField.validFrom.block)?.initial_date } },
            [AdminField.reviewBy.block]: { [AdminField.reviewBy.action]: { type: 'datepicker', selected_date: '2027-06-30' } },
            [AdminField.note.block]: { [AdminField.note.action]: { type: 'plain_text_input', value: null } },
          },
        }),
      );

    const tooShort = JSON.parse((await submit('court')).text);
    expect(tooShort).toEqual({ response_action: 'errors', errors: { [AdminField.text.block]: expect.stringMatching(/^text: /) } });

    const done = JSON.parse((await submit('Le TCG est payé 25 € (révisé depuis Slack).')).text);
    expect(done.response_action).toBe('update');
    expect(JSON.stringify(done.view)).toContain('Version v2 publiée');
    const served = await h.admin.answers.current(INTENT, h.clock.now());
    expect(served).toMatchObject({ text: 'Le TCG est payé 25 € (révisé depuis Slack).', reviewBy: '2027-06-30', versionId: 'v2' });
    const audit = await h.store.listAudit({ subject: `answer:${INTENT}` });
    expect(audit.at(-1)).toMatchObject({ action: 'answer.publish', actor: `slack:${ADMIN_ID}` });
  });
});
