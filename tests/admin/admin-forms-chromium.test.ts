import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAdminBrowser } from './harness.js';
import { repoCatalogue } from './support.js';

/**
 * In a real browser, what the product review found in the admin view: the suggestions' intent
 * list, refusals shown beside the form that caused them (in French, naming the field), French
 * numbers and dates in the Queues tab, and a way in for a caller who is not an admin.
 */

const QUESTION = 'peut-on facturer une téléconsultation depuis la plage ?';

describe('admin view forms in Chromium', () => {
  const env = useAdminBrowser();

  const adminPage = async (): Promise<Page> => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.server.url}/admin?as=admin`);
    await page.getByText('Connecté : Alex Admin').waitFor();
    return page;
  };
  /** The focused element's text (a refusal box takes the focus). */
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

  it('offers every intent, by title, in « Ajouter comme formulation de », whatever the answers search shows', { timeout: 60_000 }, async () => {
    await env.server.store.commit({
      writes: [
        {
          collection: 'suggestions',
          id: 'web:dr-durand/fallback/plage1',
          value: { kind: 'fallback', question: QUESTION, intentGuess: 'tlc_tarifs', at: env.server.clock.now().toISOString(), user: 'web:dr-durand', locale: 'fr', status: 'new' },
        },
      ],
      audit: [],
    });
    const page = await adminPage();
    await page.getByLabel('Rechercher une intention').fill('at_teleconsultation_limite');
    await expect.poll(() => page.locator('#answers tbody tr').count()).toBe(1);
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    const select = page.getByRole('combobox', { name: 'Ajouter comme formulation de' });
    await select.waitFor();
    const options = await select.locator('option').allTextContents();
    const intents = [...repoCatalogue().intents.keys()];
    expect(options).toHaveLength(intents.length);
    for (const id of intents) expect(options.some((o) => o.endsWith(`(${id})`))).toBe(true);
    expect(options).toContain('Arrêt de travail prescrit en téléconsultation (limite de 3 jours) (at_teleconsultation_limite_3j)');
    expect(options).toEqual([...options].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(await select.inputValue()).toBe('tlc_tarifs');

    // An intent the search did not show can take the question.
    await select.selectOption('tlc_territorialite');
    await page.getByRole('button', { name: 'Ajouter comme formulation de' }).click();
    await page.getByText('Aucune suggestion en attente.').waitFor();
    const detail = await env.server.admin.service.execute('web:admin', 'answers.get', { intentId: 'tlc_territorialite' });
    expect(detail!.utterances).toContain(QUESTION);
  });

  it('shows a queue refusal under that queue, in French, with the focus on it; « 4,5 » hours are saved', { timeout: 60_000 }, async () => {
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Files' }).click();
    const form = page.locator('form[data-queue="cis"]');
    const deadline = form.getByLabel('Délai (heures ouvrées)');
    await deadline.fill('quatre');
    await form.getByRole('button', { name: 'Enregistrer la file' }).click();
    const errors = form.locator('.form-errors');
    await errors.getByText('Délai (heures ouvrées) : un nombre est attendu').waitFor();
    expect(await errors.textContent()).toContain("La saisie n'est pas valide");
    expect(await focusedText(page)).toContain('Délai (heures ouvrées) : un nombre est attendu');

    await deadline.fill('4,5');
    await form.getByRole('button', { name: 'Enregistrer la file' }).click();
    await page.getByText('Fait.').waitFor();
    await expect.poll(() => page.locator('form[data-queue="cis"]').getByLabel('Délai (heures ouvrées)').inputValue()).toBe('4.5');
    expect(await page.locator('form[data-queue="cis"] .form-errors').isVisible()).toBe(false);
  });

  it('saves absences written with French dates, and shows what is wrong under the absences form', { timeout: 60_000 }, async () => {
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Files' }).click();
    const absences = page.getByLabel(/^Absences/);
    await absences.fill('web:claire 23/11/2026 27/11/2026');
    await page.getByRole('button', { name: 'Enregistrer absences et référents' }).click();
    await expect.poll(() => absences.inputValue()).toBe('web:claire 2026-11-23 2026-11-27');

    await absences.fill('web:claire 27/11/2026 23/11/2026\nclaire 2026-12-01');
    await page.getByRole('button', { name: 'Enregistrer absences et référents' }).click();
    const errors = page.locator('#directory-errors');
    await errors.getByText('Absence 1 : la fin précède le début').waitFor();
    expect(await errors.locator('li').allTextContents()).toEqual([
      'Absence 1 : la fin précède le début',
      'Absence 2 : identité attendue sous la forme web:claire, slack:U123 ou teams:…',
      'Absence 2 : incomplète (une ligne : identité AAAA-MM-JJ AAAA-MM-JJ)',
    ]);
    expect(await focusedText(page)).toContain('Absence 1 : la fin précède le début');
  });

  it('shows an answer refusal under the editor, naming the source as the form does', { timeout: 60_000 }, async () => {
    const page = await adminPage();
    await page.locator('#answers tr[data-intent="tlc_tarifs"]').click();
    const sources = page.getByLabel(/^Sources/);
    await expect.poll(() => sources.inputValue()).toContain('https://');
    await sources.fill('Ameli | ameli.fr/teleconsultation | 2026-01-05');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    const errors = page.locator('#editor-errors');
    await errors.getByText('Source 1 : adresse invalide').waitFor();
    expect(await errors.textContent()).not.toMatch(/Invalid|sources\.0/);
    expect(await focusedText(page)).toContain('Source 1 : adresse invalide');
  });

  it('tells a caller who is not an admin how to sign in, and the link works', { timeout: 60_000 }, async () => {
    // No `?as=`: the dev login's default identity (a professional) is not an admin.
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.server.url}/admin`);
    await page.getByText('Cette vue est réservée aux administrateurs').waitFor();
    const link = page.getByRole('link', { name: 'Se connecter en tant que Alex Admin (admin)' });
    await link.click();
    await page.getByText('Connecté : Alex Admin').waitFor();
    expect(await page.locator('#app').isVisible()).toBe(true);
    expect(await page.locator('#sign-in').isVisible()).toBe(false);
  });
});
