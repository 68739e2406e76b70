import os from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import type { FixedClock } from '../../src/clock.js';
import type { Escalation } from '../../src/escalation/model.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { createStore } from '../../src/store/index.js';
import { backends, randomPrefix, useStore } from '../store/backends.js';
import { makeEscalation, pending, request, silentLogger, testConfig } from './helpers.js';
import { runInstance } from './processes.js';

// Opened Wednesday 25 November 2026 10:00 in the AT team (8 opening hours, 08:30-12:30 / 13:30-17:30):
// reminder after 4 h → 15:00 the same day; deadline after 8 h → Thursday 10:00.
const OPENED = '2026-11-25T10:00:00+01:00';
const REMINDER = '2026-11-25T15:00:00+01:00';
const DEADLINE = '2026-11-26T10:00:00+01:00';

async function openInAt(store: Parameters<typeof makeEscalation>[0]) {
  const esc = makeEscalation(store);
  (esc.clock as FixedClock).set(OPENED);
  await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
  return { esc, escalation: (await esc.service.latestFor('web:dr-b')) as Escalation };
}

/** What /metrics reports as missed deadlines, by queue. */
async function breachesCounted(esc: ReturnType<typeof makeEscalation>) {
  const { values } = await esc.context.deps.metrics.deadlineBreaches.get();
  return values.map(({ value, labels }) => ({ value, labels }));
}

for (const backend of backends) {
  describe(`deadlines (${backend.name})`, () => {
    const fx = useStore(backend);

    it('stores the reminder and deadline counted in opening hours', async () => {
      const { escalation } = await openInAt(fx.store);
      expect(escalation.reminderAt).toBe(new Date(REMINDER).toISOString());
      expect(escalation.deadlineAt).toBe(new Date(DEADLINE).toISOString());
    });

    it('reminds the queue at half the deadline, once', async () => {
      const { esc } = await openInAt(fx.store);
      const clock = esc.clock as FixedClock;
      clock.set('2026-11-25T14:59:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 0 });
      clock.set(REMINDER);
      expect(await esc.deadlines.run()).toEqual({ reminders: 1, moves: 0, alerts: 0 });
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 0 });
      const reminders = (await pending(fx.store)).filter((i) => i.payload.type === 'queue.message');
      expect(reminders.map((r) => r.channel).sort()).toEqual(['slack', 'web']);
      expect(reminders[0]?.payload).toMatchObject({
        kind: 'reminder',
        text: expect.stringMatching(/Rappel.*jeudi 26 novembre à 10:00/),
      });
    });

    it('moves to the backup queue at the deadline and alerts both queues’ supervisors', async () => {
      const { esc, escalation } = await openInAt(fx.store);
      (esc.clock as FixedClock).set(DEADLINE);
      expect(await esc.deadlines.run()).toMatchObject({ moves: 1 });
      const moved = (await esc.service.latestFor('web:dr-b'))!;
      expect(moved).toMatchObject({ queueId: 'accueil', status: 'open', routedVia: 'deadline', breaches: 1 });
      expect(await breachesCounted(esc)).toEqual([{ value: 1, labels: { queue: 'at' } }]);
      const alerts = (await pending(fx.store)).flatMap((i) =>
        i.payload.type === 'delegate.message' ? [i.payload] : [],
      );
      expect(alerts.map((a) => a.to).sort()).toEqual(['web:boss', 'web:sophie']);
      expect(alerts[0]?.text).toMatch(/Échéance dépassée.*Équipe AT.*Accueil CIS/);
      const audit = await fx.store.listAudit({ subject: `escalation:${escalation.id}` });
      expect(audit.at(-1)).toMatchObject({
        actor: 'scheduler',
        action: 'escalation.deadline',
        from: 'at',
        to: 'accueil',
      });
      // The new queue's deadline counts from the move.
      expect(new Date(moved.deadlineAt!).getTime()).toBeGreaterThan(new Date(DEADLINE).getTime());
    });

    it('acts at the next run on a deadline that fell while every instance was down', async () => {
      const { esc } = await openInAt(fx.store);
      (esc.clock as FixedClock).set('2026-11-30T09:00:00+01:00'); // the next Monday
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 1, alerts: 0 });
    });

    it("hands a referent's waiting escalations to the backup queue when the referent becomes absent", async () => {
      // Opened Tuesday 17:00: Claire's 4-hour deadline falls on Wednesday 12:00; she is away from Wednesday.
      const config = testConfig({
        absences: [{ delegate: 'web:claire', from: '2026-11-25', to: '2026-11-27' }],
      });
      const esc = makeEscalation(fx.store, { config });
      (esc.clock as FixedClock).set('2026-11-24T17:00:00+01:00');
      await esc.service.open(request('dr-a'));
      expect((await esc.service.latestFor('web:dr-a'))?.queueId).toBe('ref-claire');
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 0 });
      (esc.clock as FixedClock).set('2026-11-25T09:00:00+01:00');
      expect(await esc.deadlines.run()).toMatchObject({ moves: 1 });
      expect(await esc.service.latestFor('web:dr-a')).toMatchObject({
        queueId: 'at',
        routedVia: 'absence',
        breaches: 0,
      });
      expect(await breachesCounted(esc)).toEqual([]); // an absence is not a missed deadline
    });

    it('never moves a claimed escalation away from its owner (supervisors are alerted instead)', async () => {
      const { esc, escalation } = await openInAt(fx.store);
      await esc.delegates.claim('web:karim', escalation.id);
      (esc.clock as FixedClock).set('2026-11-30T09:00:00+01:00');
      expect(await esc.deadlines.run()).toEqual({ reminders: 0, moves: 0, alerts: 1 });
      expect(await esc.service.latestFor('web:dr-b')).toMatchObject({
        status: 'claimed',
        queueId: 'at',
        owner: { identity: 'web:karim' },
      });
    });
  });
}

describe('deadlines across instances on one Redis', () => {
  const redis = backends.find((b) => b.name === 'redis')!;
  const fx = useStore(redis);

  it('moves once when two instances run the job at the same moment', async () => {
    const [peer] = await fx.peers(1);
    const { escalation } = await openInAt(fx.store);
    const a = makeEscalation(fx.store);
    const b = makeEscalation(peer!);
    (a.clock as FixedClock).set(DEADLINE);
    (b.clock as FixedClock).set(DEADLINE);
    const runs = await Promise.all([a.deadlines.run(), b.deadlines.run()]);
    expect(runs.map((r) => r.moves).sort()).toEqual([0, 1]);
    const moves = (await fx.store.listAudit({ subject: `escalation:${escalation.id}` })).filter(
      (e) => e.action === 'escalation.deadline',
    );
    expect(moves).toHaveLength(1);
  });

  it('runs one fire of the job in only one of two processes (lease keyed by fire time)', async () => {
    const redisUrl = inject('redisUrl');
    const redisPrefix = randomPrefix();
    const store = await createStore({ redisUrl, redisPrefix, dataDir: os.tmpdir(), logger: silentLogger });
    try {
      const { escalation } = await openInAt(store);
      const firedAt = '2026-11-26T09:00:00.000Z';
      const args = {
        store: { redisUrl, redisPrefix, dataDir: os.tmpdir() },
        clock: DEADLINE,
        command: 'deadlines',
        firedAt,
      };
      const startAt = Date.now() + 1500;
      const results = await Promise.all([
        runInstance({ ...args, startAt }),
        runInstance({ ...args, startAt }),
      ]);
      const outputs = results.map((r) => r.output as { ran: boolean; totals: { moves: number } | null });
      expect(outputs.map((o) => o.ran).sort()).toEqual([false, true]);
      expect(outputs.find((o) => o.ran)?.totals?.moves).toBe(1);
      const audit = await store.listAudit({ subject: `escalation:${escalation.id}` });
      expect(audit.filter((e) => e.action === 'escalation.deadline')).toHaveLength(1);
      const alerts = (await pending(store)).filter((i) => i.payload.type === 'delegate.message');
      expect(alerts).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('coordinates node-cron fires through the store: each fire runs once across two schedulers', async () => {
    const [peer] = await fx.peers(1);
    const fires: string[] = [];
    const job = (who: string) => ({
      name: 'tick',
      cron: '* * * * * *',
      run: async ({ firedAt }: { firedAt: Date }) => {
        fires.push(`${firedAt.toISOString()}|${who}`);
      },
    });
    const clock = { now: () => new Date() };
    const one = createScheduler({
      jobs: [job('one')],
      store: fx.store,
      clock,
      logger: silentLogger,
      holder: 'one',
    });
    const two = createScheduler({
      jobs: [job('two')],
      store: peer!,
      clock,
      logger: silentLogger,
      holder: 'two',
    });
    const times = () => fires.map((f) => f.split('|')[0]);
    one.start();
    two.start();
    // Three fires seen by both schedulers, however long a busy machine takes to get there.
    await expect.poll(() => new Set(times()).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await Promise.all([one.stop(), two.stop()]);
    expect(new Set(times()).size).toBe(times().length);
  });
});
