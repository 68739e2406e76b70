import { afterEach, describe, expect, it } from 'vitest';
import { activateDueVersions } from '../../src/admin/activation.js';
import { AdminError } from '../../src/admin/errors.js';
import { adminNotices } from '../../src/admin/notices.js';
import { ScheduledConflictError } from '../../src/admin/scheduled-conflict.js';
import { staticDirectory } from '../../src/escalation/directory.js';
import type { Store } from '../../src/store/index.js';
import { type AdminHarness, createAdminHarness } from './harness.js';
import { embeddedStore, escalationConfig, redisDeployment, repoMessages } from './support.js';

/**
 * The reviewer's repro: v2 of the answer is scheduled for 1 December (written before a fix), then a
 * correction is published now. Publishing is refused until the admin says whether the scheduled
 * version is cancelled (in the same commit) or kept; either way the answer served on 1 December is
 * the one the admin chose.
 */

const INTENT = 'at_teleconsultation_limite_3j';
const DECEMBER_TEXT = 'Texte programmé pour le 1er décembre, écrit avant la correction (arrêt limité à 3 jours).';
const FIX_TEXT = 'Correction publiée aujourd’hui : arrêt en téléconsultation limité à 3 jours, sauf médecin traitant.';
const FIRST_DECEMBER = '2026-12-01T08:00:00Z';

for (const [kind, connect] of [
  ['embedded', () => embeddedStore()],
  ['redis', () => redisDeployment()()],
] as Array<[string, () => Promise<Store>]>) {
  describe(`publishing over a later scheduled version (${kind} store)`, () => {
    let h: AdminHarness;
    afterEach(async () => h?.close());

    async function setUp() {
      h = await createAdminHarness({ at: '2026-11-20T10:00:00Z', store: await connect(), admins: ['web:alice', 'web:bob', 'web:carol'] });
      const { editable } = (await h.admin.service.execute('web:alice', 'answers.get', { intentId: INTENT }))!;
      const scheduled = await h.admin.service.execute('web:alice', 'answers.publishContent', {
        intentId: INTENT,
        content: { ...editable, text: DECEMBER_TEXT, validFrom: '2026-12-01' },
      });
      expect(scheduled).toMatchObject({ n: 2, scheduled: true, effectiveAt: '2026-11-30T23:00:00.000Z' });
      h.clock.advance(3_600_000);
      await h.admin.service.execute('web:bob', 'answers.saveDraft', { intentId: INTENT, content: { ...editable, text: FIX_TEXT } });
      return editable;
    }

    const publish = (onScheduled?: { action: 'cancel' | 'keep'; versions: number[] }) =>
      h.admin.service.execute('web:bob', 'answers.publish', { intentId: INTENT, ...(onScheduled ? { onScheduled } : {}) });
    const servedOn = async (at: string) => {
      // Another instance's view: reload what the store holds (Redis notifies asynchronously).
      await h.admin.answers.refresh();
      return (await h.admin.answers.current(INTENT, new Date(at)))?.text;
    };

    it('refuses a fix without a choice, listing the scheduled version, its date and its author; nothing changes', async () => {
      await setUp();
      const preview = await h.admin.service.execute('web:bob', 'answers.preview', { intentId: INTENT });
      expect(preview.laterScheduled).toEqual([{ n: 2, version: 'v2', effectiveAt: '2026-11-30T23:00:00.000Z', by: 'web:alice' }]);

      const refusal = await publish().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ScheduledConflictError);
      expect((refusal as ScheduledConflictError).code).toBe('scheduled_conflict');
      expect((refusal as ScheduledConflictError).scheduled).toEqual(preview.laterScheduled);
      const detail = (await h.admin.service.execute('web:bob', 'answers.get', { intentId: INTENT }))!;
      expect(detail.draft?.content.text).toBe(FIX_TEXT);
      expect(detail.versions.map((v) => [v.version, v.state])).toEqual([
        ['v2', 'scheduled'],
        ['v1', 'in_force'],
      ]);
    });

    it('cancel: the fix is served now and still on 1 December; the scheduled version is cancelled in the same step, audited', async () => {
      await setUp();
      expect(await publish({ action: 'cancel', versions: [2] })).toMatchObject({ n: 3, scheduled: false });
      expect(await servedOn(h.clock.now().toISOString())).toBe(FIX_TEXT);
      expect(await servedOn(FIRST_DECEMBER)).toBe(FIX_TEXT);

      const detail = (await h.admin.service.execute('web:bob', 'answers.get', { intentId: INTENT }))!;
      expect(detail.versions.map((v) => [v.version, v.state])).toEqual([
        ['v3', 'in_force'],
        ['v2', 'cancelled'],
        ['v1', 'past'],
      ]);
      const audit = await h.store.listAudit({ subject: `answer:${INTENT}` });
      expect(audit.filter((a) => a.actor === 'web:bob').map((a) => [a.action, a.to, a.details])).toEqual([
        ['answer.draft', undefined, undefined],
        ['answer.publish', 'v3', { effectiveAt: h.clock.now().toISOString(), laterScheduled: { action: 'cancel', versions: ['v2'] } }],
        ['answer.cancel_scheduled', 'v2', { effectiveAt: '2026-11-30T23:00:00.000Z', supersededBy: 'v3' }],
      ]);
      // On 1 December the activation job has nothing to activate.
      h.clock.set(FIRST_DECEMBER);
      const deps = { store: h.store, clock: h.clock, holder: 't', notices: adminNotices(staticDirectory(escalationConfig())), messages: repoMessages() };
      expect(await activateDueVersions(deps)).toBe(0);
    });

    it('keep: the fix is served now and, as chosen, the scheduled version from 1 December', async () => {
      await setUp();
      expect(await publish({ action: 'keep', versions: [2] })).toMatchObject({ n: 3, scheduled: false });
      expect(await servedOn(h.clock.now().toISOString())).toBe(FIX_TEXT);
      expect(await servedOn(FIRST_DECEMBER)).toBe(DECEMBER_TEXT);
      const publication = (await h.store.listAudit({ subject: `answer:${INTENT}` })).find((a) => a.to === 'v3');
      expect(publication?.details).toMatchObject({ laterScheduled: { action: 'keep', versions: ['v2'] } });
    });

    it('a version scheduled after the admin chose is not cancelled blindly: the conflict comes back with it', async () => {
      const editable = await setUp();
      await h.admin.service.execute('web:carol', 'answers.publishContent', {
        intentId: INTENT,
        content: { ...editable, text: 'Autre version programmée pour janvier, ajoutée entre-temps.', validFrom: '2027-01-01' },
      });
      // Carol's publication replaced the draft: Bob saves his fix again and confirms what he had seen.
      await h.admin.service.execute('web:bob', 'answers.saveDraft', { intentId: INTENT, content: { ...editable, text: FIX_TEXT } });
      const refusal = await publish({ action: 'cancel', versions: [2] }).catch((error: unknown) => error);
      expect((refusal as ScheduledConflictError).scheduled.map((s) => [s.version, s.by])).toEqual([
        ['v2', 'web:alice'],
        ['v3', 'web:carol'],
      ]);
      expect(await servedOn(FIRST_DECEMBER)).toBe(DECEMBER_TEXT);
    });

    it('applies to a scheduled publication and to a rollback too, not to one scheduled after every other', async () => {
      const editable = await setUp();
      const earlier = { intentId: INTENT, content: { ...editable, text: FIX_TEXT, validFrom: '2026-11-25' } };
      await expect(h.admin.service.execute('web:bob', 'answers.publishContent', earlier)).rejects.toMatchObject({ code: 'scheduled_conflict' });
      await expect(h.admin.service.execute('web:bob', 'answers.rollback', { intentId: INTENT, n: 1 })).rejects.toMatchObject({ code: 'scheduled_conflict' });
      const later = { intentId: INTENT, content: { ...editable, text: FIX_TEXT, validFrom: '2026-12-15' } };
      expect(await h.admin.service.execute('web:bob', 'answers.publishContent', later)).toMatchObject({ n: 3, scheduled: true });
      await expect(
        h.admin.service.execute('web:bob', 'answers.rollback', { intentId: INTENT, n: 1, onScheduled: { action: 'cancel', versions: [2, 3] } }),
      ).resolves.toMatchObject({ n: 4, scheduled: false });
      expect(await servedOn('2026-12-20T08:00:00Z')).toContain('En téléconsultation, un arrêt de travail ne peut pas dépasser 3 jours');
    });
  });
}

// Keeps the import honest: the conflict is an AdminError like every other refusal.
it('a scheduled conflict is a coded admin error', () => {
  expect(new ScheduledConflictError('x', [])).toBeInstanceOf(AdminError);
});
