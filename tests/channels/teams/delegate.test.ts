import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardInvoke, personalMessage, TEAMS, threadMessage } from './support/activities.js';
import { cardTexts, executeActions } from './support/cards.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, SLACK_DELEGATE, startHarness } from './support/harness.js';
import { escalate, isQueuePost } from './support/scenario.js';

type InvokeBody = { statusCode: number; type: string; value: unknown };

const toDoctor = (c: { conversationId?: string; method: string }) =>
  c.method === 'POST' && c.conversationId === TEAMS.doctorChat;

// One story told in order: each step starts where the previous one left off (never shuffled).
describe('Teams: a queue channel handles an escalation from card to resolution, across a restart', { shuffle: false }, () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;
  let cardId = '';
  let escalationId = '';

  beforeAll(async () => {
    harness = await startHarness({ connector, identity });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('posts the escalation card in the queue channel, with who asks, the question and "Prendre en charge"', async () => {
    const posted = await escalate(
      harness,
      connector,
      'Mon patient 1 85 05 78 006 084 36 a une question de facturation très particulière',
    );
    cardId = posted.cardId;
    escalationId = posted.escalationId;
    const card = (posted.call.body.attachments as Array<{ content: never }>)[0]!.content;
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Dr Paul Durand');
    expect(texts).toContain('très particulière');
    expect(texts).toContain('En attente de prise en charge');
    expect(executeActions(card).map((a) => a.title)).toContain('Prendre en charge');
    expect(posted.call.authorization).toBe(`Bearer ${identity.accessToken}`);
  });

  it('refuses a click from someone outside the queue, telling only them', async () => {
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.outsider, cardId, 'relais.claim', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain('Vous ne faites pas partie de la file « CIS Test »');
    expect(connector.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('"Prendre en charge" updates the card for everyone and tells the professional who has it', async () => {
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.claire, cardId, 'relais.claim', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toMatch(/Pris en charge par Claire Martin/);

    const update = await connector.waitFor(
      (c) => c.method === 'PUT' && c.conversationId === TEAMS.queueChannel && c.activityId === cardId,
    );
    const card = (update.body.attachments as Array<{ content: never }>)[0]!.content;
    expect(cardTexts(card).join('\n')).toMatch(/Pris en charge par Claire Martin à \d\d:\d\d/);
    expect(executeActions(card).map((a) => a.title)).not.toContain('Prendre en charge');
    expect(connector.calls.filter(isQueuePost)).toHaveLength(1); // updated in place, not posted again

    const notice = await connector.waitFor(
      (c) => toDoctor(c) && JSON.stringify(c.body).includes('prend en charge votre demande'),
    );
    expect(JSON.stringify(notice.body)).toContain("Claire Martin (déléguée de l'Assurance Maladie)");
  });

  it('tells the late clicker, and only them, who has it', async () => {
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.karim, cardId, 'relais.claim', { escalationId }),
    );
    expect(response.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Déjà pris en charge par Claire Martin.',
    });
  });

  it("relays the professional's next message to the owner in a 1:1 chat", async () => {
    await harness.post(personalMessage(connector.serviceUrl, 'Et pour un renouvellement ?'));
    const created = await connector.waitFor((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created.body.members).toEqual([{ id: TEAMS.claire.id, name: '' }]);
    const relay = await connector.waitFor(
      (c) =>
        c.conversationId === `a:personal-${TEAMS.claire.id}` &&
        JSON.stringify(c.body).includes('renouvellement'),
    );
    expect(JSON.stringify(relay.body)).toContain('Dr Paul Durand');
  });

  it("does not relay a colleague's message in the card's thread", async () => {
    const before = connector.calls.filter(toDoctor).length;
    const response = await harness.post(
      threadMessage(connector.serviceUrl, TEAMS.karim, cardId, '<p>Je regarde aussi de mon côté</p>'),
    );
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls.filter(toDoctor)).toHaveLength(before);
  });

  it("relays the owner's reply in the card's thread to the professional after a restart, signed", async () => {
    const dataDir = harness.dataDir;
    await harness.stop({ keepData: true });
    harness = await startHarness({ connector, identity, dataDir });

    const html = '<p>Bonjour Docteur,<br>la <b>limite est de 3 jours</b> hors médecin traitant.</p>';
    const response = await harness.post(threadMessage(connector.serviceUrl, TEAMS.claire, cardId, html));
    expect(response.status).toBe(200);
    const relay = await connector.waitFor(
      (c) => toDoctor(c) && JSON.stringify(c.body).includes('limite est de 3 jours'),
    );
    const texts = cardTexts((relay.body.attachments as Array<{ content: never }>)[0]!.content);
    expect(texts[0]).toBe("Claire Martin (déléguée de l'Assurance Maladie) vous répond :");
    expect(texts).toEqual(
      expect.arrayContaining(['Bonjour Docteur,', 'la limite est de 3 jours hors médecin traitant.']),
    );
    expect(relay.activityId).toBeUndefined(); // a proactive message, not a reply to an inbound activity
  });

  it('shows the history to the delegate who asks, and only to them', async () => {
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.claire, cardId, 'relais.history', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const texts = cardTexts(body.value as never).join('\n');
    expect(texts).toContain('Historique');
    expect(texts).toContain('renouvellement');
    expect(texts).toContain('limite est de 3 jours');
  });

  it('resolves: the card says so and the professional gets the satisfaction question', async () => {
    const response = await harness.post(
      cardInvoke(connector.serviceUrl, TEAMS.claire, cardId, 'relais.resolve', { escalationId }),
    );
    expect(JSON.stringify((response.body as InvokeBody).value)).toContain('Résolue');
    await connector.waitFor((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('Résolue'));
    await connector.waitFor((c) => toDoctor(c) && JSON.stringify(c.body).includes('Êtes-vous satisfait'));
  });

  it('never sent the NIR the professional typed, in any call', () => {
    const all = connector.calls
      .map((c) => c.raw)
      .join('\n')
      .replace(/\s/g, '');
    expect(all).not.toContain('1850578006084');
  });
});

describe('Teams: a delegate on another channel answers a professional on Teams', () => {
  const { connector, identity } = useTeamsPlatform();

  it('relays a Slack delegate’s reply into the professional’s Teams chat', async () => {
    const harness = await startHarness({ connector, identity });
    try {
      const { escalationId } = await escalate(
        harness,
        connector,
        'Une question de facturation très particulière',
      );
      const claimed = await harness.escalation.delegates.claim(SLACK_DELEGATE, escalationId);
      expect(claimed.ok).toBe(true);
      const replied = await harness.escalation.delegates.reply(
        SLACK_DELEGATE,
        escalationId,
        'Réponse envoyée depuis Slack.',
      );
      expect(replied.ok).toBe(true);
      const relay = await connector.waitFor(
        (c) => toDoctor(c) && JSON.stringify(c.body).includes('Réponse envoyée depuis Slack.'),
      );
      expect(JSON.stringify(relay.body)).toContain('Sophie Leroy vous répond');
    } finally {
      await harness.stop();
    }
  });
});

describe('Teams: release and transfer from the card', () => {
  const { connector, identity } = useTeamsPlatform();

  it('releases to the queue, lets a colleague named by Teams id claim, then transfers to another queue', async () => {
    const harness = await startHarness({ connector, identity });
    try {
      const { cardId, escalationId } = await escalate(
        harness,
        connector,
        'Une question de facturation très particulière',
      );
      const click = (
        who: { id: string; aadObjectId: string; name: string },
        verb: string,
        data: Record<string, unknown> = {},
      ) => harness.post(cardInvoke(connector.serviceUrl, who, cardId, verb, { escalationId, ...data }));

      await click(TEAMS.claire, 'relais.claim');
      const released = (await click(TEAMS.claire, 'relais.release')).body as InvokeBody;
      const releasedCard = released.value as never;
      expect(cardTexts(releasedCard).join('\n')).toContain('En attente de prise en charge');
      expect(executeActions(releasedCard).map((a) => a.title)).toContain('Prendre en charge');

      // Karim is named in the configuration by his Teams user id (29:…), not his Entra object id.
      const claimed = (await click(TEAMS.karim, 'relais.claim')).body as InvokeBody;
      expect(JSON.stringify(claimed.value)).toContain('Pris en charge par Karim Benali');

      const transferForm = executeActions(claimed.value as never).find((a) => a.verb === 'relais.transfer');
      expect(transferForm?.title).toBe('Transférer');
      const transferred = (
        await click(TEAMS.karim, 'relais.transfer', { relaisTransferQueue: 'service-test' })
      ).body as InvokeBody;
      expect(JSON.stringify(transferred.value)).toContain('Service test');
      await connector.waitFor((c) => toDoctor(c) && JSON.stringify(c.body).includes('Service test'));
      await connector.waitFor((c) => c.method === 'PUT' && c.raw.includes('Service test'));
    } finally {
      await harness.stop();
    }
  });
});
