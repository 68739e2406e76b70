import { describe, expect, it } from 'vitest';
import { type AuditEntry, StoreUnavailableError } from '../../../src/store/index.js';
import { type Backend, sleep, useStore } from '../backends.js';

const entry = (actor: string, action: string, subject: string): AuditEntry => ({
  at: '2025-03-03T09:00:00Z',
  actor,
  action,
  subject,
});

export function changeAndAuditCases(backend: Backend): void {
  describe('change notification, audit, lifecycle', () => {
    const ctx = useStore(backend);

    it('bumps a version counter and tells subscribers', async () => {
      const { store } = ctx;
      expect(await store.getVersion('content')).toBe(0);
      const heard: number[] = [];
      const unsubscribe = await store.subscribe('content', (version) => heard.push(version));
      expect(await store.bumpVersion('content')).toBe(1);
      expect(await store.bumpVersion('content')).toBe(2);
      expect(await store.bumpVersion('queues')).toBe(1);
      await expect.poll(() => heard).toEqual([1, 2]);
      await unsubscribe();
      await store.bumpVersion('content');
      await sleep(100);
      expect(heard).toEqual([1, 2]);
      expect(await store.getVersion('content')).toBe(3);
    });

    it('keeps audit entries in order, filters by subject, erases by subject or actor', async () => {
      const { store } = ctx;
      await store.commit({
        writes: [],
        audit: [
          entry('slack:U1', 'escalation.claim', 'escalation:e1'),
          entry('slack:U1', 'escalation.resolve', 'escalation:e1'),
          entry('admin:A1', 'answer.publish', 'answer:tlc_tarifs'),
        ],
      });
      await store.commit({ writes: [], audit: [entry('slack:U2', 'escalation.claim', 'escalation:e2')] });
      expect((await store.listAudit()).map((e) => e.action)).toEqual([
        'escalation.claim',
        'escalation.resolve',
        'answer.publish',
        'escalation.claim',
      ]);
      expect(await store.listAudit({ subject: 'escalation:e1', limit: 1 })).toEqual([
        entry('slack:U1', 'escalation.resolve', 'escalation:e1'),
      ]);
      expect((await store.listAudit({ limit: 2 })).map((e) => e.subject)).toEqual(['answer:tlc_tarifs', 'escalation:e2']);

      expect(await store.eraseAudit({ subject: 'escalation:e2', actor: 'slack:U1' })).toBe(3);
      expect(await store.listAudit()).toEqual([entry('admin:A1', 'answer.publish', 'answer:tlc_tarifs')]);
      expect(await store.listAudit({ subject: 'escalation:e1' })).toEqual([]);
      expect(await store.eraseAudit({ actor: 'slack:U1' })).toBe(0);
    });

    it('answers ping while open and refuses every call once closed', async () => {
      const { store } = ctx;
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.get('escalations', 'e1')).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
