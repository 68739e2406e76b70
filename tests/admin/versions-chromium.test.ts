import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { asOfDay } from '../../src/core/replies.js';
import { useAdminBrowser } from './harness.js';

/**
 * In a real browser, what the product review asked of publishing: a fix published over a version
 * scheduled for later asks the admin to cancel or keep it (in French, naming who scheduled it),
 * « Sources vérifiées aujourd'hui » is offered unticked and moves the « à jour au » only when ticked,
 * and a delegate's proposed answer opens as a draft that keeps the curated text and cannot be
 * published until the proposal block is merged.
 */

const INTENT = 'at_teleconsultation_limite_3j';
const SCHEDULED_TEXT = 'Texte programmé pour le 1er juillet, écrit avant la correction (arrêt limité à 3 jours).';
const FIX_TEXT = 'Correction : un arrêt prescrit en téléconsultation reste limité à 3 jours, sauf par le médecin traitant.';
const GREETING = 'Bonjour, je regarde votre dossier et je reviens vers vous.';
const PROPOSED = 'Réponse proposée par un délégué : au-delà de 3 jours, il faut une consultation en présentiel.';
const MARKER = '--- Proposition du délégué (à intégrer puis supprimer) ---';

/** `2026-02-01` as the console writes it. */
const french = (day: string) => day.split('-').reverse().join('/');

/** An admin's browser in France: dates read as in Paris. */
const PARIS = { timezoneId: 'Europe/Paris', locale: 'fr-FR' };

describe('publishing versions in the admin view (Chromium)', () => {
  const env = useAdminBrowser();

  const openEditor = async (): Promise<Page> => {
    const page = await (await env.browser.newContext(PARIS)).newPage();
    await page.goto(`${env.server.url}/admin?as=admin`);
    await page.getByLabel('Rechercher une intention').fill(INTENT);
    await page.locator(`#answers tr[data-intent="${INTENT}"]`).click();
    await expect.poll(() => page.getByLabel('Texte', { exact: true }).inputValue()).toContain('3 jours');
    return page;
  };
  const served = async () => {
    await env.server.admin.answers.refresh();
    return (await env.server.admin.answers.current(INTENT, env.server.clock.now()))!;
  };

  it('a fix over a later scheduled version: the admin sees it (version, date, author) and cancels it; sources dated today', { timeout: 60_000 }, async () => {
    const { editable } = (await env.server.admin.service.execute('web:admin', 'answers.get', { intentId: INTENT }))!;
    await env.server.admin.service.execute('web:admin', 'answers.publishContent', { intentId: INTENT, content: { ...editable, text: SCHEDULED_TEXT, validFrom: '2026-07-01' } });

    const page = await openEditor();
    const checkedOn = asOfDay(await served());
    expect(checkedOn).not.toBe('2026-06-15');
    const checkedToday = page.getByLabel("Sources vérifiées aujourd'hui");
    await page.getByLabel('Texte', { exact: true }).fill(FIX_TEXT);
    // Offered, never ticked for the admin: a changed text does not prove the sources were re-read.
    expect(await checkedToday.isVisible()).toBe(true);
    expect(await checkedToday.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText(`Le bot affichera « à jour au ${french(checkedOn)} ».`).waitFor();

    await checkedToday.check();
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText('Le bot affichera « à jour au 15/06/2026 ».').waitFor();
    expect(await page.locator('#preview-later').textContent()).toContain('v2 — prend effet le');

    await page.getByRole('button', { name: 'Publier' }).click();
    const choice = page.getByRole('group', { name: 'Des versions programmées remplaceraient celle-ci' });
    await choice.waitFor();
    expect(await choice.locator('li[data-version="v2"]').textContent()).toBe(
      "v2 — prend effet le 01/07/2026 00:00:00, programmée par Alex Admin ; elle ne contient pas la modification d'aujourd'hui",
    );
    // Nothing published while the admin has not chosen.
    expect((await served()).text).not.toBe(FIX_TEXT);

    await choice.getByRole('button', { name: 'Annuler ces versions programmées et publier' }).click();
    await page.getByText('Version v3 publiée.').waitFor();
    expect(await page.locator('#history li[data-version="v2"]').textContent()).toContain('annulée');
    const now = await served();
    expect(now.text).toBe(FIX_TEXT);
    expect(asOfDay(now)).toBe('2026-06-15');
    expect((await env.server.admin.answers.current(INTENT, new Date('2026-07-02T08:00:00Z')))?.text).toBe(FIX_TEXT);
  });

  it('« Créer un brouillon de réponse » keeps the answer’s text, adds the proposal in a block to merge; publishing waits for the merge', { timeout: 60_000 }, async () => {
    const value = { kind: 'delegate_answer', question: 'arrêt de 5 jours en visio ?', answer: `${GREETING}\n${PROPOSED}`, intentGuess: INTENT, proposedBy: 'web:karim', createdAt: env.server.clock.now().toISOString(), status: 'new' };
    await env.server.store.commit({ writes: [{ collection: 'suggestions', id: 'delegate_answer:esc-7', expectedVersion: 0, value }] });
    const before = await served();
    const page = await (await env.browser.newContext(PARIS)).newPage();
    await page.goto(`${env.server.url}/admin?as=admin`);
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Créer un brouillon de réponse' }).click();
    const text = page.getByLabel('Texte', { exact: true });
    await expect.poll(() => text.inputValue()).toContain(MARKER);
    await page.getByText('la proposition du délégué est sous le texte actuel').waitFor();
    const draft = await text.inputValue();
    expect(draft.startsWith(before.text)).toBe(true);
    expect(draft.indexOf(MARKER)).toBeGreaterThan(draft.indexOf(before.text));
    expect(draft).toContain(`${GREETING}\n${PROPOSED}`);
    expect(await page.getByLabel("Sources vérifiées aujourd'hui").isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.locator('#preview-unmerged').getByText('bloc « Proposition du délégué »').waitFor();
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.locator('#editor-errors').getByText('Le texte contient encore le bloc « Proposition du délégué »').waitFor();
    expect((await served()).versionId).toBe(before.versionId);

    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByText(`Brouillon de réponse en cours pour ${INTENT}`).waitFor();
    await page.getByRole('button', { name: 'Ouvrir le brouillon' }).click();
    await expect.poll(() => text.inputValue()).toContain(MARKER);
    const merged = `${before.text}\n${PROPOSED}`;
    await text.fill(merged);
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText(/^Version v\d+ publiée\.$/).waitFor();
    const now = await served();
    expect(now.text).toBe(merged);
    expect(asOfDay(now)).toBe(asOfDay(before));
  });
});
