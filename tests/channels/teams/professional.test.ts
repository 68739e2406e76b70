import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personalMessage, submitAction, TEAMS } from './support/activities.js';
import { useTeamsPlatform } from './support/platform.js';
import { type Harness, startHarness } from './support/harness.js';
import { cardOf, cardTexts, submitActions } from './support/cards.js';
import { catalogue, firstAmbiguous } from '../../support/real-matcher.js';

const QUESTION = "Combien de jours d'arrêt je peux mettre en téléconsultation ?";

/** Phrasings close to several intents; the real matcher's first `suggest` among them is asked. */
const AMBIGUOUS_CANDIDATES = [
  'rémunération contact tracing',
  'arrêt de travail en téléconsultation',
  'code et prix de la téléconsultation',
  'téléexpertise',
];

/** The key fact of an intent's curated answer: its first bold sentence. */
function keyFact(intentId: string): string {
  const text = catalogue().answers.get(intentId)?.text ?? '';
  const fact = /\*\*(.+?)\*\*/.exec(text)?.[1];
  if (!fact) throw new Error(`the answer of ${intentId} has no bold key fact`);
  return fact;
}

describe('Teams: a professional in their personal chat', () => {
  const { connector, identity } = useTeamsPlatform();
  let harness: Harness;

  beforeEach(async () => {
    connector.calls.length = 0;
    harness = await startHarness({ connector, identity });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('answers a question with a sourced, dated Adaptive Card with feedback and delegate buttons', async () => {
    const activity = personalMessage(connector.serviceUrl, QUESTION);
    const response = await harness.post(activity);
    expect(response.status).toBe(200);

    const [reply] = connector.sent((c) => c.conversationId === TEAMS.doctorChat);
    expect(reply?.activityId).toBe(activity.id); // a reply to the professional's message
    const card = cardOf(reply!.body);
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('ne peut pas dépasser 3 jours');
    expect(texts).toMatch(
      /Source : \[Ameli — Prescription d'arrêts de travail en téléconsultation[^\]]*\]\(https:\/\/www\.ameli\.fr\/[^)]+\)/,
    );
    expect(texts).toMatch(/à jour au \d{1,2} \S+ \d{4}/);
    const titles = submitActions(card).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['👍', '👎', 'Parler à un délégué']));

    // The bot's outgoing call carried the token the (local) identity platform issued to its app id.
    expect(reply!.authorization).toBe(`Bearer ${identity.accessToken}`);
    const tokenRequest = identity.tokenRequests.at(-1);
    expect(tokenRequest?.get('client_id')).toBe(TEAMS.appId);
    expect(tokenRequest?.get('grant_type')).toBe('client_credentials');
    expect(tokenRequest?.get('scope')).toBe('https://api.botframework.com/.default');
  });

  it('falls back, saying what Relais covers and offering a delegate, for an out-of-scope question', async () => {
    await harness.post(personalMessage(connector.serviceUrl, 'Quel temps fera-t-il demain à Lyon ?'));
    const [reply] = connector.sent((c) => c.conversationId === TEAMS.doctorChat);
    const card = cardOf(reply!.body);
    expect(cardTexts(card).join('\n')).toContain('Je ne sais pas répondre à cette question');
    expect(submitActions(card).map((a) => a.title)).toContain('Parler à un délégué');
  });

  it('offers "Vouliez-vous dire…" choices, and answers the one chosen', async () => {
    const { question, result } = firstAmbiguous(AMBIGUOUS_CANDIDATES);
    await harness.post(personalMessage(connector.serviceUrl, question));
    const offer = connector.sent().find((c) => Array.isArray(c.body.attachments))!;
    const card = cardOf(offer.body);
    expect(cardTexts(card).join('\n')).toContain('Vouliez-vous dire');
    const choices = submitActions(card).filter((a) => a.data.action === 'choose_intent');
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.map((a) => a.title)).toEqual(result.chosen.map((id) => catalogue().answers.get(id)?.title));
    expect(submitActions(card).map((a) => a.title)).toContain('Aucune de ces questions');
    connector.calls.length = 0;
    await harness.post(submitAction(connector.serviceUrl, choices[0]!.data, String(offer.response?.id)));
    const answer = connector.sent().find((c) => Array.isArray(c.body.attachments))!;
    expect(cardTexts(cardOf(answer.body)).join('\n')).toContain(keyFact(result.chosen[0]!));
  });

  it('turns a 👍 click (Action.Submit) into feedback and thanks the professional', async () => {
    const question = personalMessage(connector.serviceUrl, QUESTION);
    await harness.post(question);
    const answer = connector.sent()[0]!;
    const up = submitActions(cardOf(answer.body)).find((a) => a.title === '👍');
    expect(up).toBeDefined();
    connector.calls.length = 0;
    const response = await harness.post(
      submitAction(connector.serviceUrl, up!.data, String(answer.response?.id)),
    );
    expect(response.status).toBe(200);
    const [thanks] = connector.sent();
    expect(JSON.stringify(thanks?.body)).toContain('Merci pour votre retour');
  });

  it('handles a message delivered twice (same activity id) once', async () => {
    const activity = personalMessage(connector.serviceUrl, QUESTION);
    await harness.post(activity);
    const first = connector.sent().length;
    expect(first).toBeGreaterThan(0);
    expect((await harness.post(activity)).status).toBe(200);
    expect(connector.sent()).toHaveLength(first);
  });

  it('tells the professional that files are neither stored nor relayed', async () => {
    const activity = personalMessage(connector.serviceUrl, '', {
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'ordonnance.pdf',
          content: { downloadUrl: 'https://contoso.sharepoint.com/ordonnance.pdf', fileType: 'pdf' },
        },
      ],
    });
    await harness.post(activity);
    const all = connector
      .sent()
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(all).toContain('Je ne conserve ni ne transmets les fichiers et les images');
    expect(all).not.toContain('sharepoint');
  });

  it('masks a NIR: the number never reaches the connector, and the professional is told why', async () => {
    await harness.post(
      personalMessage(connector.serviceUrl, 'Mon patient 1 85 05 78 006 084 36 peut-il avoir un arrêt ?'),
    );
    expect(connector.sent().length).toBeGreaterThan(0);
    const all = connector.calls.map((c) => c.raw).join('\n');
    expect(all).toContain('numéro de sécurité sociale');
    expect(all.replace(/\s/g, '')).not.toContain('1850578006084');
  });

  it('ignores the bot’s own activities and tenants outside the allow-list', async () => {
    const own = personalMessage(connector.serviceUrl, QUESTION);
    own.from = { id: `28:${TEAMS.appId}`, name: 'Relais', aadObjectId: '' } as typeof own.from;
    expect((await harness.post(own)).status).toBe(200);
    const foreign = personalMessage(connector.serviceUrl, QUESTION, { tenant: TEAMS.otherTenant });
    expect((await harness.post(foreign)).status).toBe(200);
    expect(connector.calls).toHaveLength(0);
  });
});

describe('Teams: erasing a professional', () => {
  const { connector, identity } = useTeamsPlatform();

  it('forgets how to reach them: a later reply to their chat cannot be sent', async () => {
    const harness = await startHarness({ connector, identity });
    try {
      await harness.post(personalMessage(connector.serviceUrl, QUESTION));
      await harness.teams.erasePerson(TEAMS.doctor.aadObjectId);
      const result = await harness.teams.deliverer.deliver({
        type: 'professional.reply',
        escalationId: 'e1',
        user: { channel: 'teams', id: TEAMS.doctor.aadObjectId },
        conversation: { channel: 'teams', id: TEAMS.doctorChat },
        replies: [{ kind: 'notice', text: 'Bonjour' }],
      });
      expect(result).toMatchObject({
        ok: false,
        retry: false,
        error: expect.stringMatching(/no_conversation_reference/),
      });
      const left = await harness.store.list('teams_refs');
      expect(
        left.map((d) => d.id).filter((id) => id.includes('doctor') || id.includes(TEAMS.doctor.aadObjectId)),
      ).toEqual([]);
    } finally {
      await harness.stop();
    }
  });
});
