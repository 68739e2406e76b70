import os from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import type { FixedClock } from '../../src/clock.js';
import type { Escalation, Notification } from '../../src/escalation/model.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/contract.js';
import { backends, randomPrefix, useStore } from '../store/backends.js';
import { makeEscalation, pending, professional, request, silentLogger } from './helpers.js';
import { runInstance } from './processes.js';

// The AT team: 8 opening hours, 08:30-12:30 / 13:30-17:30, Europe/Paris, national holidays.
// Opened Wednesday 25 November 2026 10:00: half the deadline Wednesday 15:00, deadline Thursday 10:00.
const OPENED = '2026-11-25T10:00:00+01:00';
const CLAIMED = '2026-11-25T11:00:00+01:00';
const REMINDER = '2026-11-25T15:00:00+01:00';
const DEADLINE = '2026-11-26T10:00:00+01:00';
const NOTHING = { reminders: 0, moves: 0, alerts: 0 };

type Module = ReturnType<typeof makeEscalation>;

/** Dr B's question opened in the AT team at `opened`, claimed by Karim at `claimed`. */
async function claimedByKarim(store: Store, opened = OPENED, claimed = CLAIMED) {
  const esc = makeEscalation(store);
  const clock = esc.clock as FixedClock;
  clock.set(opened);
  await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
  const id = (await esc.service.latestFor('web:dr-b'))!.id;
  clock.set(claimed);
  expect((await esc.delegates.claim('web:karim', id)).ok).toBe(true);
  return { esc, clock, id };
}

/** Private messages to delegates and lines in queue channels, committed after `afterSeq`. */
async function sent(store: Store, afterSeq = 0) {
  const items = (await pending(store)).filter((i) => i.seq > afterSeq);
  const payloads = items.map((i) => i.payload);
  return {
    toDelegates: payloads.flatMap((p) => (p.type === 'delegate.message' ? [p] : [])),
    inQueue: payloads.flatMap((p) => (p.type === 'queue.message' ? [p] : [])),
    lastSeq: items.at(-1)?.seq ?? afterSeq,
  };
}

async function lastSeq(store: Store): Promise<number> {
  return (await pending(store)).at(-1)?.seq ?? 0;
}

async function auditActions(store: Store, id: string): Promise<string[]> {
  return (await store.listAudit({ subject: `escalation:${id}` })).map((e) => e.action);
}

async function current(esc: Module): Promise<Escalation> {
  return (await esc.service.latestFor('web:dr-b'))!;
}

for (const backend of backends) {
  describe(`deadlines of a claimed escalation (${backend.name})`, { shuffle: false }, () => {
    const fx = useStore(backend);

    it('reminds the owner at half the deadline, then tells the supervisors who holds it, once each', async () => {
      const { esc, clock, id } = await claimedByKarim(fx.store);
      const before = await lastSeq(fx.store);

      clock.set('2026-11-25T14:59:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);

      clock.set(REMINDER);
      expect(await esc.deadlines.run()).toEqual({ reminders: 1, moves: 0, alerts: 0 });
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      const reminder = await sent(fx.store, before);
      expect(reminder.toDelegates).toEqual([
        expect.objectContaining({
          to: 'web:karim',
          kind: 'notice',
          text: expect.stringMatching(/Rappel.*Dr Julie Durand attend toujours votre réponse.*jeudi 26 novembre à 10:00/s),
        }),
      ]);
      expect(reminder.inQueue.map((m) => m.target.channel).sort()).toEqual(['slack', 'web']);
      expect(reminder.inQueue[0]?.text).toMatch(/prise en charge par Karim Benali/);

      clock.set(DEADLINE);
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      const alert = await sent(fx.store, reminder.lastSeq);
      expect(alert.toDelegates.map((m) => [m.to, m.kind])).toEqual([['web:sophie', 'alert']]);
      expect(alert.toDelegates[0]?.text).toMatch(
        /Échéance dépassée dans « Équipe AT ».*Dr Julie Durand.*Karim Benali\s+depuis mercredi 25 novembre à 11:00/s,
      );
      expect(alert.inQueue.map((m) => m.target.channel).sort()).toEqual(['slack', 'web']);

      // Still Karim's, in the same queue: the alert takes nothing away from him.
      expect(await current(esc)).toMatchObject({
        status: 'claimed',
        queueId: 'at',
        owner: { identity: 'web:karim' },
        breaches: 1,
      });
      expect(await auditActions(fx.store, id)).toEqual([
        'escalation.open',
        'escalation.claim',
        'escalation.owner_reminder',
        'escalation.owner_deadline',
      ]);
      clock.set('2026-12-07T10:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);
    });

    it('says nothing more once the owner has replied to the professional', async () => {
      const { esc, clock, id } = await claimedByKarim(fx.store);
      expect((await esc.delegates.reply('web:karim', id, 'Je regarde votre dossier.')).ok).toBe(true);
      const before = await lastSeq(fx.store);
      for (const at of [REMINDER, DEADLINE, '2026-12-07T10:00:00+01:00']) {
        clock.set(at);
        expect(await esc.deadlines.run()).toEqual(NOTHING);
      }
      const after = await sent(fx.store, before);
      expect([...after.toDelegates, ...after.inQueue]).toEqual([]);
      expect(await current(esc)).toMatchObject({ status: 'claimed', breaches: 0 });
    });

    it('shows « en attente de réponse depuis » on the owner’s card until the first reply', async () => {
      const { esc, id } = await claimedByKarim(fx.store);
      const card = async () => (await esc.views.board('web:karim')).mine.find((c) => c.escalationId === id);
      expect((await card())?.deadline?.text).toBe(
        'En attente de réponse depuis mercredi 25 novembre à 10:00 · échéance jeudi 26 novembre à 10:00',
      );
      await esc.delegates.reply('web:karim', id, 'Je regarde.');
      expect((await card())?.deadline).toBeUndefined();
    });

    it('alerts at the next run when the deadline fell while every instance was down', async () => {
      const { esc, clock } = await claimedByKarim(fx.store);
      clock.set('2026-11-30T09:00:00+01:00'); // the next Monday
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
      expect(await esc.deadlines.run()).toEqual(NOTHING);
    });

    it('does not remind an owner who claimed after half the deadline, but still alerts at the deadline', async () => {
      const { esc, clock } = await claimedByKarim(fx.store, OPENED, '2026-11-25T16:00:00+01:00');
      clock.set('2026-11-25T17:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      clock.set(DEADLINE);
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
    });

    it('counts opening hours only: a claim on Friday afternoon is reminded on Monday', async () => {
      // Friday 27 November 15:00: 2h30 left on Friday, then Monday 08:30 → reminder 10:00, deadline 15:00.
      const { esc, clock } = await claimedByKarim(
        fx.store,
        '2026-11-27T15:00:00+01:00',
        '2026-11-27T15:30:00+01:00',
      );
      for (const at of ['2026-11-28T12:00:00+01:00', '2026-11-29T20:00:00+01:00', '2026-11-30T09:59:00+01:00']) {
        clock.set(at);
        expect(await esc.deadlines.run()).toEqual(NOTHING);
      }
      clock.set('2026-11-30T10:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 1, moves: 0, alerts: 0 });
      clock.set('2026-11-30T14:59:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      clock.set('2026-11-30T15:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
    });

    it('skips a public holiday: claimed the day before 11 November, reminded on the 12th', async () => {
      // Tuesday 10 November 15:00; Wednesday 11 November (Armistice) is closed.
      const { esc, clock } = await claimedByKarim(
        fx.store,
        '2026-11-10T15:00:00+01:00',
        '2026-11-10T15:10:00+01:00',
      );
      clock.set('2026-11-11T16:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      clock.set('2026-11-12T10:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 1, moves: 0, alerts: 0 });
      clock.set('2026-11-12T15:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
    });

    it('restarts the deadline when the professional reopens a resolved request with its owner', async () => {
      const { esc, clock, id } = await claimedByKarim(fx.store);
      await esc.delegates.reply('web:karim', id, 'Trois jours au plus.');
      clock.set('2026-11-25T11:30:00+01:00');
      expect((await esc.delegates.resolve('web:karim', id)).ok).toBe(true);
      // Reopened Wednesday 12:00: half of the 8 opening hours falls at 17:00 (lunch 12:30-13:30 excluded).
      clock.set('2026-11-25T12:00:00+01:00');
      await esc.service.intercept({ ...professional('dr-b'), locale: 'fr', text: 'Et pour un kiné ?' });
      expect(await current(esc)).toMatchObject({ status: 'claimed', owner: { identity: 'web:karim' } });
      const before = await lastSeq(fx.store);
      clock.set('2026-11-25T16:59:00+01:00');
      expect(await esc.deadlines.run()).toEqual(NOTHING);
      clock.set('2026-11-25T17:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 1, moves: 0, alerts: 0 });
      expect((await sent(fx.store, before)).toDelegates.map((m) => m.to)).toEqual(['web:karim']);
    });

    it('hands a request its owner released after the alert to the backup queue at the next run', async () => {
      const { esc, clock, id } = await claimedByKarim(fx.store);
      clock.set(DEADLINE);
      expect(await esc.deadlines.run()).toMatchObject({ alerts: 1 });
      expect((await esc.delegates.release('web:karim', id)).ok).toBe(true);
      expect(await esc.deadlines.run()).toMatchObject({ moves: 1 });
      // One deadline passed, one breach: the move after the release does not count it again.
      expect(await current(esc)).toMatchObject({ status: 'open', queueId: 'accueil', routedVia: 'deadline', breaches: 1 });
    });

    it('starts afresh in the backup queue: a transfer clears the former owner’s reminders', async () => {
      const { esc, clock, id } = await claimedByKarim(fx.store);
      clock.set(REMINDER);
      expect(await esc.deadlines.run()).toMatchObject({ reminders: 1 });
      expect((await esc.delegates.transfer('web:karim', id, 'accueil')).ok).toBe(true);
      const moved = await current(esc);
      expect(moved).toMatchObject({ status: 'open', queueId: 'accueil' });
      expect(moved.ownerReminderSentAt).toBeUndefined();
    });
  });
}

describe('deadlines of a claimed escalation across instances on one Redis', { shuffle: false }, () => {
  const redis = backends.find((b) => b.name === 'redis')!;
  const fx = useStore(redis);

  it('reminds the owner once and alerts the supervisors once when two instances run together', async () => {
    const [peer] = await fx.peers(1);
    const { id } = await claimedByKarim(fx.store);
    const a = makeEscalation(fx.store);
    const b = makeEscalation(peer!);
    const both = async (at: string) => {
      (a.clock as FixedClock).set(at);
      (b.clock as FixedClock).set(at);
      return Promise.all([a.deadlines.run(), b.deadlines.run()]);
    };
    expect((await both(REMINDER)).map((r) => r.reminders).sort()).toEqual([0, 1]);
    expect((await both(DEADLINE)).map((r) => r.alerts).sort()).toEqual([0, 1]);
    const actions = await auditActions(fx.store, id);
    expect(actions.filter((a) => a === 'escalation.owner_reminder')).toHaveLength(1);
    expect(actions.filter((a) => a === 'escalation.owner_deadline')).toHaveLength(1);
    const notices = (await pending(fx.store)).flatMap((i) =>
      i.payload.type === 'delegate.message' ? [i.payload as Notification & { type: 'delegate.message' }] : [],
    );
    expect(notices.filter((n) => n.to === 'web:karim' && n.kind === 'notice')).toHaveLength(1);
    expect(notices.filter((n) => n.to === 'web:sophie' && n.kind === 'alert')).toHaveLength(1);
  });

  it('runs one fire in only one of two processes (lease keyed by fire time)', async () => {
    const redisUrl = inject('redisUrl');
    const redisPrefix = randomPrefix();
    const store = await createStore({ redisUrl, redisPrefix, dataDir: os.tmpdir(), logger: silentLogger });
    try {
      const { id } = await claimedByKarim(store);
      const args = {
        store: { redisUrl, redisPrefix, dataDir: os.tmpdir() },
        clock: DEADLINE,
        command: 'deadlines',
        firedAt: '2026-11-26T09:00:00.000Z',
      };
      const startAt = Date.now() + 1500;
      const results = await Promise.all([runInstance({ ...args, startAt }), runInstance({ ...args, startAt })]);
      const outputs = results.map((r) => r.output as { ran: boolean; totals: { alerts: number } | null });
      expect(outputs.map((o) => o.ran).sort()).toEqual([false, true]);
      expect(outputs.find((o) => o.ran)?.totals?.alerts).toBe(1);
      const actions = await auditActions(store, id);
      expect(actions.filter((a) => a === 'escalation.owner_deadline')).toHaveLength(1);
      expect(await store.get<Escalation>('escalations', id)).toMatchObject({
        value: { status: 'claimed', owner: { identity: 'web:karim' } },
      });
    } finally {
      await store.close();
    }
  });
});
