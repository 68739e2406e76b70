import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, elementsOf, visibleText } from './support/blocks.js';
import type { RecordedCall } from './support/fake-slack-api.js';
import { type Harness, IDS, startHarness } from './support/harness.js';
import { blockActions, buttonAction, directMessage, eventCallback } from './support/wire.js';

/** Transfer from the card's queue selector (a `static_select` block action). */
describe('Slack, transferring an escalation to another queue', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function clickButton(user: string, message: RecordedCall, actionId: RegExp) {
    const target = button(message, actionId);
    await h.post(
      blockActions({
        user,
        channel: String(message.args.channel),
        channelType: 'im',
        messageTs: String(message.response?.ts),
        action: buttonAction(target.action_id, target.value),
        responseBase: h.api.responseBase,
      }),
    );
  }

  async function latestDmPost(mark: number, withButton: RegExp): Promise<RecordedCall> {
    await h.api.waitFor((calls) =>
      calls.slice(mark).some((c) => c.method === 'chat.postMessage' && elementsOf(c).some((e) => withButton.test(e.action_id ?? ''))),
    );
    return h.api.calls.slice(mark).find((c) => c.method === 'chat.postMessage' && elementsOf(c).some((e) => withButton.test(e.action_id ?? '')))!;
  }

  it('moves the card to the chosen queue and tells the former queue where it went', async () => {
    let mark = h.api.calls.length;
    await h.post(eventCallback(directMessage({ user: IDS.doctor, channel: IDS.doctorDm, text: 'Je veux parler à quelqu’un de la caisse' }).event));
    // Asking for a person is understood (intent gen_demande_humain): Relais asks to confirm at once.
    const confirm = await latestDmPost(mark, /^relais:confirm_escalation:/);
    await clickButton(IDS.doctor, confirm, /^relais:confirm_escalation:/);
    await h.api.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.queueChannel));
    const card = h.api.callsOf('chat.postMessage', (a) => a.channel === IDS.queueChannel)[0]!;
    const select = elementsOf(card).find((e) => e.action_id === 'card:transfer')!;
    expect(select.type).toBe('static_select');
    const option = select.options!.find((o) => o.text.text === 'Service test')!;

    mark = h.api.calls.length;
    await h.post(
      blockActions({
        user: IDS.karim,
        channel: IDS.queueChannel,
        messageTs: String(card.response?.ts),
        action: {
          type: 'static_select',
          action_id: 'card:transfer',
          block_id: 'card',
          selected_option: { text: { type: 'plain_text', text: option.text.text, emoji: true }, value: option.value },
          placeholder: { type: 'plain_text', text: 'Transférer vers…', emoji: true },
        },
        responseBase: h.api.responseBase,
      }),
    );
    await h.api.waitFor((calls) => calls.slice(mark).some((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.serviceChannel));
    await h.api.waitFor((calls) =>
      calls.slice(mark).some((c) => c.method === 'chat.update' && c.args.ts === card.response?.ts && visibleText(c).includes('Transférée vers Service test')),
    );
    await h.settled(); // the former card's last update is the one it keeps
    const moved = h.api.calls.slice(mark).find((c) => c.method === 'chat.postMessage' && c.args.channel === IDS.serviceChannel)!;
    expect(visibleText(moved)).toContain('En attente de prise en charge');
    const formerCard = h.api.calls.slice(mark).filter((c) => c.method === 'chat.update' && c.args.ts === card.response?.ts).at(-1)!;
    expect(elementsOf(formerCard).map((e) => e.action_id)).toEqual(['card:history']);
  });
});
