import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixedClock } from '../../src/clock.js';
import { createWebDeliverer } from '../../src/channels/web/delegate-deliverer.js';
import { WebDelivery } from '../../src/channels/web/delivery.js';
import { FileAnswerSource } from '../../src/content/answers.js';
import { UiMessages } from '../../src/content/messages.js';
import { createClinicalGuard } from '../../src/core/clinical-guard.js';
import { ConversationService } from '../../src/core/conversation.js';
import { intentDirectory } from '../../src/core/turn.js';
import { OutboxWorker } from '../../src/escalation/outbox.js';
import { InboundMessage, type Reply, type UserRef } from '../../src/model/message.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { Matcher } from '../../src/nlu/types.js';
import { CONTENT_ROOT, catalogue, DEFAULT_LIMITS } from '../core/support/harness.js';
import { tempDir } from '../store/backends.js';
import { makeEscalation, pending, silentLogger } from './helpers.js';

const NIR = '2 84 12 2A 123 456 78';
/** A matcher sure of its answer to anything: if the bot were not silent, it would answer. */
const alwaysAnswers: Matcher = {
  match: () => ({
    ranked: [{ intent: 'tlc_tarifs', confidence: 0.97 }],
    decision: 'answer',
    chosen: ['tlc_tarifs'],
  }),
};

const DR_B: UserRef = { channel: 'web', id: 'dr-b', displayName: 'Dr Bernard', profession: 'médecin' };

/**
 * The professional talks to the real conversation core, which calls the real escalation services:
 * once a delegate owns the conversation the bot answers nothing itself, even to a question it
 * knows, and the delegate's signed answer reaches the professional's web inbox through the outbox.
 */
describe('relay through the conversation core', () => {
  let store: Store;
  let seq = 0;
  beforeEach(async () => {
    store = await createStore({ dataDir: tempDir(), logger: silentLogger });
  });
  afterEach(() => store.close());

  function setup(matcher: Matcher = alwaysAnswers) {
    const esc = makeEscalation(store);
    const content = catalogue();
    const core = new ConversationService({
      store,
      matcher,
      answers: new FileAnswerSource(content.answers),
      messages: new UiMessages(content.ui),
      escalation: esc.service,
      clock: esc.clock,
      logger: silentLogger,
      limits: DEFAULT_LIMITS,
      guard: createClinicalGuard(CONTENT_ROOT),
      intents: intentDirectory(content.intents),
    });
    const say = (input: { text?: string; action?: { id: string; value?: string } }): Promise<Reply[]> =>
      core.handle(
        InboundMessage.parse({
          id: `m-${++seq}`,
          user: DR_B,
          conversation: { channel: 'web', id: 'dr-b' },
          ...input,
        }),
      );
    const inbox = new WebDelivery({ store, clock: esc.clock, retentionDays: 90 });
    const worker = new OutboxWorker({ store, logger: silentLogger });
    worker.addHook(esc.outboxHook);
    worker.registerDeliverer(
      'web',
      createWebDeliverer({ store, clock: esc.clock, delivery: inbox, retentionDays: 90 }),
    );
    worker.registerDeliverer('slack', { deliver: async () => ({ ok: true, ref: 'ts-1' }) });
    return { esc, say, inbox, worker };
  }

  it('stays silent while a delegate owns the conversation and relays both ways', async () => {
    const { esc, say, inbox, worker } = setup();
    const offer = await say({ action: { id: 'talk_to_delegate' } });
    const yes = offer.flatMap((r) => r.buttons ?? []).find((b) => b.action === 'confirm_escalation');
    expect(yes).toBeDefined();
    const confirmation = await say({
      action: { id: 'confirm_escalation', ...(yes?.value ? { value: yes.value } : {}) },
    });
    expect(confirmation.map((r) => r.text).join(' ')).toMatch(/C'est transmis/);
    const escalation = (await esc.service.latestFor('web:dr-b'))!;

    // Waiting in the queue: the bot does not answer on the delegate's behalf either. The first
    // message says where the request waits and how to cancel it, the next ones are discreet, and
    // an hour later it is said again.
    const stillWaiting = {
      kind: 'relay',
      text: "Ajouté à votre demande, qui attend dans la file **Accueil CIS** qu'un délégué la prenne en charge. Pour l'annuler, écrivez « annuler ma demande ».",
    };
    expect(await say({ text: 'combien est payée une téléconsultation ?' })).toEqual([stillWaiting]);
    expect(await say({ text: 'et en ALD ?' })).toEqual([{ kind: 'relay', text: 'Transmis.' }]);
    (esc.clock as FixedClock).advance(61 * 60_000);
    expect(await say({ text: 'vous êtes là ?' })).toEqual([stillWaiting]);

    const claimed = await esc.delegates.claim('web:sophie', escalation.id);
    expect(claimed.ok).toBe(true);
    const whileOwned = await say({ text: `et pour le patient ${NIR} en ALD ?` });
    // The core's NIR notice, then only the discreet acknowledgement: no answer from the bot.
    expect(whileOwned.map((r) => r.kind)).toEqual(['notice', 'relay']);
    expect(whileOwned.at(-1)?.text).toBe('Transmis.');

    await esc.delegates.reply('web:sophie', escalation.id, 'Le tarif est le même, 100 % en ALD.');
    while ((await worker.tick()) > 0) continue;
    const received = (await inbox.read('dr-b', 0)).map((e) => e.reply);
    expect(received.map((r) => r.text)).toEqual([
      'Sophie Laurent prend en charge votre demande.',
      'Le tarif est le même, 100 % en ALD.',
    ]);
    expect(received[1]).toMatchObject({ kind: 'relay', signature: { name: 'Sophie Laurent' } });

    const board = await esc.views.board('web:sophie');
    expect(board.mine[0]?.statusText).toMatch(/^Pris en charge par Sophie Laurent/);
    const history = await esc.delegates.history('web:sophie', escalation.id);
    const lines = history.ok ? history.lines.map((l) => l.text) : [];
    expect(lines.at(-2)).toMatch(/^et pour le patient .* en ALD \?$/);
    expect(JSON.stringify(lines)).not.toMatch(/123\s?456/);

    // Resolved: the bot answers again (after the satisfaction tap, outside the reopen window).
    await esc.delegates.resolve('web:sophie', escalation.id);
    while ((await worker.tick()) > 0) continue;
    const question = (await inbox.read('dr-b', 0)).at(-1)?.reply;
    const five = question?.buttons?.find((b) => b.label === '5');
    expect(await say({ action: { id: 'satisfaction', value: five!.value! } })).toMatchObject([
      { text: expect.stringMatching(/Merci/) },
    ]);
    (esc.clock as FixedClock).advance(49 * 3_600_000);
    const after = await say({ text: 'combien est payée une téléconsultation ?' });
    expect(after[0]).toMatchObject({ kind: 'answer', intentId: 'tlc_tarifs' });
  }, 60_000);

  it('after resolution, answers a new question it knows (with « Rouvrir ») and reopens on anything else', async () => {
    // Sure of the téléconsultation price, unsure of anything else.
    const matcher: Matcher = {
      match: (text) =>
        /téléconsultation/.test(text)
          ? alwaysAnswers.match(text)
          : /merci/.test(text)
            ? { ranked: [{ intent: 'gen_remerciement_au_revoir', confidence: 0.95 }], decision: 'answer', chosen: ['gen_remerciement_au_revoir'] }
            : { ranked: [{ intent: 'tlc_tarifs', confidence: 0.1 }], decision: 'fallback', chosen: [] },
    };
    const { esc, say, worker } = setup(matcher);
    const yes = (await say({ action: { id: 'talk_to_delegate' } }))
      .flatMap((r) => r.buttons ?? [])
      .find((b) => b.action === 'confirm_escalation');
    await say({ action: { id: 'confirm_escalation', ...(yes?.value ? { value: yes.value } : {}) } });
    const escalation = (await esc.service.latestFor('web:dr-b'))!;
    await esc.delegates.claim('web:sophie', escalation.id);
    await esc.delegates.reply('web:sophie', escalation.id, 'Trois jours au plus.');
    await esc.delegates.resolve('web:sophie', escalation.id);
    while ((await worker.tick()) > 0) continue;
    const ownerNotices = async () =>
      (await pending(store)).flatMap((i) =>
        i.payload.type === 'delegate.message' && i.payload.to === 'web:sophie' ? [i.payload.text] : [],
      );

    // Two hours later, a new question the bot answers itself: answered, the request stays closed.
    (esc.clock as FixedClock).advance(2 * 3_600_000);
    const answered = await say({ text: 'combien est payée une téléconsultation ?' });
    expect(answered[0]).toMatchObject({ kind: 'answer', intentId: 'tlc_tarifs' });
    const reopenButton = answered[0]?.buttons?.find((b) => b.action === 'reopen_escalation');
    expect(reopenButton).toMatchObject({ label: 'Rouvrir ma demande précédente', value: escalation.id });
    expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('resolved');
    expect(await ownerNotices()).toEqual([]);

    // It was a follow-up after all: one tap gives the request back to Sophie.
    const reopened = await say({ action: { id: 'reopen_escalation', value: reopenButton!.value! } });
    expect(reopened[0]?.text).toBe(
      'Votre demande est rouverte : écrivez ici votre message, il sera transmis à Sophie Laurent.',
    );
    expect(await esc.service.latestFor('web:dr-b')).toMatchObject({
      status: 'claimed',
      owner: { identity: 'web:sophie' },
    });
    expect(await ownerNotices()).toEqual(['Dr Bernard a rouvert sa demande après la clôture.']);
    // The button of that answer cannot reopen it twice.
    await esc.delegates.resolve('web:sophie', escalation.id);
    while ((await worker.tick()) > 0) continue;
    const resolvedAgain = await esc.service.latestFor('web:dr-b');
    expect(resolvedAgain?.status).toBe('resolved');

    // Thanks are small talk: answered, nothing reopened, no button.
    const thanks = await say({ text: 'merci beaucoup' });
    expect(thanks.flatMap((r) => r.buttons ?? []).map((b) => b.action)).not.toContain('reopen_escalation');
    expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('resolved');

    // Words the bot cannot answer on its own continue the request, as before.
    const followUp = await say({ text: 'et pour un kiné, pareil ?' });
    expect(followUp.map((r) => r.text)).toEqual([
      'Votre demande est rouverte : Sophie Laurent reçoit votre message.',
    ]);
    const history = await esc.delegates.history('web:sophie', escalation.id);
    expect(history.ok && history.lines.at(-1)?.text).toBe('et pour un kiné, pareil ?');

    // Past the window, the button is refused and nothing reopens.
    await esc.delegates.resolve('web:sophie', escalation.id);
    (esc.clock as FixedClock).advance(49 * 3_600_000);
    const late = await say({ action: { id: 'reopen_escalation', value: escalation.id } });
    expect(late[0]?.text).toMatch(/ne peut plus être rouverte/);
    expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('resolved');
  }, 60_000);

  it('cancels a waiting request when the professional types « annuler ma demande »', async () => {
    const { esc, say } = setup();
    const yes = (await say({ action: { id: 'talk_to_delegate' } }))
      .flatMap((r) => r.buttons ?? [])
      .find((b) => b.action === 'confirm_escalation');
    await say({ action: { id: 'confirm_escalation', ...(yes?.value ? { value: yes.value } : {}) } });
    expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('open');

    const cancelled = await say({ text: 'Annuler ma demande svp' });
    // (After the daily privacy reminder, which comes with the first typed message of the day.)
    expect(cancelled.filter((r) => r.kind !== 'notice').map((r) => r.text)).toEqual([
      'Votre demande est annulée. Posez-moi une autre question quand vous voulez.',
    ]);
    expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('cancelled');
    // Nothing left to cancel: said plainly, and the bot answers questions again.
    expect((await say({ text: 'annuler ma demande' })).map((r) => r.text)).toEqual([
      "Vous n'avez pas de demande en cours.",
    ]);
    expect((await say({ text: 'combien est payée une téléconsultation ?' }))[0]).toMatchObject({ kind: 'answer' });
  }, 60_000);
});
