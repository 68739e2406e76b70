import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMatcherHolder, type MatcherHolder } from '../../src/admin/matcher-holder.js';
import { RELAIS_TRAINER } from '../../src/admin/nlu/relais-trainer.js';
import { workerTrainer } from '../../src/admin/nlu/worker-matcher.js';
import { SuggestionInbox } from '../../src/admin/suggestions.js';
import { UtteranceOverlays } from '../../src/admin/utterances.js';
import { AdminErrorCode } from '../../src/admin/errors.js';
import { FixedClock } from '../../src/clock.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore, repoCatalogue } from './support.js';

const QUESTION = 'quel formulaire pour le bon de transport en ambulance';
const INTENT = 'at_cerfa_papier_securise';

describe('runtime utterances and the suggestions inbox', () => {
  const catalogue = repoCatalogue();
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let store: Store;
  let holder: MatcherHolder;
  beforeEach(async () => {
    store = await embeddedStore();
  });
  afterEach(async () => {
    await holder?.stop();
    await store.close();
  });

  it('a question added as an utterance from the inbox changes the matcher decision, answers never waiting for the retrain', { timeout: 90_000 }, async () => {
    holder = await createMatcherHolder({ store, intents: catalogue.intents, train: workerTrainer(RELAIS_TRAINER) });
    const before = holder.match(QUESTION);
    expect(before.decision === 'answer' && before.chosen[0] === INTENT).toBe(false);

    // A fallback the core left for the admins.
    await store.commit({
      writes: [
        {
          collection: 'suggestions',
          id: 'web:dr-durand/fallback/abc123',
          value: { kind: 'fallback', question: QUESTION, at: clock.now().toISOString(), user: 'web:dr-durand', locale: 'fr', status: 'new' },
        },
      ],
    });
    const overlays = new UtteranceOverlays(store, catalogue.intents, clock);
    const inbox = new SuggestionInbox(store, overlays, () => holder.current(), clock);
    const groups = await inbox.groups();
    expect(groups.flatMap((g) => g.items.map((i) => i.question))).toEqual([QUESTION]);

    await inbox.accept('web:admin', 'web:dr-durand/fallback/abc123', INTENT);
    expect(await inbox.groups()).toEqual([]);
    expect(await overlays.of(INTENT)).toContain(QUESTION);

    // The retrain runs in a worker: meanwhile the current matcher answers at once.
    const generation = holder.generation;
    const started = performance.now();
    expect(holder.match(QUESTION).decision).toBe(before.decision);
    // A retrain takes seconds; one match, even on a busy machine, well under half a second.
    expect(performance.now() - started).toBeLessThan(500);
    await holder.settled();
    await expect.poll(() => holder.generation, { timeout: 60_000 }).toBeGreaterThan(generation);
    const after = holder.match(QUESTION);
    expect(after.decision).toBe('answer');
    expect(after.chosen).toEqual([INTENT]);
  });

  it('refuses an utterance that belongs to another intent, and keeps the files minimum when removing', async () => {
    const overlays = new UtteranceOverlays(store, catalogue.intents, clock);
    const taken = catalogue.intents.get('tlc_tarifs')!.utterances[0]!;
    await expect(overlays.add('web:admin', INTENT, taken)).rejects.toMatchObject({ code: AdminErrorCode.InvalidInput });
    const mine = await overlays.of('tlc_tarifs');
    for (const text of mine.slice(0, mine.length - 12)) await overlays.remove('web:admin', 'tlc_tarifs', text);
    await expect(overlays.remove('web:admin', 'tlc_tarifs', mine.at(-1)!)).rejects.toMatchObject({ code: AdminErrorCode.InvalidInput });
    expect(await overlays.of('tlc_tarifs')).toHaveLength(12);
  });
});
