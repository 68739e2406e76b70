import { describe, expect, it } from 'vitest';
import { COLLECTIONS, type Escalation } from '../../src/escalation/model.js';
import { type Deliverer, OutboxWorker } from '../../src/escalation/outbox.js';
import type { OutboxItem } from '../../src/store/contract.js';
import { backends, useStore } from '../store/backends.js';
import { makeEscalation, pending, professional, request, silentLogger } from './helpers.js';

const QUESTION = 'Combien de jours d’arrêt puis-je prescrire en téléconsultation ?';
const NEUTRAL = 'Demande supprimée à la demande du professionnel (RGPD).';

/** A channel's deliverer that records what it was asked to deliver. */
function recorder(): Deliverer & { payloads: unknown[] } {
  const payloads: unknown[] = [];
  return { payloads, deliver: async (payload) => (payloads.push(payload), { ok: true }) };
}

for (const backend of backends) {
  describe(`RGPD erasure reaching delegates' channels (${backend.name})`, () => {
    const fx = useStore(backend);

    /** Dr B's escalation on arrêts de travail: the AT team, whose cards go to the console and Slack C0AT. */
    async function opened() {
      const esc = makeEscalation(fx.store);
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      const escalation = (await esc.service.latestFor('web:dr-b'))!;
      const slackCard = (await pending(fx.store)).find((i) => i.payload.type === 'queue.card' && i.channel === 'slack')!;
      return { esc, escalation, slackCard };
    }

    it('commits, with the deletion, a neutral erasure notice per channel that showed it, and a nameless notice to the owner', async () => {
      const { esc, escalation, slackCard } = await opened();
      // Slack posted the card (ts 1790000000.000001): the escalation keeps the ref.
      await esc.outboxHook.delivered!(slackCard, { ok: true, ref: '1790000000.000001' });
      await fx.store.completeOutbox(slackCard.id);
      await esc.delegates.claim('web:karim', escalation.id);
      await esc.service.eraseUser(professional('dr-b').user);

      expect(await fx.store.get(COLLECTIONS.escalations, escalation.id)).toBeNull();
      const items = await pending(fx.store);
      const erasures = items.filter((i) => (i.payload as { type: string }).type === 'escalation.erased');
      expect(erasures.map((i) => i.channel)).toEqual(['slack']);
      expect(erasures[0]!.payload).toEqual({
        type: 'escalation.erased',
        escalationId: escalation.id,
        channel: 'slack',
        text: NEUTRAL,
        cards: [{ queueId: 'at', target: { channel: 'slack', channelId: 'C0AT' }, ref: '1790000000.000001' }],
      });
      const toOwner = items.find((i) => i.payload.type === 'delegate.message' && i.payload.to === 'web:karim' && i.id.startsWith('erase:'));
      expect(toOwner?.payload).toMatchObject({ kind: 'notice', text: expect.stringContaining('supprimée à la demande du professionnel') });
      for (const item of [...erasures, toOwner!]) {
        expect(JSON.stringify(item.payload)).not.toContain('arrêt');
        expect(JSON.stringify(item.payload)).not.toContain('Durand');
      }
      const tombstone = await fx.store.get<{ text: string }>(COLLECTIONS.erasures, escalation.id);
      expect(tombstone?.value.text).toBe(NEUTRAL);
    });

    it('withdraws the notifications of the erased escalation that were still pending: only the erasure reaches Slack', async () => {
      const { esc } = await opened();
      await esc.service.eraseUser(professional('dr-b').user);
      const slack = recorder();
      const web = recorder();
      const worker = new OutboxWorker({ store: fx.store, logger: silentLogger });
      worker.registerDeliverer('slack', slack);
      worker.registerDeliverer('web', web);
      worker.addHook(esc.outboxHook);
      while ((await worker.tick()) > 0) continue;
      expect(slack.payloads.map((p) => (p as { type: string }).type)).toEqual(['escalation.erased']);
      expect(web.payloads).toEqual([]);
      expect(JSON.stringify(slack.payloads)).not.toContain(QUESTION.slice(0, 20));
      expect(await fx.store.listOutbox()).toEqual([]);
    });

    it('gives another erasure pass to a card that was on its way while the erasure committed', async () => {
      const { esc, escalation, slackCard } = await opened();
      await esc.service.eraseUser(professional('dr-b').user);
      const before = (await pending(fx.store)).length;
      // The worker had claimed the card before the erasure and posts it after.
      await esc.outboxHook.delivered!(slackCard as OutboxItem, { ok: true, ref: '1790000000.000009' });
      const after = await pending(fx.store);
      expect(after.length).toBe(before + 1);
      const again = after.find((i) => i.id === `erase:${escalation.id}:slack:after:${slackCard.id}`);
      expect(again?.payload).toMatchObject({ type: 'escalation.erased', channel: 'slack', text: NEUTRAL });
      // The late card's ref is not written back onto an escalation that no longer exists.
      expect(await fx.store.get<Escalation>(COLLECTIONS.escalations, escalation.id)).toBeNull();
    });

    it("leaves other professionals' escalations and notifications alone", async () => {
      const esc = makeEscalation(fx.store);
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      await esc.service.open(request('dr-c', { topic: 'arret_travail', ...professional('dr-c', 'Dr Chloé Caron') }));
      await esc.service.eraseUser(professional('dr-b').user);
      const other = (await esc.service.latestFor('web:dr-c'))!;
      expect(other.status).toBe('open');
      const slack = recorder();
      const worker = new OutboxWorker({ store: fx.store, logger: silentLogger });
      worker.registerDeliverer('slack', slack);
      worker.registerDeliverer('web', recorder());
      worker.addHook(esc.outboxHook);
      while ((await worker.tick()) > 0) continue;
      const delivered = slack.payloads as Array<{ type: string; escalationId: string }>;
      expect(delivered.filter((p) => p.type === 'queue.card').map((p) => p.escalationId)).toEqual([other.id]);
      expect(delivered.filter((p) => p.type === 'escalation.erased')).toHaveLength(1);
    });
  });
}
