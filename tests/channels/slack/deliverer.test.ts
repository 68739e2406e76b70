import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/channels/slack/bolt-logger.js';
import { CardThreads } from '../../../src/channels/slack/card-threads.js';
import { outboxClientOptions } from '../../../src/channels/slack/client-options.js';
import { SlackDeliverer } from '../../../src/channels/slack/deliverer.js';
import { SlackEscalationPosts } from '../../../src/channels/slack/escalation-posts.js';
import { ChannelPacer } from '../../../src/channels/slack/pacing.js';
import { readContent } from '../../../src/content/catalogue.js';
import { UiMessages } from '../../../src/content/messages.js';
import type { EscalationCard, Notification } from '../../../src/escalation/model.js';
import { createLogger } from '../../../src/observability.js';
import type { Store } from '../../../src/store/contract.js';
import { createStore } from '../../../src/store/index.js';
import { FakeSlackApi } from './support/fake-slack-api.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

const card: EscalationCard = {
  escalationId: 'esc-1',
  queueId: 'cis',
  queueName: 'CIS Nord',
  status: 'open',
  statusText: 'En attente de prise en charge',
  title: 'Demande de Dr Durand',
  asker: { name: 'Dr Durand', profession: 'médecin' },
  question: 'Quel code pour une TLC <urgente> & de nuit ?',
  summary: 'Le bot n’était pas sûr de la réponse.',
  guesses: [{ label: 'Majorations', confidence: 0.41 }],
  actions: [
    { id: 'claim', label: 'Prendre en charge', style: 'primary' },
    { id: 'transfer', label: 'Transférer' },
    { id: 'history', label: "Voir l'historique" },
  ],
  transferTargets: [{ queueId: 'service', name: 'Service PS' }],
  createdAt: '2026-11-22T10:00:00.000Z',
};

/** The outbox deliverer against the fake Web API: what it calls, and how it sorts failures. */
describe('Slack outbox deliverer', () => {
  const api = new FakeSlackApi();
  let store: Store;
  let dataDir: string;
  let deliverer: SlackDeliverer;
  const PACE_MS = 150;

  beforeAll(async () => {
    await api.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'relais-slack-deliverer-'));
    const logger = createLogger('silent');
    store = await createStore({ dataDir, logger });
    deliverer = new SlackDeliverer({
      client: new WebClient('xoxb-test', outboxClientOptions(api.url, boltLogger(logger))),
      messages: new UiMessages(readContent(REPO_ROOT).catalogue.ui),
      pacer: new ChannelPacer(PACE_MS),
      cardThreads: new CardThreads(store, 60_000),
      posts: new SlackEscalationPosts(store, 60_000),
      logger,
      locale: 'fr',
    });
  });
  afterAll(async () => {
    await store.close();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cardNote = (ref?: string): Notification => ({
    type: 'queue.card',
    escalationId: 'esc-1',
    queueId: 'cis',
    target: { channel: 'slack', channelId: 'CQUEUE' },
    card,
    ...(ref ? { ref } : {}),
  });

  it('posts a card, returns its ts as ref, then updates it in place', async () => {
    const posted = await deliverer.deliver(cardNote());
    expect(posted.ok).toBe(true);
    const post = api.callsOf('chat.postMessage').at(-1)!;
    expect(posted).toEqual({ ok: true, ref: post.response?.ts });
    expect(JSON.stringify(post.args.blocks)).toContain('Quel code pour une TLC &lt;urgente&gt; &amp; de nuit ?');
    const updated = await deliverer.deliver(cardNote(String(post.response?.ts)));
    expect(updated).toEqual({ ok: true, ref: post.response?.ts });
    expect(api.callsOf('chat.update').at(-1)!.args).toMatchObject({ channel: 'CQUEUE', ts: post.response?.ts });
  });

  it('posts the card anew when the one to update was deleted', async () => {
    api.failNext('chat.update', { error: 'message_not_found' });
    const result = await deliverer.deliver(cardNote('1790000000.999999'));
    expect(result.ok && result.ref).toBe(api.callsOf('chat.postMessage').at(-1)!.response?.ts);
  });

  it("replies in the professional's conversation, in its thread when there is one", async () => {
    const result = await deliverer.deliver({
      type: 'professional.reply',
      escalationId: 'esc-1',
      user: { channel: 'slack', id: 'UDOC' },
      conversation: { channel: 'slack', id: 'CGENERAL', threadId: '1790000000.000100' },
      replies: [{ kind: 'relay', text: 'Voir **la CARSAT**', signature: { name: 'Claire Martin' } }],
    });
    expect(result).toEqual({ ok: true });
    const post = api.callsOf('chat.postMessage').at(-1)!;
    expect(post.args).toMatchObject({ channel: 'CGENERAL', thread_ts: '1790000000.000100' });
    expect(JSON.stringify(post.args.blocks)).toContain('Voir *la CARSAT*');
  });

  it('sends a private message to a delegate in their DM with the bot', async () => {
    const result = await deliverer.deliver({ type: 'delegate.message', escalationId: 'esc-1', to: 'slack:UKARIM', kind: 'relay', text: 'Dr Durand : merci' });
    expect(result).toEqual({ ok: true });
    expect(api.callsOf('conversations.open').at(-1)!.args.users).toBe('UKARIM');
    expect(api.callsOf('chat.postMessage').at(-1)!.args).toMatchObject({ channel: 'DKARIM', text: 'Dr Durand : merci' });
  });

  it('asks the outbox to retry after Retry-After on a 429, and on a 5xx', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    expect(await deliverer.deliver(cardNote())).toMatchObject({ ok: false, retry: true, retryAfterMs: 7000 });
    api.failNext('chat.postMessage', { status: 503, error: 'service_unavailable' });
    expect(await deliverer.deliver(cardNote())).toMatchObject({ ok: false, retry: true, error: 'http_503' });
    api.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await deliverer.deliver(cardNote())).toMatchObject({ ok: false, retry: true });
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth'])(
    'sets the notification aside when Slack answers %s',
    async (error) => {
      api.failNext('chat.postMessage', { error });
      expect(await deliverer.deliver(cardNote())).toEqual({ ok: false, retry: false, error });
    },
  );

  it('refuses a payload that is not a notification, without calling Slack', async () => {
    const before = api.calls.length;
    expect(await deliverer.deliver({ type: 'queue.card', card: 'nope' })).toMatchObject({ ok: false, retry: false });
    expect(api.calls.length).toBe(before);
  });

  const erasure = (escalationId: string, ref?: string) => ({
    type: 'escalation.erased',
    escalationId,
    channel: 'slack',
    text: 'Demande supprimée à la demande du professionnel (RGPD).',
    cards: ref ? [{ queueId: 'cis', target: { channel: 'slack', channelId: 'CQUEUE' }, ref }] : [],
  });

  it('erases what it posted about an escalation: the card neutralised, a relay deleted, a message already gone counted as done', async () => {
    const posted = await deliverer.deliver({ ...cardNote(), escalationId: 'esc-erase' });
    const cardTs = posted.ok ? posted.ref : undefined;
    await deliverer.deliver({ type: 'delegate.message', escalationId: 'esc-erase', to: 'slack:UKARIM', kind: 'relay', text: 'Dr Durand : merci' });
    const relayTs = api.callsOf('chat.postMessage').at(-1)!.response?.ts;
    api.failNext('chat.delete', { error: 'message_not_found' });
    expect(await deliverer.deliver(erasure('esc-erase'))).toEqual({ ok: true });
    const update = api.callsOf('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: 'CQUEUE', ts: cardTs });
    expect(update.raw).not.toMatch(/Durand|TLC/);
    expect(api.callsOf('chat.delete').at(-1)!.args).toEqual({ channel: 'DKARIM', ts: relayTs });
    // Done once: a second pass has nothing left to touch.
    const before = api.calls.length;
    expect(await deliverer.deliver(erasure('esc-erase'))).toEqual({ ok: true });
    expect(api.calls.length).toBe(before);
  });

  it('sets an erasure aside when Slack refuses the edit, and retries it when Slack is down', async () => {
    api.failNext('chat.update', { error: 'cant_update_message' });
    expect(await deliverer.deliver(erasure('esc-old', '1790000000.000555'))).toEqual({ ok: false, retry: false, error: 'cant_update_message' });
    api.failNext('chat.update', { status: 503, error: 'service_unavailable' });
    expect(await deliverer.deliver(erasure('esc-old', '1790000000.000555'))).toMatchObject({ ok: false, retry: true });
  });

  it('paces messages to one channel (about one per interval), not across channels', async () => {
    const note = (channelId: string): Notification => ({
      type: 'queue.message',
      escalationId: 'esc-1',
      queueId: 'cis',
      target: { channel: 'slack', channelId },
      kind: 'reminder',
      text: 'Rappel',
    });
    const started = Date.now();
    await Promise.all([deliverer.deliver(note('CPACE')), deliverer.deliver(note('CPACE')), deliverer.deliver(note('CPACE')), deliverer.deliver(note('COTHER'))]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2 * PACE_MS - 20);
    const order = api.callsOf('chat.postMessage', (a) => a.channel === 'CPACE' || a.channel === 'COTHER').map((c) => c.args.channel);
    expect(order.indexOf('COTHER')).toBeLessThan(order.lastIndexOf('CPACE'));
  });
});
