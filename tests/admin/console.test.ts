import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedDirectory } from '../../src/escalation/directory.js';
import { ADMIN_TOKEN, type AdminServer, startAdminServer } from './harness.js';

const INTENT = 'tlc_tarifs';

describe('console admin API', () => {
  let server: AdminServer;
  beforeAll(async () => {
    server = await startAdminServer();
  });
  afterAll(async () => server?.close());

  const post = (name: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}/api/admin/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses a non-admin (the refusal is logged and audited) and lets the declared admin publish', async () => {
    const me = await fetch(`${server.url}/api/admin/me`, { headers: { 'X-Relais-Demo-User': 'karim' } });
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ ok: false, code: 'not_allowed', message: 'Cette action est réservée aux administrateurs de Relais.' });

    const detail = (await (await post('answers.get', { intentId: INTENT }, { Authorization: `Bearer ${ADMIN_TOKEN}` })).json()).result;
    const attempt = await post('answers.publishContent', { intentId: INTENT, content: { ...detail.editable, text: 'Texte pirate inséré.' } }, { 'X-Relais-Demo-User': 'karim' });
    expect(attempt.status).toBe(403);
    expect((await server.admin.answers.current(INTENT, server.clock.now()))?.text).not.toBe('Texte pirate inséré.');
    const refusals = (await server.store.listAudit()).filter((a) => a.action === 'admin.refused');
    expect(refusals.map((a) => [a.actor, a.subject])).toEqual([
      ['web:karim', 'command:answers.list'],
      ['web:karim', 'command:answers.publishContent'],
    ]);
    expect(server.logs.join('\n')).toMatch(/"actor":"web:karim".*admin command refused/);

    const published = await post('answers.publishContent', { intentId: INTENT, content: { ...detail.editable, text: 'Texte revu par l’admin.' } }, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(published.status).toBe(200);
    expect((await server.admin.answers.current(INTENT, server.clock.now()))?.text).toBe('Texte revu par l’admin.');
  });

  it('names the invalid fields with the answer file rules', async () => {
    const detail = (await (await post('answers.get', { intentId: INTENT }, { 'X-Relais-Demo-User': 'admin' })).json()).result;
    const response = await post('answers.saveDraft', { intentId: INTENT, content: { ...detail.editable, validFrom: 'demain' } }, { 'X-Relais-Demo-User': 'admin' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'invalid_input', message: "La saisie n'est pas valide :" });
    expect(body.details).toEqual([expect.stringMatching(/^validFrom: expected a calendar day/)]);
  });

  it('edits a queue at runtime with the YAML rules: an unknown backup queue is refused, members are saved', async () => {
    const admin = { 'X-Relais-Demo-User': 'admin' };
    const bad = await post('queues.update', { queueId: 'cis', patch: { backup: 'nowhere' } }, admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual(['queues.cis.backup: unknown queue "nowhere"']);
    const ok = await post('queues.update', { queueId: 'cis', patch: { members: ['web:karim', 'web:claire'] } }, admin);
    expect(ok.status).toBe(200);
    const queues = (await (await post('queues.get', {}, admin)).json()).result;
    expect(queues.queues[0].members).toEqual(['web:karim', 'web:claire']);
    // What the escalation services read (the stored directory) has it too.
    expect((await storedDirectory(server.store).current()).queues[0]!.members).toEqual(['web:karim', 'web:claire']);
  });
});
