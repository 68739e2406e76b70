import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { asOfDay } from '../../src/core/replies.js';
import { useAdminBrowser } from './harness.js';

/**
 * In a real browser, what the product review asked of publishing: a fix published over a version
 * scheduled for later asks the admin to cancel or keep it (in French), « Sources vérifiées
 * aujourd'hui » moves the « à jour au », and a delegate's proposed answer opens as a draft.
 */

const INTENT = 'at_teleconsultation_limite_3j';
const SCHEDULED_TEXT = 'Texte programmé pour le 1er juillet, écrit avant la correction (arrêt limité à 3 jours).';
const FIX_TEXT = 'Correction : un arrêt prescrit en téléconsultation reste limité à 3 jours, sauf par le médecin traitant.';
const PROPOSED = 'Réponse proposée par un délégué : au-delà de 3 jours, il faut une consultation en présentiel.';

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
    const checkedToday = page.getByLabel("Sources vérifiées aujourd'hui");
    expect(await checkedToday.isVisible()).toBe(false);
    await page.getByLabel('Texte', { exact: true }).fill(FIX_TEXT);
    expect(await checkedToday.isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText('Le bot affichera « à jour au 15/06/2026 ».').waitFor();
    expect(await page.locator('#preview-later').textContent()).toContain('v2 — prend effet le');

    await page.getByRole('button', { name: 'Publier' }).click();
    const choice = page.getByRole('group', { name: 'Des versions programmées remplaceraient celle-ci' });
    await choice.waitFor();
    expect(await choice.locator('li[data-version="v2"]').textContent()).toMatch(/^v2 — prend effet le 01\/07\/2026 00:00:00, programmée par web:admin$/);
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

  it('« Créer un brouillon de réponse » opens the chosen intent’s editor with the proposed text, nothing published', { timeout: 60_000 }, async () => {
    const value = { kind: 'delegate_answer', question: 'arrêt de 5 jours en visio ?', answer: PROPOSED, intentGuess: INTENT, proposedBy: 'web:karim', createdAt: env.server.clock.now().toISOString(), status: 'new' };
    await env.server.store.commit({ writes: [{ collection: 'suggestions', id: 'delegate_answer:esc-7', expectedVersion: 0, value }] });
    const before = (await served()).versionId;
    const page = await (await env.browser.newContext(PARIS)).newPage();
    await page.goto(`${env.server.url}/admin?as=admin`);
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Créer un brouillon de réponse' }).click();
    await expect.poll(() => page.getByLabel('Texte', { exact: true }).inputValue()).toBe(PROPOSED);
    await page.getByText('Brouillon créé à partir de la réponse proposée').waitFor();
    expect((await served()).versionId).toBe(before);

    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByText(`Brouillon de réponse en cours pour ${INTENT}`).waitFor();
  });
});
