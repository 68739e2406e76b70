import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DelegateConsole, openFromMoreau, startDelegateConsole } from './delegate-support.js';

/** The delegate view's JSON API, as the page (or a script with a token) uses it. */
describe('web console, delegate API', () => {
  let c: DelegateConsole;
  beforeEach(async () => {
    c = await startDelegateConsole();
  });
  afterEach(async () => {
    await c.stop();
  });

  const as = (who: string) => ({ 'X-Relais-Demo-User': who, 'Content-Type': 'application/json' });
  const post = (path: string, who: string, body: unknown = {}) =>
    fetch(`${c.url}/api/delegate${path}`, { method: 'POST', headers: as(who), body: JSON.stringify(body) });

  it("shows the delegate's queues with the new card, and claims it", async () => {
    const escalation = await openFromMoreau(c);
    const board = await (await fetch(`${c.url}/api/delegate/board`, { headers: as('karim') })).json();
    expect(board.name).toBe('Karim Benali');
    const cis = board.queues.find((q: { id: string }) => q.id === 'cis-nord');
    expect(cis.cards[0]).toMatchObject({
      escalationId: escalation.id,
      statusText: 'En attente de prise en charge',
      asker: { name: 'Paul Moreau', profession: 'infirmier libéral' },
    });
    const claim = await post(`/escalations/${escalation.id}/claim`, 'karim');
    expect(claim.status).toBe(200);
    const late = await post(`/escalations/${escalation.id}/claim`, 'claire');
    expect(late.status).toBe(409);
    expect((await late.json()).message).toBe('Déjà pris en charge par Karim Benali.');
  });

  it('refuses a delegate outside the queue, and a stranger from outside the machine', async () => {
    const escalation = await openFromMoreau(c);
    const refused = await post(`/escalations/${escalation.id}/claim`, 'admin');
    expect(refused.status).toBe(403);
    const forwarded = await fetch(`${c.url}/api/delegate/board`, {
      headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    expect(forwarded.status).toBe(403);
    const withToken = await fetch(`${c.url}/api/delegate/board`, {
      headers: { 'X-Forwarded-For': '203.0.113.9', Authorization: 'Bearer karim-token-0123456789abcdef' },
    });
    expect(withToken.status).toBe(200);
    expect((await withToken.json()).identity).toBe('web:karim');
  });

  it('refuses a body over the limit with 413 and the limit stated, like the chat API', async () => {
    const escalation = await openFromMoreau(c);
    const response = await post(`/escalations/${escalation.id}/reply`, 'karim', { text: 'x'.repeat(150_000) });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body).toMatchObject({ ok: false, code: 'body_too_large' });
    expect(body.message).toContain('100000');
  });

  it('replies, shows the history and resolves through the API', async () => {
    const escalation = await openFromMoreau(c);
    await post(`/escalations/${escalation.id}/claim`, 'claire');
    expect(
      (
        await post(`/escalations/${escalation.id}/reply`, 'claire', {
          text: 'Non, un IDE ne prescrit pas d’arrêt.',
        })
      ).status,
    ).toBe(200);
    expect((await post(`/escalations/${escalation.id}/reply`, 'karim', { text: 'Je confirme' })).status).toBe(
      409,
    );
    const history = await (
      await fetch(`${c.url}/api/delegate/escalations/${escalation.id}/history`, { headers: as('karim') })
    ).json();
    expect(history.lines.map((l: { from: string }) => l.from)).toEqual(['professional', 'delegate']);
    const resolved = await post(`/escalations/${escalation.id}/resolve`, 'claire', { proposeFaq: true });
    expect((await resolved.json()).card.status).toBe('resolved');
    const board = await (await fetch(`${c.url}/api/delegate/board`, { headers: as('claire') })).json();
    expect(board.mine).toHaveLength(0);
  });

  it("answers a colleague's click on Karim's request with a coded French refusal, without the request", async () => {
    const escalation = await openFromMoreau(c);
    await post(`/escalations/${escalation.id}/claim`, 'karim');
    for (const [action, body] of [
      ['release', {}],
      ['resolve', { proposeFaq: true }],
      ['transfer', { queueId: 'service-pro' }],
    ] as const) {
      const refused = await post(`/escalations/${escalation.id}/${action}`, 'claire', body);
      expect(refused.status).toBe(409);
      const text = await refused.text();
      expect(JSON.parse(text)).toEqual({
        ok: false,
        code: 'ESCALATION_NOT_OWNER',
        message: 'Seul(e) Karim Benali, qui a pris la demande en charge, peut faire cela.',
      });
      expect(text).not.toContain('arrêt de travail');
      expect(text).not.toContain('ide-moreau');
    }
    const outsider = await (await fetch(`${c.url}/api/delegate/escalations/${escalation.id}/history`, { headers: as('dr-durand') })).json();
    expect(Object.keys(outsider).sort()).toEqual(['code', 'message', 'ok']);
  });

  it('refuses a transfer without a target and an empty reply with a coded refusal in the page language', async () => {
    const escalation = await openFromMoreau(c);
    await post(`/escalations/${escalation.id}/claim`, 'karim');
    for (const body of [{}, { queueId: '' }, { queueId: 42 }]) {
      const refused = await post(`/escalations/${escalation.id}/transfer`, 'karim', body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        ok: false,
        code: 'ESCALATION_TARGET_MISSING',
        message: 'Choisissez la file de destination du transfert.',
      });
    }
    const blank = await post(`/escalations/${escalation.id}/reply`, 'karim', { text: '   ' });
    expect(await blank.json()).toEqual({
      ok: false,
      code: 'ESCALATION_REPLY_EMPTY',
      message: "Écrivez votre réponse avant de l'envoyer.",
    });
    const english = await post(`/escalations/${escalation.id}/transfer?lang=en`, 'karim', {});
    expect((await english.json()).message).toBe('Choose the queue to transfer the request to.');
    // Nothing moved, nothing was relayed: still Karim's, in its queue.
    const board = await (await fetch(`${c.url}/api/delegate/board`, { headers: as('karim') })).json();
    expect(board.mine.map((card: { queueId: string }) => card.queueId)).toEqual(['cis-nord']);
    const history = await (
      await fetch(`${c.url}/api/delegate/escalations/${escalation.id}/history`, { headers: as('karim') })
    ).json();
    expect(history.lines.map((l: { from: string }) => l.from)).toEqual(['professional']);
  });

  it('lists a claimed request once in full, under « Mes demandes », with its question as title and its topic in French', async () => {
    const escalation = await openFromMoreau(c);
    await post(`/escalations/${escalation.id}/claim`, 'claire');
    const board = await (await fetch(`${c.url}/api/delegate/board`, { headers: as('claire') })).json();
    expect(board.mine.map((card: { escalationId: string }) => card.escalationId)).toEqual([escalation.id]);
    const inQueues = board.queues.flatMap((q: { cards: Array<{ escalationId: string; mine: boolean }> }) => q.cards);
    // In its queue it is only a reference to « Mes demandes ».
    expect(inQueues.filter((card: { escalationId: string }) => card.escalationId === escalation.id)).toEqual([
      expect.objectContaining({ mine: true }),
    ]);
    expect(board.mine[0]).toMatchObject({
      headline: 'Un IDE peut-il prescrire un arrêt de travail ?',
      title: 'Demande de Paul Moreau',
      timing: { text: expect.stringMatching(/^En attente de réponse depuis 0 min · Échéance : /) },
    });
    expect(board.mine[0].summary).toContain('Thème : Arrêts de travail et indemnités journalières.');
    // Karim sees who has it, and no button he could not use but the history.
    const karim = await (await fetch(`${c.url}/api/delegate/board`, { headers: as('karim') })).json();
    const seen = karim.queues.find((q: { id: string }) => q.id === 'cis-nord').cards[0];
    expect(seen.statusText).toMatch(/^Pris en charge par Claire Martin à \d\d:\d\d$/);
    expect(seen.actions.map((a: { id: string }) => a.id)).toEqual(['history']);
  });
});
