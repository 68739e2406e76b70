import { describe, expect, it } from 'vitest';
import { routeEscalation } from '../../src/escalation/routing.js';
import { testConfig, WEDNESDAY_10 } from './helpers.js';

const at = new Date(WEDNESDAY_10);

describe('routing', () => {
  it("sends a professional's question to their referent delegate first, whatever the topic", () => {
    const route = routeEscalation(testConfig(), { professional: 'web:dr-a', topic: 'arret_travail' }, at);
    expect(route).toMatchObject({ via: 'referent', queue: { id: 'ref-claire' } });
  });

  it("sends it to the referent's backup queue while the referent is absent", () => {
    const config = testConfig({
      absences: [{ delegate: 'web:claire', from: '2026-11-23', to: '2026-11-27' }],
    });
    const route = routeEscalation(config, { professional: 'web:dr-a' }, at);
    expect(route).toMatchObject({ via: 'referent', queue: { id: 'at' }, insteadOf: 'ref-claire' });
    // The absence is over the next Monday.
    const monday = new Date('2026-11-30T10:00:00+01:00');
    expect(routeEscalation(config, { professional: 'web:dr-a' }, monday).queue.id).toBe('ref-claire');
  });

  it('uses the topic queue for a professional without a referent', () => {
    const route = routeEscalation(testConfig(), { professional: 'web:dr-b', topic: 'arret_travail' }, at);
    expect(route).toMatchObject({ via: 'topic', queue: { id: 'at' } });
  });

  it('falls back to the default queue for an unmapped topic or none', () => {
    expect(
      routeEscalation(testConfig(), { professional: 'web:dr-b', topic: 'facturation' }, at),
    ).toMatchObject({
      via: 'default',
      queue: { id: 'accueil' },
    });
    expect(routeEscalation(testConfig(), { professional: 'web:dr-b' }, at).queue.id).toBe('accueil');
  });

  it('skips a queue whose every member is absent, following its backup chain', () => {
    const config = testConfig({
      absences: [
        { delegate: 'web:karim', from: '2026-11-25', to: '2026-11-25' },
        { delegate: 'web:lea', from: '2026-11-20', to: '2026-11-30' },
      ],
    });
    expect(routeEscalation(config, { professional: 'web:dr-b', topic: 'arret_travail' }, at)).toMatchObject({
      queue: { id: 'accueil' },
      insteadOf: 'at',
    });
  });
});
