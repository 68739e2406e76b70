import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, elementsOf, visibleText } from './support/blocks.js';
import type { RecordedCall } from './support/fake-slack-api.js';
import { type Harness, IDS, startHarness } from './support/harness.js';
import {
  blockActions,
  buttonAction,
  channelMessage,
  directMessage,
  eventCallback,
  slashCommand,
  viewSubmission,
} from './support/wire.js';

/** NIRs written by the professional and by the delegate: a Corsican one, and one with a wrong key. */
const NIR_CORSICA = '2 84 12 2A 123 456 78';
const NIR_WRONG_KEY = '185057800608499';
const NIR_DIGITS = [/2\s?84\s?12\s?2A\s?123\s?456/i, /1850578006084/, /185\D{0,3}057\D{0,3}800/];

/**
 * One escalation on Slack from DM to resolution, as a transcript: the professional escalates, the
 * card reaches the queue's channel, an outsider is refused, two delegates claim at once, the
 * owner answers in the card's thread while a colleague chats there, history on demand, "mes
 * demandes", resolve. Every assertion is on what reached the (fake) Slack Web API.
 */
// One story told in order: each step starts where the previous one left off (never shuffled).
describe('Slack, delegate side (one escalation, start to finish)', { shuffle: false }, () => {
  let h: Harness;
  let card: RecordedCall;
  let cardTs: string;
  let escalationId: string;
  let owner: string;
  let colleague: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const since = (mark: number) => h.api.calls.slice(mark);

  /** Clicks a button of a message Relais posted, as `user`. */
  async function click(user: string, message: RecordedCall, actionId: RegExp | string, channelType: 'im' | 'channel') {
    const target = button(message, actionId);
    const ts = String(message.response?.ts ?? message.args.ts);
    const post = blockActions({
      user,
      channel: String(message.args.channel),
      channelType,
      messageTs: ts,
      action: buttonAction(target.action_id, target.value),
      responseBase: h.api.responseBase,
    });
    const response = await h.post(post);
    expect(response.status).toBe(200);
  }

  async function dmPostsAfter(mark: number): Promise<RecordedCall[]> {
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.doctorDm));
    await h.settled();
    return since(mark).filter((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.doctorDm);
  }

  it('posts the card in the queue channel when the professional asks for a delegate', async () => {
    let mark = h.api.calls.length;
    const question = `Un assuré ${NIR_CORSICA} me demande quand il part à la retraite, que lui dire ?`;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: question }).event));
    const fallback = (await dmPostsAfter(mark)).find((c) => elementsOf(c).some((e) => /talk_to_delegate/.test(e.action_id ?? '')))!;
    expect(visibleText(fallback)).toContain('Je ne sais pas répondre');

    mark = h.api.calls.length;
    await click(IDS.doctor, fallback, /^relais:talk_to_delegate:/, 'im');
    const confirm = (await dmPostsAfter(mark))[0]!;
    mark = h.api.calls.length;
    await click(IDS.doctor, confirm, /^relais:confirm_escalation:/, 'im');
    await h.api.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.queueChannel), 8000, 'the card');
    card = h.api.callsOf('chat.postMessage', (a) => a.channel === IDS.queueChannel)[0]!;
    cardTs = String(card.response?.ts);
    escalationId = button(card, 'card:claim').value!;
    const text = visibleText(card);
    expect(text).toContain('Demande de dr.durand');
    expect(text).toContain('CIS Test');
    expect(text).toContain('En attente de prise en charge');
    expect(text).toContain('[n° masqué]');
    expect(elementsOf(card).map((e) => e.action_id)).toEqual(
      expect.arrayContaining(['card:claim', 'card:history', 'card:transfer']),
    );
    const confirmation = (await dmPostsAfter(mark)).map(visibleText).join('\n');
    expect(confirmation).toContain('CIS Test');
  });

  it('refuses a claim by someone outside the queue, privately', async () => {
    const mark = h.api.calls.length;
    await click(IDS.outsider, card, 'card:claim', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postEphemeral'));
    await h.settled();
    const ephemerals = since(mark).filter((c) => c.method === 'chat.postEphemeral');
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]!.args).toMatchObject({ channel: IDS.queueChannel, user: IDS.outsider });
    expect(String(ephemerals[0]!.args.text)).toContain('Vous ne faites pas partie de la file « CIS Test »');
    expect(since(mark).filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('gives the escalation to exactly one of two delegates claiming at once; the other is told who has it', async () => {
    const mark = h.api.calls.length;
    await Promise.all([click(IDS.claire, card, 'card:claim', 'channel'), click(IDS.karim, card, 'card:claim', 'channel')]);
    await h.api.waitFor(
      (calls) => calls.slice(mark).some((c) => c.method === 'chat.update' && visibleText(c).includes('Pris en charge par')),
      8000,
      'the card update',
    );
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postEphemeral'));
    await h.settled();
    const updates = since(mark).filter((c) => c.method === 'chat.update');
    expect(updates.every((u) => u.args.channel === IDS.queueChannel && u.args.ts === cardTs)).toBe(true);
    const owners = new Set(updates.map((u) => /Pris en charge par (Claire Martin|Karim Benali)/.exec(visibleText(u))?.[1]));
    expect(owners.size).toBe(1);
    const ownerName = [...owners][0]!;
    owner = ownerName === 'Claire Martin' ? IDS.claire : IDS.karim;
    colleague = owner === IDS.claire ? IDS.karim : IDS.claire;
    const ephemerals = since(mark).filter((c) => c.method === 'chat.postEphemeral');
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]!.args.user).toBe(colleague);
    expect(String(ephemerals[0]!.args.text)).toBe(`Déjà pris en charge par ${ownerName}.`);
    const latest = updates.at(-1)!;
    expect(elementsOf(latest).map((e) => e.action_id)).toEqual(expect.arrayContaining(['card:release', 'card:resolve']));
    const told = (await dmPostsAfter(mark)).map(visibleText).join('\n');
    expect(told).toContain(`${ownerName}`);
    expect(told).toContain('prend en charge votre demande');
  });

  it("relays the owner's reply in the card's thread to the professional, not a colleague's", async () => {
    const mark = h.api.calls.length;
    const chatter = channelMessage({ user: colleague, channel: IDS.queueChannel, text: 'Je crois que la CARSAT gère ça', threadTs: cardTs });
    await h.post(eventCallback(chatter.event));
    await h.settled();
    const reply = channelMessage({
      user: owner,
      channel: IDS.queueChannel,
      text: `Bonjour, pour la retraite voyez la *CARSAT* ; ne m'envoyez pas le NIR ${NIR_WRONG_KEY}.`,
      threadTs: cardTs,
    });
    await h.post(eventCallback(reply.event));
    const relayed = (await dmPostsAfter(mark)).map(visibleText).join('\n');
    expect(relayed).toContain('pour la retraite voyez la *CARSAT*');
    expect(relayed).toMatch(/Message de (Claire Martin \(déléguée de l'Assurance Maladie\)|Karim Benali)/);
    expect(relayed).not.toContain('Je crois que la CARSAT');
    expect(since(mark).filter((c) => c.method === 'chat.postEphemeral' && c.args.user === colleague)).toEqual([]);
  });

  it("passes the professional's next message to the owner privately while the bot stays silent", async () => {
    const mark = h.api.calls.length;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: 'Merci, et pour un médecin retraité actif ?' }).event));
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D') && c.args.channel !== IDS.doctorDm));
    const toOwner = since(mark).find((c) => c.method === 'chat.postMessage' && c.args.channel !== IDS.doctorDm)!;
    expect(since(mark).some((c) => c.method === 'conversations.open' && c.args.users === owner)).toBe(true);
    expect(visibleText(toOwner)).toContain('médecin retraité actif');
    const toDoctor = await dmPostsAfter(mark);
    expect(toDoctor.map((c) => c.args.text)).toEqual(['Transmis.']);
  });

  it('shows the history on demand in a modal, to members only', async () => {
    let mark = h.api.calls.length;
    await click(colleague, card, 'card:history', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'views.open'));
    const open = since(mark).find((c) => c.method === 'views.open')!;
    expect(String(open.args.trigger_id)).toMatch(/T0RELAIS/);
    const view = open.args.view as { type: string; blocks: Array<{ text?: { text: string } }> };
    expect(view.type).toBe('modal');
    const history = view.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(history).toContain('retraite');
    expect(history).toContain('médecin retraité actif');
    expect(history).not.toContain('Je crois que la CARSAT');

    mark = h.api.calls.length;
    await click(IDS.outsider, card, 'card:history', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postEphemeral'));
    expect(since(mark).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('lists the claimed request in "/relais mes-demandes"', async () => {
    const mark = h.api.calls.length;
    const response = await h.post(
      slashCommand({ user: owner, channel: IDS.queueChannel, command: '/relais', text: 'mes-demandes', responseBase: h.api.responseBase }),
    );
    expect(response.status).toBe(200);
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'response_url'));
    const listed = since(mark).find((c) => c.method === 'response_url')!;
    expect(listed.args.response_type).toBe('ephemeral');
    expect(visibleText(listed)).toContain('Mes demandes (1)');
    expect(visibleText(listed)).toContain('Demande de dr.durand');
  });

  it('resolves through the modal; the professional gets the satisfaction question and the card says so', async () => {
    let mark = h.api.calls.length;
    const latestCard = h.api.callsOf('chat.update', (a) => a.ts === cardTs).at(-1)!;
    await click(owner, latestCard, 'card:resolve', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'views.open'));
    const modal = since(mark).find((c) => c.method === 'views.open')!.args.view as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe('relais:resolve');

    mark = h.api.calls.length;
    const submit = viewSubmission({
      user: owner,
      callbackId: modal.callback_id,
      privateMetadata: modal.private_metadata,
      values: {
        faq: { faq_checkbox: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'FAQ' }, value: 'propose' }] } },
        note: { note_input: { type: 'plain_text_input', value: null } },
      },
    });
    expect((await h.post(submit)).status).toBe(200);
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.update' && visibleText(c).includes('Résolue par')));
    const toDoctor = (await dmPostsAfter(mark)).find((c) => visibleText(c).includes('a clôturé votre demande'))!;
    expect(elementsOf(toDoctor).map((e) => e.text && typeof e.text === 'object' ? e.text.text : '')).toEqual(['1', '2', '3', '4', '5']);
    const suggestion = await h.store.get<{ answer: string }>('suggestions', `delegate_answer:${escalationId}`);
    expect(suggestion?.value.answer).toContain('CARSAT');
  });

  it('never sent a NIR to Slack, in any call', () => {
    expect(h.api.calls.length).toBeGreaterThan(20);
    for (const call of h.api.calls) {
      for (const nir of NIR_DIGITS) expect(call.raw, `${call.method} leaked a NIR`).not.toMatch(nir);
      expect(decodeURIComponent(call.raw.replace(/\+/g, ' ')), `${call.method} leaked a NIR`).not.toMatch(NIR_DIGITS[0]!);
    }
    for (const line of h.logs) for (const nir of NIR_DIGITS) expect(line).not.toMatch(nir);
  });
});
