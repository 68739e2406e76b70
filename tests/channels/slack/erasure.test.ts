import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, elementsOf, visibleText } from './support/blocks.js';
import type { RecordedCall } from './support/fake-slack-api.js';
import { type Harness, IDS, startHarness } from './support/harness.js';
import { blockActions, buttonAction, channelMessage, directMessage, eventCallback } from './support/wire.js';

/** Words of the professional's question and of their follow-up, and how Slack shows their name. */
const QUESTION = 'Quand un assuré part-il à la retraite, que lui dire exactement ?';
const FOLLOW_UP = 'Et pour un confrère retraité qui reprend une activité libérale ?';
const PERSONAL = [/retraite/i, /confrère/i, /dr\.durand/i, /Durand/];
const CLAIRE_DM = 'DCLAIRE1';

/**
 * « Supprimer mes données » on Slack, from the delegates' side: once the professional confirms,
 * the card in the queue's channel is replaced in place by a neutral text with no buttons, the
 * bot's relay of their message in the owner's DM is deleted, and the owner is told without a name.
 * Every assertion is on what reached the (fake) Slack Web API.
 */
// One story told in order: each step starts where the previous one left off (never shuffled).
describe('Slack: erasing a professional neutralises what delegates were shown', { shuffle: false }, () => {
  let h: Harness;
  let card: RecordedCall;
  let cardTs = '';
  let relay: RecordedCall;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const since = (mark: number) => h.api.calls.slice(mark);

  async function click(user: string, message: RecordedCall, actionId: RegExp | string, channelType: 'im' | 'channel') {
    const target = button(message, actionId);
    const post = blockActions({
      user,
      channel: String(message.args.channel),
      channelType,
      messageTs: String(message.response?.ts ?? message.args.ts),
      action: buttonAction(target.action_id, target.value),
      responseBase: h.api.responseBase,
    });
    expect((await h.post(post)).status).toBe(200);
  }

  /** The bot's next message in the doctor's DM that has a button matching `actionId`. */
  async function dmWithButton(mark: number, actionId: RegExp): Promise<RecordedCall> {
    const has = (c: RecordedCall) =>
      c.method === 'chat.postMessage' &&
      c.args.channel === IDS.doctorDm &&
      elementsOf(c).some((e) => actionId.test(e.action_id ?? ''));
    await h.api.waitFor((calls) => calls.slice(mark).some(has), 8000, `a DM with ${String(actionId)}`);
    return since(mark).find(has)!;
  }

  it('has a claimed escalation: the card in the queue channel and a relay in the owner’s DM', async () => {
    let mark = h.api.calls.length;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: QUESTION }).event));
    await click(IDS.doctor, await dmWithButton(mark, /^relais:talk_to_delegate:/), /^relais:talk_to_delegate:/, 'im');
    await click(IDS.doctor, await dmWithButton(mark, /^relais:confirm_escalation:/), /^relais:confirm_escalation:/, 'im');
    await h.api.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.queueChannel), 8000, 'the card');
    card = h.api.callsOf('chat.postMessage', (a) => a.channel === IDS.queueChannel)[0]!;
    cardTs = String(card.response?.ts);
    expect(visibleText(card)).toContain('Demande de dr.durand');

    mark = h.api.calls.length;
    await click(IDS.claire, card, 'card:claim', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.update' && visibleText(c).includes('Pris en charge par Claire Martin')));

    mark = h.api.calls.length;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: FOLLOW_UP }).event));
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postMessage' && c.args.channel === CLAIRE_DM), 8000, 'the relay');
    relay = since(mark).find((c) => c.method === 'chat.postMessage' && c.args.channel === CLAIRE_DM)!;
    expect(visibleText(relay)).toContain('confrère retraité');
  });

  it('on « Supprimer mes données », updates the card in place to a neutral text without question, name or buttons — after a Slack outage', async () => {
    // Slack is down for the first attempt: the outbox retries the erasure.
    h.api.failNext('chat.update', { status: 503, error: 'service_unavailable' });
    const mark = h.api.calls.length;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: 'Supprimer mes données' }).event));
    await click(IDS.doctor, await dmWithButton(mark, /^relais:confirm_erase:/), /^relais:confirm_erase:/, 'im');

    const neutral = (c: RecordedCall) => c.method === 'chat.update' && c.args.ts === cardTs && c.response?.ok === true;
    await h.api.waitFor((calls) => calls.slice(mark).some(neutral), 10_000, 'the neutralised card');
    const attempts = since(mark).filter((c) => c.method === 'chat.update' && c.args.ts === cardTs);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    const update = attempts.find((c) => c.response?.ok === true)!;
    expect(update.args.channel).toBe(IDS.queueChannel);
    expect(visibleText(update)).toContain('Demande supprimée à la demande du professionnel (RGPD)');
    expect(elementsOf(update)).toEqual([]);
    for (const word of PERSONAL) expect(update.raw).not.toMatch(word);
  });

  it("deletes the bot's relay of the professional's message in the owner's DM, and tells the owner without a name", async () => {
    await h.api.waitFor((calls) => calls.some((c) => c.method === 'chat.delete'), 8000, 'chat.delete');
    const deletes = h.api.callsOf('chat.delete');
    expect(deletes.map((c) => c.args)).toEqual([{ channel: CLAIRE_DM, ts: String(relay.response?.ts) }]);
    await h.api.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === CLAIRE_DM && visibleText(c).includes('supprimée à la demande du professionnel')),
    );
    const notice = h.api.callsOf('chat.postMessage', (a) => a.channel === CLAIRE_DM).at(-1)!;
    for (const word of PERSONAL) expect(notice.raw).not.toMatch(word);
  });

  it('leaves nothing the old card could act on: a stale click is answered privately, a thread reply is not relayed', async () => {
    let mark = h.api.calls.length;
    await click(IDS.claire, card, 'card:history', 'channel');
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postEphemeral'));
    expect(since(mark).some((c) => c.method === 'views.open')).toBe(false);

    mark = h.api.calls.length;
    const reply = channelMessage({ user: IDS.claire, channel: IDS.queueChannel, text: 'Bonjour, voici la réponse', threadTs: cardTs });
    expect((await h.post(eventCallback(reply.event))).status).toBe(200);
    await h.settled();
    expect(since(mark).filter((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.doctorDm)).toEqual([]);
    // Every post about the escalation was handled and forgotten.
    const escalationId = button(card, 'card:claim').value!;
    expect(await h.store.list('slack_escalation_posts', { prefix: `${escalationId}:` })).toEqual([]);
  });
});
