import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, createHarness, type Harness, realMatcher } from './support/harness.js';

/**
 * The read side of the transcripts (ConversationService.recentTurns): what a channel shows again
 * after a reload. Bounded by count, by age, and never beyond the retention.
 */

beforeAll(() => void realMatcher(), 120_000);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

describe('recent turns', () => {
  it('returns the question NIR-masked and the replies as stored, oldest first, for this user only', async () => {
    h = await createHarness();
    await h.send({ text: "mon patient 1 85 05 78 006 084 91 : combien de jours d'arrêt en téléconsultation ?" });
    h.clock.advance(MINUTE_MS);
    await h.send({ text: 'Bonjour' });
    await h.service.handle({
      id: 'bob-1',
      user: { channel: 'web', id: 'bob', displayName: 'Bob' },
      conversation: { channel: 'web', id: 'bob' },
      locale: 'fr',
      text: 'question de Bob sur la téléconsultation',
      attachments: 0,
    });

    const { turns } = await h.service.recentTurns('web:alice', { withinDays: 7, limit: 50 });
    expect(turns.map((t) => t.inbound.text)).toEqual([
      "mon patient [n° masqué] : combien de jours d'arrêt en téléconsultation ?",
      'Bonjour',
    ]);
    expect(JSON.stringify(turns)).not.toContain('006 084');
    expect(turns[0]?.replies.map((r) => r.kind)).toContain('answer');
    expect(turns[0]?.replies.find((r) => r.kind === 'answer')?.intentId).toBe('at_teleconsultation_limite_3j');
  });

  it('keeps the last `limit` turns within the window', async () => {
    h = await createHarness({ limits: { ratePerMinute: 1000 } });
    for (let i = 1; i <= 6; i++) {
      await h.send({ text: `Bonjour ${i}` });
      h.clock.advance(MINUTE_MS);
    }
    const { turns } = await h.service.recentTurns('web:alice', { withinDays: 7, limit: 4 });
    expect(turns.map((t) => t.inbound.text)).toEqual(['Bonjour 3', 'Bonjour 4', 'Bonjour 5', 'Bonjour 6']);

    h.clock.advance(7 * DAY_MS - 3.5 * MINUTE_MS);
    const recent = await h.service.recentTurns('web:alice', { withinDays: 7, limit: 50 });
    expect(recent.turns.map((t) => t.inbound.text)).toEqual(['Bonjour 4', 'Bonjour 5', 'Bonjour 6']);
  });

  it('never reaches past the retention, even when asked for more days', async () => {
    h = await createHarness({ limits: { retentionDays: 2 } });
    await h.send({ text: 'Bonjour, il y a trois jours' });
    h.clock.advance(3 * DAY_MS);
    await h.send({ text: "Bonjour, aujourd'hui" });
    // The purge has not run (and the store's TTL runs on its own clock): the read still caps it.
    const { turns, since } = await h.service.recentTurns(`web:${ALICE.id}`, { withinDays: 7, limit: 50 });
    expect(turns.map((t) => t.inbound.text)).toEqual(["Bonjour, aujourd'hui"]);
    expect(since).toBe(new Date(h.clock.now().getTime() - 2 * DAY_MS).toISOString());
  });
});
