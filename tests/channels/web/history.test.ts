import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_MAX_DAYS } from '../../../src/channels/web/history.js';
import { startWebServer, TOKEN, type WebHarness } from './support/server.js';

/**
 * GET /api/chat/history: what the chat page shows again when it opens (a reload, the next morning):
 * the professional's own questions, the bot's answers and the delegates' replies, in order, NIR
 * masked, and nothing of another professional.
 */

let web: WebHarness;
beforeAll(async () => {
  web = await startWebServer();
}, 120_000);
afterAll(async () => {
  await web.close();
});

const PAUL = { 'X-Relais-Demo-User': 'ide-moreau' };
const MINUTE_MS = 60_000;

interface Item {
  at: string;
  who: 'me' | 'bot';
  text?: string;
  seq?: number;
  reply?: { kind: string; text: string; intentId?: string; signature?: string; buttons?: { action: string }[] };
}

async function history(headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}/api/chat/history`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as { items: Item[]; inboxSeq: number };
}

async function ask(id: string, text: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ id, text }),
  });
  expect(response.status).toBe(200);
}

/** One line per item, as a professional reads the conversation. */
const lines = (items: Item[]) =>
  items.map((i) => (i.who === 'me' ? `me: ${i.text}` : `${i.reply?.kind}: ${i.reply?.text.split('\n')[0]}`));

describe('web chat history', () => {
  it('shows the question, the answer and the signed delegate reply again, in order, NIR masked', async () => {
    await ask('h1', "mon patient 1 85 05 78 006 084 91 : combien de jours d'arrêt en téléconsultation ?");
    web.core.clock.advance(MINUTE_MS);
    await ask('p1', 'combien est payée une téléconsultation ?', PAUL);
    await web.delivery.deliver('ide-moreau', { kind: 'relay', text: 'Réponse pour Paul' }, 'out-p:0');
    web.core.clock.advance(MINUTE_MS);
    await web.delivery.deliver(
      'dr-durand',
      {
        kind: 'relay',
        text: 'Bonjour, pour le patient 1 85 05 78 006 084 91 : 3 jours au plus.',
        signature: { name: 'Claire Martin', role: 'déléguée' },
      },
      'out-1:0',
    );
    web.core.clock.advance(MINUTE_MS);
    await web.delivery.deliver(
      'dr-durand',
      {
        kind: 'escalation',
        text: 'Êtes-vous satisfait(e) de la réponse ?',
        buttons: ['1', '2', '3', '4', '5'].map((v) => ({ action: 'satisfaction' as const, label: v, value: `e1:${v}` })),
      },
      'out-2:0',
    );

    const first = await history();
    const read = lines(first.items);
    expect(read[0]).toBe("me: mon patient [n° masqué] : combien de jours d'arrêt en téléconsultation ?");
    const answer = first.items.find((i) => i.reply?.kind === 'answer');
    expect(answer?.reply?.intentId).toBe('at_teleconsultation_limite_3j');
    // Its vote and follow-up buttons belonged to that moment: they are not offered again.
    expect(answer?.reply?.buttons).toBeUndefined();
    const relayAt = read.indexOf('relay: Bonjour, pour le patient [***] : 3 jours au plus.');
    expect(relayAt).toBeGreaterThan(first.items.indexOf(answer!));
    expect(first.items[relayAt]?.reply?.signature).toBe('Claire Martin (déléguée)');
    // The satisfaction question still works: it comes with its buttons.
    expect(read.at(-1)).toBe('escalation: Êtes-vous satisfait(e) de la réponse ?');
    expect(first.items.at(-1)?.reply?.buttons?.map((b) => b.action)).toEqual(Array(5).fill('satisfaction'));

    const all = JSON.stringify(first);
    expect(all).not.toContain('006 084');
    expect(all).not.toContain('Paul');
    expect(all).not.toContain('payée');

    // A reload reads the same, and the inbox continues after it: nothing is shown twice.
    expect(await history()).toEqual(first);
    const inbox = (await (await fetch(`${web.url}/api/chat/inbox?after=${first.inboxSeq}`)).json()) as {
      items: unknown[];
    };
    expect(inbox.items).toEqual([]);
    await web.delivery.deliver('dr-durand', { kind: 'relay', text: 'Autre précision.' }, 'out-3:0');
    const next = (await (await fetch(`${web.url}/api/chat/inbox?after=${first.inboxSeq}`)).json()) as {
      items: { reply: { text: string } }[];
    };
    expect(next.items.map((i) => i.reply.text)).toEqual(['Autre précision.']);

    const paul = lines((await history(PAUL)).items);
    expect(paul[0]).toBe('me: combien est payée une téléconsultation ?');
    expect(paul.at(-1)).toBe('relay: Réponse pour Paul');
    expect(paul.join('\n')).not.toContain('arrêt');
  });

  it('is refused to a remote caller without a token, and gives a token holder their own only', async () => {
    const remote = { 'X-Forwarded-For': '203.0.113.7' };
    expect((await fetch(`${web.url}/api/chat/history`, { headers: remote })).status).toBe(403);
    // A token is one person: a demo identity asked alongside it is ignored.
    const own = await history({ ...remote, ...PAUL, Authorization: `Bearer ${TOKEN}` });
    expect(own).toEqual(await history());
  });

  it(`shows nothing older than ${HISTORY_MAX_DAYS} days`, async () => {
    const before = await history();
    expect(before.items.length).toBeGreaterThan(0);
    web.core.clock.advance(HISTORY_MAX_DAYS * 24 * 60 * MINUTE_MS + MINUTE_MS);
    await ask('h-late', 'Bonjour');
    const after = await history();
    expect(after.items.filter((i) => i.who === 'me').map((i) => i.text)).toEqual(['Bonjour']);
    // The delegate's replies of last week are out of the window too.
    expect(after.items.filter((i) => i.seq !== undefined)).toEqual([]);
    // Still where the inbox stands, so that the page polls only what is new.
    expect(after.inboxSeq).toBe(before.inboxSeq);
  });
});
