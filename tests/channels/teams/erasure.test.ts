import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardInvoke, personalMessage, submitAction, TEAMS } from './support/activities.js';
import { cardOf, cardTexts, executeActions, submitActions } from './support/cards.js';
import { type ConnectorCall } from './support/fake-connector.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, startHarness } from './support/harness.js';
import { escalate } from './support/scenario.js';

const QUESTION = 'Mon patient a une question de facturation très particulière sur un acte rare';
const FOLLOW_UP = 'Et pour un renouvellement en visite longue durée ?';
const PERSONAL = [/particulière/, /renouvellement/, /Durand/, new RegExp(TEAMS.doctor.aadObjectId)];
const CLAIRE_CHAT = `a:personal-${TEAMS.claire.id}`;

/**
 * « Supprimer mes données » on Teams, from the delegates' side, with a crash in the middle: the
 * erasure is committed while the outbox is down, Relais restarts on the same data, and only then
 * does the card in the queue channel get replaced in place (updateActivity) by a neutral card
 * without question, name or actions, and the relay in the owner's 1:1 chat get deleted.
 * Every assertion is on what reached the (fake) Bot connector.
 */
// One story told in order: each step starts where the previous one left off (never shuffled).
describe('Teams: erasing a professional neutralises what delegates were shown, across a restart', { shuffle: false }, () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;
  let cardId = '';
  let escalationId = '';
  let relayId = '';

  beforeAll(async () => {
    harness = await startHarness({ connector, identity });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('has a claimed escalation: the card in the queue channel and a relay in the owner’s chat', async () => {
    ({ cardId, escalationId } = await escalate(harness, connector, QUESTION));
    await harness.post(cardInvoke(connector.serviceUrl, TEAMS.claire, cardId, 'relais.claim', { escalationId }));
    await connector.waitFor((c) => c.method === 'PUT' && c.activityId === cardId);
    await harness.post(personalMessage(connector.serviceUrl, FOLLOW_UP));
    const relay = await connector.waitFor(
      (c) => c.method === 'POST' && c.conversationId === CLAIRE_CHAT && JSON.stringify(c.body).includes('renouvellement'),
    );
    relayId = String(relay.response?.id);
  });

  it('commits the erasure with its channel work before any call: a crash then loses nothing', async () => {
    await harness.outbox.stop();
    const before = connector.calls.length;
    await harness.post(personalMessage(connector.serviceUrl, 'Supprimer mes données'));
    const offer = connector.calls
      .slice(before)
      .filter((c) => c.conversationId === TEAMS.doctorChat && Array.isArray(c.body.attachments))
      .map((c) => ({ call: c, confirm: submitActions(cardOf(c.body)).find((a) => a.data.action === 'confirm_erase') }))
      .find((o) => o.confirm)!;
    expect(offer).toBeDefined();
    await harness.post(submitAction(connector.serviceUrl, offer.confirm!.data, String(offer.call.response?.id)));
    const done = connector.calls.slice(before).map((c) => c.raw).join('\n');
    expect(done).toContain('toutes les données que Relais conservait sur vous ont été supprimées');
    expect(await harness.store.get('escalations', escalationId)).toBeNull();
    const pending = await harness.store.listOutbox({ status: 'pending' });
    expect(pending.map((i) => (i.payload as { type: string }).type)).toContain('escalation.erased');

    const dataDir = harness.dataDir;
    await harness.stop({ keepData: true });
    harness = await startHarness({ connector, identity, dataDir });
  });

  it('after the restart, replaces the card in place by a neutral one: no question, no name, no actions', async () => {
    const isNeutral = (c: ConnectorCall) =>
      c.method === 'PUT' && c.activityId === cardId && JSON.stringify(c.body).includes('RGPD');
    const update = await connector.waitFor(isNeutral, 10_000);
    expect(update.conversationId).toBe(TEAMS.queueChannel);
    const card = cardOf(update.body);
    expect(cardTexts(card).join('\n')).toContain('Demande supprimée à la demande du professionnel (RGPD)');
    expect(executeActions(card)).toEqual([]);
    expect(submitActions(card)).toEqual([]);
    for (const word of PERSONAL) expect(update.raw).not.toMatch(word);
  });

  it("deletes the bot's relay in the owner's chat, and tells the owner without a name", async () => {
    const removal = await connector.waitFor((c) => c.method === 'DELETE');
    expect(removal).toMatchObject({ conversationId: CLAIRE_CHAT, activityId: relayId, status: 200 });
    const notice = await connector.waitFor(
      (c) => c.method === 'POST' && c.conversationId === CLAIRE_CHAT && c.raw.includes('supprimée à la demande du professionnel'),
    );
    for (const word of PERSONAL) expect(notice.raw).not.toMatch(word);
    expect(connector.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('answers a stale click on the old card without acting on anything', async () => {
    const puts = connector.calls.filter((c) => c.method === 'PUT').length;
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.karim, cardId, 'relais.claim', { escalationId }),
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('Demande introuvable');
    await harness.settled();
    expect(connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(puts);
  });
});
