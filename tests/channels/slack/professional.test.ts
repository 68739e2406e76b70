import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, visibleText } from './support/blocks.js';
import type { RecordedCall } from './support/fake-slack-api.js';
import { type Harness, IDS, startHarness } from './support/harness.js';
import { appMention, blockActions, buttonAction, channelMessage, directMessage, eventCallback, nextTs } from './support/wire.js';

/** A professional on Slack: DMs and mentions in, Block Kit answers out (as recorded by the fake API). */
describe('Slack, professional side', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Sends a DM and returns the messages Relais posted back in that DM. */
  async function dm(user: string, channel: string, text: string, files = 0): Promise<RecordedCall[]> {
    const before = h.api.calls.length;
    const { event } = directMessage({ user, channel, text, files });
    const response = await h.post(eventCallback(event));
    expect(response.status).toBe(200);
    await h.api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.args.channel === channel));
    await h.settled();
    return h.api.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  }

  it('answers a DM with the key fact, its source link, "à jour au" and the buttons', async () => {
    const [answer] = await dm(IDS.doctor, IDS.doctorDm, "Combien de jours d'arrêt je peux mettre en téléconsultation ?");
    expect(answer).toBeDefined();
    const text = visibleText(answer!);
    expect(text).toContain('*En téléconsultation, un arrêt de travail ne peut pas dépasser 3 jours*');
    expect(text).toMatch(/Source : <https:\/\/www\.ameli\.fr\/[^|>]+\|Ameli — [^>]+>/);
    expect(text).toMatch(/à jour au \d{2}\/\d{2}\/\d{4}/);
    const labels = (answer!.args.blocks as Array<{ type: string; elements?: Array<{ text?: { text: string } }> }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.text?.text);
    expect(labels).toEqual(expect.arrayContaining(['👍', '👎', 'Parler à un délégué']));
    expect(labels.length).toBeGreaterThanOrEqual(4); // the follow-up questions come as buttons too
    expect(answer!.args.thread_ts).toBeUndefined();
  });

  it('gives the fallback (what Relais covers, a delegate offered) to an out-of-scope DM', async () => {
    const replies = await dm(IDS.doctor, IDS.doctorDm, 'Quand est-ce que je pars à la retraite ?');
    const text = replies.map(visibleText).join('\n');
    expect(text).toContain('Je ne sais pas répondre à cette question');
    expect(text).toContain('téléconsultation');
    expect(() => button(replies[0]!, /^relais:talk_to_delegate:/)).not.toThrow();
  });

  it('thanks a 👍 click with a reply in the same DM', async () => {
    const [answer] = await dm(IDS.doctor, IDS.doctorDm, "combien de jours d'arret je peux mettre en teleconsultation ?");
    const up = button(answer!, /^relais:feedback_up:/);
    const before = h.api.calls.length;
    const click = blockActions({
      user: IDS.doctor,
      channel: IDS.doctorDm,
      channelType: 'im',
      messageTs: String(h.api.calls.length),
      action: buttonAction(up.action_id, up.value, 'reply_buttons', '👍'),
      responseBase: h.api.responseBase,
    });
    expect((await h.post(click)).status).toBe(200);
    await h.api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'chat.postMessage'));
    const thanks = h.api.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(thanks.map(visibleText).join()).toContain('Merci pour votre retour');
    expect(thanks[0]!.args.channel).toBe(IDS.doctorDm);
  });

  it('answers a mention once, in its thread, although Slack sends it as app_mention and as message', async () => {
    const ts = nextTs();
    const text = `<@${h.api.bot.userId}> Combien de jours d'arrêt je peux mettre en téléconsultation ?`;
    const before = h.api.calls.length;
    await Promise.all([
      h.post(eventCallback(appMention({ user: IDS.doctor, channel: 'CGENERAL', text, ts }))),
      h.post(eventCallback(channelMessage({ user: IDS.doctor, channel: 'CGENERAL', text, ts }).event)),
    ]);
    await h.api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'chat.postMessage'));
    await h.settled();
    const answers = h.api
      .callsOf('chat.postMessage', (a) => a.channel === 'CGENERAL')
      .filter((c) => visibleText(c).includes('ne peut pas dépasser 3 jours'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args.thread_ts).toBe(ts);
  });

  it('ignores channel chatter that does not mention it, bots, edits and deletions', async () => {
    const before = h.api.calls.length;
    const chatter = channelMessage({ user: IDS.doctor, channel: 'CGENERAL', text: 'réunion à 14h ?' }).event;
    const fromBot = { ...directMessage({ user: 'UOTHERBOT', channel: IDS.doctorDm, text: 'bonjour' }).event, bot_id: 'B0THER' };
    const edit = {
      type: 'message',
      subtype: 'message_changed',
      channel: IDS.doctorDm,
      channel_type: 'im',
      hidden: true,
      ts: nextTs(),
      event_ts: nextTs(),
      message: { type: 'message', user: IDS.doctor, text: 'tarif TLC ?', ts: nextTs(), edited: { user: IDS.doctor, ts: nextTs() } },
      previous_message: { type: 'message', user: IDS.doctor, text: 'tarif ?', ts: nextTs() },
    };
    const deletion = { type: 'message', subtype: 'message_deleted', channel: IDS.doctorDm, channel_type: 'im', hidden: true, ts: nextTs(), deleted_ts: nextTs(), event_ts: nextTs() };
    for (const event of [chatter, fromBot, edit, deletion]) expect((await h.post(eventCallback(event))).status).toBe(200);
    await h.settled();
    expect(h.api.calls.slice(before).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('tells the professional that files are neither stored nor relayed', async () => {
    const replies = await dm(IDS.doctor, IDS.doctorDm, '', 1);
    expect(replies.map(visibleText).join('\n')).toContain('ne conserve ni ne transmets les fichiers');
  });

  it('publishes the App Home with what Relais covers', async () => {
    const before = h.api.calls.length;
    const event = { type: 'app_home_opened', user: IDS.doctor, channel: IDS.doctorDm, tab: 'home', event_ts: nextTs() };
    await h.post(eventCallback(event));
    await h.api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'views.publish'));
    const publish = h.api.calls.slice(before).find((c) => c.method === 'views.publish')!;
    expect(publish.args.user_id).toBe(IDS.doctor);
    const view = publish.args.view as { type: string; blocks: Array<{ text?: { text: string } }> };
    expect(view.type).toBe('home');
    expect(view.blocks.map((b) => b.text?.text ?? '').join('\n')).toContain('la téléconsultation');
  });

  it('gives a neutral message when handling fails, and logs the code without the text', async () => {
    h.api.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const secret = 'Combien de jours darret pour ma question tres confidentielle ?';
    const replies = await dm(IDS.doctor, IDS.doctorDm, secret);
    const texts = replies.map((c) => String(c.args.text));
    expect(texts).toContain("Désolé, un incident technique m'empêche de répondre pour le moment. Réessayez dans quelques instants.");
    const failure = h.logs.find((l) => l.includes('slack request failed'));
    expect(failure).toContain('invalid_blocks');
    expect(h.logs.join('\n')).not.toContain('tres confidentielle');
  });
});
