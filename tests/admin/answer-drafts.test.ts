import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATION_COLLECTIONS } from '../../src/core/collections.js';
import { asOfDay } from '../../src/core/replies.js';
import type { Store } from '../../src/store/index.js';
import { type AdminHarness, createAdminHarness } from './harness.js';
import { embeddedStore, redisDeployment } from './support.js';

/**
 * Drafts an admin would notice: « Sources vérifiées aujourd'hui » moves the « à jour au » the chat
 * shows to the publication day (Paris calendar), and a delegate's proposed FAQ answer becomes a
 * draft of the chosen intent that nothing publishes by itself: the curated text stays, the proposal
 * (every reply the delegate sent, greetings included) sits below it in a marked block, and
 * publishing is refused until that block is merged and deleted.
 */

const INTENT = 'at_teleconsultation_limite_3j';
const FACT = 'Depuis aujourd’hui, la limite de 3 jours vaut aussi pour les renouvellements en téléconsultation.';
const GREETING = 'Bonjour, je regarde votre dossier et je reviens vers vous.';
const PROPOSED = 'Un arrêt prescrit en téléconsultation est limité à 3 jours, sauf par le médecin traitant.';
const START = '--- Proposition du délégué (à intégrer puis supprimer) ---';
const END = '--- Fin de la proposition du délégué ---';
const SUGGESTION = 'delegate_answer:esc-42';

for (const [kind, connect] of [
  ['embedded', () => embeddedStore()],
  ['redis', () => redisDeployment()()],
] as Array<[string, () => Promise<Store>]>) {
  describe(`answer drafts (${kind} store)`, () => {
    let h: AdminHarness;
    afterEach(async () => h?.close());

    // 23:30 UTC on 22 November is already 23 November in Paris.
    const start = async () => {
      h = await createAdminHarness({ at: '2026-11-22T23:30:00Z', store: await connect() });
      return (await h.admin.service.execute('web:admin', 'answers.get', { intentId: INTENT }))!.editable;
    };
    const served = async () => {
      await h.admin.answers.refresh();
      return (await h.admin.answers.current(INTENT, h.clock.now()))!;
    };

    it('« Sources vérifiées aujourd’hui » dates every source to the publication day (Paris); the preview shows the « à jour au »', async () => {
      const editable = await start();
      expect(asOfDay(await served())).toBe('2026-02-01');
      await h.admin.service.execute('web:admin', 'answers.saveDraft', {
        intentId: INTENT,
        content: { ...editable, text: FACT },
        sourcesCheckedToday: true,
      });
      const preview = await h.admin.service.execute('web:admin', 'answers.preview', { intentId: INTENT });
      expect(preview.asOf).toBe('2026-11-23');
      expect(preview.diff).toContain('+ source: Loi n° 2025-199 du 28/02/2025 (LFSS 2025), article 54 <https://juriblio.fr/lois/loi-no-2025-199-du-28-fevrier-2025/185487209/troisieme-partie/titre-ier/article-54> (2026-11-23)');
      // Published the next day: the day of publication counts, not the day of the draft.
      h.clock.advance(24 * 3_600_000);
      await h.admin.service.execute('web:admin', 'answers.publish', { intentId: INTENT });
      const now = await served();
      expect(now.text).toBe(FACT);
      expect(now.sources.map((s) => s.checked)).toEqual(['2026-11-24', '2026-11-24', '2026-11-24']);
      expect(asOfDay(now)).toBe('2026-11-24');
    });

    it('without the box ticked, the sources keep their check day', async () => {
      const editable = await start();
      await h.admin.service.execute('web:admin', 'answers.saveDraft', { intentId: INTENT, content: { ...editable, text: FACT } });
      expect((await h.admin.service.execute('web:admin', 'answers.preview', { intentId: INTENT })).asOf).toBe('2026-02-01');
      await h.admin.service.execute('web:admin', 'answers.publish', { intentId: INTENT });
      expect(asOfDay(await served())).toBe('2026-02-01');
    });

    async function proposal() {
      const value = { kind: 'delegate_answer', question: 'arrêt de 5 jours en visio possible ?', answer: `${GREETING}\n\n${PROPOSED}`, proposedBy: 'web:karim', createdAt: '2026-11-22T15:00:00Z', status: 'new' };
      await h.store.commit({ writes: [{ collection: CONVERSATION_COLLECTIONS.suggestions, id: SUGGESTION, expectedVersion: 0, value }] });
    }
    const inbox = async () => (await h.admin.service.execute('web:admin', 'suggestions.list', {})).flatMap((g) => g.items);

    it('a delegate’s proposal is added below the current text in a marked block; publishing waits until it is merged', async () => {
      const editable = await start();
      await proposal();
      const before = (await served()).text;
      await h.admin.service.execute('web:admin', 'suggestions.draftAnswer', { id: SUGGESTION, intentId: INTENT });

      const detail = (await h.admin.service.execute('web:admin', 'answers.get', { intentId: INTENT }))!;
      expect(detail.draft?.content).toEqual({ ...editable, text: `${editable.text.trimEnd()}\n\n${START}\n${GREETING}\n\n${PROPOSED}\n${END}` });
      // Nothing said the sources were re-read.
      expect(detail.draft?.sourcesCheckedToday).toBeUndefined();
      expect((await h.admin.service.execute('web:admin', 'answers.preview', { intentId: INTENT })).unmergedProposal).toBe(true);
      expect(detail.row.hasDraft).toBe(true);
      expect((await served()).text).toBe(before);
      expect(await inbox()).toMatchObject([{ id: SUGGESTION, draftFor: INTENT }]);
      // A second draft would overwrite the first: refused.
      await expect(h.admin.service.execute('web:admin', 'suggestions.draftAnswer', { id: SUGGESTION, intentId: INTENT })).rejects.toMatchObject({ code: 'draft_exists' });

      // Published as is, the bot would answer with the greeting and the markers: refused, with a clear message.
      await expect(h.admin.service.execute('web:admin', 'answers.publish', { intentId: INTENT })).rejects.toMatchObject({ code: 'proposal_unmerged' });
      expect(h.messages.t('fr', 'admin.error.proposal_unmerged')).toContain('Proposition du délégué');
      expect((await served()).text).toBe(before);
      expect(await inbox()).toMatchObject([{ id: SUGGESTION, draftFor: INTENT }]);

      const merged = `${editable.text.trimEnd()}\n\n${PROPOSED}`;
      await h.admin.service.execute('web:admin', 'answers.saveDraft', { intentId: INTENT, content: { ...detail.draft!.content, text: merged } });
      await h.admin.service.execute('web:admin', 'answers.publish', { intentId: INTENT });
      const now = await served();
      expect(now.text).toBe(merged);
      // Sources not re-checked: the « à jour au » does not move.
      expect(asOfDay(now)).toBe('2026-02-01');
      expect(await inbox()).toEqual([]);
      const audit = await h.store.listAudit({ subject: `suggestion:${SUGGESTION}` });
      expect(audit.map((a) => a.action)).toEqual(['suggestion.draft', 'suggestion.answer_published']);
    });

    it('a suggestion marked for a draft still expires with the retention (it holds the professional’s question)', async () => {
      await start();
      // Proposed 90 days (the retention) minus 1.5 s ago: marking it must not make it permanent.
      const createdAt = new Date(h.clock.now().getTime() - 90 * 86_400_000 + 1_500).toISOString();
      const value = { kind: 'delegate_answer', question: 'arrêt de 5 jours en visio ?', answer: PROPOSED, proposedBy: 'web:karim', createdAt, status: 'new' };
      await h.store.commit({ writes: [{ collection: CONVERSATION_COLLECTIONS.suggestions, id: SUGGESTION, expectedVersion: 0, value, ttlMs: 1_500 }] });
      await h.admin.service.execute('web:admin', 'suggestions.draftAnswer', { id: SUGGESTION, intentId: INTENT });
      expect((await h.store.get(CONVERSATION_COLLECTIONS.suggestions, SUGGESTION))?.value).toMatchObject({ draftFor: INTENT });
      await expect.poll(() => h.store.get(CONVERSATION_COLLECTIONS.suggestions, SUGGESTION), { timeout: 10_000 }).toBeNull();
    });

    it('discarding that draft handles the suggestion too; nothing was ever published', async () => {
      await start();
      await proposal();
      const before = (await served()).versionId;
      await h.admin.service.execute('web:admin', 'suggestions.draftAnswer', { id: SUGGESTION, intentId: INTENT });
      await h.admin.service.execute('web:admin', 'answers.discardDraft', { intentId: INTENT });
      expect(await inbox()).toEqual([]);
      expect((await served()).versionId).toBe(before);
      const audit = await h.store.listAudit({ subject: `suggestion:${SUGGESTION}` });
      expect(audit.map((a) => a.action)).toEqual(['suggestion.draft', 'suggestion.answer_discarded']);
    });
  });
}
