import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEAMS } from './support/activities.js';
import type { ConnectorCall } from './support/fake-connector.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, SLACK_DELEGATE, startHarness } from './support/harness.js';
import { escalate, isQueuePost } from './support/scenario.js';

const toDoctor = (text: string) => (c: ConnectorCall) =>
  c.method === 'POST' && c.conversationId === TEAMS.doctorChat && c.raw.includes(text);

async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Teams: connector failures go through the outbox (retry or set aside)', () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;
  let escalationId = '';
  let cardId = '';

  beforeEach(async () => {
    connector.calls.length = 0;
    connector.clearFailures();
    harness = await startHarness({ connector, identity });
    ({ escalationId, cardId } = await escalate(
      harness,
      connector,
      'Une question de facturation très particulière',
    ));
    expect((await harness.escalation.delegates.claim(SLACK_DELEGATE, escalationId)).ok).toBe(true);
    await connector.waitFor(toDoctor('prend en charge votre demande'));
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('waits out a 429 (Retry-After) and delivers the delegate’s reply', async () => {
    connector.failNext({ status: 429, retryAfter: 1, conversationPrefix: TEAMS.doctorChat });
    await harness.escalation.delegates.reply(SLACK_DELEGATE, escalationId, 'Réponse après limitation.');
    const delivered = await connector.waitFor(
      (c) => c.status === 200 && toDoctor('Réponse après limitation.')(c),
    );
    const throttled = connector.calls.filter((c) => c.status === 429);
    expect(throttled).toHaveLength(1);
    expect(connector.calls.indexOf(delivered)).toBeGreaterThan(connector.calls.indexOf(throttled[0]!));
  });

  it('retries 5xx answers until the connector recovers', async () => {
    connector.failNext({ status: 503, times: 2, conversationPrefix: TEAMS.doctorChat });
    await harness.escalation.delegates.reply(SLACK_DELEGATE, escalationId, 'Réponse après panne.');
    await connector.waitFor((c) => c.status === 200 && toDoctor('Réponse après panne.')(c));
    expect(connector.calls.filter((c) => c.status === 503)).toHaveLength(2);
  });

  it('sets aside (dead letter) a reply to a conversation the bot was removed from (403), without retrying', async () => {
    connector.failNext({ status: 403, times: 100, conversationPrefix: TEAMS.doctorChat });
    await harness.escalation.delegates.reply(SLACK_DELEGATE, escalationId, 'Réponse impossible.');
    const dead = await waitUntil(async () => (await harness.store.listOutbox({ status: 'dead' }))[0]);
    expect(dead.lastError).toMatch(/http_403/);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls.filter((c) => c.status === 403)).toHaveLength(1);
  });

  it('sets aside a 404 (conversation gone)', async () => {
    connector.failNext({ status: 404, times: 100, conversationPrefix: TEAMS.doctorChat });
    await harness.escalation.delegates.reply(SLACK_DELEGATE, escalationId, 'Conversation disparue.');
    const dead = await waitUntil(async () => (await harness.store.listOutbox({ status: 'dead' }))[0]);
    expect(dead.lastError).toMatch(/http_404/);
  });

  it('posts the card again when the posted one was deleted (update answers 404)', async () => {
    await connector.waitFor((c) => c.method === 'PUT' && c.status === 200); // the claim's update
    connector.failNext({ status: 404, conversationPrefix: TEAMS.queueChannel });
    expect((await harness.escalation.delegates.resolve(SLACK_DELEGATE, escalationId)).ok).toBe(true);
    await waitUntil(async () => (connector.calls.filter(isQueuePost).length === 2 ? true : undefined));
    const failedUpdate = connector.calls.find((c) => c.method === 'PUT' && c.status === 404);
    expect(failedUpdate).toBeDefined();
    expect(connector.calls.filter(isQueuePost).at(-1)!.raw).toContain('Résolue');
  });

  it("posts a queue reminder in the card's thread", async () => {
    const result = await harness.teams.deliverer.deliver({
      type: 'queue.message',
      escalationId,
      queueId: 'cis-test',
      target: {
        channel: 'teams',
        conversationId: TEAMS.queueChannel,
        serviceUrl: connector.serviceUrl,
        tenantId: TEAMS.tenant,
      },
      kind: 'reminder',
      text: 'Rappel : cette demande attend depuis 4 heures.',
      ref: cardId,
    });
    expect(result).toEqual({ ok: true });
    const reminder = await connector.waitFor((c) => c.raw.includes('attend depuis 4 heures'));
    expect(reminder.conversationId).toBe(`${TEAMS.queueChannel};messageid=${cardId}`);
    expect(reminder.activityId).toBeUndefined();
  });

  it('sets aside a notification it cannot address (a Teams user Relais never saw)', async () => {
    const result = await harness.teams.deliverer.deliver({
      type: 'delegate.message',
      escalationId,
      to: 'teams:unknown-object-id',
      kind: 'notice',
      text: 'Bonjour',
    });
    expect(result).toMatchObject({
      ok: false,
      retry: false,
      error: expect.stringMatching(/unknown_teams_user/),
    });
  });

  it('delivers after a restart a reply that could not be delivered before it', async () => {
    connector.failNext({ status: 503, times: 1000, conversationPrefix: TEAMS.doctorChat });
    await harness.escalation.delegates.reply(SLACK_DELEGATE, escalationId, 'Réponse pendant la panne.');
    await connector.waitFor((c) => c.status === 503);
    const dataDir = harness.dataDir;
    await harness.stop({ keepData: true });
    connector.clearFailures();
    harness = await startHarness({ connector, identity, dataDir });
    await connector.waitFor((c) => c.status === 200 && toDoctor('Réponse pendant la panne.')(c));
  });
});
