import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminNotices } from '../../../src/admin/notices.js';
import { DigestPublisher } from '../../../src/admin/reports/publisher.js';
import { boltLogger } from '../../../src/channels/slack/bolt-logger.js';
import { CardThreads } from '../../../src/channels/slack/card-threads.js';
import { outboxClientOptions } from '../../../src/channels/slack/client-options.js';
import { SlackDeliverer } from '../../../src/channels/slack/deliverer.js';
import { SlackEscalationPosts } from '../../../src/channels/slack/escalation-posts.js';
import { ChannelPacer } from '../../../src/channels/slack/pacing.js';
import { FixedClock } from '../../../src/clock.js';
import { readContent } from '../../../src/content/catalogue.js';
import { UiMessages } from '../../../src/content/messages.js';
import { parseEscalationConfig } from '../../../src/escalation/config.js';
import { staticDirectory } from '../../../src/escalation/directory.js';
import { OutboxWorker } from '../../../src/escalation/outbox.js';
import { createLogger } from '../../../src/observability.js';
import type { Store } from '../../../src/store/contract.js';
import { createStore } from '../../../src/store/index.js';
import { waitUntilSettled } from '../../support/settle.js';
import { FakeSlackApi } from './support/fake-slack-api.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const ADMINS_CHANNEL = 'C0ADMINS';
const ADMINS = ['slack:UADMIN01', 'slack:UADMIN02'];
const messages = new UiMessages(readContent(REPO_ROOT).catalogue.ui);

/**
 * The daily digest with `reports.slack` set: posted by the outbox (the real Slack deliverer, the
 * local fake Web API) in the admins' channel, once although two instances publish it.
 */
describe('Slack: digests in the admins’ shared channel', () => {
  const api = new FakeSlackApi();
  const logger = createLogger('silent');
  let dataDir: string;
  let store: Store;
  let outbox: OutboxWorker;

  beforeAll(async () => {
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
  });
  afterEach(async () => {
    await outbox.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Store, outbox worker with the Slack deliverer, and a digest publisher per "instance". */
  async function start(reports: Record<string, unknown>) {
    api.calls.length = 0;
    dataDir = mkdtempSync(path.join(tmpdir(), 'relais-slack-digest-'));
    store = await createStore({ dataDir, logger });
    outbox = new OutboxWorker({ store, logger, pollMs: 20, baseBackoffMs: 30, maxBackoffMs: 200 });
    outbox.registerDeliverer(
      'slack',
      new SlackDeliverer({
        client: new WebClient('xoxb-test', outboxClientOptions(api.url, boltLogger(logger))),
        messages,
        pacer: new ChannelPacer(0),
        cardThreads: new CardThreads(store, 60_000),
        posts: new SlackEscalationPosts(store, 60_000),
        logger,
        locale: 'fr',
      }),
    );
    outbox.start();
    const config = parseEscalationConfig({
      defaultQueue: 'cis',
      queues: [{ id: 'cis', name: 'CIS', kind: 'team', members: ['slack:UKARIM01'] }],
      admins: ADMINS,
      reports,
    });
    const clock = new FixedClock('2026-03-10T06:05:00Z'); // 07:05 in Paris: the daily digest is due
    return () => new DigestPublisher({ store, clock, notices: adminNotices(staticDirectory(config)), messages });
  }

  const posts = () => api.calls.filter((c) => c.method === 'chat.postMessage');

  it('posts the digest once in the channel, and sends no private message', async () => {
    const instance = await start({ slack: ADMINS_CHANNEL });
    const published = await Promise.all([instance().publishDue('daily'), instance().publishDue('daily')]);
    expect(published.filter(Boolean)).toHaveLength(1);
    await waitUntilSettled(store);
    expect(posts().map((c) => c.args.channel)).toEqual([ADMINS_CHANNEL]);
    expect(String(posts()[0]!.args.text)).toMatch(/^Relais — revue quotidienne du 10\/03\/2026/);
    expect(api.calls.filter((c) => c.method === 'conversations.open')).toEqual([]);
    // A later run the same day (or after a restart) posts nothing more.
    expect(await instance().publishDue('daily')).toBe(false);
    await waitUntilSettled(store);
    expect(posts()).toHaveLength(1);
  });

  it('with privateCopies: true, each admin also gets the digest in a direct message', async () => {
    const instance = await start({ slack: ADMINS_CHANNEL, privateCopies: true });
    expect(await instance().publishDue('daily')).toBe(true);
    await waitUntilSettled(store);
    expect(api.calls.filter((c) => c.method === 'conversations.open').map((c) => c.args.users).sort()).toEqual([
      'UADMIN01',
      'UADMIN02',
    ]);
    expect(posts().map((c) => c.args.channel).sort()).toEqual([ADMINS_CHANNEL, 'DADMIN01', 'DADMIN02']);
  });

  it('retries a 5xx from Slack, and sets aside a channel the bot cannot post in as a dead letter', async () => {
    const instance = await start({ slack: ADMINS_CHANNEL });
    api.failNext('chat.postMessage', { status: 503 });
    expect(await instance().publishDue('daily')).toBe(true);
    await waitUntilSettled(store);
    expect(posts().map((c) => c.args.channel)).toEqual([ADMINS_CHANNEL, ADMINS_CHANNEL]);
    expect(await store.listOutbox({ status: 'dead' })).toEqual([]);

    api.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await instance().publishDue('weekly')).toBe(true);
    await waitUntilSettled(store);
    const dead = await store.listOutbox({ status: 'dead' });
    expect(dead.map((d) => [d.channel, d.id])).toEqual([['slack', 'admin:digest:weekly:2026-03-09:channel:slack']]);
    expect(dead[0]!.lastError).toMatch(/channel_not_found/);
  });
});
