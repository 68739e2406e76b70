import { expect } from 'vitest';
import { personalMessage, submitAction, TEAMS } from './activities.js';
import { cardOf, submitActions } from './cards.js';
import type { ConnectorCall, FakeConnector } from './fake-connector.js';
import type { Harness } from './harness.js';

/** The card posted in the queue channel, and the escalation it shows. */
export interface PostedCard {
  cardId: string;
  escalationId: string;
  call: ConnectorCall;
}

/** True for a new post (not a thread reply) in the queue channel. */
export const isQueuePost = (c: ConnectorCall) =>
  c.method === 'POST' &&
  c.conversationId === TEAMS.queueChannel &&
  c.activityId === undefined &&
  c.status === 200;

/**
 * The professional asks something Relais cannot answer, clicks "Parler à un délégué", confirms,
 * and the outbox posts the escalation's card in the queue's Teams channel.
 */
export async function escalate(
  harness: Harness,
  connector: FakeConnector,
  question: string,
): Promise<PostedCard> {
  let before = connector.calls.length;
  await harness.post(personalMessage(connector.serviceUrl, question));
  for (const action of ['talk_to_delegate', 'confirm_escalation']) {
    const replies = connector.calls.slice(before).filter((c) => c.conversationId === TEAMS.doctorChat);
    const found = replies
      .filter((c) => Array.isArray(c.body.attachments))
      .map((c) => ({ call: c, button: submitActions(cardOf(c.body)).find((a) => a.data.action === action) }))
      .find((r) => r.button);
    if (!found?.button) continue;
    before = connector.calls.length;
    await harness.post(
      submitAction(connector.serviceUrl, found.button.data, String(found.call.response?.id)),
    );
  }
  const confirmations = connector.calls.slice(before).filter((c) => c.conversationId === TEAMS.doctorChat);
  expect(confirmations.map((c) => c.raw).join('\n')).toContain("C'est transmis");
  const call = await connector.waitFor(isQueuePost);
  const data = JSON.stringify(call.body).match(/"escalationId":"([^"]+)"/);
  expect(data).not.toBeNull();
  return { cardId: String(call.response?.id), escalationId: data![1]!, call };
}
