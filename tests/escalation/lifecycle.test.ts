import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../src/clock.js';
import { COLLECTIONS, type Escalation } from '../../src/escalation/model.js';
import { backends, useStore } from '../store/backends.js';
import {
  makeEscalation,
  pending,
  professional,
  professionalTexts,
  request,
  testConfig,
  testConfigInput,
} from './helpers.js';

const NIR = '1 85 05 2A 123 456 78';

for (const backend of backends) {
  describe(`escalation lifecycle (${backend.name})`, () => {
    const fx = useStore(backend);

    async function opened(id = 'dr-b', overrides = {}) {
      const esc = makeEscalation(fx.store);
      const replies = await esc.service.open(request(id, overrides));
      const latest = await esc.service.latestFor(`web:${id}`);
      return { esc, replies, escalation: latest! };
    }

    it('stores the escalation with its card before telling the professional who has it', async () => {
      const { replies, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      expect(escalation).toMatchObject({ status: 'open', queueId: 'at', routedVia: 'topic' });
      expect(replies[0]?.text).toContain('Équipe AT');
      expect(replies[0]?.text).toMatch(/8 heures ouvrées/);
      expect(replies[0]?.text).toMatch(/Horaires : du lundi au vendredi \d\d:\d\d–\d\d:\d\d.*\(hors jours fériés\)/);
      expect(replies[0]?.buttons?.map((b) => b.action)).toEqual(['cancel_escalation']);
      const cards = (await pending(fx.store)).filter((i) => i.payload.type === 'queue.card');
      // One card per channel of the queue: the console and its Slack channel.
      expect(cards.map((c) => c.channel).sort()).toEqual(['slack', 'web']);
      expect(cards[0]?.payload).toMatchObject({
        card: { statusText: 'En attente de prise en charge', question: escalation.question },
      });
      const audit = await fx.store.listAudit({ subject: `escalation:${escalation.id}` });
      expect(audit.map((a) => a.action)).toEqual(['escalation.open']);
    });

    it('tells the professional when opening hours resume when asked outside them', async () => {
      const esc = makeEscalation(fx.store);
      (esc.clock as FixedClock).set('2026-11-28T11:00:00+01:00'); // Saturday
      const replies = await esc.service.open(request('dr-b'));
      expect(replies[0]?.text).toMatch(/réponse à partir du lundi 30 novembre à 08:30/);
    });

    it('gives one owner when two delegates claim at once; the other is told who has it', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      const [peer] = await fx.peers(1);
      const other = peer ? makeEscalation(peer) : esc;
      const results = await Promise.all([
        esc.delegates.claim('web:karim', escalation.id),
        other.delegates.claim('web:lea', escalation.id),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const owner = winners[0]!.ok ? winners[0]!.escalation.owner!.name : '';
      expect(losers[0]!.ok ? '' : losers[0]!.message).toBe(`Déjà pris en charge par ${owner}.`);
      const stored = (await fx.store.get<Escalation>(COLLECTIONS.escalations, escalation.id))!.value;
      expect(stored.owner?.name).toBe(owner);
      const claims = (await fx.store.listAudit({ subject: `escalation:${escalation.id}` })).filter(
        (a) => a.action === 'escalation.claim',
      );
      expect(claims).toHaveLength(1);
      expect(await professionalTexts(fx.store)).toContain(
        owner === 'Karim Benali'
          ? 'Karim Benali (conseiller) prend en charge votre demande.'
          : 'Léa Roux (conseillère) prend en charge votre demande.',
      );
    });

    it('refuses, logs and audits an action by someone outside the queue', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      const result = await esc.delegates.claim('web:claire', escalation.id);
      expect(result).toMatchObject({
        ok: false,
        code: 'ESCALATION_NOT_ALLOWED',
        message: expect.stringContaining('Équipe AT'),
      });
      expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('open');
      const audit = await fx.store.listAudit({ subject: `escalation:${escalation.id}` });
      expect(audit.at(-1)).toMatchObject({ actor: 'web:claire', action: 'escalation.claim.refused' });
      // A supervisor may act.
      expect((await esc.delegates.claim('web:sophie', escalation.id)).ok).toBe(true);
    });

    it('relays both ways while a delegate owns it: bot silent, owner signed, NIR masked, colleagues not relayed', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      await esc.delegates.claim('web:karim', escalation.id);
      const { user, conversation } = professional('dr-b');
      const intercepted = await esc.service.intercept({
        user,
        conversation,
        locale: 'fr',
        text: `Mon patient ${NIR} est en AT`,
      });
      expect(intercepted).toEqual([{ kind: 'relay', text: 'Transmis.' }]);
      const toKarim = (await pending(fx.store)).filter((i) => i.payload.type === 'delegate.message');
      expect(toKarim).toHaveLength(1);
      expect(toKarim[0]?.payload).toMatchObject({ to: 'web:karim', kind: 'relay' });
      const relayed = toKarim[0]!.payload.type === 'delegate.message' ? toKarim[0]!.payload.text : '';
      expect(relayed).toContain('Mon patient');
      expect(relayed).not.toContain('123 456');

      const answer = await esc.delegates.reply(
        'web:karim',
        escalation.id,
        `C'est noté pour ${NIR}, 3 jours maximum.`,
      );
      expect(answer.ok).toBe(true);
      const chatter = await esc.delegates.reply('web:lea', escalation.id, 'Je pense que Karim a raison');
      expect(chatter).toMatchObject({ ok: false, code: 'ESCALATION_NOT_OWNER' });
      const relays = (await pending(fx.store)).flatMap((i) =>
        i.payload.type === 'professional.reply' ? i.payload.replies.filter((r) => r.kind === 'relay') : [],
      );
      expect(relays).toHaveLength(1);
      expect(relays[0]).toMatchObject({ signature: { name: 'Karim Benali', role: 'conseiller' } });
      expect(relays[0]?.text).toContain('3 jours maximum');
      expect(relays[0]?.text).not.toContain('123 456');

      const history = await esc.delegates.history('web:lea', escalation.id);
      expect(history.ok && history.lines.map((l) => l.from)).toEqual([
        'professional',
        'professional',
        'delegate',
      ]);
      expect(JSON.stringify(history)).not.toContain('123 456');
      const stranger = await esc.delegates.history('web:claire', escalation.id);
      expect(stranger.ok).toBe(false);
    });

    it('keeps the bot silent while the escalation waits in its queue, and lets the bot answer after cancel', async () => {
      const { esc, escalation } = await opened();
      const { user, conversation } = professional('dr-b');
      expect(
        await esc.service.intercept({ user, conversation, locale: 'fr', text: 'Une précision' }),
      ).toHaveLength(1);
      const cancelled = await esc.service.cancel({ user, locale: 'fr' });
      expect(cancelled[0]?.text).toMatch(/annulée/);
      expect((await esc.service.latestFor('web:dr-b'))?.status).toBe('cancelled');
      expect(
        await esc.service.intercept({ user, conversation, locale: 'fr', text: 'Autre question' }),
      ).toBeNull();
      expect((await esc.delegates.claim('web:sophie', escalation.id)).ok).toBe(false);
    });

    it('resolves with a satisfaction question and a FAQ suggestion, then reopens within the window only', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      await esc.delegates.claim('web:karim', escalation.id);
      await esc.delegates.reply('web:karim', escalation.id, 'Trois jours au plus en téléconsultation.');
      const notOwner = await esc.delegates.resolve('web:lea', escalation.id);
      expect(notOwner.ok).toBe(false);
      const resolved = await esc.delegates.resolve('web:karim', escalation.id, { proposeFaq: true });
      expect(resolved.ok).toBe(true);
      const last = (await pending(fx.store)).filter((i) => i.payload.type === 'professional.reply').at(-1)!;
      const closing = last.payload.type === 'professional.reply' ? last.payload.replies[0] : undefined;
      expect(closing?.text).toMatch(/Karim Benali a clôturé votre demande/);
      expect(closing?.buttons?.map((b) => b.value)).toEqual(
        [1, 2, 3, 4, 5].map((s) => `${escalation.id}:${s}`),
      );
      const suggestion = await fx.store.get(COLLECTIONS.suggestions, `delegate_answer:${escalation.id}`);
      expect(suggestion?.value).toMatchObject({
        kind: 'delegate_answer',
        answer: 'Trois jours au plus en téléconsultation.',
        intentGuess: 'at_teleconsultation_limite_3j',
      });

      const { user, conversation } = professional('dr-b');
      expect(
        (await esc.service.rate({ user, locale: 'fr', escalationId: escalation.id, score: 4 }))[0]?.text,
      ).toMatch(/Merci/);
      expect(
        (await esc.service.rate({ user, locale: 'fr', escalationId: escalation.id, score: 1 }))[0]?.text,
      ).toMatch(/déjà/);

      (esc.clock as FixedClock).advance(47 * 3_600_000);
      const reopened = await esc.service.intercept({
        user,
        conversation,
        locale: 'fr',
        text: 'Et pour un kiné ?',
      });
      expect(reopened?.[0]?.text).toBe('Votre demande est rouverte : Karim Benali reçoit votre message.');
      const back = await esc.service.latestFor('web:dr-b');
      expect(back).toMatchObject({ status: 'claimed', owner: { identity: 'web:karim' } });
      const audit = await fx.store.listAudit({ subject: `escalation:${escalation.id}` });
      expect(audit.map((a) => `${a.action}:${a.from ?? ''}>${a.to ?? ''}`)).toContain(
        'escalation.reopen:resolved>claimed',
      );

      await esc.delegates.resolve('web:karim', escalation.id);
      (esc.clock as FixedClock).advance(49 * 3_600_000);
      expect(
        await esc.service.intercept({ user, conversation, locale: 'fr', text: 'Encore une chose' }),
      ).toBeNull();
    });

    it('transfers to another queue: new card there, old card says where it went', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      const result = await esc.delegates.transfer('web:karim', escalation.id, 'accueil');
      expect(result).toMatchObject({
        ok: true,
        escalation: { queueId: 'accueil', status: 'open', routedVia: 'transfer' },
      });
      const cards = (await pending(fx.store)).flatMap((i) =>
        i.payload.type === 'queue.card' ? [i.payload] : [],
      );
      expect(cards.filter((c) => c.queueId === 'at').at(-1)?.card.statusText).toBe(
        'Transférée vers Accueil CIS',
      );
      expect(cards.filter((c) => c.queueId === 'accueil')).toHaveLength(1);
      // Karim is no longer a member of the escalation's queue.
      expect((await esc.delegates.claim('web:karim', escalation.id)).ok).toBe(false);
      // As at opening, the professional is told the new queue's usual delay and its hours.
      const told = (await professionalTexts(fx.store)).find((t) => t.includes('transmise à **Accueil CIS**'));
      expect(told).toContain('Réponse en général sous 8 heures ouvrées.');
      expect(told).toMatch(/Horaires : du lundi au vendredi \d\d:\d\d–\d\d:\d\d/);
      expect(told).not.toContain('réponse à partir du');
    });

    it('tells the professional when a queue closed at transfer time opens again', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      (esc.clock as FixedClock).set('2026-11-25T19:00:00+01:00'); // Wednesday evening
      expect((await esc.delegates.transfer('web:karim', escalation.id, 'accueil')).ok).toBe(true);
      const told = (await professionalTexts(fx.store)).find((t) => t.includes('transmise à **Accueil CIS**'));
      expect(told).toContain('réponse à partir du jeudi 26 novembre à 08:30');
    });

    it("lists a delegate's requests and queues", async () => {
      const esc = makeEscalation(fx.store);
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      await esc.service.open(request('dr-c', { topic: 'arret_travail' }));
      const first = (await esc.service.latestFor('web:dr-b'))!;
      await esc.delegates.claim('web:karim', first.id);
      const karim = await esc.views.board('web:karim');
      expect(karim.queues.map((q) => q.id)).toEqual(['at']);
      expect(karim.mine.map((c) => c.status)).toEqual(['claimed', 'open']);
      const sophie = await esc.views.board('web:sophie');
      expect(sophie.queues.find((q) => q.id === 'at')?.supervisor).toBe(true);
      expect(sophie.mine).toHaveLength(0);
    });

    it('relays across channels: a professional on Teams, a delegate on Slack', async () => {
      const queues = testConfigInput.queues.map((q) =>
        q.id === 'at' ? { ...q, members: ['slack:UKARIM', 'web:lea'] } : q,
      );
      const esc = makeEscalation(fx.store, {
        config: testConfig({ queues, people: { 'slack:UKARIM': { name: 'Karim Benali' } } }),
      });
      const teams = {
        user: { channel: 'teams' as const, id: '29:abc', displayName: 'Dr Teams' },
        conversation: { channel: 'teams' as const, id: 'a:conv1' },
      };
      await esc.service.open({ ...request('x', { topic: 'arret_travail' }), ...teams });
      const escalation = (await esc.service.latestFor('teams:29:abc'))!;
      await esc.delegates.claim('slack:UKARIM', escalation.id);
      await esc.service.intercept({ ...teams, locale: 'fr', text: 'Bonjour' });
      await esc.delegates.reply('slack:UKARIM', escalation.id, 'Bonjour docteur');
      const routes = (await pending(fx.store)).map((i) => `${i.payload.type}@${i.channel}`);
      expect(routes).toContain('delegate.message@slack');
      expect(routes.filter((r) => r === 'professional.reply@teams')).toHaveLength(2);
    });

    it('counts opened escalations, time to claim and resolve, and satisfaction', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      (esc.clock as FixedClock).advance(30 * 60_000);
      await esc.delegates.claim('web:karim', escalation.id);
      await esc.delegates.resolve('web:karim', escalation.id);
      await esc.service.rate({
        user: professional('dr-b').user,
        locale: 'fr',
        escalationId: escalation.id,
        score: 5,
      });
      const m = esc.context.deps.metrics;
      expect((await m.opened.get()).values).toMatchObject([
        { value: 1, labels: { queue: 'at', via: 'topic' } },
      ]);
      const claimSum = (await m.timeToClaim.get()).values.find((v) => v.metricName?.endsWith('_sum'));
      expect(claimSum?.value).toBe(1800);
      const rating = (await m.satisfaction.get()).values.find((v) => v.metricName?.endsWith('_sum'));
      expect(rating?.value).toBe(5);
    });

    it('erases everything about a professional (RGPD)', async () => {
      const { esc, escalation } = await opened('dr-b', { topic: 'arret_travail' });
      await esc.delegates.claim('web:karim', escalation.id);
      await esc.delegates.reply('web:karim', escalation.id, 'Réponse');
      await esc.delegates.resolve('web:karim', escalation.id, { proposeFaq: true });
      await esc.service.eraseUser(professional('dr-b').user);
      expect(await esc.service.latestFor('web:dr-b')).toBeNull();
      expect(await fx.store.get(COLLECTIONS.escalations, escalation.id)).toBeNull();
      expect(await fx.store.list(COLLECTIONS.transcript, { prefix: `${escalation.id}:` })).toHaveLength(0);
      expect(await fx.store.list(COLLECTIONS.suggestions)).toHaveLength(0);
      expect(await fx.store.listAudit({ subject: `escalation:${escalation.id}` })).toHaveLength(0);
    });
  });
}
