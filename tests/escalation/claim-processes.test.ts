import os from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import type { DelegateResult } from '../../src/escalation/model.js';
import { createStore } from '../../src/store/index.js';
import { randomPrefix } from '../store/backends.js';
import { makeEscalation, request, silentLogger } from './helpers.js';
import { runInstance } from './processes.js';

describe('claims across two server processes on one Redis', () => {
  it('leaves exactly one owner; the other process is told who has it', async () => {
    const storeOptions = { redisUrl: inject('redisUrl'), redisPrefix: randomPrefix(), dataDir: os.tmpdir() };
    const store = await createStore({ ...storeOptions, logger: silentLogger });
    try {
      const esc = makeEscalation(store);
      await esc.service.open(request('dr-b', { topic: 'arret_travail' }));
      const escalation = (await esc.service.latestFor('web:dr-b'))!;
      const startAt = Date.now() + 1500;
      const base = {
        store: storeOptions,
        clock: '2026-11-25T10:05:00+01:00',
        command: 'claim',
        escalationId: escalation.id,
        startAt,
      };
      const results = await Promise.all([
        runInstance({ ...base, actor: 'web:karim' }),
        runInstance({ ...base, actor: 'web:lea' }),
      ]);
      const outcomes = results.map((r) => r.output as DelegateResult);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const winner = outcomes.find((o) => o.ok) as Extract<DelegateResult, { ok: true }>;
      const loser = outcomes.find((o) => !o.ok) as Extract<DelegateResult, { ok: false }>;
      expect(loser.message).toBe(`Déjà pris en charge par ${winner.escalation.owner?.name}.`);
      const stored = await esc.service.latestFor('web:dr-b');
      expect(stored?.owner?.identity).toBe(winner.escalation.owner?.identity);
      const claims = (await store.listAudit({ subject: `escalation:${escalation.id}` })).filter(
        (a) => a.action === 'escalation.claim',
      );
      expect(claims).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
