import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminServer, startAdminServer } from './harness.js';

/** A mistyped person in a queue edit, as the admin console's API answers it. */
describe('queue edits name only known people (admin API)', () => {
  let server: AdminServer;
  beforeAll(async () => {
    server = await startAdminServer();
  });
  afterAll(async () => server?.close());

  const post = (name: string, body: unknown) =>
    fetch(`${server.url}/api/admin/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Relais-Demo-User': 'admin' },
      body: JSON.stringify(body),
    });

  it('refuses web:karim + web:clarie with a coded error naming the unknown id, and saves nothing', async () => {
    const response = await post('queues.update', { queueId: 'cis', patch: { members: ['web:karim', 'web:clarie'] } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({
      ok: false,
      code: 'unknown_person',
      details: ['queues.cis.members.1: unknown person "web:clarie"'],
    });
    expect(body.message).toMatch(/^Identifiant inconnu : web:clarie\. Vérifiez l'orthographe/);
    expect(body.problems).toEqual([expect.stringMatching(/^Membre 2 : « web:clarie » n'est pas une personne connue/)]);
    const queues = (await (await post('queues.get', {})).json()).result;
    expect(queues.queues[0].members).toEqual(['web:karim']);
  });

  it('accepts the same member once the admin has added the person', async () => {
    expect((await post('queues.updateDirectory', { patch: { people: { 'web:claire': { name: 'Claire Martin' } } } })).status).toBe(200);
    expect((await post('queues.update', { queueId: 'cis', patch: { members: ['web:karim', 'web:claire'] } })).status).toBe(200);
  });
});
