import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackRequest } from '../../../src/channels/web/auth.js';
import { startWebServer, TOKEN, type WebHarness } from './support/server.js';

let web: WebHarness;
beforeAll(async () => {
  web = await startWebServer();
}, 120_000);
afterAll(async () => {
  await web.close();
});

/** Through a proxy, a request is not local even from 127.0.0.1 (it stands for a remote caller). */
const REMOTE = { 'X-Forwarded-For': '203.0.113.7' };

async function chat(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('web console access', () => {
  it('tells loopback from remote callers', () => {
    const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({
      headers,
      socket: { remoteAddress },
    });
    expect(isLoopbackRequest(req('127.0.0.1'))).toBe(true);
    expect(isLoopbackRequest(req('::1'))).toBe(true);
    expect(isLoopbackRequest(req('::ffff:127.0.0.1'))).toBe(true);
    expect(isLoopbackRequest(req('10.0.0.4'))).toBe(false);
    expect(isLoopbackRequest(req('::ffff:192.168.1.2'))).toBe(false);
    expect(isLoopbackRequest(req('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }))).toBe(false);
  });

  it('serves the page to a loopback caller, in French, with its labels', async () => {
    const response = await fetch(`${web.url}/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<label for="question">Votre question</label>');
    expect(html).not.toMatch(/\{\{/);
  });

  it('refuses the page, its assets and the API to a remote caller without a token', async () => {
    for (const path of ['/', '/chat.js', '/api/chat/session']) {
      const response = await fetch(`${web.url}${path}`, { headers: REMOTE });
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('jeton');
    }
    expect((await chat({ id: 'r1', text: 'Bonjour' }, REMOTE)).status).toBe(403);
  });

  it('lets a remote caller in with a configured token (header or query), as that user only', async () => {
    const viaHeader = await fetch(`${web.url}/api/chat/session`, {
      headers: { ...REMOTE, Authorization: `Bearer ${TOKEN}` },
    });
    expect(viaHeader.status).toBe(200);
    const session = (await viaHeader.json()) as { user: { id: string }; demoUsers: unknown[] };
    expect(session.user.id).toBe('dr-durand');
    expect(session.demoUsers).toEqual([]);

    const page = await fetch(`${web.url}/?token=${TOKEN}`, { headers: REMOTE });
    expect(page.status).toBe(200);
    // The page keeps the token on its own asset URLs, which are guarded too.
    expect(await page.text()).toContain(`chat.js?token=${TOKEN}`);
    expect((await fetch(`${web.url}/chat.js?token=${TOKEN}`, { headers: REMOTE })).status).toBe(200);

    const wrong = await fetch(`${web.url}/api/chat/session`, {
      headers: { Authorization: 'Bearer not-a-valid-token-at-all' },
    });
    expect(wrong.status).toBe(403);
  });

  it('lets a loopback caller pick a demo identity, and only a configured one', async () => {
    const paul = await fetch(`${web.url}/api/chat/session`, {
      headers: { 'X-Relais-Demo-User': 'ide-moreau' },
    });
    expect(((await paul.json()) as { user: { id: string } }).user.id).toBe('ide-moreau');
    const stranger = await fetch(`${web.url}/api/chat/session`, {
      headers: { 'X-Relais-Demo-User': 'mallory' },
    });
    expect(stranger.status).toBe(400);
  });
});

describe('web chat API', () => {
  it('answers a question with its source link and "à jour au", buttons included', async () => {
    const { status, body } = await chat({
      id: 'q1',
      text: "combien de jours d'arrêt je peux mettre en téléconsultation ?",
    });
    expect(status).toBe(200);
    const replies = body.replies as {
      kind: string;
      sources?: { url: string }[];
      asOf?: string;
      buttons?: { action: string }[];
    }[];
    const answer = replies.find((r) => r.kind === 'answer');
    expect(answer?.sources?.[0]?.url).toMatch(/^https:\/\//);
    expect(answer?.asOf).toMatch(/^à jour au \d{2}\/\d{2}\/\d{4}$/);
    expect(answer?.buttons?.map((b) => b.action)).toEqual([
      'feedback_up',
      'feedback_down',
      'talk_to_delegate',
    ]);
  });

  it('echoes a question with its NIR masked, as the transcript keeps it', async () => {
    const { status, body } = await chat({
      id: 'nir-1',
      text: 'mon patient 1 85 05 78 006 084 91 a-t-il droit à un arrêt ?',
    });
    expect(status).toBe(200);
    expect(body.echo).toBe('mon patient [n° masqué] a-t-il droit à un arrêt ?');
    const plain = await chat({ id: 'nir-2', text: 'Bonjour' });
    expect(plain.body.echo).toBe('Bonjour');
    const action = await chat({ id: 'nir-3', action: 'help' });
    expect(action.body.echo).toBeUndefined();
  });

  it('handles the same idempotency id once', async () => {
    const first = await chat({ id: 'same-id', text: 'Bonjour' });
    const again = await chat({ id: 'same-id', text: 'Bonjour' });
    expect((first.body.replies as unknown[]).length).toBeGreaterThan(0);
    expect(again.body.replies).toEqual([]);
  });

  it('refuses a body over the size limit with 413 and the limit stated', async () => {
    const { status, body } = await chat({ id: 'big', text: 'x'.repeat(5000) });
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'body_too_large' });
    expect((body.error as { message: string }).message).toContain('4096');
  });

  it('refuses malformed JSON and malformed requests with 400 and a message', async () => {
    const broken = await chat('{"id": "x", "text": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'malformed_json' });
    const neither = await chat({ id: 'n1' });
    expect(neither.status).toBe(400);
    expect((neither.body.error as { message: string }).message).toContain('text or action');
    const badAction = await chat({ id: 'n2', action: 'launch_missiles' });
    expect(badAction.status).toBe(400);
  });

  it('delivers later replies (a delegate message) through the inbox, in order, once per delivery id', async () => {
    const session = (await (await fetch(`${web.url}/api/chat/session`)).json()) as { inboxSeq: number };
    await web.delivery.deliver(
      'dr-durand',
      { kind: 'relay', text: 'Bonjour, je regarde.', signature: { name: 'Claire Martin', role: 'DAM' } },
      'out-1:0',
    );
    await web.delivery.deliver('dr-durand', { kind: 'relay', text: 'Bonjour, je regarde.' }, 'out-1:0');
    await web.delivery.deliver(
      'dr-durand',
      { kind: 'relay', text: 'Son NIR 1 85 05 78 006 084 36 ?' },
      'out-2:0',
    );
    await web.delivery.deliver('ide-moreau', { kind: 'relay', text: 'pour Paul' }, 'out-3:0');
    const inbox = (await (await fetch(`${web.url}/api/chat/inbox?after=${session.inboxSeq}`)).json()) as {
      items: { seq: number; reply: { text: string; signature?: string } }[];
      last: number;
    };
    expect(inbox.items.map((i) => i.reply.text)).toEqual(['Bonjour, je regarde.', 'Son NIR [***] ?']);
    expect(inbox.items[0]?.reply.signature).toBe('Claire Martin (DAM)');
    const later = (await (await fetch(`${web.url}/api/chat/inbox?after=${inbox.last}`)).json()) as {
      items: unknown[];
    };
    expect(later.items).toEqual([]);
  });

  it('erases the web inbox with the rest of the professional\'s data ("Supprimer mes données")', async () => {
    const paul = { 'X-Relais-Demo-User': 'ide-moreau' };
    // Counted from now: other tests of this file (in any order) may have left Paul replies too.
    const session = (await (await fetch(`${web.url}/api/chat/session`, { headers: paul })).json()) as { inboxSeq: number };
    await chat({ id: 'd1', text: 'combien est payée une téléconsultation ?' }); // Dr Durand, who keeps her data
    await chat({ id: 'p1', text: 'combien est payée une téléconsultation ?' }, paul);
    await web.delivery.deliver('ide-moreau', { kind: 'relay', text: 'Réponse du délégué' }, 'out-p:0');
    const before = (await (await fetch(`${web.url}/api/chat/inbox?after=${session.inboxSeq}`, { headers: paul })).json()) as {
      items: { reply: { text: string } }[];
    };
    expect(before.items.map((i) => i.reply.text)).toEqual(['Réponse du délégué']);

    const asked = await chat({ id: 'p2', text: 'Supprimer mes données' }, paul);
    const confirm = (asked.body.replies as { buttons?: { action: string }[] }[])[0]?.buttons?.[0];
    expect(confirm?.action).toBe('confirm_erase');
    const done = await chat({ id: 'p3', action: 'confirm_erase' }, paul);
    expect((done.body.replies as { text: string }[])[0]?.text).toContain('supprimées');

    const after = (await (await fetch(`${web.url}/api/chat/inbox?after=0`, { headers: paul })).json()) as {
      items: unknown[];
    };
    expect(after.items).toEqual([]);
    const transcripts = await web.core.store.list('transcripts', { prefix: 'web:ide-moreau/' });
    expect(transcripts).toEqual([]);
    // Another professional's data is untouched.
    expect(await web.core.store.list('transcripts', { prefix: 'web:dr-durand/' })).not.toEqual([]);
  });
});
