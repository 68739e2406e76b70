import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMyRequestsCommand } from '../../../src/channels/teams/my-requests.js';
import { personalInvoke, personalMessage, TEAMS } from './support/activities.js';
import { type CardJson, cardOf, cardTexts, executeActions } from './support/cards.js';
import { type ConnectorCall } from './support/fake-connector.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, startHarness } from './support/harness.js';
import { escalate } from './support/scenario.js';

type InvokeBody = { statusCode: number; type: string; value: unknown };

const CLAIRE_CHAT = 'a:1claire-personal-conversation';
const OUTSIDER_CHAT = 'a:1outsider-personal-conversation';
const QUESTION = 'Une question de facturation très particulière sur un dépassement';

// One story told in order: each step starts where the previous one left off (never shuffled).
describe('Teams: « Mes demandes » in the personal chat', { shuffle: false }, () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;
  let escalationId = '';

  beforeAll(async () => {
    harness = await startHarness({ connector, identity });
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** Sends `text` in a personal chat and returns the bot's only reply there (a card). */
  async function ask(
    text: string,
    options: { from?: { id: string; aadObjectId: string; name: string }; conversationId?: string; locale?: string } = {},
  ): Promise<{ call: ConnectorCall; card: CardJson }> {
    const conversationId = options.conversationId ?? TEAMS.doctorChat;
    // Notifications of earlier steps (the outbox's confirmation, card updates) land first.
    await harness.settled();
    const before = connector.calls.length;
    const response = await harness.post(personalMessage(connector.serviceUrl, text, options));
    expect(response.status).toBe(200);
    const replies = connector.calls.slice(before).filter((c) => c.conversationId === conversationId);
    expect(replies).toHaveLength(1);
    return { call: replies[0]!, card: cardOf(replies[0]!.body) };
  }

  it('tells a delegate with nothing waiting that they have no request, in the Slack command’s words', async () => {
    const { card } = await ask('mes demandes', { from: TEAMS.claire, conversationId: CLAIRE_CHAT });
    expect(cardTexts(card)).toEqual([
      "Vous n'avez aucune demande prise en charge ni en attente dans vos files.",
    ]);
  });

  it('shows a professional their own request waiting for a delegate, without passing the words to the bot', async () => {
    ({ escalationId } = await escalate(harness, connector, QUESTION));
    const transcriptBefore = await harness.escalation.delegates.history(`teams:${TEAMS.claire.aadObjectId}`, escalationId);
    const { card } = await ask('Mes demandes');
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Votre demande en cours');
    expect(texts).toContain("En attente d'un délégué");
    expect(texts.join('\n')).toContain('dépassement');
    expect(executeActions(card)).toHaveLength(0); // a professional has nothing to claim
    const transcriptAfter = await harness.escalation.delegates.history(`teams:${TEAMS.claire.aadObjectId}`, escalationId);
    expect(transcriptAfter).toEqual(transcriptBefore); // the command was not relayed as a message
  });

  it("lists the queue's open request for a delegate, with « Ouvrir » and « Prendre en charge »", async () => {
    const { card } = await ask('MES-DEMANDES !', { from: TEAMS.claire, conversationId: CLAIRE_CHAT });
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Mes demandes (1)');
    expect(texts[1]).toContain('Dr Paul Durand');
    expect(texts[2]).toMatch(/^CIS Test · En attente de prise en charge/);
    const actions = executeActions(card);
    expect(actions.map((a) => [a.title, a.verb, a.data.escalationId])).toEqual([
      ['Ouvrir', 'relais.view', escalationId],
      ['Prendre en charge', 'relais.claim', escalationId],
    ]);
  });

  it('answers "my requests" in English for an English Teams client', async () => {
    const { card } = await ask('my requests', { from: TEAMS.claire, conversationId: CLAIRE_CHAT, locale: 'en-US' });
    expect(cardTexts(card)[0]).toBe('My requests (1)');
    expect(executeActions(card)[0]?.title).toBe('Open');
  });

  it('opens the full card from the list, to the delegate only, with a way back to the list', async () => {
    const { call } = await ask('mes demandes', { from: TEAMS.claire, conversationId: CLAIRE_CHAT });
    const response = await harness.post(
      personalInvoke(connector.serviceUrl, TEAMS.claire, CLAIRE_CHAT, String(call.response?.id), 'relais.view', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.value as CardJson;
    expect(cardTexts(card).join('\n')).toContain('dépassement');
    const titles = executeActions(card).map((a) => a.title);
    expect(titles).toContain('Prendre en charge');
    expect(titles[titles.length - 1]).toBe('Mes demandes');
  });

  it('claims from the list: the queue channel card is updated and the professional is told', async () => {
    const { call } = await ask('mes demandes', { from: TEAMS.claire, conversationId: CLAIRE_CHAT });
    const response = await harness.post(
      personalInvoke(connector.serviceUrl, TEAMS.claire, CLAIRE_CHAT, String(call.response?.id), 'relais.claim', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(JSON.stringify(body.value)).toMatch(/Pris en charge par Claire Martin/);
    const card = body.value as CardJson;
    expect(executeActions(card).map((a) => a.verb)).toEqual(
      expect.arrayContaining(['relais.release', 'relais.resolve', 'relais.mine']),
    );
    await connector.waitFor(
      (c) => c.method === 'PUT' && c.conversationId === TEAMS.queueChannel && c.raw.includes('Pris en charge par Claire Martin'),
    );
    await connector.waitFor(
      (c) => c.conversationId === TEAMS.doctorChat && c.raw.includes('prend en charge votre demande'),
    );
  });

  it('« Mes demandes » on the card shows the list again, now claimed and without the claim button', async () => {
    const response = await harness.post(
      personalInvoke(connector.serviceUrl, TEAMS.claire, CLAIRE_CHAT, 'card-1', 'relais.mine', {}),
    );
    const card = (response.body as InvokeBody).value as CardJson;
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Mes demandes (1)');
    // Claimed and not answered yet: the line says since when the professional waits for a reply.
    expect(texts[2]).toMatch(
      /^CIS Test · Pris en charge par Claire Martin à \d\d:\d\d · En attente de réponse depuis .+ · échéance .+$/,
    );
    expect(executeActions(card).map((a) => a.verb)).toEqual(['relais.view']);
  });

  it("tells the professional who has their request", async () => {
    const { card } = await ask('mes demandes');
    expect(cardTexts(card)).toContain('Prise en charge par Claire Martin');
  });

  it('gives someone outside every queue neither the list nor a card they crafted an action for', async () => {
    const { card } = await ask('mes demandes', { from: TEAMS.outsider, conversationId: OUTSIDER_CHAT });
    expect(cardTexts(card)).toEqual(['Aucune demande en cours. Écrivez-moi ici pour poser une question.']);
    const response = await harness.post(
      personalInvoke(connector.serviceUrl, TEAMS.outsider, OUTSIDER_CHAT, 'card-2', 'relais.view', { escalationId }),
    );
    const body = response.body as InvokeBody;
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(body)).not.toContain('dépassement');
  });
});

describe('Teams: what counts as « mes demandes »', () => {
  it('accepts the command however it is typed, in French or English', () => {
    for (const text of ['mes demandes', 'Mes Demandes', 'mes-demandes', '/mes-demandes', 'mesdemandes', 'My requests', 'my requests?'])
      expect(isMyRequestsCommand(text), text).toBe(true);
  });

  it('leaves questions that merely contain the words to the bot', () => {
    for (const text of ['mes demandes de remboursement sont rejetées', 'où en sont mes demandes ?', 'demandes', ''])
      expect(isMyRequestsCommand(text), text).toBe(false);
  });
});
