import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../src/clock.js';
import type { BoardCard, ConsoleBoard } from '../../src/escalation/console-board.js';
import { backends, useStore } from '../store/backends.js';
import { INTENT_TITLES, makeEscalation, pending, request } from './helpers.js';

const QUESTION = 'Combien de jours d’arrêt puis-je prescrire en téléconsultation ?';

/** Every card of a board, with where it shows. */
function placed(board: ConsoleBoard): Array<{ where: string; card: BoardCard }> {
  return [
    ...board.mine.map((card) => ({ where: 'mine', card })),
    ...board.queues.flatMap((q) => q.cards.map((card) => ({ where: q.id, card }))),
  ];
}

/** Ids of the requests a board shows in full (a reference line in a queue is not in full). */
function fullCards(board: ConsoleBoard): string[] {
  return placed(board)
    .filter(({ where, card }) => where === 'mine' || !card.mine)
    .map(({ card }) => card.escalationId);
}

for (const backend of backends) {
  describe(`delegate board and refusals (${backend.name})`, () => {
    const fx = useStore(backend);

    async function twoRequests() {
      const esc = makeEscalation(fx.store, { intentTitle: (id) => INTENT_TITLES[id] ?? id });
      const clock = esc.clock as FixedClock;
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      const first = (await esc.service.latestFor('web:dr-b'))!;
      clock.advance(30 * 60_000);
      await esc.service.open(request('dr-c', { topic: 'arret_travail', question: 'Un IDE peut-il prescrire un arrêt ?' }));
      const second = (await esc.service.latestFor('web:dr-c'))!;
      return { esc, clock, first, second };
    }

    it("refuses a colleague's action on a claimed request with a code and a message only, never the record", async () => {
      const { esc, first } = await twoRequests();
      expect((await esc.delegates.claim('web:karim', first.id)).ok).toBe(true);
      const refusals = [
        await esc.delegates.release('web:lea', first.id),
        await esc.delegates.resolve('web:lea', first.id, { proposeFaq: true }),
        await esc.delegates.transfer('web:lea', first.id, 'accueil'),
        await esc.delegates.claim('web:lea', first.id),
        await esc.delegates.reply('web:lea', first.id, 'Je réponds à sa place'),
        await esc.delegates.claim('web:claire', first.id),
      ];
      for (const refusal of refusals) {
        expect(Object.keys(refusal).sort()).toEqual(['code', 'message', 'ok']);
        expect(JSON.stringify(refusal)).not.toContain(QUESTION);
        expect(JSON.stringify(refusal)).not.toContain('dr-b');
      }
      expect(refusals.map((r) => (r.ok ? 'ok' : r.message))).toEqual([
        'Seul(e) Karim Benali, qui a pris la demande en charge, peut faire cela.',
        'Seul(e) Karim Benali, qui a pris la demande en charge, peut faire cela.',
        'Seul(e) Karim Benali, qui a pris la demande en charge, peut faire cela.',
        'Déjà pris en charge par Karim Benali.',
        'Seul(e) Karim Benali, qui a pris la demande en charge, peut faire cela.',
        "Vous ne faites pas partie de la file « Équipe AT » : action refusée.",
      ]);
      // Nothing changed: still Karim's.
      expect((await esc.service.latestFor('web:dr-b'))?.owner?.identity).toBe('web:karim');
    });

    it('shows each request in full once, by deadline, with one time line, and only the actions the viewer may take', async () => {
      const { esc, clock, first, second } = await twoRequests();
      expect((await esc.delegates.claim('web:karim', second.id)).ok).toBe(true);
      clock.advance(45 * 60_000);

      const karim = await esc.views.consoleBoard('web:karim');
      expect(karim.mine.map((c) => c.escalationId)).toEqual([second.id]);
      const full = fullCards(karim);
      expect(new Set(full).size).toBe(full.length);
      expect(full.sort()).toEqual([first.id, second.id].sort());
      // Its queue still lists Karim's request, as a reference to « Mes demandes ».
      const at = karim.queues.find((q) => q.id === 'at')!;
      expect(at.cards.map((c) => [c.escalationId, c.mine])).toEqual([
        [first.id, false],
        [second.id, true],
      ]);
      // By deadline, and one line on each: how long it has waited (wall-clock time since it was
      // asked) and its deadline; once claimed, since when the professional awaits a reply.
      expect(at.cards.map((c) => c.deadline?.at ?? '')).toEqual([...at.cards.map((c) => c.deadline?.at ?? '')].sort());
      const deadline = ' · Échéance : [a-z]+ \\d+ [a-zéû]+ à \\d\\d:\\d\\d';
      expect(at.cards[0]?.timing.text).toMatch(new RegExp(`^Attend depuis 1 h 15 min${deadline}$`));
      expect(karim.mine[0]?.timing.text).toMatch(new RegExp(`^En attente de réponse depuis 45 min${deadline}$`));
      // Once the owner replied: when, and no deadline any more.
      clock.advance(5 * 60_000);
      expect((await esc.delegates.reply('web:karim', second.id, 'Voici la règle.')).ok).toBe(true);
      const replied = (await esc.views.consoleBoard('web:karim')).mine[0]!;
      expect(replied.timing.text).toMatch(/^Répondu le [a-z]+ \d+ [a-zéû]+ à \d\d:\d\d$/);

      // Léa sees who owns Karim's request and can only read its history; she may claim the other.
      const lea = await esc.views.consoleBoard('web:lea');
      expect(lea.mine).toEqual([]);
      const owned = lea.queues[0]!.cards.find((c) => c.escalationId === second.id)!;
      expect(owned.statusText).toMatch(/^Pris en charge par Karim Benali à \d\d:\d\d$/);
      expect(owned.actions.map((a) => a.id)).toEqual(['history']);
      const waiting = lea.queues[0]!.cards.find((c) => c.escalationId === first.id)!;
      expect(waiting.actions.map((a) => a.id)).toEqual(['claim', 'transfer', 'history']);
      // Their supervisor may still release, transfer or resolve it.
      const sophie = await esc.views.consoleBoard('web:sophie');
      const supervised = sophie.queues.find((q) => q.id === 'at')!.cards.find((c) => c.escalationId === second.id)!;
      expect(supervised.actions.map((a) => a.id)).toContain('release');
    });

    it('marks a request when the professional writes again, until its owner reads the history', async () => {
      const { esc, clock, first } = await twoRequests();
      const drB = request('dr-b');
      const marker = async () => (await esc.views.consoleBoard('web:karim')).mine[0]?.followUp?.text;
      await esc.delegates.claim('web:karim', first.id);
      expect(await marker()).toBeUndefined();

      clock.advance(5 * 60_000);
      await esc.service.intercept({ ...drB, locale: 'fr', text: 'J’ajoute : le patient est en ALD.' });
      expect(await marker()).toBe('Nouveau message du professionnel');

      clock.advance(60_000);
      expect((await esc.delegates.history('web:karim', first.id)).ok).toBe(true);
      expect(await marker()).toBeUndefined();

      // Reopened after resolution (back to its owner, awaiting a new reply): the marker comes back
      // and the wait counts from the reopening.
      clock.advance(60_000);
      await esc.delegates.reply('web:karim', first.id, 'Voici la règle.');
      await esc.delegates.resolve('web:karim', first.id);
      clock.advance(10 * 60_000);
      await esc.service.intercept({ ...drB, locale: 'fr', text: 'Et pour un arrêt de plus de 3 jours ?' });
      clock.advance(20 * 60_000);
      const card = (await esc.views.consoleBoard('web:karim')).queues[0]!.cards.find((c) => c.escalationId === first.id)!;
      expect(card.followUp?.text).toBe('Nouveau message du professionnel');
      expect(card.timing.text).toMatch(/^En attente de réponse depuis 20 min · Échéance : /);
    });

    it('titles a card with the question, names its topic and says what Relais already answered, on every channel', async () => {
      const esc = makeEscalation(fx.store, { intentTitle: (id) => INTENT_TITLES[id] ?? id });
      await esc.service.open(
        request('dr-b', {
          topic: 'arret_travail',
          reason: 'asked',
          answeredIntent: 'at_teleconsultation_limite_3j',
          question: 'Mon patient vu en téléconsultation a besoin de 5 jours d’arrêt, comment faire au-delà de la limite ?',
        }),
      );
      const card = (await esc.views.consoleBoard('web:karim')).queues[0]!.cards[0]!;
      expect(card.headline).toBe('Mon patient vu en téléconsultation a besoin de 5 jours…');
      expect(card.summary).toBe(
        'Relais a déjà répondu : « Arrêt de travail prescrit en téléconsultation : 3 jours au plus ». ' +
          'Le professionnel a demandé à parler à un délégué. ' +
          'Thème : Arrêts de travail et indemnités journalières.',
      );
      expect(card.summary).not.toContain('arret_travail');
      // The Slack card of the same queue says the same (the card is built without the channel).
      const slack = (await pending(fx.store)).find((i) => i.payload.type === 'queue.card' && i.channel === 'slack');
      expect(slack?.payload).toMatchObject({ card: { summary: card.summary, headline: card.headline } });
    });
  });
}
