import { describe, expect, it } from 'vitest';
import { adminNotices } from '../../src/admin/notices.js';
import type { ReportData } from '../../src/admin/reports/data.js';
import { dailyDigest, weeklyDigest } from '../../src/admin/reports/digests.js';
import { DigestPublisher } from '../../src/admin/reports/publisher.js';
import { renderWeeklyDigest } from '../../src/admin/reports/render.js';
import { FixedClock } from '../../src/clock.js';
import { staticDirectory } from '../../src/escalation/directory.js';
import type { Escalation } from '../../src/escalation/model.js';
import { embeddedStore, escalationConfig, repoMessages } from './support.js';

const content = (over: Partial<{ reviewBy: string; validUntil: string; title: string }>) => ({
  title: over.title ?? 'Une réponse',
  text: 'Un texte assez long.',
  sources: [],
  validFrom: '2025-01-01',
  reviewBy: over.reviewBy ?? '2027-01-01',
  ...(over.validUntil ? { validUntil: over.validUntil } : {}),
  offerDelegate: false,
  kind: 'regulatory' as const,
});
const head = (intentId: string) => ({ intentId, latest: 1, timeline: [] });

function escalation(over: Partial<Escalation>): Escalation {
  return {
    id: 'e1',
    status: 'open',
    queueId: 'cis',
    routedVia: 'default',
    professional: { channel: 'web', id: 'p' },
    professionalKey: 'web:p',
    conversation: { channel: 'web', id: 'p' },
    locale: 'fr',
    question: 'q',
    reason: 'asked',
    guesses: [],
    createdAt: '2026-03-02T09:00:00.000Z',
    queuedAt: '2026-03-02T09:00:00.000Z',
    breaches: 0,
    cardRefs: {},
    ...over,
  };
}

const empty: ReportData = { answers: [], escalations: [], deadLetters: [], feedback: [], suggestions: [], transcripts: [] };

describe('digests', () => {
  it('daily: answers past review-by, expired answers, breached deadlines, dead letters', () => {
    const data: ReportData = {
      ...empty,
      answers: [
        { intentId: 'a', head: head('a'), content: content({ title: 'À relire', reviewBy: '2026-03-01' }) },
        { intentId: 'b', head: head('b'), content: content({ title: 'Expirée', validUntil: '2026-02-28' }) },
        { intentId: 'c', head: head('c'), content: content({ title: 'À jour' }) },
      ],
      escalations: [
        escalation({ id: 'late', deadlineAt: '2026-03-09T10:00:00.000Z' }),
        escalation({ id: 'claimed-late', status: 'claimed', deadlineAt: '2026-03-09T10:00:00.000Z', deadlineActedAt: '2026-03-09T10:00:00.000Z' }),
        escalation({ id: 'fine', deadlineAt: '2026-03-11T10:00:00.000Z' }),
      ],
      deadLetters: [{ id: 'o1', orderingKey: 'k', channel: 'slack', payload: {}, seq: 1, attempts: 3, nextAttemptAt: 0, createdAt: 0, status: 'dead', lastError: 'channel_not_found' }],
    };
    const digest = dailyDigest(data, '2026-03-10', new Date('2026-03-10T06:00:00Z'));
    expect(digest.toReview.map((a) => a.intentId)).toEqual(['a']);
    expect(digest.expired.map((a) => a.intentId)).toEqual(['b']);
    expect(digest.deadlineBreaches.map((b) => b.escalationId)).toEqual(['late', 'claimed-late']);
    expect(digest.deadLetters).toEqual([{ id: 'o1', channel: 'slack', error: 'channel_not_found' }]);
  });

  it('weekly: top unanswered questions, 👎, volumes, self-service rate, time to claim — within the week only', () => {
    const inWeek = '2026-03-03T10:00:00.000Z';
    const before = '2026-02-27T10:00:00.000Z';
    const data: ReportData = {
      ...empty,
      suggestions: [
        { id: '1', kind: 'fallback', question: 'Bon de transport ?', at: inWeek },
        { id: '2', kind: 'fallback', question: 'bon de transport', at: inWeek },
        { id: '3', kind: 'none_of_these', question: 'Autre chose', at: inWeek },
        { id: '4', kind: 'fallback', question: 'Ancienne question', at: before },
        { id: '5', kind: 'feedback_down', question: 'pas compté ici', at: inWeek },
      ],
      feedback: [
        { at: inWeek, vote: 'down', intentId: 'tlc_tarifs' },
        { at: inWeek, vote: 'down', intentId: 'tlc_tarifs' },
        { at: inWeek, vote: 'up', intentId: 'tlc_majorations' },
      ],
      transcripts: [
        ...Array.from({ length: 6 }, () => ({ at: inWeek, user: 'web:a', decision: 'answer' })),
        { at: inWeek, user: 'web:b', decision: 'fallback' },
        { at: inWeek, user: 'web:b', decision: 'smalltalk' },
        { at: before, user: 'web:c', decision: 'answer' },
      ],
      escalations: [
        escalation({ id: 'x', createdAt: '2026-03-03T09:00:00.000Z', firstClaimedAt: '2026-03-03T09:10:00.000Z' }),
        escalation({ id: 'y', createdAt: '2026-03-04T09:00:00.000Z', firstClaimedAt: '2026-03-04T09:30:00.000Z' }),
      ],
    };
    const digest = weeklyDigest(data, { start: '2026-03-01T23:00:00.000Z', end: '2026-03-08T23:00:00.000Z', from: '2026-03-02', to: '2026-03-08' });
    expect(digest.topUnanswered).toEqual([
      { question: 'Bon de transport ?', count: 2 },
      { question: 'Autre chose', count: 1 },
    ]);
    expect(digest.thumbsDown).toEqual([{ intentId: 'tlc_tarifs', count: 2 }]);
    expect(digest.volumes).toMatchObject({ questions: 7, answered: 6, fallbacks: 1, escalations: 2, professionals: 2 });
    expect(digest.selfServiceRate).toBeCloseTo(6 / 9);
    expect(digest.timeToClaim).toMatchObject({ median: 30, claimed: 2 });
  });

  it('previews the next weekly digest: on a Sunday this week so far, early on Monday the week about to go', async () => {
    const store = await embeddedStore();
    const clock = new FixedClock('2026-11-22T15:00:00Z'); // Sunday
    const publisher = new DigestPublisher({
      store,
      clock,
      notices: adminNotices(staticDirectory(escalationConfig({ admins: ['web:admin'] }))),
      messages: repoMessages(),
    });
    // The digest of the week starting Monday 16 is posted on Monday 23.
    expect(publisher.previewPeriod('weekly', clock.now())).toBe('2026-11-23');
    const { digest, text } = await publisher.compute('weekly', publisher.previewPeriod('weekly', clock.now()), clock.now());
    expect(digest).toMatchObject({ kind: 'weekly', from: '2026-11-16', to: '2026-11-22' });
    // The admin reads French dates, not ISO days.
    expect(text.split('\n')[0]).toBe('Relais — bilan de la semaine du 16/11/2026 au 22/11/2026');
    // Monday 06:30 in Paris: not posted yet, so that is the one previewed; at 10:00 the next one.
    expect(publisher.previewPeriod('weekly', new Date('2026-11-23T05:30:00Z'))).toBe('2026-11-23');
    expect(publisher.previewPeriod('weekly', new Date('2026-11-23T09:00:00Z'))).toBe('2026-11-30');
  });

  it('posts the daily digest once per day to every admin, from 07:00 Paris, also with two instances', async () => {
    const store = await embeddedStore();
    const clock = new FixedClock('2026-03-10T05:30:00Z'); // 06:30 in Paris
    const notices = adminNotices(staticDirectory(escalationConfig({ admins: ['web:admin', 'slack:UADMIN01'] })));
    const make = () => new DigestPublisher({ store, clock, notices, messages: repoMessages() });
    expect(await make().publishDue('daily')).toBe(false);
    clock.set('2026-03-10T06:05:00Z');
    const runs = await Promise.all([make().publishDue('daily'), make().publishDue('daily')]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await make().publishDue('daily')).toBe(false);
    const items = await store.listOutbox();
    expect(items.map((i) => [i.channel, (i.payload as { to: string }).to])).toEqual([
      ['web', 'web:admin'],
      ['slack', 'slack:UADMIN01'],
    ]);
    expect((items[0]!.payload as { text: string }).text).toMatch(/^Relais — revue quotidienne du 10\/03\/2026/);
    expect((await make().recent('daily')).map((d) => d.period)).toEqual(['2026-03-10']);
    await store.close();
  });

  describe('where the digest goes (reports section)', () => {
    const ADMINS = ['web:admin', 'slack:UADMIN01'];
    const TEAMS_CHANNEL = { conversationId: '19:admins@thread.tacv2', serviceUrl: 'https://smba.example.test/emea/' };

    /** The daily digest published at 07:05 Paris; what was put in the outbox (channel → recipient). */
    async function published(reports?: Record<string, unknown>) {
      const store = await embeddedStore();
      const clock = new FixedClock('2026-03-10T06:05:00Z');
      const config = escalationConfig({ admins: ADMINS, ...(reports ? { reports } : {}) });
      const publisher = new DigestPublisher({ store, clock, notices: adminNotices(staticDirectory(config)), messages: repoMessages() });
      expect(await publisher.publishDue('daily')).toBe(true);
      const items = await store.listOutbox();
      await store.close();
      return items.map((i) => {
        const p = i.payload as { type: string; to?: string; target?: { channel: string; channelId?: string; conversationId?: string }; text: string };
        expect(p.text).toMatch(/^Relais — revue quotidienne du 10\/03\/2026/);
        return p.type === 'admins.post' ? `${i.channel} → #${p.target!.channelId ?? p.target!.conversationId}` : `${i.channel} → ${p.to}`;
      });
    }

    it('without a reports section, each admin gets a private copy (as before)', async () => {
      expect(await published()).toEqual(['web → web:admin', 'slack → slack:UADMIN01']);
    });

    it('with shared channels, one post per channel and no private copies by default', async () => {
      expect(await published({ slack: 'C0ADMINS', teams: TEAMS_CHANNEL })).toEqual([
        'slack → #C0ADMINS',
        'teams → #19:admins@thread.tacv2',
      ]);
      // The console's admin view alone is a shared place too: it lists the stored digest.
      expect(await published({ web: true })).toEqual([]);
    });

    it('quotes professionals’ questions to admins privately, and only counts them in a shared channel', async () => {
      const week = '2026-03-03T10:00:00.000Z';
      const digest = weeklyDigest(
        {
          ...empty,
          suggestions: [
            { id: '1', kind: 'fallback', question: 'Bon de transport pour Mme Durand ?', at: week },
            { id: '2', kind: 'none_of_these', question: 'Autre chose', at: week },
          ],
        },
        { start: '2026-03-01T23:00:00.000Z', end: '2026-03-08T23:00:00.000Z', from: '2026-03-02', to: '2026-03-08' },
      );
      const config = escalationConfig({ admins: ['web:admin'], reports: { slack: 'C0ADMINS', privateCopies: true } });
      const items = await adminNotices(staticDirectory(config)).digest(
        'digest:weekly:2026-03-09',
        renderWeeklyDigest(digest, repoMessages()),
        renderWeeklyDigest(digest, repoMessages(), 'fr', { withQuestions: false }),
      );
      const textTo = (type: string) => (items.find((i) => (i.payload as { type: string }).type === type)!.payload as { text: string }).text;
      expect(textTo('delegate.message')).toContain('Bon de transport pour Mme Durand ?');
      expect(textTo('admins.post')).not.toContain('Durand');
      expect(textTo('admins.post')).toContain('2 questions restées sans réponse cette semaine');
    });

    it('privateCopies: true adds the private copies to the channel post', async () => {
      expect(await published({ slack: 'C0ADMINS', privateCopies: true })).toEqual([
        'slack → #C0ADMINS',
        'web → web:admin',
        'slack → slack:UADMIN01',
      ]);
    });
  });
});
