import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type AdminServer, KARIM_TOKEN, startAdminServer } from './harness.js';

/**
 * What the admin API tells people when it refuses: each problem worded in the page's language with
 * the field as the console's forms label it (the code and the technical details stay as they were,
 * for scripts); and what a caller who is not an admin may do to get in.
 */

const INTENT = 'tlc_tarifs';

describe('admin API refusals, worded for people', () => {
  let server: AdminServer;
  beforeAll(async () => {
    server = await startAdminServer();
  });
  afterAll(async () => server?.close());

  const post = async (name: string, body: unknown, lang = 'fr') => {
    const response = await fetch(`${server.url}/api/admin/commands/${name}?lang=${lang}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Relais-Demo-User': 'admin' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const editable = async () => (await post('answers.get', { intentId: INTENT })).body.result.editable;

  it('names an answer field as the editor labels it, in French and in English', async () => {
    const content = { ...(await editable()), sources: [{ title: 'Ameli', url: 'ameli.fr/tlc', checked: '2026-01-05' }], title: '' };
    const fr = await post('answers.saveDraft', { intentId: INTENT, content });
    expect(fr.status).toBe(400);
    expect(fr.body.code).toBe('invalid_input');
    expect(fr.body.details).toEqual(expect.arrayContaining(['sources.0.url: Invalid URL']));
    expect(fr.body.problems).toEqual(expect.arrayContaining(['Titre : trop court (3 caractères au moins)', 'Source 1 : adresse invalide']));
    expect(fr.body.problems.join('\n')).not.toMatch(/Invalid|sources\.0|expected/);
    const en = await post('answers.saveDraft', { intentId: INTENT, content }, 'en');
    expect(en.body.problems).toEqual(expect.arrayContaining(['Title: too short (at least 3 characters)', 'Source 1: invalid address']));
  });

  it('names the queue and directory fields as the Queues tab labels them', async () => {
    const deadline = await post('queues.update', { queueId: 'cis', patch: { deadlineHours: 'quatre' } });
    expect(deadline.body.code).toBe('invalid_input');
    expect(deadline.body.problems).toEqual(['Délai (heures ouvrées) : un nombre est attendu (par exemple 8 ou 4,5)']);
    const backup = await post('queues.update', { queueId: 'cis', patch: { backup: 'nowhere' } });
    expect(backup.body.details).toEqual(['queues.cis.backup: unknown queue "nowhere"']);
    expect(backup.body.problems).toEqual(['File de secours : la file « nowhere » n\'existe pas']);
    const absences = await post('queues.updateDirectory', {
      patch: { absences: [{ delegate: 'web:claire', from: '2026-11-23', to: '2026-11-27' }, { delegate: 'claire', from: '2026-11-2', to: '2026-11-27' }] },
    });
    expect(absences.body.problems).toEqual([
      'Absence 2 : identité attendue sous la forme web:claire, slack:U123 ou teams:…',
      'Absence 2 : date attendue au format AAAA-MM-JJ',
    ]);
    const order = await post('queues.updateDirectory', { patch: { absences: [{ delegate: 'web:claire', from: '2026-11-27', to: '2026-11-23' }] } });
    expect(order.body.problems).toEqual(['Absence 1 : la fin précède le début']);
  });

  it('names the phrasing field when an utterance is refused', async () => {
    const short = await post('utterances.add', { intentId: INTENT, text: 'a' });
    expect(short.body.problems).toEqual(['Formulation : trop courte (2 caractères au moins)']);
  });

  it('offers a refused loopback caller the demo identities that are admins, and a token caller the way to an admin link', async () => {
    const loopback = await fetch(`${server.url}/api/admin/me`, { headers: { 'X-Relais-Demo-User': 'karim' } });
    expect(loopback.status).toBe(403);
    expect(await loopback.json()).toMatchObject({ code: 'not_allowed', via: 'loopback', signIn: [{ id: 'admin', name: 'Alex Admin' }] });

    const token = await fetch(`${server.url}/api/admin/me`, { headers: { Authorization: `Bearer ${KARIM_TOKEN}` } });
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({ code: 'not_allowed', via: 'token', name: 'Karim Benali', signIn: [] });

    const admin = await fetch(`${server.url}/api/admin/me`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await admin.json()).toMatchObject({ ok: true, name: 'Alex Admin' });
  });

  it('shows a browser refused away from loopback a page that asks for a personal link, and lets the admin link in', async () => {
    const browser = { 'X-Forwarded-For': '203.0.113.7', Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    const refused = await fetch(`${server.url}/admin`, { headers: browser });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    expect(await refused.text()).toContain('ne s&#39;ouvre qu&#39;avec un lien personnel');
    // Scripts still get the API's JSON.
    const script = await fetch(`${server.url}/admin`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    expect(await script.json()).toMatchObject({ ok: false, code: 'forbidden' });
    const admitted = await fetch(`${server.url}/admin?token=${ADMIN_TOKEN}`, { headers: browser });
    expect(admitted.status).toBe(200);
    expect(await admitted.text()).toContain('admin.js?token=');
  });
});
