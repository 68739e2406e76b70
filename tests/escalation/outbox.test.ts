import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  classifyError,
  classifyHttpStatus,
  type Deliverer,
  OutboxWorker,
} from '../../src/escalation/outbox.js';
import type { Notification } from '../../src/escalation/model.js';
import { createStore } from '../../src/store/index.js';
import { backends, randomPrefix, tempDir, useStore } from '../store/backends.js';
import { makeEscalation, request, silentLogger } from './helpers.js';
import { runInstance } from './processes.js';

/** A stand-in for a channel's API (Slack Web API…): answers with the statuses it is told to. */
class FakeChannelApi {
  received: Array<{ type: string; ref?: string; text?: string }> = [];
  statuses: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.received = [];
    this.statuses = [];
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const status = this.statuses.shift() ?? 200;
        if (status === 200) {
          const n = JSON.parse(body) as Notification;
          const text = n.type === 'professional.reply' ? n.replies[0]?.text : undefined;
          this.received.push({
            type: n.type,
            ...('ref' in n && n.ref ? { ref: n.ref } : {}),
            ...(text ? { text } : {}),
          });
        }
        res.writeHead(status, status === 429 ? { 'Retry-After': '0' } : {});
        res.end(JSON.stringify({ ok: status === 200, ts: `ts-${this.received.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A deliverer that posts payloads here, as a channel's would post to its API. */
  deliverer(): Deliverer {
    return {
      deliver: async (payload) => {
        try {
          const response = await fetch(`${this.url}/deliver`, {
            method: 'POST',
            body: JSON.stringify(payload),
          });
          const verdict = classifyHttpStatus(response.status, response.headers.get('retry-after'));
          if (!verdict.ok) return verdict;
          const body = (await response.json()) as { ts: string };
          return { ok: true, ref: body.ts };
        } catch (error) {
          return classifyError(error);
        }
      },
    };
  }
}

async function drain(worker: OutboxWorker, until: () => boolean, maxMs = 10_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!until() && Date.now() < deadline) {
    await worker.tick();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('outbox helpers', () => {
  it('classifies HTTP statuses: 429 and 5xx transient, 403/404 permanent', () => {
    expect(classifyHttpStatus(200)).toEqual({ ok: true });
    expect(classifyHttpStatus(429, '3')).toMatchObject({ retry: true, retryAfterMs: 3000 });
    expect(classifyHttpStatus(503)).toMatchObject({ retry: true });
    expect(classifyHttpStatus(403)).toMatchObject({ retry: false });
    expect(classifyHttpStatus(404)).toMatchObject({ retry: false });
  });

  it('backs off exponentially with jitter, capped, and never before Retry-After', () => {
    const worker = new OutboxWorker({
      store: {} as never,
      logger: silentLogger,
      baseBackoffMs: 1000,
      maxBackoffMs: 60_000,
      random: () => 1,
    });
    expect([1, 2, 3, 4].map((n) => worker.backoff(n))).toEqual([1000, 2000, 4000, 8000]);
    expect(worker.backoff(20)).toBe(60_000);
    expect(worker.backoff(1, 30_000)).toBe(30_000);
    const low = new OutboxWorker({
      store: {} as never,
      logger: silentLogger,
      baseBackoffMs: 1000,
      random: () => 0,
    });
    expect(low.backoff(3)).toBe(2000);
  });
});

for (const backend of backends) {
  describe(`outbox delivery (${backend.name})`, () => {
    const fx = useStore(backend);
    const api = new FakeChannelApi();
    beforeEach(() => api.start());
    afterEach(() => api.stop());

    function worker() {
      const esc = makeEscalation(fx.store);
      const w = new OutboxWorker({
        store: fx.store,
        logger: silentLogger,
        baseBackoffMs: 5,
        maxBackoffMs: 20,
      });
      w.addHook(esc.outboxHook);
      for (const channel of ['web', 'slack']) w.registerDeliverer(channel, api.deliverer());
      return { esc, w };
    }

    it('delivers after the target was down (503, 503, 429, then 200), and later updates edit the posted card', async () => {
      const { esc, w } = worker();
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      api.statuses = [503, 503, 429];
      await drain(w, () => api.received.length >= 2);
      expect(api.received.map((r) => r.type)).toEqual(['queue.card', 'queue.card']);
      expect(await fx.store.listOutbox({ status: 'pending' })).toHaveLength(0);
      const escalation = (await esc.service.latestFor('web:dr-b'))!;
      expect(Object.keys(escalation.cardRefs).sort()).toEqual(['slack:at', 'web:at']);

      await esc.delegates.claim('web:karim', escalation.id);
      await drain(w, () => api.received.length >= 5);
      const updates = api.received.slice(2).filter((r) => r.type === 'queue.card');
      expect(updates).toHaveLength(2);
      expect(updates.every((u) => u.ref?.startsWith('ts-'))).toBe(true);
    });

    it('dead-letters a permanent failure (403) and shows it to admins and the queue, not to others', async () => {
      const { esc, w } = worker();
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      api.statuses = [403];
      await drain(w, () => false, 300);
      const dead = await fx.store.listOutbox({ status: 'dead' });
      expect(dead).toHaveLength(1);
      expect(dead[0]?.lastError).toBe('HTTP 403');
      expect(await fx.store.listOutbox({ status: 'pending' })).toHaveLength(0);
      expect(await esc.views.deadLetters('web:admin')).toHaveLength(1);
      expect(await esc.views.deadLetters('web:karim')).toMatchObject([
        { type: 'queue.card', error: 'HTTP 403' },
      ]);
      expect(await esc.views.deadLetters('web:claire')).toHaveLength(0);
    });

    it('dead-letters a notification for a channel nobody delivers', async () => {
      const esc = makeEscalation(fx.store);
      const w = new OutboxWorker({ store: fx.store, logger: silentLogger });
      w.registerDeliverer('web', api.deliverer());
      await esc.service.open(request('dr-b', { topic: 'arret_travail' })); // its queue also posts on Slack
      await drain(w, () => false, 200);
      const dead = await fx.store.listOutbox({ status: 'dead' });
      expect(dead.map((d) => d.channel)).toEqual(['slack']);
    });

    it('keeps the order of the messages to one professional across retries', async () => {
      const { esc, w } = worker();
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      const escalation = (await esc.service.latestFor('web:dr-b'))!;
      await esc.delegates.claim('web:karim', escalation.id);
      for (const text of ['premier', 'deuxième', 'troisième'])
        await esc.delegates.reply('web:karim', escalation.id, text);
      api.statuses = [503, 200, 503, 503, 200, 503];
      await drain(w, () => false, 1500);
      const toProfessional = api.received.filter((r) => r.type === 'professional.reply').map((r) => r.text);
      expect(toProfessional).toEqual([
        'Karim Benali (conseiller) prend en charge votre demande.',
        'premier',
        'deuxième',
        'troisième',
      ]);
    });
  });
}

describe('a crash between the state change and its delivery', () => {
  const api = new FakeChannelApi();
  beforeEach(() => api.start());
  afterEach(() => api.stop());

  const stores = [
    { name: 'embedded', options: () => ({ dataDir: tempDir() }) },
    {
      name: 'redis',
      options: () => ({ redisUrl: inject('redisUrl'), redisPrefix: randomPrefix(), dataDir: os.tmpdir() }),
    },
  ];
  for (const { name, options } of stores) {
    it(`delivers after restart what was committed before the process died (${name})`, async () => {
      const storeOptions = options();
      const crashed = await runInstance({
        store: storeOptions,
        clock: '2026-11-25T10:00:00+01:00',
        command: 'open-then-crash',
        professional: 'dr-b',
      });
      expect(crashed.signal).toBe('SIGKILL');
      const store = await createStore({ ...storeOptions, logger: silentLogger });
      try {
        const pendingAfterCrash = await store.listOutbox({ status: 'pending' });
        expect(pendingAfterCrash.length).toBeGreaterThan(0);
        const w = new OutboxWorker({ store, logger: silentLogger });
        w.registerDeliverer('web', api.deliverer());
        await drain(w, () => api.received.length >= 1);
        expect(api.received).toEqual([{ type: 'queue.card' }]);
        expect(await store.listOutbox({ status: 'pending' })).toHaveLength(0);
      } finally {
        await store.close();
      }
    });
  }
});
