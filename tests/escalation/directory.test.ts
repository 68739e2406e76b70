import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { importEscalationConfig, storedDirectory } from '../../src/escalation/directory.js';
import { backends, useStore } from '../store/backends.js';
import { testConfig } from './helpers.js';

for (const backend of backends) {
  describe(`escalation configuration in the store (${backend.name})`, () => {
    const fx = useStore(backend);
    const clock = new FixedClock('2026-11-25T10:00:00+01:00');

    it('imports the file once, again only when it changed, and every reader sees the change', async () => {
      const [peer] = await fx.peers(1);
      const reader = storedDirectory(peer ?? fx.store);
      expect(await importEscalationConfig(fx.store, testConfig(), { clock })).toBe(true);
      expect(await importEscalationConfig(fx.store, testConfig(), { clock })).toBe(false);
      expect((await reader.current()).defaultQueue).toBe('accueil');
      expect(await importEscalationConfig(fx.store, testConfig({ defaultQueue: 'at' }), { clock })).toBe(
        true,
      );
      expect((await reader.current()).defaultQueue).toBe('at');
      const audit = await fx.store.listAudit({ subject: 'config:escalation' });
      expect(audit.map((a) => a.action)).toEqual(['escalation.config.import', 'escalation.config.import']);
    });
  });
}
