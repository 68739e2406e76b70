import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../../src/clock.js';
import { createWebDeliverer } from '../../../src/channels/web/delegate-deliverer.js';
import { WebDelivery } from '../../../src/channels/web/delivery.js';
import { OutboxWorker } from '../../../src/escalation/outbox.js';
import { silentLogger } from '../../escalation/helpers.js';
import { type DelegateConsole, openFromMoreau, startDelegateConsole } from './delegate-support.js';

type Board = {
  queues: Array<{ id: string; cards: Array<{ escalationId: string }> }>;
  mine: Array<{ escalationId: string }>;
  notices: Array<{ text: string }>;
};

/** « Supprimer mes données » seen from the console's delegate board (the API the page polls). */
describe('web console, delegate board after a professional erased their data', () => {
  let c: DelegateConsole;
  beforeEach(async () => {
    c = await startDelegateConsole();
  });
  afterEach(async () => {
    await c.stop();
  });

  const board = async (who: string): Promise<Board> =>
    (await fetch(`${c.url}/api/delegate/board`, { headers: { 'X-Relais-Demo-User': who } })).json() as Promise<Board>;

  /** Delivers everything due, as the running outbox worker would. */
  async function deliverAll(): Promise<void> {
    const clock = new FixedClock('2026-11-25T10:05:00+01:00');
    const delivery = new WebDelivery({ store: c.store, clock, retentionDays: 90 });
    const worker = new OutboxWorker({ store: c.store, logger: silentLogger });
    worker.registerDeliverer('web', createWebDeliverer({ store: c.store, clock, delivery, retentionDays: 90 }));
    worker.addHook(c.escalation.outboxHook);
    while ((await worker.tick()) > 0) continue;
  }

  it('drops the card from the queue and from "mes demandes", and tells the owner without a name', async () => {
    const escalation = await openFromMoreau(c);
    const claim = await fetch(`${c.url}/api/delegate/escalations/${escalation.id}/claim`, {
      method: 'POST',
      headers: { 'X-Relais-Demo-User': 'karim', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(claim.status).toBe(200);
    expect((await board('karim')).mine.map((m) => m.escalationId)).toEqual([escalation.id]);

    await c.escalation.service.eraseUser(escalation.professional);
    await deliverAll();

    const after = await board('karim');
    expect(after.queues.flatMap((q) => q.cards).map((card) => card.escalationId)).not.toContain(escalation.id);
    expect(after.mine).toEqual([]);
    expect(after.notices.map((n) => n.text)).toEqual([
      expect.stringContaining('supprimée à la demande du professionnel (RGPD)'),
    ]);
    expect(JSON.stringify(after)).not.toMatch(/Moreau|arrêt de travail/);
    const history = await fetch(`${c.url}/api/delegate/escalations/${escalation.id}/history`, {
      headers: { 'X-Relais-Demo-User': 'karim' },
    });
    expect(history.status).toBe(404);
  });
});
